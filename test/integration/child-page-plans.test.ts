// Issue 18: after a bulk load the planner had no statistics, guessed thousands of rows where there
// were three and chose bitmap scans, and a child's page took 140 ms instead of 10. Here a few
// thousand children are loaded in bulk, the page is opened, and each query it ran on the
// relationship, household and chronology tables is explained: every one must reach its rows by an
// index scan. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { type App, buildApp } from '../../src/app.ts'
import { loadDemoData } from '../../src/demo/load-demo.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { maintainStatistics } from '../../src/platform/maintenance/workflow.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { openTestDatabase, type TestDatabase } from '../support/database.ts'
import { nodesOf, planOf, type QueryRecorder, readsOf, recordingKysely } from '../support/query-plans.ts'

const CHILDREN = 4_000
const WATCHED = ['relationship', 'household', 'domain_event'] as const

let database: TestDatabase
let app: App
let screener: DemoUser
/** Every statement the app ran, as sent: the page's own queries are explained, not copies of them. */
let recorder: QueryRecorder

before(async () => {
  const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
  database = await openTestDatabase()
  await loadDemoData(database, partnership, { children: CHILDREN, seed: 5, referenceDate: '2026-12-01' })
  // Each child's chronology grows as agencies work: events written one by one, as the service does,
  // get their statistics from the maintenance job (the embedded engine has no autovacuum).
  await sql`INSERT INTO domain_event (type, child_id, la_id, agency_id, actor_id, summary, occurred_at)
    SELECT 'child.noted', c.id, c.la_id, 'leicester-city-council', 'screener', 'Noted', now() - n * interval '1 day'
    FROM child c CROSS JOIN generate_series(1, 3) n`.execute(database.db)
  await maintainStatistics(database.db, 'schedule')
  recorder = recordingKysely(database.pool)
  app = await buildApp({ database: { ...database, db: recorder.db }, partnership, logLevel: 'error' })
  const users = await seedDemoUsers(database, partnership)
  screener = users.find((u) =>
    u.grants.some((g) => g.role === 'front-door-screener' && g.laId === 'leicester'),
  ) as DemoUser
})

after(async () => {
  await app?.close()
  await database?.dispose()
})

/** A child has a handful of relationships, one household and a few events: without statistics the planner guessed hundreds. */
const FEW = 20

test('a child’s page reaches relationships, household and chronology by index scans after a bulk load', async () => {
  const browser = await signIn(app, screener)
  const { rows } = await database.pool.query(
    `SELECT c.id FROM child c WHERE c.la_id = 'leicester' AND c.household_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM relationship r WHERE r.child_id = c.id) ORDER BY c.la_child_id LIMIT 1`,
  )
  const childId = rows[0].id as string
  recorder.ran.length = 0
  const page = await browser.get(`/children/${childId}`)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Household and relationships/)

  const scans: { table: string; type: string; rows: number }[] = []
  for (const query of readsOf(recorder.ran)) {
    const nodes = nodesOf((await planOf(database.pool, query)).Plan)
    assert.ok(!nodes.some((n) => n['Node Type'].startsWith('Gather')), `no parallel plan for ${query.sql}`)
    for (const node of nodes) {
      const table = node['Relation Name']
      if (WATCHED.some((watched) => watched === table))
        scans.push({ table: table as string, type: node['Node Type'], rows: node['Plan Rows'] })
    }
  }
  assert.deepEqual(
    [...new Set(scans.map((s) => s.table))].sort(),
    [...WATCHED].sort(),
    'the page reads all three tables',
  )
  for (const scan of scans) {
    // A bitmap heap scan is fed by an index too: for three rows on one page it is as good a plan.
    assert.match(
      scan.type,
      /^(Index Scan|Index Only Scan|Bitmap Heap Scan)$/,
      `${scan.table} read by ${scan.type}`,
    )
    assert.ok(scan.rows <= FEW, `the planner expects ${scan.rows} rows of ${scan.table}, not a few`)
  }
})

test('the maintenance job analysed the chronology written after the load, and recorded the run', async () => {
  const { rows } = await database.pool.query(
    "SELECT analysed FROM db_maintenance_run WHERE trigger = 'schedule' AND 'domain_event' = ANY(analysed)",
  )
  assert.equal(rows.length, 1)
})
