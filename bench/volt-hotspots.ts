// VOLT's hotspots (issue 13): loads children, persons of concern, places and links in bulk, as
// bench/volt-network.ts does (the same ratios), gives the police force an involvement with a fifth
// of the children, then reads the hotspots page's use case (one aggregate query through the partial
// indexes of migration 0046, the viewer's reach as its condition, audited once) as a Leicester MACE
// coordinator and as police public protection, and prints p50/p95/p99 of each.
//
//   node --import tsx bench/volt-hotspots.ts [--engine pglite|postgres] [--children 20000]
//     [--persons 4000] [--links 20000] [--reads 50]
//
// --engine pglite (the default) uses a temporary data folder; postgres (or DATABASE_URL set) makes a
// fresh database on the server in DATABASE_URL and drops it afterwards.

import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { loadPartnershipConfig } from '../src/partnership/config.ts'
import type { Actor } from '../src/platform/access/actor.ts'
import { asOwner } from '../src/platform/db/database.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { countReach, hotspots } from '../src/volt/hotspots.ts'
import { hotspotQuery } from '../src/volt/store.ts'
import { type ScratchDatabase, scratchPglite, scratchPostgres } from './support/scratch-database.ts'
import { loadVolt } from './support/volt-load.ts'

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    children: { type: 'string', default: '20000' },
    persons: { type: 'string', default: '4000' },
    links: { type: 'string', default: '20000' },
    reads: { type: 'string', default: '50' },
    explain: { type: 'boolean', default: false },
  },
})
const CHILDREN = Number(args.children)
const PERSONS = Number(args.persons)
const PLACES = Math.max(1, Math.floor(PERSONS / 4))
const LINKS = Number(args.links)
const READS = Number(args.reads)
if (args.engine !== 'pglite' && args.engine !== 'postgres') throw new Error('--engine is pglite or postgres')

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0

async function main() {
  const scratch: ScratchDatabase =
    args.engine === 'pglite'
      ? await scratchPglite('masa-bench-volt-hotspots')
      : await scratchPostgres(`masa_bench_volt_hotspots_${process.pid}`)
  const { database } = scratch
  try {
    await migrate(database)
    const db = database.db
    const loadStarted = performance.now()
    await loadVolt(db, { children: CHILDREN, persons: PERSONS, places: PLACES, links: LINKS })
    await sql`INSERT INTO child_involvement (child_id, agency_id, kind, reason)
      SELECT id, 'leicestershire-police', 'added-by-la', 'bench' FROM child WHERE la_child_id LIKE '%0'
        OR la_child_id LIKE '%5'`.execute(db)
    // As autovacuum leaves a table at rest: analysed, and its visibility map set (index-only scans).
    await asOwner(db, (owner) => sql`VACUUM ANALYZE`.execute(owner))
    const loadSeconds = (performance.now() - loadStarted) / 1000
    console.log(
      `Loaded ${CHILDREN.toLocaleString('en-GB')} children, ${PERSONS.toLocaleString('en-GB')} persons, ${PLACES.toLocaleString('en-GB')} places and ${LINKS.toLocaleString('en-GB')} links on ${database.engine} in ${loadSeconds.toFixed(1)} s`,
    )

    const partnership = await loadPartnershipConfig('config/partnerships/llr.yaml')
    const ctx = { db, partnership }
    const viewers: [string, Actor][] = [
      [
        'MACE coordinator (Leicester)',
        {
          kind: 'user',
          id: '00000000-0000-4000-8000-000000000001',
          displayName: 'Bench MACE coordinator',
          agencyId: 'leicester-city-council',
          agencyKind: 'local-authority',
          agencyLaId: 'leicester',
          grants: [{ role: 'mace-coordinator', laId: 'leicester' }],
        },
      ],
      [
        'police public protection (all LAs)',
        {
          kind: 'user',
          id: '00000000-0000-4000-8000-000000000002',
          displayName: 'Bench police',
          agencyId: 'leicestershire-police',
          agencyKind: 'police',
          grants: [{ role: 'police-public-protection', laId: null }],
        },
      ],
    ]
    for (const [name, actor] of viewers) {
      const caller = (i: number) => ({ actor, origin: { ip: '127.0.0.1', requestId: `bench-${i}` } })
      for (let i = 0; i < 3; i += 1) await hotspots(ctx, caller(i))
      const latencies: number[] = []
      let rows = 0
      let counted = 0
      for (let i = 0; i < READS; i += 1) {
        const started = performance.now()
        const spots = await hotspots(ctx, caller(i))
        latencies.push(performance.now() - started)
        rows = spots.length
        counted = spots.reduce((sum, spot) => sum + spot.children, 0)
      }
      latencies.sort((a, b) => a - b)
      if (args.explain) {
        const query = hotspotQuery({ ...countReach(actor), police: actor.agencyKind === 'police' })
        const plan = await db.transaction().execute(async (trx) => {
          await sql`SET LOCAL jit = off`.execute(trx)
          return (await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${query}`.execute(trx)).rows
        })
        console.log(plan.map((row) => row['QUERY PLAN']).join('\n'))
      }
      console.log(
        `Hotspots as ${name}, ${READS} reads (${rows} rows, ${counted.toLocaleString('en-GB')} child-place counts): p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
      )
    }
  } finally {
    await scratch.discard()
  }
}

await main()
