// Training's use cases against a real database: the last place goes to one of two people asking at
// once, a cancellation moves the first waiting into the place and emails them, the register sets the
// follow-up, evaluations are the practitioner's own, refusals for whoever the policy refuses, and
// every step is in the audit.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import {
  addCourse,
  addSession,
  book,
  cancel,
  evaluate,
  followUp,
  myTraining,
  readSession,
  recordAttendance,
  type TrainingContext,
  takeUpReport,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
let clock = new Date('2027-01-04T09:00:00Z')

describe('multi-agency training', () => {
  let database: TestDatabase
  let ctx: TrainingContext
  const callers: Record<string, Caller> = {}

  const person = (name: string, agencyId: string, role: Role) =>
    enrolledCaller(database.db, { name, agencyId, role })

  const COURSE = {
    title: 'Neglect: seeing the child',
    level: '2',
    audience: 'practitioners in regular contact with children',
    description: 'Recognising neglect and using the graded care profile.',
    priorities: 'Neglect\nThe voice of the child',
  }
  const SESSION = {
    heldOn: '2027-01-20',
    startsAt: '09:30',
    endsAt: '12:30',
    venue: 'County Hall, Room 4',
    capacity: 1,
  }

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => clock }
    callers.admin = await person('Pat Admin', 'leicester-city-council', 'partnership-admin')
    callers.ana = await person('Ana Police', 'leicestershire-police', 'police-public-protection')
    callers.ben = await person('Ben Health', 'llr-icb', 'safeguarding-manager')
    callers.cai = await person('Cai School', 'leicester-city-council', 'mat-practitioner')
    callers.analyst = await person('Ash Analyst', 'leicester-city-council', 'analyst')
  })
  after(async () => database?.dispose())

  let sessionId: string
  it('the partnership’s administrator adds a course and a session; no one else may', async () => {
    const course = await addCourse(ctx, callers.admin as Caller, COURSE)
    assert.deepEqual(course.priorities, ['Neglect', 'The voice of the child'])
    await assert.rejects(addCourse(ctx, callers.ana as Caller, COURSE), { statusCode: 403 })
    await assert.rejects(
      addSession(ctx, callers.admin as Caller, course.id, { ...SESSION, venue: '', endsAt: '09:00' }),
      (error: unknown) =>
        error instanceof InvalidInput &&
        error.problems.map((problem) => problem.field).join() === 'endsAt,venue',
    )
    await assert.rejects(
      addSession(ctx, callers.admin as Caller, course.id, { ...SESSION, heldOn: '2026-12-01' }),
      InvalidInput,
    )
    sessionId = (await addSession(ctx, callers.admin as Caller, course.id, SESSION)).id
  })

  it('two people asking for the last place at once: one gets it, the other waits', async () => {
    const [first, second] = await Promise.all([
      book(ctx, callers.ana as Caller, sessionId, { confidenceBefore: '2' }),
      book(ctx, callers.ben as Caller, sessionId, { confidenceBefore: '3' }),
    ])
    assert.deepEqual([first.status, second.status].sort(), ['booked', 'waiting'])
    await assert.rejects(book(ctx, callers.ana as Caller, sessionId, { confidenceBefore: '2' }), {
      statusCode: 409,
    })
    await assert.rejects(book(ctx, callers.cai as Caller, sessionId, {}), InvalidInput)
    await book(ctx, callers.cai as Caller, sessionId, { confidenceBefore: '1' })
    const booked = await database.db
      .selectFrom('training_booking')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', sessionId)
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow()
    assert.equal(Number(booked.n), 1)
  })

  it('a cancellation moves the first on the waiting list into the place and emails them', async () => {
    const file = await readSession(ctx, callers.admin as Caller, sessionId)
    const [holder] = file.register
    const [next, after] = file.waiting
    assert.ok(holder && next && after)
    const holderCaller = Object.values(callers).find((caller) => caller.actor.id === holder.user_id) as Caller
    const nextCaller = Object.values(callers).find((caller) => caller.actor.id === next.user_id) as Caller
    await assert.rejects(cancel(ctx, nextCaller, holder.id), { statusCode: 404 }, 'not their place')
    const { promoted } = await cancel(ctx, holderCaller, holder.id)
    assert.equal(promoted?.id, next.id)
    const again = await readSession(ctx, nextCaller, sessionId)
    assert.equal(again.mine?.status, 'booked')
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation'])
      .where('template_id', '=', 'training-place-offered')
      .execute()
    assert.deepEqual(
      emails.map((email) => email.recipient),
      [next.user_email],
    )
    assert.equal(
      (await readSession(ctx, callers.cai as Caller, sessionId)).mine?.position,
      1,
      'Cai is now first on the waiting list',
    )
    callers.attendee = nextCaller
  })

  it('the register opens on the day, and attending sets the follow-up three months on', async () => {
    const place = (await readSession(ctx, callers.admin as Caller, sessionId)).register[0]
    assert.ok(place)
    await assert.rejects(
      recordAttendance(ctx, callers.admin as Caller, place.id, { attendance: 'attended' }),
      { statusCode: 409 },
    )
    clock = new Date('2027-01-20T13:00:00Z')
    await assert.rejects(
      recordAttendance(ctx, callers.attendee as Caller, place.id, { attendance: 'attended' }),
      { statusCode: 403 },
    )
    await recordAttendance(ctx, callers.admin as Caller, place.id, { attendance: 'attended' })
    const mine = await myTraining(ctx, callers.attendee as Caller)
    assert.equal(mine.evaluations[0]?.follow_up_due, '2027-04-20')
    assert.equal(mine.followUps.length, 0)

    await assert.rejects(
      evaluate(ctx, callers.cai as Caller, place.id, { confidenceAfter: '4', willDoDifferently: 'x' }),
      { statusCode: 404 },
    )
    await assert.rejects(
      evaluate(ctx, callers.attendee as Caller, place.id, { confidenceAfter: '4' }),
      InvalidInput,
    )
    await evaluate(ctx, callers.attendee as Caller, place.id, {
      confidenceAfter: '4',
      willDoDifferently: 'Use the graded care profile at every home visit.',
    })
    await assert.rejects(followUp(ctx, callers.attendee as Caller, place.id, { followUp: 'early' }), {
      statusCode: 409,
    })
    clock = new Date('2027-04-20T09:00:00Z')
    assert.equal((await myTraining(ctx, callers.attendee as Caller)).followUps.length, 1)
    await followUp(ctx, callers.attendee as Caller, place.id, { followUp: 'Two referrals made earlier.' })
    assert.equal((await myTraining(ctx, callers.attendee as Caller)).followUps.length, 0)
  })

  it('reports take-up to the administrator and the analyst only', async () => {
    const report = await takeUpReport(ctx, callers.analyst as Caller)
    assert.equal(report.byCourse.length, 1)
    const row = report.byCourse[0]
    assert.equal(row?.key, COURSE.title)
    assert.deepEqual([row?.booked, row?.attended, row?.didNotAttend], [1, 1, 0])
    assert.ok((row?.confidenceChange ?? 0) >= 1, 'confidence rose from 2 or 3 to 4')
    await takeUpReport(ctx, callers.admin as Caller)
    await assert.rejects(takeUpReport(ctx, callers.ana as Caller), { statusCode: 403 })
  })

  it('audits every step, and every refusal', async () => {
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'like', 'training.%')
      .execute()
    const seen = new Set(rows.map((row) => `${row.action} ${row.outcome}`))
    for (const expected of [
      'training.manage allowed',
      'training.manage denied',
      'training.book allowed',
      'training.report allowed',
      'training.report denied',
    ])
      assert.ok(seen.has(expected), expected)
  })
})
