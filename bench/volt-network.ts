// A child's two-hop VOLT network (issue 13): loads children, persons of concern, places and links in
// bulk, then reads random children's networks through the use case the page uses (childNetwork:
// each child in it decided by the policy and audited) as a Leicester MACE coordinator, and prints
// p50/p95/p99. The target is p95 < 50 ms on PostgreSQL with 1,000,000 children, 200,000
// persons and 1,000,000 links; the defaults are a fiftieth of that, which loads and runs in a few
// minutes on the embedded engine.
//
//   node --import tsx bench/volt-network.ts [--engine pglite|postgres] [--children 20000]
//     [--persons 4000] [--links 20000] [--reads 300]
//
// --engine pglite (the default) uses a temporary data folder; postgres (or DATABASE_URL set) makes a
// fresh database on the server in DATABASE_URL and drops it afterwards.
// Links: 60% child to person, 15% person to place, 15% child to place, 10% child to theme; a tenth
// graded C (police only); a quarter of persons police-restricted; places are a quarter as many as persons.

import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { loadPartnershipConfig } from '../src/partnership/config.ts'
import type { Actor } from '../src/platform/access/actor.ts'
import { asOwner } from '../src/platform/db/database.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { childNetwork } from '../src/volt/workflow.ts'
import { type ScratchDatabase, scratchPglite, scratchPostgres } from './support/scratch-database.ts'
import { loadVolt } from './support/volt-load.ts'

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    children: { type: 'string', default: '20000' },
    persons: { type: 'string', default: '4000' },
    links: { type: 'string', default: '20000' },
    reads: { type: 'string', default: '300' },
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
      ? await scratchPglite('masa-bench-volt')
      : await scratchPostgres(`masa_bench_volt_${process.pid}`)
  const { database } = scratch
  try {
    await migrate(database)
    const db = database.db
    const loadStarted = performance.now()
    await loadVolt(db, { children: CHILDREN, persons: PERSONS, places: PLACES, links: LINKS })
    await asOwner(db, (owner) => sql`ANALYZE`.execute(owner))
    const loadSeconds = (performance.now() - loadStarted) / 1000
    console.log(
      `Loaded ${CHILDREN.toLocaleString('en-GB')} children, ${PERSONS.toLocaleString('en-GB')} persons, ${PLACES.toLocaleString('en-GB')} places and ${LINKS.toLocaleString('en-GB')} links on ${database.engine} in ${loadSeconds.toFixed(1)} s`,
    )

    const partnership = await loadPartnershipConfig('config/partnerships/llr.yaml')
    const ctx = { db, partnership }
    const coordinator: Actor = {
      kind: 'user',
      id: '00000000-0000-4000-8000-000000000001',
      displayName: 'Bench MACE coordinator',
      agencyId: 'leicester-city-council',
      agencyKind: 'local-authority',
      agencyLaId: 'leicester',
      grants: [{ role: 'mace-coordinator', laId: 'leicester' }],
    }
    // Children with at least one link, so each read has a network to walk.
    const { rows: linked } = await sql<{ id: string }>`
      SELECT DISTINCT a_ref AS id FROM volt_link WHERE a_kind = 'child' ORDER BY 1 LIMIT ${READS * 4}`.execute(
      db,
    )
    const picks = Array.from({ length: READS }, (_, i) => linked[(i * 7) % linked.length]?.id as string)
    for (const childId of picks.slice(0, 20))
      await childNetwork(ctx, { actor: coordinator, origin: { ip: '127.0.0.1', requestId: 'warm' } }, childId)
    const latencies: number[] = []
    let links = 0
    for (const [i, childId] of picks.entries()) {
      const started = performance.now()
      const network = await childNetwork(
        ctx,
        { actor: coordinator, origin: { ip: '127.0.0.1', requestId: `bench-${i}` } },
        childId,
      )
      latencies.push(performance.now() - started)
      links += network.links.length
    }
    latencies.sort((a, b) => a - b)
    console.log(
      `Two-hop network, ${READS} reads (mean ${(links / READS).toFixed(1)} links shown): p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
    )
  } finally {
    await scratch.discard()
  }
}

await main()
