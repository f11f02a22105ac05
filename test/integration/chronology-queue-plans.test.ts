// Issue 17: at a million children with five years of history a partnership holds over a million
// chronology entries and a quarter of a million referrals, nearly all decided. A child's chronology
// must read that child's entries through the index, one page of them; the front-door queue must read
// the open referrals through the index that holds only those, never the decided ones. Here a few
// thousand children grow years of history, each page is opened, and every read it ran is explained.
// The dashboard's exploitation theme must be able to read each linked child by its key.
// Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { type App, buildApp } from '../../src/app.ts'
import { growDemoHistory } from '../../src/demo/history.ts'
import { loadDemoData } from '../../src/demo/load-demo.ts'
import { findRecentAboutChildren } from '../../src/front-door/store.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { countExploitationThemes } from '../../src/intelligence/store.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { maintainStatistics } from '../../src/platform/maintenance/workflow.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { openTestDatabase, type TestDatabase } from '../support/database.ts'
import {
  nodesOf,
  type PlanNode,
  planOf,
  type QueryRecorder,
  readsOf,
  recordingKysely,
} from '../support/query-plans.ts'

const NOW = new Date('2026-11-16T12:00:00Z')

let database: TestDatabase
let app: App
let screener: TestBrowser
let recorder: QueryRecorder

before(async () => {
  const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
  database = await openTestDatabase()
  await loadDemoData(database, partnership, { children: 4_000, seed: 3, referenceDate: '2026-11-01' })
  await growDemoHistory(database, partnership, { years: 5, seed: 3, now: NOW })
  // A front door with a backlog: forty of Leicester's referrals wait to be screened.
  await sql`INSERT INTO referral (la_id, child_id, child_first_name, child_last_name, what_happened, worries,
      family_knows, consent, urgency, referral_source, referrer_user_id, referrer_name, referrer_agency_id,
      referrer_role, referrer_email, route, queue, priority, had_live_cp_plan, received_at, decision_due_by,
      status, client_id, idempotency_key, request_hash)
    SELECT la_id, child_id, child_first_name, child_last_name, what_happened, worries, family_knows, consent,
      urgency, referral_source, referrer_user_id, referrer_name, referrer_agency_id, referrer_role, referrer_email,
      route, queue, priority, had_live_cp_plan, ${NOW}::timestamptz - interval '3 hours', decision_due_by + 1,
      'awaiting-screening', client_id, 'waiting-' || id, request_hash
    FROM referral WHERE la_id = 'leicester' ORDER BY received_at DESC LIMIT 40`.execute(database.db)
  await maintainStatistics(database.db, 'schedule')
  recorder = recordingKysely(database.pool, false)
  app = await buildApp({ database: { ...database, db: recorder.db }, partnership, logLevel: 'error' })
  const users = await seedDemoUsers(database, partnership)
  const user = users.find((u) =>
    u.grants.some((g) => g.role === 'front-door-screener' && g.laId === 'leicester'),
  ) as DemoUser
  screener = await signIn(app, user)
})

after(async () => {
  await app?.close()
  await database?.dispose()
})

/** Every node of every read the page ran, its own queries explained, not copies of them. */
async function plansOfPage(path: string, shows: RegExp): Promise<PlanNode[][]> {
  recorder.ran.length = 0
  recorder.recording = true
  const page = await screener.get(path)
  recorder.recording = false
  assert.equal(page.statusCode, 200)
  assert.match(page.body, shows)
  const plans: PlanNode[][] = []
  for (const query of readsOf(recorder.ran)) plans.push(nodesOf((await planOf(database.pool, query)).Plan))
  return plans
}

const reading = (plans: PlanNode[][], table: string) =>
  plans.filter((nodes) => nodes.some((node) => node['Relation Name'] === table))
const scansOf = (nodes: PlanNode[], table: string) => nodes.filter((node) => node['Relation Name'] === table)

test('a child’s chronology reads that child’s entries through the index, one page of them', async () => {
  const { rows } = await database.pool.query(
    `SELECT child_id FROM domain_event WHERE la_id = 'leicester' GROUP BY child_id ORDER BY count(*) DESC LIMIT 1`,
  )
  const plans = await plansOfPage(`/children/${rows[0].child_id}/chronology`, /entries, oldest first/)
  const reads = reading(plans, 'domain_event')
  assert.equal(reads.length, 2, 'the entries, and the filters with their counts')
  for (const nodes of reads)
    for (const scan of scansOf(nodes, 'domain_event'))
      assert.match(
        scan['Node Type'],
        /^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/,
        `read by ${scan['Node Type']}`,
      )
  assert.ok(
    reads.some((nodes) => nodes[0]?.['Node Type'] === 'Limit'),
    'the entries are read a page at a time',
  )
})

