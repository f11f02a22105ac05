// Performance dashboard latency (issue 16): an analyst of the whole partnership opening /intelligence
// over demo children with five years of history (`masa demo --years 5`: England's published rates,
// delays, late bookings, inquorate meetings, re-referrals). Prints p50/p95 for the default 12 months,
// for 5 years, and for one measure's agencies side by side, each the median of the runs. Target: p95 < 200 ms.
//
//   node --import tsx bench/dashboard.ts [--engine pglite|postgres] [--children 20000]
//     [--requests 30] [--runs 3] [--database NAME] [--counts stored|live|live,stored]
//
// --counts: `stored` (the default) runs the job that counts the months (src/intelligence/
// monthly.ts), timed, then measures with the server running it every minute, as in service; `live`
// drops the stored counts first, so every month is counted live per request (the dashboard before
// them); `live,stored` measures both in turn, the job run only by the bench.
//
// --engine postgres makes a fresh database on the server in DATABASE_URL (default the local one) and
// drops it after. --database NAME (postgres only) keeps the database under that name instead: the
// first run loads it, later runs reuse what is there (loading 1M children takes minutes), and
// `DROP DATABASE NAME` removes it. At England’s size (1M children, about 1.5 million rows of history, several minutes to
// load; the server needs about 2 GB of disk):
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     node --import tsx bench/dashboard.ts --engine postgres --children 1000000 --requests 20

import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { buildApp } from '../src/app.ts'
import { growDemoHistory } from '../src/demo/history.ts'
import { loadDemoData } from '../src/demo/load-demo.ts'
import { demoUserPlan } from '../src/identity/demo-users.ts'
import { type DemoUser, seedDemoUsers } from '../src/identity/index.ts'
import { signIn } from '../src/identity/testing.ts'
import { countChangedMonths } from '../src/intelligence/monthly.ts'
import { loadPartnershipConfig } from '../src/partnership/config.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import {
  keptPostgres,
  type ScratchDatabase,
  scratchPglite,
  scratchPostgres,
} from './support/scratch-database.ts'

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    children: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    database: { type: 'string' },
    counts: { type: 'string', default: 'stored' },
  },
})
const CHILDREN = Number(args.children)
const REQUESTS = Number(args.requests)
const RUNS = Number(args.runs)
const COUNTS = (args.counts ?? '').split(',')
if (COUNTS.some((counts) => counts !== 'live' && counts !== 'stored'))
  throw new Error('--counts is live, stored, or both in the order to measure them (live,stored)')
const load = () => `load ${loadavg()[0]?.toFixed(1)}`
if (args.engine !== 'pglite' && args.engine !== 'postgres') throw new Error('--engine is pglite or postgres')
if (args.database !== undefined && (args.engine !== 'postgres' || !/^[a-z_][a-z0-9_]*$/.test(args.database)))
  throw new Error('--database takes a lower-case PostgreSQL database name, with --engine postgres')

const fresh = (): Promise<ScratchDatabase> =>
  args.engine === 'pglite'
    ? scratchPglite('masa-bench-dashboard')
    : scratchPostgres(`masa_bench_dashboard_${process.pid}`)

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function measure(base: string, cookie: string, path: string): Promise<{ p50: number; p95: number }> {
  const latencies: number[] = []
  for (let i = 0; i < REQUESTS; i++) {
    const sent = performance.now()
    const response = await fetch(`${base}${path}`, { headers: { cookie, accept: 'text/html' } })
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
    latencies.push(performance.now() - sent)
  }
  latencies.sort((a, b) => a - b)
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) }
}

async function main() {
  const partnership = await loadPartnershipConfig(
    new URL('../config/partnerships/llr.yaml', import.meta.url).pathname,
  )
  const scratch = args.database ? await keptPostgres(args.database) : await fresh()
  const { database } = scratch
  try {
    await migrate(database)
    const loaded = await sql<{ children: number }>`SELECT count(*)::int AS children FROM child`.execute(
      database.db,
    )
    if (loaded.rows[0]?.children) console.log(`reusing ${args.database} as it is`)
    else {
      await loadDemoData(database, partnership, { children: CHILDREN, seed: 1, analyse: true })
      await growDemoHistory(database, partnership, { years: 5, seed: 1 })
      await seedDemoUsers(database, partnership)
    }
    const counts = await sql<{ children: number; referrals: number; enquiries: number; plans: number }>`
      SELECT (SELECT count(*)::int FROM child) AS children, (SELECT count(*)::int FROM referral) AS referrals, (SELECT count(*)::int FROM section47_enquiry) AS enquiries,
        (SELECT count(*)::int FROM child_protection_plan) AS plans`.execute(database.db)
    const grown = counts.rows[0]
    console.log(
      `${grown?.children.toLocaleString('en-GB')} children, ${grown?.referrals} referrals, ${grown?.enquiries} s47 enquiries, ${grown?.plans} plans over 5 years (${args.engine})`,
    )
    const analyst = demoUserPlan(partnership).find((u) =>
      u.grants.some((g) => g.role === 'analyst'),
    ) as DemoUser
    const countTimed = async () => {
      const started = performance.now()
      const { months } = await countChangedMonths(database.db, partnership, new Date())
      console.log(
        `counted ${months} months in ${((performance.now() - started) / 1000).toFixed(1)} s (${load()})`,
      )
    }
    // The job is run here, timed. With only `stored`, it is run before the server starts and then
    // every minute by the server, as in service; `live` measures with no month counted, so no job runs.
    const jobRuns = !COUNTS.includes('live')
    if (jobRuns) await countTimed()
    const app = await buildApp({
      database,
      partnership,
      logLevel: 'warn',
      ...(jobRuns ? {} : { intelligenceEveryMs: 0 }),
    })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const cookie = (await signIn(app, analyst)).jar.header()
      const thisMonth = new Date().toISOString().slice(0, 7)
      const [year, month] = thisMonth.split('-').map(Number) as [number, number]
      const first = year * 12 + month - 1 - 59
      const fiveYearsAgo = `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}`
      for (const counts of COUNTS) {
        if (counts === 'live') await sql`DELETE FROM intelligence_month`.execute(database.db)
        else if (!jobRuns) await countTimed()
        for (const [label, path] of [
          ['the last 12 months', '/intelligence'],
          ['5 years', `/intelligence?from=${fiveYearsAgo}&to=${thisMonth}`],
          ['attendance, every agency, 12 months', '/intelligence/measures/attendance/agencies'],
        ] as const) {
          const runs: { p50: number; p95: number }[] = []
          for (let run = 1; run <= RUNS; run++) {
            runs.push(await measure(base, cookie, path))
            const last = runs.at(-1)
            console.log(
              `  ${label}, ${counts}, run ${run}: p50 ${last?.p50.toFixed(0)} ms, p95 ${last?.p95.toFixed(0)} ms (${load()})`,
            )
          }
          console.log(
            `${args.engine} dashboard, ${label}, months ${counts}, median of ${RUNS}: p50 ${median(runs.map((r) => r.p50)).toFixed(0)} ms, ` +
              `p95 ${median(runs.map((r) => r.p95)).toFixed(0)} ms`,
          )
        }
      }
    } finally {
      await app.close()
    }
  } finally {
    await scratch.discard()
  }
}

await main()
