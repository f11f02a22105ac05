import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { signedInPerson } from '../../test/support/people.ts'
import { type App, buildApp } from '../app.ts'
import { loadDemoData } from '../demo/load-demo.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { DEFAULT_RETENTION_YEARS } from '../partnership/retention-schema.ts'
import { verifyAuditChain } from '../platform/audit/verify.ts'
import { cutoffDate } from './rules.ts'
import { applyRetention, placeHold, retentionReport } from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const TODAY = '2026-12-06'
const YEARS = DEFAULT_RETENTION_YEARS

describe('the retention schedule', () => {
  let database: TestDatabase
  let app: App
  let screener: Awaited<ReturnType<typeof signedInPerson>>
  let admin: Awaited<ReturnType<typeof signedInPerson>>
  // due: 25 today; young: its referrals only; tomorrow: 25 tomorrow; onPlan: past 25, open plan.
  let due: string
  let young: string
  let tomorrow: string
  let onPlan: string
  const referral = { due: '', tomorrow: '', onPlan: '', ofDueChild: '' }

  async function insertReferral(childId: string, decidedAt: string, outcome: string): Promise<string> {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO referral (la_id, child_id, child_first_name, child_last_name, what_happened, worries,
        family_knows, consent, urgency, referral_source, referrer_user_id, referrer_name, referrer_agency_id,
        referrer_role, referrer_email, route, queue, priority, had_live_cp_plan, received_at, decision_due_by,
        status, client_id, idempotency_key, request_hash)
      VALUES ('leicester', ${childId}, 'Synthetic', 'Child', 'Synthetic', 'Synthetic', 'yes', 'given', 'standard',
        '1A', 'seed', 'Seed', 'seed-school', 'Teacher', 'seed@school.example', 'la-screening', 'la-screening', 1,
        false, ${decidedAt}::timestamptz - interval '1 hour', ${decidedAt}::date, 'decided', 'seed',
        gen_random_uuid()::text, 'seed')
      RETURNING id`.execute(database.db)
    const id = rows[0]?.id as string
    await sql`INSERT INTO threshold_decision (referral_id, outcome, reasons, level_of_need, decided_by,
        decided_by_name, decided_by_agency_id, decided_at, working_days_taken, within_timescale, feedback_to_referrer)
      VALUES (${id}, ${outcome}, 'Synthetic', 1, 'seed', 'Seed', 'leicester-city-council', ${decidedAt}, 0, true, 'Thanks')`.execute(
      database.db,
    )
    await sql`INSERT INTO domain_event (type, child_id, la_id, agency_id, actor_id, summary, payload)
      VALUES ('referral.decided', ${childId}, 'leicester', 'leicester-city-council', 'seed', 'Decided',
        jsonb_build_object('referralId', ${id}::text))`.execute(database.db)
    return id
  }

  async function insertAllegation(outcomeOn: string): Promise<void> {
    await database.db
      .insertInto('lado_allegation')
      .values({
        la_id: 'leicester',
        referred_at: new Date('1975-01-01T10:00:00Z'),
        lado_informed_by: '1975-01-02',
        referrer: 'user:seed',
        referrer_name: 'Seed',
        referrer_email: 'seed@example.org',
        referrer_organisation: 'Seed school',
        person_name: 'Adult',
        person_role: 'Teacher',
        employer: 'Seed school',
        employer_sector: 'education',
        harm_test: ['harmed'],
        harm_category: 'physical',
        what_happened: 'Synthetic',
        children_concerned: 'Synthetic',
        outcome: 'unfounded',
        outcome_on: outcomeOn,
      })
      .execute()
  }

  const exists = async (table: string, id: string) =>
    (await sql`SELECT 1 FROM ${sql.table(table)} WHERE id = ${id}`.execute(database.db)).rows.length === 1

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    await loadDemoData(database, partnership, { children: 12, seed: 4, referenceDate: TODAY })
    app = await buildApp({
      database,
      partnership,
      logLevel: 'error',
      maintenanceEveryMs: 0,
      // The pages' today is the fixtures' (a record due the day after is not yet due).
      now: () => new Date(`${TODAY}T12:00:00Z`),
    })
    const leicester = 'leicester-city-council'
    const t = { app, database }
    screener = await signedInPerson(t, {
      agencyId: leicester,
      email: 'screener@x.example',
      role: 'front-door-screener',
    })
    admin = await signedInPerson(t, {
      agencyId: leicester,
      email: 'admin@x.example',
      role: 'partnership-admin',
    })
    const children = await database.db
      .selectFrom('child')
      .select('id')
      .orderBy('la_child_id')
      .limit(4)
      .execute()
    ;[due, young, tomorrow, onPlan] = children.map((child) => child.id) as [string, string, string, string]
    const born = {
      [due]: '2001-12-06',
      [tomorrow]: '2001-12-07',
      [onPlan]: '2001-12-05',
      [young]: '2020-01-01',
    }
    for (const [id, dateOfBirth] of Object.entries(born))
      await database.db
        .updateTable('child')
        .set({ date_of_birth: dateOfBirth })
        .where('id', '=', id)
        .execute()
    await database.db
      .insertInto('child_protection_plan')
      .values({ child_id: onPlan, la_id: 'leicester', category: 'NEG', start_date: '2026-01-10' })
      .execute()
    // Decided at 10am in London, six years ago today (due) and tomorrow (not yet).
    referral.due = await insertReferral(young, '2020-12-06T10:00:00Z', 'nfa-advice')
    referral.tomorrow = await insertReferral(young, '2020-12-07T10:00:00Z', 'nfa-advice')
    referral.onPlan = await insertReferral(onPlan, '2019-05-01T10:00:00Z', 'nfa-advice')
    referral.ofDueChild = await insertReferral(due, '2025-05-01T10:00:00Z', 'early-help')
    await insertAllegation('1976-12-06')
    await insertAllegation('1976-12-07')
    // A look at the record to be deleted is audited, naming the
    // child: the entry stays after the deletion, and the chain must still verify.
    await screener.get(`/children/${due}`)
    const looks = await database.db
      .selectFrom('audit_event')
      .select('seq')
      .where('child_id', '=', due)
      .execute()
    assert.ok(looks.length > 0)
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  test('a period counted from 29 February ends on 28 February in a year without one', () => {
    assert.equal(cutoffDate('2025-02-28', 1), '2024-02-29')
    assert.equal(cutoffDate('2028-02-29', 1), '2027-02-28')
    assert.equal(cutoffDate('2028-02-29', 4), '2024-02-29')
    assert.equal(cutoffDate('2026-12-06', 25), '2001-12-06')
  })

  test('the dry run counts what is past its period on the day it ends, not the day before', async () => {
    const today = await retentionReport(database.db, YEARS, TODAY)
    assert.deepEqual(
      today.map(({ type, due, oldest, kept }) => ({ type, due, oldest, kept })),
      [
        { type: 'referral_no_further_action', due: 1, oldest: '2020-12-06', kept: 1 },
        { type: 'child_record', due: 1, oldest: '2001-12-06', kept: 1 },
        { type: 'lado_allegation', due: 1, oldest: '1976-12-06', kept: 0 },
      ],
    )
    const nextDay = await retentionReport(database.db, YEARS, '2026-12-07')
    assert.deepEqual(
      nextDay.map((report) => report.due),
      [2, 2, 2],
    )
  })

  test('the partnership administrator reads the dry run in words; others are refused', async () => {
    const page = await admin.get('/admin/retention')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Referrals that led to no further action/)
    assert.match(page.body, /record past the retention period would be deleted/)
    assert.equal((await screener.get('/admin/retention')).statusCode, 403)
  })

  test('apply deletes exactly what is due, with its dependants, and the audit still verifies', async () => {
    const deleted = await applyRetention(database.db, YEARS, TODAY, { batch: 1 })
    assert.deepEqual(deleted, { referral_no_further_action: 1, child_record: 1, lado_allegation: 1 })
    assert.equal(await exists('referral', referral.due), false)
    assert.equal(await exists('child', due), false)
    assert.equal(await exists('referral', referral.ofDueChild), false)
    for (const kept of [referral.tomorrow, referral.onPlan])
      assert.equal(await exists('referral', kept), true)
    for (const kept of [young, tomorrow, onPlan]) assert.equal(await exists('child', kept), true)
    const { rows: events } = await sql`SELECT 1 FROM domain_event
      WHERE child_id = ${due} OR payload->>'referralId' = ${referral.due}`.execute(database.db)
    assert.equal(events.length, 0)
    const allegations = await database.db.selectFrom('lado_allegation').select('outcome_on').execute()
    assert.deepEqual(
      allegations.map((a) => a.outcome_on),
      ['1976-12-07'],
    )

    const entries = await database.db
      .selectFrom('audit_event')
      .select(['child_id', 'detail', 'reason'])
      .where('action', '=', 'retention.manage')
      .execute()
    assert.deepEqual(entries.map((entry) => [entry.child_id, entry.detail.recordType]).sort(), [
      [null, 'child_record'],
      [null, 'lado_allegation'],
      [null, 'referral_no_further_action'],
    ])
    assert.ok(entries.every((entry) => !/Synthetic|Seed/.test(JSON.stringify(entry))))
    const audit = await verifyAuditChain(database.db)
    assert.equal(audit.intact, true, JSON.stringify(audit))
    assert.deepEqual(
      (await retentionReport(database.db, YEARS, TODAY)).map((report) => report.due),
      [0, 0, 0],
    )
  })

  test('a legal hold keeps a record past its period', async () => {
    assert.equal(
      await placeHold(database.db, {
        type: 'child_record',
        id: tomorrow,
        reason: 'Litigation',
        placedBy: 'Operator',
      }),
      true,
    )
    const [, children] = await retentionReport(database.db, YEARS, '2026-12-07')
    assert.deepEqual({ due: children?.due, kept: children?.kept }, { due: 0, kept: 2 })
  })
})
