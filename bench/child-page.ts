// Child page latency after a bulk load (issue 18): a Leicester screener opening random children's
// records over HTTP, at 1 and at 20 users at once. Prints p50/p95/p99 and pages/s for each, the
// median of the runs. Target: p95 < 100 ms at 20 users on the embedded engine with 200,000 children.
//
//   node --import tsx bench/child-page.ts [--engine pglite|postgres] [--children 200000]
//     [--users 1,20] [--seconds 10] [--runs 3] [--before] [--data-dir folder]
//
// --before first measures the database as a bulk load used to leave it, without statistics, then
// times the ANALYZE and measures again. --engine pglite uses a temporary data folder; postgres makes
// a fresh database on the server in DATABASE_URL (default the local one) and drops it afterwards.
// --data-dir (pglite) keeps the loaded folder, and a later run on it skips the load (minutes at 200,000).
// The clients run in a worker thread, so their own work is not counted against the server's.

import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { buildApp } from '../src/app.ts'
import { type Database, openDatabase } from '../src/database.ts'
import { LOADED_TABLES, loadDemoData } from '../src/demo/load-demo.ts'
import { demoUserPlan } from '../src/identity/demo-users.ts'
import { type DemoUser, seedDemoUsers } from '../src/identity/index.ts'
import { loadSecretKey } from '../src/identity/secret-key.ts'
import { useSecretKey } from '../src/identity/secrets.ts'
import { signIn } from '../src/identity/testing.ts'
import { loadPartnershipConfig } from '../src/partnership/config.ts'
import { asOwner } from '../src/platform/db/database.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { analyseLoadedTables } from '../src/platform/maintenance/workflow.ts'
import { measureRuns } from './support/page-clients.ts'
import { type ScratchDatabase, scratchPglite, scratchPostgres } from './support/scratch-database.ts'

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    children: { type: 'string', default: '200000' },
    users: { type: 'string', default: '1,20' },
    seconds: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    before: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
})
const CHILDREN = Number(args.children)
const USERS = args.users.split(',').map(Number)
const SECONDS = Number(args.seconds)
const RUNS = Number(args.runs)
if (args.engine !== 'pglite' && args.engine !== 'postgres') throw new Error('--engine is pglite or postgres')

async function freshDatabase(): Promise<ScratchDatabase> {
  const kept = args['data-dir']
  if (args.engine === 'pglite' && kept) {
    // The demo users' TOTP secrets are sealed with the folder's own key, as `masa serve` does.
    useSecretKey(await loadSecretKey({ dataDir: kept }, () => {}))
    const database = await openDatabase({ partnership: 'llr', dataDir: kept })
    return { database, discard: () => database.close() }
  }
  if (args.engine === 'pglite') return scratchPglite('masa-bench-child-page')
  return scratchPostgres(`masa_bench_child_page_${process.pid}`)
}

/** PostgreSQL's autovacuum would analyse the tables part way through the "before" figures. */
async function setAutovacuum(database: Database, enabled: boolean): Promise<void> {
  if (database.engine !== 'postgres') return
  for (const table of LOADED_TABLES)
    await asOwner(database.db, (owner) =>
      sql.raw(`ALTER TABLE ${table} SET (autovacuum_enabled = ${enabled})`).execute(owner),
    )
}

async function measureAll(label: string, base: string, cookie: string, childIds: string[]) {
  const paths = childIds.map((id) => `/children/${id}`)
  for (const users of USERS)
    await measureRuns(`${args.engine} ${label}, ${users} user(s)`, RUNS, {
      base,
      cookies: [cookie],
      paths,
      users,
      seconds: SECONDS,
    })
}

async function main() {
  const partnership = await loadPartnershipConfig(
    new URL('../config/partnerships/llr.yaml', import.meta.url).pathname,
  )
  const fresh = await freshDatabase()
  const { database } = fresh
  try {
    await migrate(database)
    const { rows: have } = await database.pool.query('SELECT count(*)::int AS n FROM child')
    if (have[0].n === 0) {
      await setAutovacuum(database, !args.before)
      const loaded = await loadDemoData(database, partnership, {
        children: CHILDREN,
        seed: 1,
        analyse: !args.before,
      })
      console.log(
        `Loaded ${CHILDREN.toLocaleString('en-GB')} children into ${args.engine} in ${loaded.seconds.toFixed(0)} s`,
      )
      await seedDemoUsers(database, partnership)
    } else if (args.before)
      throw new Error('--before needs a fresh load: leave out --data-dir or give a new folder')
    else console.log(`Using the ${have[0].n.toLocaleString('en-GB')} children already in ${args['data-dir']}`)
    const users = demoUserPlan(partnership)
    const screener = users.find((u) =>
      u.grants.some((g) => g.role === 'front-door-screener' && g.laId === 'leicester'),
    ) as DemoUser
    const app = await buildApp({
      database,
      partnership,
      logLevel: 'warn',
      maintenanceEveryMs: args.before ? 0 : undefined,
    })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const cookie = (await signIn(app, screener)).jar.header()
      const { rows } = await database.pool.query(
        "SELECT id FROM child WHERE la_id = 'leicester' ORDER BY md5(id::text) LIMIT 5000",
      )
      const childIds = rows.map((row: { id: string }) => row.id)
      if (args.before) {
        await measureAll('without statistics', base, cookie, childIds)
        const started = performance.now()
        await analyseLoadedTables(database.db, LOADED_TABLES)
        console.log(`ANALYZE of the loaded tables: ${((performance.now() - started) / 1000).toFixed(1)} s`)
        await setAutovacuum(database, true)
      }
      await measureAll('after ANALYZE', base, cookie, childIds)
    } finally {
      await app.close()
    }
  } finally {
    await fresh.discard()
  }
}

await main()
