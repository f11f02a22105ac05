// Referral intake through POST /api/v1/referrals on PostgreSQL: referrals per second with concurrent
// clients against a listening server, then a count of what was stored (nothing may be lost).
//
//   node --import tsx bench/referral-intake.ts [--referrals 6000] [--concurrency 64] [--runs 3]
//     [--keep-database name] [--partnership FILE] [--monthly-counts-cost]
//
// DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
// a fresh database is made for the run and dropped afterwards, or --keep-database names one to use
// and keep: one bench/pages-at-scale.ts loaded, to take referrals beside a million children, or a
// region's (`masa demo region --children`) with --partnership naming the partnership file to act in.
// The clients run in a worker thread, so they do not take the server's event loop.
// --monthly-counts-cost measures each run twice, with and without the triggers that mark the months a
// write changes for the dashboard's monthly counts (migration 0080), in alternating order, and prints
// what the triggers cost intake: the ratio of the medians.

import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { sql } from 'kysely'
import { buildApp } from '../src/app.ts'
import type { Database } from '../src/database.ts'
import { apiKeyPrefix, hashToken, newApiKey } from '../src/identity/secrets.ts'
import { createApiClient } from '../src/identity/store.ts'
import { asOwner } from '../src/platform/db/database.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { maintainStatistics } from '../src/platform/maintenance/workflow.ts'
import { benchPartnership, LLR_FILE } from './support/bench-partnership.ts'
import { keptPostgres, scratchPostgres } from './support/scratch-database.ts'
import { syntheticReferral } from './support/synthetic-referral.ts'

const { values } = parseArgs({
  options: {
    referrals: { type: 'string', default: '6000' },
    concurrency: { type: 'string', default: '64' },
    runs: { type: 'string', default: '3' },
    'keep-database': { type: 'string' },
    partnership: { type: 'string', default: LLR_FILE },
    'monthly-counts-cost': { type: 'boolean', default: false },
  },
})
const REFERRALS = Number(values.referrals)
const CONCURRENCY = Number(values.concurrency)
const RUNS = Number(values.runs)

interface RunRequest {
  baseUrl: string
  key: string
  prefix: string
  bodies: string[]
  concurrency: number
}

