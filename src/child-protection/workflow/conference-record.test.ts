// A conference's record on a real database (PGlite): the parents, the child and an advocate invited;
// reports read before the parents get them (one withheld, with the reason); the chair's minutes with
// the child's own words, signed off and circulated to the invited agencies to acknowledge; core group
// meetings after the conference with the plan's progress on each outcome.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  conferenceRecord,
  decidedDiscussion,
  heldOn,
  insertChild,
  invitees,
  leicester,
  openChildProtection,
} from '../../../test/support/child-protection.ts'
import type { TestDatabase } from '../../../test/support/database.ts'
import { listChildEvents } from '../../platform/events/event.ts'
import type { InvalidInput } from '../../platform/http/schemas.ts'
import { listConferenceRecordsToCirculate, listConferenceRecordsToSignOff } from '../store/diary.ts'
import * as conferences from './conference.ts'
import * as records from './conference-record.ts'
import type { ChildProtectionContext } from './context.ts'
import { recordCoreGroupMeeting } from './core-group.ts'
import { readPlan } from './plan.ts'

const { support, chair, police, health } = leicester
// Monday 1 June 2026; the strategy discussion is on Tuesday 2 June, the ICPC on Monday 22 June.
let clock = new Date('2026-06-01T09:00:00Z')
const problemsOf = (error: InvalidInput) => error.problems.map((p) => p.field)

