// The self-assessment's use cases against a real database: a round opened once a year; a school's
// Section 175 return and a health agency's Section 11 return, each completed only by its own
// safeguarding manager and read by no other agency; submitting only when every standard is rated;
// the partnership's challenge and the school's answer; last year's ratings compared; reminders before
// the due date, once each; and every step in the audit.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { AgencyKind, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { SECTION_11_STANDARDS, SECTION_175_STANDARDS } from './rules.ts'
import {
  agencyHistory,
  challengeStandard,
  openRound,
  overview,
  rateStandard,
  readReturn,
  readRound,
  respondToChallenge,
  type SelfAssessmentContext,
  sendReminders,
  startReturn,
  submitReturn,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const SCHOOL = 'leicester-schools'
const HEALTH = 'llr-icb'
let clock = new Date('2026-01-05T09:00:00Z')

describe('the Section 11 and Section 175/157 self-assessment', () => {
  let database: TestDatabase
  let ctx: SelfAssessmentContext
  const callers: Record<string, Caller> = {}
  const as = (name: string) => callers[name] as Caller

  const person = (name: string, agencyId: string, agencyKind: AgencyKind, role: Role) =>
    enrolledCaller(database.db, { name, agencyId, agencyKind, role })

  const rating = (value: string) => ({ rating: value, evidence: `Evidence for a rating of ${value}` })
  /** Rates every standard of a return, each with `value`, the first with `first`. */
  const rateAll = async (caller: Caller, returnId: string, ids: string[], value: string, first = value) => {
    for (const [index, id] of ids.entries())
      await rateStandard(ctx, caller, returnId, id, rating(index === 0 ? first : value))
  }
  const schoolIds = SECTION_175_STANDARDS.map((s) => s.id)
  const healthIds = SECTION_11_STANDARDS.map((s) => s.id)
  let lastYear: { schoolReturn: string }
  let thisYear: { roundId: string; schoolReturn: string; healthReturn: string }

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => clock }
    callers.admin = await person(
      'Pat Admin',
      'leicester-city-council',
      'local-authority',
      'partnership-admin',
    )
    callers.scrutineer = await person('Sam Scrutineer', 'llr-probation', 'other', 'independent-scrutineer')
    callers.school = await person('Dee School', SCHOOL, 'education', 'safeguarding-manager')
    callers.health = await person('Ben Health', HEALTH, 'health', 'safeguarding-manager')
    callers.teacher = await person('Tia Teacher', SCHOOL, 'education', 'referrer')
  })
  after(async () => database?.dispose())

  it('opens one round a year, due today or later, by the partnership’s administrator only', async () => {
    await assert.rejects(openRound(ctx, as('school'), { year: 2025, dueOn: '2026-03-31' }), {
      statusCode: 403,
    })
    await assert.rejects(openRound(ctx, as('admin'), { year: 2025, dueOn: '2025-12-31' }), (error) => {
      assert.ok(error instanceof InvalidInput)
      assert.equal(error.problems[0]?.field, 'dueOn')
      return true
    })
    const round = await openRound(ctx, as('admin'), { year: 2025, dueOn: '2026-03-31' })
    assert.equal(round.year, 2025)
    await assert.rejects(openRound(ctx, as('admin'), { year: 2025, dueOn: '2026-03-31' }), (error) => {
      assert.ok(error instanceof InvalidInput)
      assert.equal(error.problems[0]?.text, 'There is already a round for 2025')
      return true
    })
  })

  it('a school answers Section 175/157 and submits only when every standard is rated', async () => {
    const [round] = (await overview(ctx, as('admin'))).rounds
    assert.ok(round)
    await assert.rejects(startReturn(ctx, as('teacher'), round.id), { statusCode: 403 })
    await assert.rejects(startReturn(ctx, as('admin'), round.id), { statusCode: 403 })
    const started = await startReturn(ctx, as('school'), round.id)
    assert.equal(started.framework, 'section-175')
    assert.equal((await startReturn(ctx, as('school'), round.id)).id, started.id, 'started once')
    await rateStandard(ctx, as('school'), started.id, schoolIds[0] as string, rating('2'))
    await assert.rejects(submitReturn(ctx, as('school'), started.id), (error) => {
      assert.ok(error instanceof InvalidInput)
      assert.equal(error.problems.length, 7)
      return true
    })
    await assert.rejects(
      rateStandard(ctx, as('school'), started.id, schoolIds[1] as string, { rating: '5', evidence: 'x' }),
      InvalidInput,
    )
    await assert.rejects(
      rateStandard(ctx, as('school'), started.id, 'leadership', rating('3')),
      { statusCode: 404 },
      'a Section 11 standard is not on a school’s return',
    )
    await rateAll(as('school'), started.id, schoolIds, '3', '2')
    await submitReturn(ctx, as('school'), started.id)
    await assert.rejects(rateStandard(ctx, as('school'), started.id, schoolIds[0] as string, rating('4')), {
      statusCode: 409,
    })
    await assert.rejects(submitReturn(ctx, as('school'), started.id), { statusCode: 409 })
    lastYear = { schoolReturn: started.id }
  })

  it('next year: a health agency answers Section 11; each agency reads only its own return', async () => {
    clock = new Date('2027-01-04T09:00:00Z')
    const round = await openRound(ctx, as('admin'), { year: 2026, dueOn: '2027-03-19' })
    const school = await startReturn(ctx, as('school'), round.id)
    const health = await startReturn(ctx, as('health'), round.id)
    assert.equal(health.framework, 'section-11')
    thisYear = { roundId: round.id, schoolReturn: school.id, healthReturn: health.id }
    await rateAll(as('school'), school.id, schoolIds, '3', '1')

    await assert.rejects(readReturn(ctx, as('health'), school.id), { statusCode: 404 })
    await assert.rejects(readReturn(ctx, as('school'), health.id), { statusCode: 404 })
    await assert.rejects(readReturn(ctx, as('teacher'), school.id), { statusCode: 404 })
    await assert.rejects(rateStandard(ctx, as('health'), school.id, schoolIds[0] as string, rating('4')), {
      statusCode: 404,
    })
    await assert.rejects(
      rateStandard(ctx, as('admin'), school.id, schoolIds[0] as string, rating('4')),
      { statusCode: 403 },
      'the partnership reads a return but does not complete it',
    )
    await assert.rejects(agencyHistory(ctx, as('health'), SCHOOL), { statusCode: 404 })
    await assert.rejects(readRound(ctx, as('school'), round.id), { statusCode: 403 })
    const own = await overview(ctx, as('school'))
    assert.equal(own.seesAll, false)
    assert.deepEqual(
      own.own.map((o) => [o.round.year, o.status]),
      [
        [2026, 'draft'],
        [2025, 'submitted'],
      ],
    )
    assert.equal((await readReturn(ctx, as('scrutineer'), school.id)).mayChallenge, false)
    assert.equal((await readReturn(ctx, as('school'), school.id)).mayEdit, true)
  })

  it('compares this year with last, per agency and per standard', async () => {
    await submitReturn(ctx, as('school'), thisYear.schoolReturn)
    const file = await readReturn(ctx, as('admin'), thisYear.schoolReturn)
    const first = file.standards[0]
    assert.equal(first?.previous, 2)
    assert.equal(first?.change, 'declined')
    assert.equal(file.standards[1]?.change, 'same')
    assert.equal(file.mayChallenge, true)

    const history = await agencyHistory(ctx, as('school'), SCHOOL)
    assert.deepEqual(history.years, [2025, 2026])
    assert.deepEqual(history.rows[0]?.cells, [
      { year: 2025, rating: 2, change: 'new' },
      { year: 2026, rating: 1, change: 'declined' },
    ])

    const view = await readRound(ctx, as('scrutineer'), thisYear.roundId)
    const schools = view.tables.find((table) => table.framework === 'section-175')
    const row = schools?.rows.find((r) => r.agency.id === SCHOOL)
    assert.equal(row?.status, 'submitted')
    assert.deepEqual(row?.ratings[schoolIds[0] as string], { rating: 1, change: 'declined' })
    assert.equal(schools?.rows.find((r) => r.agency.id === 'rutland-schools')?.status, 'not-started')
    const agencies = view.tables.find((table) => table.framework === 'section-11')
    assert.equal(agencies?.rows.find((r) => r.agency.id === HEALTH)?.status, 'draft')
    assert.deepEqual(
      schools?.summaries.find((s) => s.standard.id === schoolIds[0])?.average,
      1,
      'only submitted returns count',
    )
  })

  it('the partnership challenges a standard; the school answers once', async () => {
    const standardId = schoolIds[0] as string
    const words = { challenge: 'Governors have not met on safeguarding this year: what is planned?' }
    await assert.rejects(challengeStandard(ctx, as('school'), thisYear.schoolReturn, standardId, words), {
      statusCode: 403,
    })
    await assert.rejects(challengeStandard(ctx, as('scrutineer'), thisYear.schoolReturn, standardId, words), {
      statusCode: 403,
    })
    await assert.rejects(
      challengeStandard(ctx, as('admin'), thisYear.healthReturn, healthIds[0] as string, words),
      { statusCode: 409 },
      'a draft is not challenged',
    )
    await assert.rejects(
      challengeStandard(ctx, as('admin'), thisYear.schoolReturn, standardId, { challenge: ' ' }),
      InvalidInput,
    )
    const challenge = await challengeStandard(ctx, as('admin'), thisYear.schoolReturn, standardId, words)
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'template_id'])
      .where('template_id', '=', 'self-assessment-challenged')
      .execute()
    assert.deepEqual(
      emails.map((e) => e.recipient),
      [`dee.school@${SCHOOL}.example`],
      'the school’s safeguarding manager is told, no one else',
    )

    const answer = { response: 'The governors meet on 1 February with safeguarding first on the agenda.' }
    await assert.rejects(respondToChallenge(ctx, as('health'), challenge.id, answer), { statusCode: 404 })
    await assert.rejects(respondToChallenge(ctx, as('admin'), challenge.id, answer), { statusCode: 403 })
    assert.equal(await respondToChallenge(ctx, as('school'), challenge.id, answer), thisYear.schoolReturn)
    await assert.rejects(respondToChallenge(ctx, as('school'), challenge.id, answer), { statusCode: 409 })
    const file = await readReturn(ctx, as('admin'), thisYear.schoolReturn)
    assert.equal(file.standards[0]?.challenges[0]?.response, answer.response)
  })

  it('reminds agencies that have not submitted, 10 and 2 working days before the due date, once each', async () => {
    clock = new Date('2027-03-04T09:00:00Z')
    assert.equal(await sendReminders(ctx.db, ctx.partnership, clock), 0, 'too early')
    clock = new Date('2027-03-05T09:00:00Z')
    const agencies = ctx.partnership.agencies.length
    assert.equal(await sendReminders(ctx.db, ctx.partnership, clock), agencies - 1, 'all but the school')
    assert.equal(await sendReminders(ctx.db, ctx.partnership, clock), 0, 'once')
    clock = new Date('2027-03-17T09:00:00Z')
    assert.equal(await sendReminders(ctx.db, ctx.partnership, clock), agencies - 1)
    clock = new Date('2027-03-22T09:00:00Z')
    assert.equal(await sendReminders(ctx.db, ctx.partnership, clock), 0, 'not after the due date')
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select(['recipient'])
      .where('template_id', '=', 'self-assessment-reminder')
      .execute()
    assert.deepEqual(
      emails.map((e) => e.recipient),
      [`ben.health@${HEALTH}.example`, `ben.health@${HEALTH}.example`],
      'emailed to the safeguarding managers of agencies with a return to make; not the school, which submitted',
    )
  })

  it('audits every step, and every refusal', async () => {
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'like', 'self-assessment.%')
      .execute()
    const seen = new Set(rows.map((row) => `${row.action} ${row.outcome}`))
    for (const expected of [
      'self-assessment.manage allowed',
      'self-assessment.manage denied',
      'self-assessment.complete allowed',
      'self-assessment.complete denied',
      'self-assessment.view allowed',
      'self-assessment.view denied',
    ])
      assert.ok(seen.has(expected), expected)
    assert.ok(lastYear.schoolReturn)
  })
})