// The clients, as plain JavaScript for a worker thread of their own (workers do not load tsx).
const CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads')
const { baseUrl, key, prefix, bodies, concurrency } = workerData
let next = 0
let failed = 0
async function client() {
  for (let n = next++; n < bodies.length; n = next++) {
    const response = await fetch(baseUrl + '/api/v1/referrals', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json', 'idempotency-key': prefix + '-' + n },
      body: bodies[n],
    })
    if (response.status !== 201) failed += 1
    await response.arrayBuffer()
  }
}
const started = performance.now()
Promise.all(Array.from({ length: concurrency }, client)).then(() =>
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, failed }))
`

function run(request: RunRequest): Promise<{ seconds: number; failed: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENTS, { eval: true, workerData: request })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
}

async function stored(database: Database, prefix: string): Promise<{ referrals: number; events: number }> {
  const { rows } = await database.pool.query<{ referrals: number; events: number }>(
    `SELECT (SELECT count(*) FROM referral WHERE idempotency_key LIKE $1)::int AS referrals,
            (SELECT count(*) FROM domain_event WHERE payload->>'referralId' IN
               (SELECT id::text FROM referral WHERE idempotency_key LIKE $1))::int AS events`,
    [`${prefix}-%`],
  )
  return rows[0] ?? { referrals: 0, events: 0 }
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0

type MonthlyCounts = 'with' | 'without'

/** Turns on or off the triggers that mark the months each write changes (migration 0080). */
async function markMonthsOnWrite(database: Database, variant: MonthlyCounts): Promise<void> {
  const { rows } = await database.pool.query<{ tbl: string; trigger: string }>(
    "SELECT tgrelid::regclass::text AS tbl, tgname AS trigger FROM pg_trigger WHERE tgname LIKE 'intelligence_touch_%'",
  )
  await asOwner(database.db, async (owner) => {
    for (const { tbl, trigger } of rows)
      await sql
        .raw(`ALTER TABLE ${tbl} ${variant === 'with' ? 'ENABLE' : 'DISABLE'} TRIGGER ${trigger}`)
        .execute(owner)
  })
}

/** One run of every body: referrals a second, and a line saying what was stored (nothing may be lost). */
async function measureRun(
  database: Database,
  { baseUrl, key, bodies }: { baseUrl: string; key: string; bodies: string[] },
  prefix: string,
): Promise<{ perSecond: number; line: string }> {
  const cpuBefore = process.cpuUsage()
  const { seconds, failed } = await run({ baseUrl, key, prefix, bodies, concurrency: CONCURRENCY })
  const cpu = process.cpuUsage(cpuBefore)
  const cpuPerReferral = (cpu.user + cpu.system) / 1000 / REFERRALS
  const counted = await stored(database, prefix)
  const lost = REFERRALS - counted.referrals
  if (failed > 0 || lost !== 0 || counted.events !== 2 * REFERRALS) process.exitCode = 1
  return {
    perSecond: REFERRALS / seconds,
    line:
      `${(REFERRALS / seconds).toFixed(0)} referrals/s (${seconds.toFixed(2)} s); server CPU ` +
      `${cpuPerReferral.toFixed(2)} ms/referral; ${failed} refused; stored ${counted.referrals} referrals ` +
      `and ${counted.events} events; lost ${lost}`,
  }
}

async function main() {
  const kept = values['keep-database']
  const bench = await benchPartnership(values.partnership)
  const partnershipId = bench.config.partnership.id
  const scratch = kept
    ? await keptPostgres(kept, partnershipId)
    : await scratchPostgres(`masa_bench_intake_${process.pid}`, partnershipId)
  const { database } = scratch
  try {
    await migrate(database)
    const { rows: have } = await database.pool.query('SELECT count(*)::int AS n FROM child')
    const app = await buildApp({
      database,
      partnership: bench.config,
      logLevel: 'silent',
      identity: { rateLimits: { apiPerMinute: 10_000_000 } },
    })
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
    const key = newApiKey()
    await createApiClient(database.db, {
      agencyId: bench.schoolsAgencyId,
      name: 'bench',
      keyPrefix: apiKeyPrefix(key),
      keyHash: hashToken(key),
      scopes: ['contacts:write'],
    })
    const bodies = Array.from({ length: REFERRALS }, (_, n) => syntheticReferral(n, bench.postcodes))
    await run({ baseUrl, key, prefix: 'warm-up', bodies: bodies.slice(0, 500), concurrency: CONCURRENCY })
    console.log(
      `Referral intake on PostgreSQL: ${REFERRALS} referrals per run, ${CONCURRENCY} concurrent clients, ` +
        `${have[0].n.toLocaleString('en-GB')} children already recorded`,
    )
    const variants = values['monthly-counts-cost'] ? (['with', 'without'] as const) : (['with'] as const)
    const rates = new Map<MonthlyCounts, number[]>(variants.map((variant) => [variant, []]))
    for (let r = 1; r <= RUNS; r += 1) {
      for (const variant of r % 2 === 1 ? variants : [...variants].reverse()) {
        if (values['monthly-counts-cost']) await markMonthsOnWrite(database, variant)
        // A running server's upkeep keeps the planner's statistics within a minute of the tables; a
        // run lasts seconds, so the last run's referrals are counted as the upkeep would have by now.
        await asOwner(database.db, (owner) => maintainStatistics(owner, 'command'))
        const rate = await measureRun(
          database,
          { baseUrl, key, bodies },
          `run-${process.pid}-${r}-${variant}`,
        )
        rates.get(variant)?.push(rate.perSecond)
        console.log(
          `  run ${r}${values['monthly-counts-cost'] ? `, ${variant} the monthly counts' triggers` : ''}: ${rate.line}`,
        )
      }
    }
    for (const [variant, all] of rates)
      console.log(
        `median${variants.length > 1 ? ` ${variant} the triggers` : ''}: ${median(all).toFixed(0)} referrals/s (target >= 500/s)`,
      )
    if (values['monthly-counts-cost']) {
      const ratio = median(rates.get('without') ?? []) / median(rates.get('with') ?? [])
      console.log(`the triggers cost intake ${((1 - 1 / ratio) * 100).toFixed(1)}% of its rate`)
      await markMonthsOnWrite(database, 'with')
    }
    await app.close()
  } finally {
    await scratch.discard()
  }
}

await main()