describe('a conference’s record', () => {
  let database: TestDatabase
  let ctx: ChildProtectionContext
  let childId: string
  let id: string
  before(async () => {
    ;({ database, ctx } = await openChildProtection(() => clock))
    childId = await insertChild(database, 'REC-1')
    await decidedDiscussion(ctx, childId, { date: '2026-06-02', decision: 's47-joint' })
    const s47 = await database.db
      .selectFrom('section47_enquiry')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    id = await conferences.bookInitial(ctx, support, s47.id, {
      date: '2026-06-22',
      time: '10:00',
      location: 'Room 1',
      invitees,
    })
  })
  after(() => database.dispose())

  it('invites the parents, the child and an advocate; only business support or the chair may', async () => {
    await records.inviteParticipant(ctx, support, id, {
      role: 'parent',
      name: 'Jo Example',
      relationship: 'Mother',
    })
    await records.inviteParticipant(ctx, support, id, {
      role: 'child',
      name: 'Amy Example',
      relationship: 'The child',
    })
    await assert.rejects(
      records.inviteParticipant(ctx, police, id, { role: 'advocate', name: 'A', relationship: 'Advocate' }),
      { statusCode: 403 },
    )
    await assert.rejects(
      records.inviteParticipant(ctx, support, id, { role: 'advocate', name: '', relationship: '' } as never),
      (error: InvalidInput) =>
        problemsOf(error).includes('name') && problemsOf(error).includes('relationship'),
    )
    const { participants } = await conferences.readConference(ctx, chair, id)
    assert.deepEqual(
      participants.map((p) => [p.role, p.name]),
      [
        ['parent', 'Jo Example'],
        ['child', 'Amy Example'],
      ],
    )
  })

  it('reads each report before the parents get it: a withheld one says why and is not shared', async () => {
    await conferences.submitReport(ctx, police, id, 'Police report: a neighbour’s statement')
    await conferences.submitReport(ctx, health, id, 'Health report')
    await assert.rejects(
      records.reviewReport(ctx, support, id, 'leicestershire-police', {
        forParents: 'withhold',
        withheldReason: ' ',
      }),
      (error: InvalidInput) => problemsOf(error).includes('withheldReason'),
    )
    await assert.rejects(
      records.reviewReport(ctx, police, id, 'llr-community-health', {
        forParents: 'share',
        withheldReason: '',
      }),
      { statusCode: 403 },
    )
    await records.reviewReport(ctx, chair, id, 'leicestershire-police', {
      forParents: 'withhold',
      withheldReason: 'Third-party information',
    })
    await records.reviewReport(ctx, support, id, 'llr-community-health', {
      forParents: 'share',
      withheldReason: '',
    })
    await conferences.shareReportsWithParents(ctx, support, id)
    const { invitations } = await records.readForOrganiser(ctx, support, id)
    const shared = invitations.filter((i) => i.report_shared_with_parents_at).map((i) => i.agency_id)
    assert.deepEqual(shared, ['llr-community-health'])
    const police_ = invitations.find((i) => i.agency_id === 'leicestershire-police')
    assert.equal(police_?.report_withheld_reason, 'Third-party information')
    await assert.rejects(records.readForOrganiser(ctx, police, id), { statusCode: 403 })
    // A report sent again is read again before it can go.
    await conferences.submitReport(ctx, health, id, 'Health report, corrected')
    const again = await records.readForOrganiser(ctx, support, id)
    assert.equal(
      again.invitations.find((i) => i.agency_id === 'llr-community-health')?.report_for_parents,
      null,
    )
  })

  it('the chair writes the minutes with the child’s own words once the decision is recorded, then signs off', async () => {
    const held = heldOn(ctx, '2026-06-22')
    const { participants } = await conferences.readConference(ctx, chair, id)
    const views = (childViews: string) => ({
      discussion: 'Each agency shared what it knows',
      riskAnalysis: 'Bruising unexplained; mother engages',
      participants: participants.map((p) => ({
        participantId: p.id,
        attended: true,
        views: p.role === 'child' ? childViews : 'I want to work with you',
      })),
    })
    await assert.rejects(records.saveMinutes(held, chair, id, views('')), { statusCode: 409 })
    await conferences.recordConference(
      held,
      chair,
      id,
      conferenceRecord({
        decision: {
          cpPlan: true,
          category: 'PHY',
          reasons: 'Continuing risk',
          planSummary: 'Safety plan',
          dissent: [],
          coreGroupAgencyIds: ['leicester-city-council', 'llr-community-health'],
          coreGroupFirstMeetingOn: '2026-07-03',
        },
      }),
    )
    await assert.rejects(records.saveMinutes(held, chair, id, views(' ')), (error: InvalidInput) =>
      problemsOf(error).includes('views-2'),
    )
    await assert.rejects(records.saveMinutes(held, support, id, views('I feel safe at nan’s')), {
      statusCode: 403,
    })
    await assert.rejects(records.signOffMinutes(held, chair, id), { statusCode: 409 })
    await records.saveMinutes(held, chair, id, views('I feel safe at nan’s'))
    const waiting = async () =>
      (await listConferenceRecordsToSignOff(database.db, ['leicester'])).map((r) => r.href)
    assert.deepEqual(await waiting(), [`/conferences/${id}/minutes`], 'waits for the chair’s sign-off')
    await records.signOffMinutes(held, chair, id)
    assert.deepEqual(await waiting(), [])
    await assert.rejects(records.saveMinutes(held, chair, id, views('changed')), { statusCode: 409 })

    const file = await conferences.readConference(ctx, police, id)
    assert.equal(file.participants.find((p) => p.role === 'child')?.views, 'I feel safe at nan’s')
    assert.equal(file.minutes?.circulation_due_by, '2026-06-23')
    assert.deepEqual(
      file.circulations.map((c) => c.agency_id),
      invitees.map((i) => i.agencyId).sort(),
    )
    const unacknowledged = async () =>
      (await listConferenceRecordsToCirculate(database.db, ['leicester'])).flatMap((r) => r.agencyIds)
    assert.deepEqual(
      await unacknowledged(),
      invitees.map((i) => i.agencyId).sort(),
      'business support chase them',
    )
    await records.acknowledgeMinutes(held, police, id)
    await assert.rejects(records.acknowledgeMinutes(held, police, id), { statusCode: 409 })
    assert.ok(!(await unacknowledged()).includes('leicestershire-police'), 'acknowledged, no longer chased')
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select('recipient')
      .where('template_id', '=', 'conference-record')
      .execute()
    assert.equal(emails.length, 3)
    const types = (await listChildEvents(database.db, childId)).map((e) => e.type)
    for (const type of [
      'conference.record-signed-off',
      records.RECORD_CIRCULATED,
      'conference.record-acknowledged',
    ])
      assert.ok(types.includes(type), type)
  })

  it('records core group meetings after the conference, with progress on each of the plan’s outcomes and the child’s own words', async () => {
    const { plan_id: planId } = await database.db
      .selectFrom('conference')
      .select('plan_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const plan = planId as string
    clock = new Date('2026-07-03T15:00:00Z')
    const meeting = { heldOn: '2026-07-03', attendingAgencyIds: ['leicester-city-council'], progress: [] }
    await assert.rejects(
      recordCoreGroupMeeting(ctx, support, plan, { ...meeting, newOutcomes: [' '] }),
      (error: InvalidInput) => problemsOf(error).includes('newOutcomes'),
    )
    await assert.rejects(
      recordCoreGroupMeeting(ctx, support, plan, { ...meeting, heldOn: '2026-07-06', newOutcomes: ['x'] }),
      (error: InvalidInput) => problemsOf(error).includes('heldOn'),
    )
    await assert.rejects(recordCoreGroupMeeting(ctx, police, plan, { ...meeting, newOutcomes: ['x'] }), {
      statusCode: 403,
    })
    await recordCoreGroupMeeting(ctx, support, plan, {
      ...meeting,
      newOutcomes: ['Amy goes to school every day', 'No new injuries'],
    })
    const first = await readPlan(ctx, chair, plan)
    const [school, injuries] = first.coreGroupRecord.outcomes
    assert.equal(school?.position, 1)
    clock = new Date('2026-08-03T15:00:00Z')
    const second = { ...meeting, heldOn: '2026-08-03', newOutcomes: [] }
    await assert.rejects(
      recordCoreGroupMeeting(ctx, chair, plan, {
        ...second,
        progress: [{ outcomeId: school?.id ?? '', progress: 'Attendance 95%' }],
      }),
      (error: InvalidInput) => problemsOf(error).includes('progress-2'),
    )
    await recordCoreGroupMeeting(ctx, chair, plan, {
      ...second,
      progress: [
        { outcomeId: school?.id ?? '', progress: 'Attendance 95%' },
        { outcomeId: injuries?.id ?? '', progress: 'None seen' },
      ],
      childWords: ' “I like my new teacher but I want to see Nan more.” ',
    })
    const { coreGroupRecord } = await readPlan(ctx, chair, plan)
    assert.equal(coreGroupRecord.meetings.length, 2)
    // The child's own words at the plan's core group, optional, kept as said (migration 0042).
    assert.deepEqual(
      coreGroupRecord.meetings.map((m) => m.child_words),
      [null, '“I like my new teacher but I want to see Nan more.”'],
    )
    assert.deepEqual(coreGroupRecord.progress.map((p) => p.progress).sort(), ['Attendance 95%', 'None seen'])
  })
})
