// The strategy discussion's use cases on a real database (PGlite): each step decides, stores and
// records its event in one transaction, so a step stopped by bad input leaves nothing behind.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import {
  strategyChair as chair,
  decidedDiscussion,
  insertChild,
  invitees,
  openChildProtection,
  requestDiscussion,
  businessSupport as support,
} from '../../../test/support/child-protection.ts'
import type { TestDatabase } from '../../../test/support/database.ts'
import { createUser } from '../../identity/store.ts'
import { InvalidInput } from '../../platform/http/schemas.ts'
import { recordDocument } from '../rules/record-document.ts'
import type { ChildProtectionContext } from './context.ts'
import * as strategy from './strategy-discussion.ts'

// Monday 1 June 2026, 10:00am in London; an urgent discussion is due today.
const NOW = new Date('2026-06-01T09:00:00Z')
let clock = NOW

const meeting = {
  date: '2026-06-01',
  time: '14:00',
  format: 'meeting' as const,
  location: 'Teams',
  meetingReasons: [],
  invitees,
}

describe('strategy discussion workflow', () => {
  let database: TestDatabase
  let ctx: ChildProtectionContext
  before(async () => ({ database, ctx } = await openChildProtection(() => clock)))
  after(() => database.dispose())

  const requested = async (laChildId: string) =>
    requestDiscussion(ctx, await insertChild(database, laChildId))

  const eventsOf = async (id: string) =>
    (
      await database.db
        .selectFrom('domain_event')
        .select(['type', 'payload'])
        .orderBy('occurred_at')
        .execute()
    )
      .filter((e) => (e.payload as { strategyDiscussionId?: string }).strategyDiscussionId === id)
      .map((e) => e.type)

  it('an urgent request is due the same working day, and recorded on the chronology', async () => {
    const id = await requested('WF-1')
    const row = await database.db
      .selectFrom('strategy_discussion')
      .select(['status', 'due_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(row, { status: 'requested', due_by: '2026-06-01' })
    assert.deepEqual(await eventsOf(id), ['strategy.requested'])
  })

  it('a schedule without police is refused, naming the field, and leaves no invitation or event', async () => {
    const id = await requested('WF-2')
    const withoutPolice = invitees.filter((i) => i.agencyId !== 'leicestershire-police')
    const refused = await strategy.schedule(ctx, support, id, { ...meeting, invitees: withoutPolice }).then(
      () => assert.fail('the schedule was accepted'),
      (error: unknown) => error,
    )
    assert.ok(refused instanceof InvalidInput)
    assert.deepEqual(
      refused.problems.map((p) => p.field),
      ['invitees'],
    )
    const invited = await database.db
      .selectFrom('strategy_invitation')
      .select('agency_id')
      .where('discussion_id', '=', id)
      .execute()
    assert.deepEqual(invited, [])
    assert.deepEqual(await eventsOf(id), ['strategy.requested'])
  })

  it('a quorate schedule invites each agency, emails them, and moves the discussion on', async () => {
    const id = await requested('WF-3')
    await strategy.schedule(ctx, support, id, meeting)
    const invited = await database.db
      .selectFrom('strategy_invitation')
      .select('agency_id')
      .where('discussion_id', '=', id)
      .orderBy('agency_id')
      .execute()
    assert.deepEqual(
      invited.map((i) => i.agency_id),
      invitees.map((i) => i.agencyId).sort(),
    )
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'attachments'])
      .where('template_id', '=', 'strategy-invitation')
      .where(
        'recipient',
        'in',
        invitees.map((i) => i.email),
      )
      .execute()
    assert.equal(emails.length, 3)
    const [calendar] = emails[0]?.attachments ?? []
    assert.equal(calendar?.contentType, 'text/calendar; charset=utf-8; method=REQUEST')
    assert.match(calendar?.content ?? '', /^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/)
    assert.match(calendar?.content ?? '', new RegExp(`UID:${id}@masa\r\nSEQUENCE:0\r\n`))
    assert.deepEqual(await eventsOf(id), ['strategy.requested', 'strategy.scheduled'])
  })

  it('a booking after its due date asks why, and keeps the reason with the booking and its event', async () => {
    const id = await requested('WF-4')
    const tomorrow = { ...meeting, date: '2026-06-02' }
    await assert.rejects(strategy.schedule(ctx, support, id, tomorrow), (error: InvalidInput) => {
      assert.deepEqual(
        error.problems.map((p) => p.field),
        ['lateReason'],
      )
      assert.match(error.message, /after 1 June 2026/)
      return true
    })
    await strategy.schedule(ctx, support, id, { ...tomorrow, lateReason: '  Police on a raid today  ' })
    const row = await database.db
      .selectFrom('strategy_discussion')
      .select('late_reason')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(row.late_reason, 'Police on a raid today')
    const scheduled = await database.db
      .selectFrom('domain_event')
      .select(['payload', 'summary'])
      .where('type', '=', 'strategy.scheduled')
      .where(sql<boolean>`payload->>'strategyDiscussionId' = ${id}`)
      .executeTakeFirstOrThrow()
    assert.equal((scheduled.payload as { lateReason?: string }).lateReason, 'Police on a raid today')
    assert.equal(scheduled.summary, 'Strategy meeting booked for 2 June 2026 at 2:00pm', 'in people’s words')
  })

  it('a booking on its due date keeps no reason, even one given', async () => {
    const id = await requested('WF-5')
    await strategy.schedule(ctx, support, id, { ...meeting, lateReason: 'Not needed' })
    const row = await database.db
      .selectFrom('strategy_discussion')
      .select('late_reason')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(row.late_reason, null)
  })

  it('the record is written and signed off only once the discussion has started', async () => {
    const id = await requested('WF-6')
    await strategy.schedule(ctx, support, id, meeting)
    const record = {
      attendance: invitees.map((i) => ({ agencyId: i.agencyId, attendee: i.name })),
      informationShared: 'i',
      riskAnalysis: 'r',
      decision: 'nfa' as const,
      decisionReasons: 'd',
      policeDecision: 'no-criminal-investigation' as const,
      familySharing: 'f',
      familySharingOn: null,
      childWords: '  I want to stay at Nan’s  ',
      actions: [],
    }
    try {
      clock = new Date('2026-06-01T12:59:00Z')
      await assert.rejects(strategy.saveRecord(ctx, chair, id, record), {
        statusCode: 409,
        message: /The discussion has not started yet/,
      })
      clock = new Date('2026-06-01T13:00:00Z')
      await strategy.saveRecord(ctx, chair, id, record)
      await strategy.signOff(ctx, chair, id)
    } finally {
      clock = NOW
    }
    assert.deepEqual(await eventsOf(id), [
      'strategy.requested',
      'strategy.scheduled',
      'strategy.recorded',
      'strategy.signed-off',
      'strategy.record-circulated',
    ])
    // The child's own words, trimmed, go with the record wherever it goes: its page, PDF, API and
    // the webhook circulating it read the one document.
    const document = recordDocument(await strategy.readFile(ctx, chair, id), ctx.partnership)
    assert.equal(document.record?.childWords, 'I want to stay at Nan’s')
  })

  it('a record without the child’s words keeps none', async () => {
    const id = await decidedDiscussion(ctx, await insertChild(database, 'WF-6b'), {
      date: '2026-06-01',
      decision: 'nfa',
    })
    const document = recordDocument(await strategy.readFile(ctx, chair, id), ctx.partnership)
    assert.equal(document.record?.childWords, null)
  })

  it('a chair is chosen from those the policy lets chair the child’s discussions, and named on it', async () => {
    const person = (
      email: string,
      displayName: string,
      role: 'strategy-discussion-chair' | 'business-support',
      laId: string,
    ) =>
      createUser(database.db, {
        agencyId: 'leicester-city-council',
        email,
        displayName,
        passwordHash: null,
        grants: [{ role, laId }],
      }) as Promise<string>
    const chairId = await person('chair@wf.example', 'Carla Chair', 'strategy-discussion-chair', 'leicester')
    const clerkId = await person('clerk@wf.example', 'Clive Clerk', 'business-support', 'leicester')
    const elsewhereId = await person('far@wf.example', 'Fern Far', 'strategy-discussion-chair', 'rutland')
    const id = await requested('WF-7')
    for (const chairUserId of [clerkId, elsewhereId])
      await assert.rejects(
        strategy.schedule(ctx, support, id, { ...meeting, chairUserId }),
        (error: InvalidInput) => {
          assert.equal(error.statusCode, 400)
          assert.equal(error.field, 'chairUserId')
          assert.equal(error.message, 'Select someone who may chair the discussion')
          return true
        },
      )
    await assert.rejects(strategy.schedule(ctx, support, id, meeting, { chairRequired: true }), {
      message: 'Select who will chair the discussion',
    })
    await strategy.schedule(ctx, support, id, { ...meeting, chairUserId: chairId })
    const row = await database.db
      .selectFrom('strategy_discussion')
      .select(['chair_user_id', 'chair_name'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(row, { chair_user_id: chairId, chair_name: 'Carla Chair' })
  })
})
