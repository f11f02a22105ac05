// Referral intake through HAProxy with 1, 2 and 3 app servers on one PostgreSQL (issue 17): referrals
// per second for each, and the scaling against one server. Each size gets a fresh database.
//
//   node --import tsx bench/cluster-intake.ts [--referrals 3000] [--concurrency 48] [--runs 3]
//     [--keep-database name] [--partnership FILE]
//
// --keep-database takes the referrals into that database for every size instead (a loaded one: a
// million children, or a region's from `masa demo region --children`), and keeps it; --partnership
// names the partnership file the servers serve (default LLR's), whose first LA's schools refer.
// DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres).
// HAProxy must be installed (scripts/ensure-debian-packages.sh). On a 2-core machine the servers,
// PostgreSQL, HAProxy and the clients share two cores: the figure shows coordination costs, not the
// gain a server per machine would give.

import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { openDatabase } from '../src/database.ts'
import { issueApiKey } from '../src/identity/index.ts'
import { startCluster } from '../test/support/cluster.ts'
import { type BenchPartnership, benchPartnership, LLR_FILE } from './support/bench-partnership.ts'
import { BENCH_SECRET_KEY } from './support/scratch-database.ts'
import { syntheticReferral } from './support/synthetic-referral.ts'

const { values } = parseArgs({
  options: {
    referrals: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '48' },
    runs: { type: 'string', default: '3' },
    'keep-database': { type: 'string' },
    partnership: { type: 'string', default: LLR_FILE },
  },
})
const REFERRALS = Number(values.referrals)
const CONCURRENCY = Number(values.concurrency)
const RUNS = Number(values.runs)
const SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

async function sendAll(
  url: string,
  key: string,
  postcodes: readonly string[],
): Promise<{ seconds: number; failed: number }> {
  let next = 0
  let failed = 0
  const client = async () => {
    for (let n = next++; n < REFERRALS; n = next++) {
      const answer = await fetch(`${url}/api/v1/referrals`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: syntheticReferral(n, postcodes),
      })
      if (answer.status !== 201) failed += 1
      await answer.arrayBuffer()
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, client))
  return { seconds: (performance.now() - started) / 1000, failed }
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0

async function measure(servers: number, bench: BenchPartnership): Promise<number> {
  const settings = {
    MASA_API_CALLS_PER_MINUTE: '100000000',
    MASA_PARTNERSHIP: values.partnership,
    // A kept database's users are sealed under the benchmarks' key: a server with another refuses to start.
    ...(values['keep-database'] ? { MASA_SECRET_KEY: BENCH_SECRET_KEY.toString('base64') } : {}),
  }
  const cluster = await startCluster(SERVER, servers, settings, values['keep-database'])
  const database = await openDatabase({
    partnership: bench.config.partnership.id,
    databaseUrl: cluster.databaseUrl,
    dataDir: '',
  })
  try {
    const key = await issueApiKey(database.db, {
      agencyId: bench.schoolsAgencyId,
      name: 'bench',
      scopes: ['contacts:write'],
    })
    await sendAll(cluster.url, key, bench.postcodes)
    const rates: number[] = []
    for (let run = 1; run <= RUNS; run++) {
      const { seconds, failed } = await sendAll(cluster.url, key, bench.postcodes)
      rates.push(REFERRALS / seconds)
      console.log(
        `  ${servers} server(s), run ${run}: ${(REFERRALS / seconds).toFixed(0)} referrals/s; ${failed} refused`,
      )
      if (failed > 0) process.exitCode = 1
    }
    return median(rates)
  } finally {
    await database.close()
    await cluster.close()
  }
}

console.log(
  `Referral intake through HAProxy on PostgreSQL: ${REFERRALS} referrals a run, ${CONCURRENCY} clients`,
)
const bench = await benchPartnership(values.partnership)
const rates = new Map<number, number>()
for (const servers of [1, 2, 3]) rates.set(servers, await measure(servers, bench))
const one = rates.get(1) ?? 1
for (const [servers, rate] of rates)
  console.log(
    `median with ${servers} server(s): ${rate.toFixed(0)} referrals/s (${(rate / one).toFixed(2)}x one server)`,
  )
