import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { StrategyRecord } from '../../src/child-protection/schemas.ts'
import type { ChildProtectionContext } from '../../src/child-protection/workflow/context.ts'
import * as strategy from '../../src/child-protection/workflow/strategy-discussion.ts'
import { listChildEvents } from '../../src/platform/events/event.ts'
import type { InvalidInput } from '../../src/platform/http/schemas.ts'
import { createSubscription } from '../../src/platform/webhooks/store.ts'
import { WebhookWorker } from '../../src/platform/webhooks/worker.ts'
import {
  caller as actor,
  businessSupport,
  heldOn,
  insertChild,
  lateReason,
  openChildProtection,
} from '../support/child-protection.ts'
import type { TestDatabase } from '../support/database.ts'
import { startWebhookReceiver } from '../support/webhook-receiver.ts'

// Monday 1 June 2026; the discussion is on Tuesday 2 June.
const NOW = new Date('2026-06-01T09:00:00Z')
const MEETING = '2026-06-02'

export const chair = actor(
  'chair-1',
  'leicester-city-council',
  'local-authority',
  'strategy-discussion-chair',
)
const social = actor('sw-1', 'leicester-city-council', 'local-authority', 'mat-practitioner')
const police = actor('pc-1', 'leicestershire-police', 'police', 'police-public-protection')
const health = actor('hv-1', 'llr-community-health', 'health', 'mat-practitioner')
const referrer = actor('ref-1', 'leicester-schools', 'education', 'referrer')

export const invitees = [
  { agencyId: 'leicester-city-council', name: 'Sam Social', email: 'sam@leicester.example' },
  { agencyId: 'leicestershire-police', name: 'PC Jones', email: 'jones@police.example' },
  { agencyId: 'llr-community-health', name: 'Hana Visitor', email: 'hana@health.example' },
  { agencyId: 'leicester-schools', name: 'Dee Lead', email: 'dsl@school.example' },
]

export const jointRecord: StrategyRecord = {
  attendance: [
    { agencyId: 'leicester-city-council', attendee: '' },
    { agencyId: 'leicestershire-police', attendee: 'PC Jones' },
    { agencyId: 'llr-community-health', attendee: '' },
  ],
  informationShared: 'School saw bruising; police hold two domestic incidents.',
  riskAnalysis: 'Likely non-accidental injury; risk of further harm.',
  decision: 's47-joint',
  decisionReasons: 'Reasonable cause to suspect significant harm.',
  policeDecision: 'criminal-investigation',
  familySharing: 'Mother told of the enquiry; not of the police investigation.',
  familySharingOn: MEETING,
  actions: [
    {
      description: 'Joint visit and see the child alone',
      ownerAgencyId: 'leicester-city-council',
      ownerName: 'Sam Social',
      dueBy: '2026-06-03',
    },
    {
      description: 'Child protection medical',
      ownerAgencyId: 'llr-community-health',
      ownerName: 'Dr Lee',
      dueBy: MEETING,
    },
  ],
}

