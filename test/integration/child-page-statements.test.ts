// Issue 18: on the embedded engine every statement waits its turn on one connection, so at 20 users a
// child's page costs about 20 times its database work. Here a signed-in screener opens a child's
// page (with aliases, a household, relationships, involvements and a chronology) and the statements
// it sends are counted, BEGIN and COMMIT included: more than these is a regression.

import assert from 'node:assert/strict'
import { after, before, mock, test } from 'node:test'
import { sql } from 'kysely'
import { loadDemoData } from '../../src/demo/load-demo.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { recordStatements, type StatementLog } from '../support/statements.ts'

/**
 * Session and user with roles and break-glass openings; BEGIN (read only), the record with its
 * chronology, the child as the policy sees it and whether it may have any flags or an address from a
 * referral, COMMIT; then the audit. A capability's flags, and the referred address, cost a statement
 * only for a child that may have them: this one has none.
 */
const MOST_STATEMENTS = 5
/** Pages opened at once, whose audit entries are appended together. */
const AT_ONCE = 10

let t: TestApp
let log: StatementLog
let screener: TestBrowser
let childId: string

// The background loops (delivery, alerts, escalation) run on setInterval: held still here, so every
// statement counted is the page's own (on PostgreSQL a loop's statements could fall inside the count).
before(async () => {
  mock.timers.enable({ apis: ['setInterval'] })
  t = await startTestApp()
  const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
  await loadDemoData(t.database, partnership, { children: 40, seed: 3, referenceDate: '2026-12-01' })
  const users = await seedDemoUsers(t.database, partnership)
  const { rows } = await t.database.pool.query(
    `SELECT c.id FROM child c WHERE c.la_id = 'leicester' AND c.household_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM relationship r WHERE r.child_id = c.id)
       AND EXISTS (SELECT 1 FROM child_involvement i WHERE i.child_id = c.id)
     ORDER BY c.la_child_id LIMIT 1`,
  )
  childId = rows[0].id
  await sql`INSERT INTO domain_event (type, child_id, la_id, agency_id, actor_id, summary, occurred_at)
    SELECT 'child.noted', ${childId}, 'leicester', 'leicester-city-council', 'screener', 'Noted',
      now() - n * interval '1 day' FROM generate_series(1, 3) n`.execute(t.database.db)
  const user = users.find((u) =>
    u.grants.some((g) => g.role === 'front-door-screener' && g.laId === 'leicester'),
  ) as DemoUser
  screener = await signIn(t.app, user)
  log = recordStatements(t.database.pool)
})

after(async () => {
  await t?.close()
  mock.timers.reset()
})

test('a screener’s visit to a child’s page sends at most a handful of statements', async () => {
  await screener.get(`/children/${childId}`)
  log.clear()
  const page = await screener.get(`/children/${childId}`)
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /Household and relationships/)
  assert.match(page.body, /Noted/)
  assert.ok(
    log.sent.length <= MOST_STATEMENTS,
    `${log.sent.length} statements:\n${log.sent.map((s) => s.replace(/\s+/g, ' ').slice(0, 120)).join('\n')}`,
  )
})

test('pages opened at the same moment share their audit appends, and every one is on record', async () => {
  const before = await countViews()
  log.clear()
  const pages = await Promise.all(Array.from({ length: AT_ONCE }, () => screener.get(`/children/${childId}`)))
  assert.deepEqual(
    pages.map((page) => page.statusCode),
    Array(AT_ONCE).fill(200),
  )
  const appends = log.sent.filter((statement) => statement.includes('audit_append')).length
  if (t.database.engine === 'pglite') assert.ok(appends < AT_ONCE, `${appends} appends for ${AT_ONCE} pages`)
  assert.ok(log.sent.length <= AT_ONCE * MOST_STATEMENTS, `${log.sent.length} statements`)
  assert.equal((await countViews()) - before, AT_ONCE)
})

/** The record and chronology reads of this child in the audit. */
async function countViews(): Promise<number> {
  const { rows } = await t.database.pool.query(
    `SELECT count(*)::int AS n FROM audit_event WHERE child_id = $1 AND action = 'child.view'`,
    [childId],
  )
  return rows[0].n
}
