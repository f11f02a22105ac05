// Pages at an England partnership's scale (issue 17): with a million children and years of history
// (`masa demo --children --years`: referrals, decisions, enquiries, conferences, plans and their
// chronology), `--users` signed-in front-door screeners of Leicester (or of --partnership's first LA),
// each with a session of their own, open pages at once: a child's page, the child's chronology, the
// front-door queue. Each kind is measured alone; prints p50/p95/p99 and pages/s per kind, the median of the runs.
// Target: p95 < 100 ms for each at 50 users. Each user opens the next page as soon as the last has
// come (the most the server can serve), or --think-ms later on average, as people reading each page.
//
//   node --import tsx bench/pages-at-scale.ts [--engine postgres|pglite] [--children 1000000] [--years 5]
//     [--users 50] [--think-ms 0] [--pages child,chronology,queue] [--seconds 10] [--runs 3]
//     [--keep-database name] [--partnership FILE] [--explain]
//
// The children opened are that LA's with history (a referral at least): those whose records people
// open. --engine postgres (the default) makes a fresh database on the server in DATABASE_URL (default
// the local one) and drops it afterwards; --keep-database name loads that database once and keeps
// it, and a later run on it skips the load (many minutes at a million). Drop it with `dropdb name`.
// --partnership names the partnership file to act in (default LLR's): with --keep-database, one
// partnership of a region's database (`masa demo region --children`), its first LA's screeners and
// children in place of Leicester's.
// The clients run in a worker thread, so their own work is not counted against the server's.
// --explain first opens each kind of page once (for the child with the longest chronology of those
// opened) and prints each of its reads under EXPLAIN (ANALYZE, BUFFERS): where the time goes.

import { parseArgs } from 'node:util'
import type pg from 'pg'
import { buildApp } from '../src/app.ts'
import { growDemoHistory } from '../src/demo/history.ts'
import { loadDemoData } from '../src/demo/load-demo.ts'
import { demoTotpSecret, demoUserPlan } from '../src/identity/demo-users.ts'
import { type DemoUser, seedDemoUsers } from '../src/identity/index.ts'
import { signIn } from '../src/identity/testing.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { benchPartnership, LLR_FILE } from './support/bench-partnership.ts'
import { describeExplained, explainReads, type QueryRecorder, recordingKysely } from './support/explain.ts'
import { type Figures, measureRuns } from './support/page-clients.ts'
import {
  keptPostgres,
  type ScratchDatabase,
  scratchPglite,
  scratchPostgres,
} from './support/scratch-database.ts'

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    children: { type: 'string', default: '1000000' },
    years: { type: 'string', default: '5' },
    users: { type: 'string', default: '50' },
    pages: { type: 'string', default: 'child,chronology,queue' },
    seconds: { type: 'string', default: '10' },
    'think-ms': { type: 'string', default: '0' },
    runs: { type: 'string', default: '3' },
    'keep-database': { type: 'string' },
    partnership: { type: 'string', default: LLR_FILE },
    explain: { type: 'boolean', default: false },
  },
})
const CHILDREN = Number(args.children)
const YEARS = Number(args.years)
const USERS = Number(args.users)
const SECONDS = Number(args.seconds)
const THINK_MS = Number(args['think-ms'])
const RUNS = Number(args.runs)
const KINDS = {
  child: (id: string) => `/children/${id}`,
  chronology: (id: string) => `/children/${id}/chronology`,
  queue: () => '/front-door',
} as const
type Kind = keyof typeof KINDS
const PAGES = args.pages.split(',') as Kind[]
for (const kind of PAGES)
  if (!(kind in KINDS)) throw new Error(`--pages: ${kind} is none of child, chronology, queue`)
if (args.engine !== 'pglite' && args.engine !== 'postgres') throw new Error('--engine is pglite or postgres')
if (args['keep-database'] && args.engine !== 'postgres') throw new Error('--keep-database is for postgres')

function database(partnershipId: string): Promise<ScratchDatabase> {
  const kept = args['keep-database']
  if (kept) return keptPostgres(kept, partnershipId)
  return args.engine === 'pglite'
    ? scratchPglite('masa-bench-pages', partnershipId)
    : scratchPostgres(`masa_bench_pages_${process.pid}`, partnershipId)
}

/** `USERS` screeners of the first LA, each signing in with a session of their own. */
function benchScreeners(screener: DemoUser): DemoUser[] {
  return Array.from({ length: USERS }, (_, n) => {
    const email = `bench-${n + 1}.${screener.email}`
    return { ...screener, email, displayName: `Bench screener ${n + 1}`, totpSecret: demoTotpSecret(email) }
  })
}