describe('strategy discussions end to end', () => {
  let database: TestDatabase
  let ctx: ChildProtectionContext
  before(async () => ({ database, ctx } = await openChildProtection(() => NOW)))
  after(() => database.dispose())

  it('books, gathers, records, signs off and circulates a joint s47 discussion', async () => {
    process.env.MASA_TEST_POLICE_HOOK = 'police-hook-secret'
    const receiver = await startWebhookReceiver({ secret: 'police-hook-secret', failFirst: 2 })
    try {
      await createSubscription(database.db, {
        agencyId: 'leicestershire-police',
        url: receiver.url,
        secretRef: 'env:MASA_TEST_POLICE_HOOK',
        eventTypes: [strategy.RECORD_CIRCULATED],
      })
      const childId = await insertChild(database, 'LC-1')
      const id = await strategy.requestDirect(ctx, businessSupport, {
        childId,
        origin: 'urgent',
        concerns: 'Bruising seen at school.',
        meetingReasons: [],
      })
      await strategy.schedule(ctx, businessSupport, id, {
        date: MEETING,
        time: '10:00',
        format: 'meeting',
        location: 'Teams',
        meetingReasons: [],
        invitees,
        lateReason,
      })
      await strategy.reply(ctx, police, id, 'leicestershire-police', 'accepted')
      for (const who of [social, police, health])
        await strategy.contribute(ctx, who, id, {
          recordsHeld: `${who.actor.id} records`,
          risks: 'r',
          strengths: 's',
          ...(who === health ? { marking: 'health-only' as const } : {}),
        })
      await assert.rejects(
        strategy.contribute(ctx, referrer, id, { recordsHeld: '', risks: '', strengths: '' }),
        (e: InvalidInput) => e.statusCode === 404,
        'a referrer who is not personally involved cannot see the discussion exists',
      )
      await assert.rejects(strategy.saveRecord(ctx, chair, id, jointRecord), {
        statusCode: 409,
        message: /has not started yet/,
      })
      const held = heldOn(ctx, MEETING)
      await assert.rejects(strategy.signOff(held, chair, id), { statusCode: 409 })
      await strategy.saveRecord(held, chair, id, jointRecord)
      await strategy.signOff(held, chair, id)

      const file = await strategy.readFile(ctx, chair, id)
      assert.equal(file.discussion.status, 'signed-off')
      assert.equal(file.discussion.circulation_due_by, '2026-06-03')
      assert.equal(file.record?.icpc_due_by, '2026-06-23')
      assert.equal(file.contributions.length, 2, 'the chair does not read the health-only part')
      assert.deepEqual(
        file.withheldContributions.map((c) => c.agency_id),
        ['llr-community-health'],
      )
      assert.deepEqual(
        file.circulations.map((c) => c.agency_id),
        ['leicester-city-council', 'leicestershire-police', 'llr-community-health'],
      )
      const s47 = await database.db
        .selectFrom('section47_enquiry')
        .selectAll()
        .where('child_id', '=', childId)
        .execute()
      assert.equal(s47[0]?.icpc_due_by, '2026-06-23')
      assert.equal(s47[0]?.joint_with_police, true)

      await strategy.acknowledge(ctx, police, id)
      await assert.rejects(strategy.acknowledge(ctx, police, id), { statusCode: 409 })

      const types = (await listChildEvents(database.db, childId)).map((e) => e.type)
      for (const type of [
        'strategy.requested',
        'strategy.scheduled',
        'strategy.reply-recorded',
        'strategy.contributed',
        'strategy.recorded',
        'strategy.signed-off',
        'strategy.record-circulated',
        'section47.started',
        'strategy.record-acknowledged',
      ])
        assert.ok(types.includes(type), type)

      const emails = await database.db
        .selectFrom('notification_outbox')
        .select(['template_id', 'recipient'])
        .execute()
      assert.equal(emails.filter((e) => e.template_id === 'strategy-invitation').length, 4)
      assert.equal(emails.filter((e) => e.template_id === 'strategy-record').length, 3)

      const worker = new WebhookWorker(database.db)
      const start = Date.now()
      for (const ms of [0, 31_000, 92_000]) await worker.drain(() => new Date(start + ms))
      assert.equal(receiver.requests, 3)
      assert.equal(receiver.received.length, 1)
      const body = receiver.received[0]?.body
      assert.equal(body?.type, strategy.RECORD_CIRCULATED)
      assert.equal((body?.data.record as { decision: string } | undefined)?.decision, 's47-joint')
      const copy = body?.data as { contributions: { agencyId: string }[]; withheldContributions: unknown[] }
      assert.deepEqual(
        copy.contributions.map((c) => c.agencyId).sort(),
        ['leicester-city-council', 'leicestershire-police'],
        'police’s system gets the record without health’s health-only part',
      )
      assert.deepEqual(copy.withheldContributions, [
        { agencyId: 'llr-community-health', agency: 'LLR Community Health Trust', marking: 'health-only' },
      ])
    } finally {
      await receiver.close()
    }
  })

  it('refuses a call when the concerns need a meeting, and a schedule without police or health', async () => {
    const childId = await insertChild(database, 'LC-2')
    const id = await strategy.requestDirect(ctx, businessSupport, {
      childId,
      origin: 'live-cp-plan',
      concerns: 'Pre-birth concerns.',
      meetingReasons: [],
    })
    const attempt = strategy.schedule(ctx, businessSupport, id, {
      date: '2026-06-06',
      time: '9am',
      format: 'call',
      location: '',
      meetingReasons: ['pre-birth'],
      invitees: invitees.slice(0, 1),
    })
    await assert.rejects(attempt, (error: InvalidInput) => {
      assert.deepEqual(
        error.problems.map((p) => p.field),
        ['date', 'time', 'location', 'format', 'lateReason', 'invitees'],
      )
      return true
    })
  })

  it('lets only chairs record and only business support book', async () => {
    const childId = await insertChild(database, 'LC-3')
    await assert.rejects(
      strategy.requestDirect(ctx, police, { childId, origin: 'urgent', concerns: 'x', meetingReasons: [] }),
      { statusCode: 403 },
    )
    const id = await strategy.requestDirect(ctx, businessSupport, {
      childId,
      origin: 'urgent',
      concerns: 'x',
      meetingReasons: [],
    })
    await assert.rejects(strategy.saveRecord(ctx, businessSupport, id, jointRecord), { statusCode: 403 })
    await assert.rejects(strategy.saveRecord(ctx, chair, id, jointRecord), { statusCode: 409 })
  })
})
