import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { type App, buildApp } from '../../app.ts'
import { loadDemoData } from '../../demo/load-demo.ts'
import { type DemoUser, seedDemoUsers } from '../../identity/index.ts'
import { signIn } from '../../identity/testing.ts'
import { loadPartnershipConfig } from '../../partnership/config.ts'
import type { Role } from '../access/actor.ts'
import { asOwner } from '../db/database.ts'
import { describeStatistics } from './doctor.ts'
import { needsVacuum, staleStatistics, type TableStatistics } from './rules.ts'
import { analyzeInTransaction, autovacuumIsOn, readTableStatistics } from './store.ts'
import { maintainStatistics } from './workflow.ts'

const LLR = new URL('../../../config/partnerships/llr.yaml', import.meta.url).pathname

/** Row counts reach pg_stat a moment after each change (about a second; longer on a busy server). */
async function statisticsOf(database: TestDatabase, table: string, until: (t: TableStatistics) => boolean) {
  for (let waited = 0; waited < 20_000; waited += 250) {
    const found = (await readTableStatistics(database.db)).find((t) => t.table === table)
    if (found && until(found)) return found
    await sleep(250)
  }
  throw new Error(`the statistics of ${table} never showed the change`)
}

describe('keeping the planner’s statistics fresh', () => {
  let database: TestDatabase
  let app: App
  const users = new Map<Role, DemoUser>()

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    await loadDemoData(database, partnership, { children: 300, seed: 2, referenceDate: '2026-12-01' })
    // The loop is left to its own test: here each check is run when the test says.
    app = await buildApp({ database, partnership, logLevel: 'error', maintenanceEveryMs: 0 })
    for (const user of await seedDemoUsers(database, partnership))
      for (const grant of user.grants) if (!users.has(grant.role)) users.set(grant.role, user)
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  test('a bulk load leaves the tables it filled analysed, and says so', async () => {
    const tables = await readTableStatistics(database.db)
    const child = tables.find((t) => t.table === 'child') as TableStatistics
    assert.ok(child.plannerRows !== null && child.plannerRows >= 300, `planner rows ${child.plannerRows}`)
    assert.ok(child.lastAnalysed, 'last analysed is known')
    const { rows } = await database.pool.query(
      "SELECT analysed FROM db_maintenance_run WHERE trigger = 'load'",
    )
    assert.ok(rows[0].analysed.includes('relationship'))
  })

  test("a load's transaction analyses the rows it has written, not yet committed, and acts as the service again", async () => {
    const planned = async (db: typeof database.db) => {
      const { rows } = await sql<{ rows: number; role: string }>`
        SELECT reltuples::int AS rows, current_user AS role FROM pg_class WHERE relname = 'domain_event'`.execute(
        db,
      )
      return rows[0] as { rows: number; role: string }
    }
    const written = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`INSERT INTO domain_event (type, child_id, agency_id, actor_id, summary)
          SELECT 'child.noted', id, 'leicester-city-council', 'loader', 'Noted' FROM child`.execute(trx)
        await analyzeInTransaction(trx, ['domain_event'])
        throw Object.assign(new Error('rolled back'), { planned: await planned(trx) })
      })
      .catch((error: { planned: { rows: number; role: string } }) => error.planned)
    assert.ok(written.rows >= 300, `the planner counts the ${written.rows} rows written`)
    assert.equal(written.role, 'masa_service')
    assert.equal((await planned(database.db)).role, 'masa_service')
  })

  test('tables with many dead rows are vacuumed, changed ones analysed, one at a time, and the run recorded', async () => {
    await asOwner(database.db, async (owner) => {
      await sql`CREATE TABLE upkeep_probe (id int PRIMARY KEY, note text)`.execute(owner)
      await sql`INSERT INTO upkeep_probe SELECT g, 'x' FROM generate_series(1, 2000) g`.execute(owner)
      await sql`ANALYZE upkeep_probe`.execute(owner)
    })
    await sql`DELETE FROM upkeep_probe WHERE id <= 1000`.execute(database.db)
    const before = await statisticsOf(database, 'upkeep_probe', needsVacuum)
    assert.match(staleStatistics(before) ?? '', /rows changed since last analysed/)
    assert.match(describeStatistics([before], database.engine), /upkeep_probe .* STALE: .*needs VACUUM/)
    const run = await maintainStatistics(database.db, 'command')
    assert.ok(run?.vacuumed.includes('upkeep_probe'), `vacuumed ${run?.vacuumed}`)
    const afterwards = await statisticsOf(database, 'upkeep_probe', (t) => t.deadRows === 0)
    assert.equal(afterwards.plannerRows, 1000)
    assert.equal(staleStatistics(afterwards), undefined)
    assert.match(
      describeStatistics([afterwards], database.engine),
      /fresh\n\nEvery table’s statistics are fresh/,
    )
  })

  test('where nothing else does (the embedded engine, PostgreSQL without autovacuum) the server analyses changed tables itself', async (t) => {
    if (database.engine !== 'pglite' && (await autovacuumIsOn(database.db)))
      return t.skip('this PostgreSQL server’s autovacuum looks after the tables')
    const partnership = await loadPartnershipConfig(LLR)
    const server = await buildApp({ database, partnership, logLevel: 'error', maintenanceEveryMs: 200 })
    await server.ready()
    t.after(() => server.close())
    await sql`INSERT INTO domain_event (type, child_id, agency_id, actor_id, summary)
      SELECT 'child.noted', id, 'leicester-city-council', 'screener', 'Noted' FROM child`.execute(database.db)
    const analysed = await statisticsOf(
      database,
      'domain_event',
      (s) => s.plannerRows !== null && s.plannerRows > 0,
    )
    assert.equal(staleStatistics(analysed), undefined)
    const { rows } = await database.pool.query(
      "SELECT 1 FROM db_maintenance_run WHERE trigger = 'schedule' AND 'domain_event' = ANY(analysed)",
    )
    assert.equal(rows.length, 1)
  })

  test('the partnership administrator sees the recent refreshes; nobody else does', async () => {
    const admin = await signIn(app, users.get('partnership-admin') as DemoUser)
    const page = await admin.get('/admin/database')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Database upkeep/)
    assert.match(page.body, /After a bulk load/)
    assert.match(page.body, /relationship/)
    for (const role of ['agency-admin', 'front-door-screener'] as const) {
      const other = await signIn(app, users.get(role) as DemoUser)
      assert.equal((await other.get('/admin/database')).statusCode, 403, role)
    }
  })
})
