// The yearly figures from seeded allegations: the reporting year's bounds (London time), each LADO's
// own LA, the partnership's scrutineer all of them, audited; everyone else refused. And the reminder
// to the LADOs when an allegation's clock for the initial consideration runs out.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { addPerson } from '../../test/support/people.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import type { LadoTables } from './tables.ts'
import { type LadoContext, remindOverdueConsiderations, yearlyReport } from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const origin = { ip: '127.0.0.1', requestId: 'lado-report' }
const person = (id: string, role: Actor['grants'][number]['role'], laId: string | null): Actor => ({
  kind: 'user',
  id,
  displayName: id,
  agencyId: 'leicester-city-council',
  agencyKind: 'local-authority',
  agencyLaId: 'leicester',
  grants: [{ role, laId }],
})

type Seed = Pick<LadoTables['lado_allegation'], 'la_id' | 'referred_at'> &
  Partial<Pick<LadoTables['lado_allegation'], 'outcome' | 'outcome_on' | 'employer_sector' | 'harm_category'>>

describe('the yearly LADO figures from seeded allegations', () => {
  let database: TestDatabase
  let ctx: LadoContext

  before(async () => {
    database = await openTestDatabase()
    ctx = {
      db: database.db,
      partnership: await loadPartnershipConfig(LLR),
      now: () => new Date('2027-06-01T09:00:00Z'),
    }
    const seeds: Seed[] = [
      // 31 March 2026 at 11:30pm in London (summer time) is the year before.
      { la_id: 'leicester', referred_at: new Date('2026-03-31T22:30:00Z') },
      // 1 April 2026 at 12:30am in London is 31 March in UTC: in the year.
      {
        la_id: 'leicester',
        referred_at: new Date('2026-03-31T23:30:00Z'),
        outcome: 'unfounded',
        outcome_on: '2026-04-20',
      },
      {
        la_id: 'leicester',
        referred_at: new Date('2026-05-01T10:00:00Z'),
        outcome: 'substantiated',
        outcome_on: '2026-07-15',
        employer_sector: 'early-years',
      },
      { la_id: 'leicester', referred_at: new Date('2026-09-01T10:00:00Z'), harm_category: 'sexual' },
      {
        la_id: 'rutland',
        referred_at: new Date('2026-10-01T10:00:00Z'),
        outcome: 'false',
        outcome_on: '2026-10-20',
      },
      // 1 April 2027: the next year.
      { la_id: 'leicester', referred_at: new Date('2027-04-01T09:00:00Z') },
    ]
    for (const [n, seed] of seeds.entries())
      await database.db
        .insertInto('lado_allegation')
        .values({
          lado_informed_by: '2026-01-01',
          referrer: `user:seed-${n}`,
          referrer_name: 'Seed',
          referrer_email: 'seed@example.org',
          referrer_organisation: 'Seed school',
          person_name: `Adult ${n}`,
          person_role: 'Teacher',
          employer: 'Seed school',
          employer_sector: 'education',
          harm_test: ['harmed'],
          harm_category: 'physical',
          what_happened: 'Synthetic',
          children_concerned: 'Synthetic',
          ...seed,
        })
        .execute()
  })
  after(() => database.dispose())

  it('counts the LADO’s own LA, within the reporting year', async () => {
    const { figures, laIds } = await yearlyReport(
      ctx,
      { actor: person('lado', 'lado', 'leicester'), origin },
      2026,
    )
    assert.deepEqual(laIds, ['leicester'])
    assert.equal(figures.referred, 3)
    assert.equal(figures.resolved, 2)
    assert.deepEqual(
      figures.timeliness.map((t) => [t.months, t.resolved, t.percent]),
      [
        [1, 1, 33],
        [3, 2, 67],
        [12, 2, 67],
      ],
    )
    assert.deepEqual(
      figures.bySector.map((t) => [t.key, t.count]),
      [
        ['education', 2],
        ['early-years', 1],
      ],
    )
    assert.deepEqual(
      figures.byOutcome.map((t) => [t.key, t.count]),
      [
        ['substantiated', 1],
        ['unfounded', 1],
        ['open', 1],
      ],
    )
  })

  it('counts the whole partnership for the scrutineer, and audits each report', async () => {
    const scrutineer = person('scrutineer', 'independent-scrutineer', null)
    const { figures, laIds } = await yearlyReport(ctx, { actor: scrutineer, origin }, 2026)
    assert.equal(laIds, null)
    assert.equal(figures.referred, 4)
    const entries = await database.db
      .selectFrom('audit_event')
      .select(['actor_id', 'resource_kind', 'outcome'])
      .where('action', '=', 'allegation.report')
      .orderBy('seq')
      .execute()
    assert.deepEqual(entries, [
      { actor_id: 'lado', resource_kind: 'la', outcome: 'allowed' },
      { actor_id: 'scrutineer', resource_kind: 'partnership', outcome: 'allowed' },
    ])
  })

  it('reminds the LADOs of their LA once, when the clock for the initial consideration has run out', async () => {
    const lado = await addPerson(database, 'leicester-city-council', 'lado', 'leicester')
    const reminders = () =>
      database.db
        .selectFrom('notification_outbox')
        .select(['recipient', 'personalisation'])
        .where('template_id', '=', 'lado-consideration-overdue')
        .execute()
    // Seeded due on 1 January 2026: still in time that day, out of time the day after.
    assert.equal(await remindOverdueConsiderations(database.db, new Date('2026-01-01T17:00:00Z')), 0)
    // Those not yet considered nor closed: three in Leicester (Rutland's has its outcome).
    assert.equal(await remindOverdueConsiderations(database.db, new Date('2026-01-02T08:00:00Z')), 3)
    assert.equal(await remindOverdueConsiderations(database.db, new Date('2026-01-05T08:00:00Z')), 0, 'once')
    const sent = await reminders()
    assert.deepEqual(new Set(sent.map((row) => row.recipient)), new Set([lado.email]))
    assert.equal(sent.length, 3)
    for (const { personalisation } of sent)
      assert.doesNotMatch(JSON.stringify(personalisation), /Synthetic|Adult/, 'no name nor what happened')
  })

  it('refuses anyone else', async () => {
    await assert.rejects(
      yearlyReport(ctx, { actor: person('analyst', 'analyst', null), origin }, 2026),
      (error: { statusCode?: number }) => error.statusCode === 403,
    )
  })
})
