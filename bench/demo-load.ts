// Demo data load speed: N synthetic children (default 100,000) into a fresh database, timed from
// the first COPY to the last (migrations excluded), then with --years the history grown over them
// (`masa demo --years`). Prints rows/s, children/s (the children and the history together) and the peak RSS.
//
//   node --import tsx bench/demo-load.ts [children] [--engine pglite|postgres] [--runs 3] [--seed 1] [--years 5]
//
// --engine pglite uses a temporary data folder; --engine postgres makes a fresh database on the
// server in DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and drops it after.
// --copy-baseline (postgres): after each run, the same rows copied into a fresh migrated database by
// COPY alone (support/copy-baseline.ts), timed: PostgreSQL's own rate for them on this machine.

import { parseArgs } from 'node:util'
import type { Database } from '../src/database.ts'
import { growDemoHistory } from '../src/demo/history.ts'
import { type DemoLoadResult, loadDemoData } from '../src/demo/load-demo.ts'
import { loadPartnershipConfig } from '../src/partnership/config.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { copyBaseline } from './support/copy-baseline.ts'
import { scratchPglite, scratchPostgres } from './support/scratch-database.ts'

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    engine: { type: 'string', default: 'pglite' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    years: { type: 'string', default: '0' },
    'copy-baseline': { type: 'boolean', default: false },
    partnership: {
      type: 'string',
      default: new URL('../config/partnerships/llr.yaml', import.meta.url).pathname,
    },
  },
})
const CHILDREN = Number(positionals[0] ?? 100_000)
const RUNS = Number(args.runs)
const YEARS = Number(args.years)
if (args.engine !== 'pglite' && args.engine !== 'postgres') throw new Error('--engine is pglite or postgres')
if (args['copy-baseline'] && args.engine !== 'postgres') throw new Error('--copy-baseline is for postgres')

const rate = (n: number, seconds: number) => Math.round(n / seconds).toLocaleString('en-GB')
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

async function run(index: number): Promise<DemoLoadResult> {
  const partnership = await loadPartnershipConfig(args.partnership)
  const fresh =
    args.engine === 'postgres'
      ? await scratchPostgres(`masa_bench_demo_${process.pid}_${index}`)
      : await scratchPglite('masa-bench-demo')
  try {
    await migrate(fresh.database)
    const loaded = await loadDemoData(fresh.database, partnership, {
      children: CHILDREN,
      seed: Number(args.seed),
    })
    const history =
      YEARS > 0
        ? await growDemoHistory(fresh.database, partnership, { years: YEARS, seed: Number(args.seed) })
        : { rows: 0, seconds: 0, referrals: 0 }
    const result = { ...loaded, rows: loaded.rows + history.rows, seconds: loaded.seconds + history.seconds }
    if (YEARS > 0)
      console.log(
        `  children ${loaded.seconds.toFixed(1)} s (${loaded.rows.toLocaleString('en-GB')} rows), ` +
          `${YEARS} years of history ${history.seconds.toFixed(1)} s (${history.rows.toLocaleString('en-GB')} rows, ` +
          `${history.referrals.toLocaleString('en-GB')} referrals)`,
      )
    console.log(
      `run ${index + 1}: ${result.seconds.toFixed(1)} s, ${result.rows.toLocaleString('en-GB')} rows: ` +
        `${rate(result.rows, result.seconds)} rows/s, ${rate(result.children, result.seconds)} children/s`,
    )
    if (args['copy-baseline']) await compareWithCopy(fresh.database, result, index)
    return result
  } finally {
    await fresh.discard()
  }
}

async function compareWithCopy(loaded: Database, result: DemoLoadResult, index: number) {
  const empty = await scratchPostgres(`masa_bench_copy_${process.pid}_${index}`)
  try {
    await migrate(empty.database)
    const copied = await copyBaseline(loaded, empty.database)
    const copyRate = copied.rows / copied.seconds
    console.log(
      `  COPY alone: ${copied.seconds.toFixed(1)} s, ${copied.rows.toLocaleString('en-GB')} rows, ` +
        `${rate(copied.rows, copied.seconds)} rows/s; the load took ${(result.seconds / copied.seconds).toFixed(1)}× ` +
        `as long, its rows/s ${(result.rows / result.seconds / copyRate).toFixed(2)} of COPY's`,
    )
  } finally {
    await empty.discard()
  }
}

console.log(
  `Loading ${CHILDREN.toLocaleString('en-GB')} demo children${YEARS > 0 ? ` with ${YEARS} years of history` : ''} into ${args.engine}, ${RUNS} run(s)`,
)
const results: DemoLoadResult[] = []
for (let i = 0; i < RUNS; i++) results.push(await run(i))
const seconds = median(results.map((r) => r.seconds))
const rows = results[0]?.rows ?? 0
console.log(
  `median: ${seconds.toFixed(1)} s, ${rate(rows, seconds)} rows/s, ${rate(CHILDREN, seconds)} children/s; ` +
    `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
)