async function main() {
  const { config: partnership, laId } = await benchPartnership(args.partnership)
  const scratch = await database(partnership.partnership.id)
  const { database: db } = scratch
  try {
    await migrate(db)
    const { rows: have } = await db.pool.query('SELECT count(*)::int AS n FROM child')
    if (have[0].n === 0) {
      const loaded = await loadDemoData(db, partnership, { children: CHILDREN, seed: 1, analyse: true })
      const grown = await growDemoHistory(db, partnership, { years: YEARS, seed: 1 })
      console.log(
        `Loaded ${CHILDREN.toLocaleString('en-GB')} children in ${loaded.seconds.toFixed(0)} s and grew ` +
          `${YEARS} years of history in ${grown.seconds.toFixed(0)} s`,
      )
    } else
      console.log(
        `Using the ${have[0].n.toLocaleString('en-GB')} children already in ${args['keep-database']}`,
      )
    const { rows: counts } = await db.pool.query(`SELECT (SELECT count(*)::int FROM referral) AS referrals,
      (SELECT count(*)::int FROM referral WHERE status <> 'decided') AS open,
      (SELECT count(*)::int FROM domain_event) AS events`)
    console.log(
      `${counts[0].referrals.toLocaleString('en-GB')} referrals (${counts[0].open} open), ` +
        `${counts[0].events.toLocaleString('en-GB')} chronology entries (${args.engine})`,
    )
    const screener = demoUserPlan(partnership).find((u) =>
      u.grants.some((g) => g.role === 'front-door-screener' && g.laId === laId),
    ) as DemoUser
    const screeners = await seedDemoUsers(db, partnership, benchScreeners(screener))
    const recorder = recordingKysely(db.pool)
    const app = await buildApp({
      database: { ...db, db: recorder.db },
      partnership,
      logLevel: 'warn',
      // All the users sign in from this one address.
      identity: { rateLimits: { signInPerMinute: 10 * USERS } },
    })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const cookies: string[] = []
      for (const user of screeners) cookies.push((await signIn(app, user)).jar.header())
      const { rows } = await db.pool.query(
        `SELECT child_id AS id FROM (SELECT DISTINCT child_id FROM referral
           WHERE la_id = $1 AND child_id IS NOT NULL) known ORDER BY md5(child_id::text) LIMIT 5000`,
        [laId],
      )
      const childIds = rows.map((row: { id: string }) => row.id)
      const results = new Map<Kind, Figures>()
      for (const kind of PAGES) {
        const paths = kind === 'queue' ? [KINDS.queue()] : childIds.map(KINDS[kind])
        if (args.explain) await explainPage(recorder, db.pool, base, cookies[0] as string, kind, childIds)
        const label = `${args.engine} ${kind} page, ${USERS} users${THINK_MS ? ` reading ${THINK_MS} ms` : ''}`
        const load = { base, cookies, paths, users: USERS, seconds: SECONDS, thinkMs: THINK_MS }
        results.set(kind, await measureRuns(label, RUNS, load))
      }
      for (const [kind, figures] of results)
        console.log(
          `${kind}: p95 ${figures.p95.toFixed(0)} ms ${figures.p95 < 100 ? 'within' : 'OVER'} the 100 ms target`,
        )
    } finally {
      await app.close()
    }
  } finally {
    await scratch.discard()
  }
}

/** Opens one page of this kind (warm, the second time) and prints its reads explained. */
async function explainPage(
  recorder: QueryRecorder,
  pool: pg.Pool,
  base: string,
  cookie: string,
  kind: Kind,
  childIds: readonly string[],
) {
  const { rows } = await pool.query(
    `SELECT child_id AS id, count(*)::int AS n FROM domain_event WHERE child_id = ANY($1::uuid[])
     GROUP BY child_id ORDER BY n DESC LIMIT 1`,
    [childIds],
  )
  const path = kind === 'queue' ? KINDS.queue() : KINDS[kind](rows[0]?.id ?? childIds[0])
  for (const time of [1, 2]) {
    recorder.ran.length = 0
    recorder.recording = time === 2
    const response = await fetch(`${base}${path}`, { headers: { cookie, accept: 'text/html' } })
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
  }
  recorder.recording = false
  const explained = await explainReads(pool, recorder.ran)
  const total = explained.reduce((sum, e) => sum + e.ms + e.planningMs, 0)
  console.log(
    `${kind} page${kind === 'queue' ? '' : ` (a child with ${rows[0]?.n ?? 0} entries)`}: ${recorder.ran.length} statements, ` +
      `${explained.length} reads, ${total.toFixed(1)} ms in them (planning included)\n${describeExplained(explained)}`,
  )
}

await main()
