// Demo data load speed: N synthetic children (default 100,000) into a fresh database, timed from
// the first COPY to the last (migrations excluded). Prints rows/s, children/s and the peak RSS.
//
//   node --import tsx bench/demo-load.ts [children] [--engine pglite|postgres] [--runs 3] [--seed 1]
//
// --engine pglite uses a temporary data folder; --engine postgres makes a fresh database on the
// server in DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and drops it after.

import { parseArgs } from 'node:util'
import { type DemoLoadResult, loadDemoData } from '../src/demo/load-demo.ts'
import { loadPartnershipConfig } from '../src/partnership/config.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { scratchPglite, scratchPostgres } from './support/scratch-database.ts'

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    engine: { type: 'string', default: 'pglite' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    partnership: {
      type: 'string',
      default: new URL('../config/partnerships/llr.yaml', import.meta.url).pathname,
    },
  },
})
const CHILDREN = Number(positionals[0] ?? 100_000)
const RUNS = Number(args.runs)
if (args.engine !== 'pglite' && args.engine !== 'postgres') throw new Error('--engine is pglite or postgres')

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
    const result = await loadDemoData(fresh.database, partnership, {
      children: CHILDREN,
      seed: Number(args.seed),
    })
    console.log(
      `run ${index + 1}: ${result.seconds.toFixed(1)} s, ${result.rows.toLocaleString('en-GB')} rows: ` +
        `${rate(result.rows, result.seconds)} rows/s, ${rate(result.children, result.seconds)} children/s`,
    )
    return result
  } finally {
    await fresh.discard()
  }
}

console.log(`Loading ${CHILDREN.toLocaleString('en-GB')} demo children into ${args.engine}, ${RUNS} run(s)`)
const results: DemoLoadResult[] = []
for (let i = 0; i < RUNS; i++) results.push(await run(i))
const seconds = median(results.map((r) => r.seconds))
const rows = results[0]?.rows ?? 0
console.log(
  `median: ${seconds.toFixed(1)} s, ${rate(rows, seconds)} rows/s, ${rate(CHILDREN, seconds)} children/s; ` +
    `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
)