test('the front-door queue reads the open referrals through their own index, not the decided ones', async () => {
  const { rows } = await database.pool.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE status <> 'decided')::int AS open FROM referral`,
  )
  assert.ok(rows[0].n > 20 * rows[0].open, `${rows[0].n} referrals, ${rows[0].open} open: nearly all decided`)
  const plans = await plansOfPage('/front-door', /Front door/)
  const reads = reading(plans, 'referral')
  assert.equal(reads.length, 1)
  for (const scan of scansOf(reads[0] ?? [], 'referral')) {
    assert.equal(scan['Index Name'], 'referral_open_queue', `referral read by ${scan['Node Type']}`)
    assert.ok(scan['Plan Rows'] <= 2 * rows[0].open, `the planner expects ${scan['Plan Rows']} rows, not all`)
  }
})

test('a referral is checked against its sender’s last ten minutes, not all the sender ever sent', async () => {
  const { rows } = await database.pool.query(
    "SELECT count(*)::int AS n FROM referral WHERE client_id = 'demo-history'",
  )
  assert.ok(rows[0].n > 500, `the history's sender sent ${rows[0].n} referrals`)
  recorder.ran.length = 0
  recorder.recording = true
  const since = new Date(NOW.getTime() - 10 * 60_000)
  const child = { firstName: 'Made', lastName: 'Up', dateOfBirth: '2016-04-05', nhsNumber: '9434765919' }
  await findRecentAboutChildren(recorder.db, ['demo-history'], [child], since)
  recorder.recording = false
  const [check] = readsOf(recorder.ran)
  assert.ok(check, 'the check ran')
  const nodes = nodesOf((await planOf(database.pool, check, true)).Plan)
  const indexes = nodes.flatMap((node) => node['Index Name'] ?? [])
  assert.ok(indexes.length > 0, 'the check reads through an index')
  for (const index of indexes) assert.match(index, /^referral_recent_(nhs_number|birth)$/)
  for (const scan of scansOf(nodes, 'referral')) {
    const visited = (scan['Actual Rows'] ?? 0) + (scan['Rows Removed by Filter'] ?? 0)
    assert.ok(visited <= 40, `the check visited ${visited} of the sender's referrals`)
  }
})

test('a sender the planner’s statistics do not know yet is checked by the child, not by all they sent', async () => {
  // A new system's first 300 referrals, in the last ten minutes, written after the statistics were made.
  await sql`INSERT INTO referral (la_id, child_first_name, child_last_name, child_date_of_birth, what_happened,
      worries, family_knows, consent, urgency, referral_source, referrer_user_id, referrer_name,
      referrer_agency_id, referrer_role, referrer_email, route, queue, priority, had_live_cp_plan, received_at,
      decision_due_by, status, client_id, idempotency_key, request_hash)
    SELECT la_id, child_first_name, child_last_name, date '2010-01-01' + (row_number() OVER () % 2000)::int,
      what_happened, worries, family_knows, consent, urgency, referral_source, referrer_user_id, referrer_name,
      referrer_agency_id, referrer_role, referrer_email, route, queue, priority, had_live_cp_plan,
      ${NOW}::timestamptz - interval '5 minutes', decision_due_by, status, 'system:new', 'new-' || id, request_hash
    FROM referral WHERE client_id = 'demo-history' LIMIT 300`.execute(database.db)
  recorder.ran.length = 0
  recorder.recording = true
  const child = { firstName: 'Made', lastName: 'Up', dateOfBirth: '2016-04-05', nhsNumber: '9434765919' }
  await findRecentAboutChildren(recorder.db, ['system:new'], [child], new Date(NOW.getTime() - 600_000))
  recorder.recording = false
  const [check] = readsOf(recorder.ran)
  assert.ok(check, 'the check ran')
  const nodes = nodesOf((await planOf(database.pool, check, true)).Plan)
  const indexReads = nodes.filter((node) => node['Index Name'])
  assert.ok(indexReads.length > 0, 'the check reads through an index')
  for (const read of indexReads)
    assert.match(read['Index Name'] ?? '', /^referral_recent_(nhs_number|birth)$/)
  for (const scan of scansOf(nodes, 'referral')) {
    const visited = (scan['Actual Rows'] ?? 0) + (scan['Rows Removed by Filter'] ?? 0)
    assert.ok(visited <= 40, `the check visited ${visited} of the sender's 300 referrals`)
  }
})

test('the exploitation theme can read each linked child by its key under row-level security', async () => {
  await sql`INSERT INTO volt_link (a_kind, a_ref, b_kind, b_ref, link_type, source_agency_id, seen_on,
      recorded_by, recorded_by_name)
    SELECT 'child', id::text, 'theme', 'county-lines', 'associated', 'leicestershire-police', date '2026-10-01',
      'seed', 'Seed Officer'
    FROM child ORDER BY id LIMIT 200`.execute(database.db)
  recorder.ran.length = 0
  recorder.recording = true
  const period = {
    laIds: ['leicester', 'leicestershire', 'rutland'],
    from: '2026-01-01',
    until: '2027-01-01',
    now: NOW,
  }
  const counted = await countExploitationThemes(recorder.db, period)
  recorder.recording = false
  assert.equal(
    counted.reduce((n, row) => n + row.count, 0),
    200,
  )
  const [count] = readsOf(recorder.ran)
  assert.ok(count, 'the count ran')
  // Whether the planner reads by key or scans depends on the numbers; what must hold is that it can:
  // a cast in the join's condition is not leakproof, and under row-level security it cannot.
  const plan = await database.db.connection().execute(async (connection) => {
    await sql`SET enable_seqscan = off; SET enable_hashjoin = off; SET enable_mergejoin = off`.execute(
      connection,
    )
    try {
      const explained = await connection.executeQuery<{ 'QUERY PLAN': { Plan: PlanNode }[] }>({
        ...count,
        sql: `EXPLAIN (FORMAT JSON) ${count.sql}`,
      })
      return explained.rows[0]?.['QUERY PLAN'][0]?.Plan as PlanNode
    } finally {
      await sql`RESET enable_seqscan; RESET enable_hashjoin; RESET enable_mergejoin`.execute(connection)
    }
  })
  const childReads = scansOf(nodesOf(plan), 'child')
  assert.equal(childReads.length, 1)
  assert.match(childReads[0]?.['Index Cond'] ?? 'no condition', /\(id = /, 'each linked child read by its id')
})
