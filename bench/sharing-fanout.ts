// Partner sharing throughput on PostgreSQL: police batches posted through the API by concurrent
// clients; prints events/s accepted and fanned out (notifications written in the same transaction),
// and the p95 time from acceptance to the notification being in each inbox and to its email/webhook
// being queued. The median of 3 runs.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/sharing-fanout.ts
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { buildApp } from '../src/app.ts'
import { openDatabase } from '../src/database.ts'
import { loadPartnershipConfig } from '../src/partnership/config.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { apiKeyFor, policeEvent, seedChildren } from '../src/sharing/testing.ts'

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const CHILDREN = 10_000
const BATCH = 1_000
const BATCHES = Number(process.env.BATCHES ?? 30)
const CLIENTS = Number(process.env.CLIENTS ?? 4)
const RUNS = Number(process.env.RUNS ?? 3)

interface Run {
  eventsPerSecond: number
  p95InboxMs: number
  p95DispatchMs: number
}

async function admin(text: string) {
  const client = new pg.Client({ connectionString: SERVER })
  await client.connect()
  await client.query(text).finally(() => client.end())
}

async function oneRun(run: number): Promise<Run> {
  const name = `masa_bench_sharing_${randomBytes(4).toString('hex')}`
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(SERVER)
  url.pathname = `/${name}`
  const database = await openDatabase({ partnership: 'llr', databaseUrl: url.toString(), dataDir: '' })
  try {
    await migrate(database)
    const children = await seedChildren(database.db, CHILDREN, {
      laId: 'leicester',
      involvedAgencyIds: ['leicester-schools', 'llr-community-health'],
    })
    const key = await apiKeyFor(database.db, 'leicestershire-police', ['events:write'])
    const partnership = await loadPartnershipConfig(
      new URL('../config/partnerships/llr.yaml', import.meta.url).pathname,
    )
    const app = await buildApp({ database, partnership, logLevel: 'silent' })
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const bodies = Array.from({ length: BATCHES }, (_, b) =>
      JSON.stringify(
        Array.from({ length: BATCH }, (_, i) =>
          policeEvent(`R${run}-${b}-${i}`, children[(b * BATCH + i) % children.length]?.nhsNumber ?? '', {
            occurredAt: '2026-01-05T10:00:00Z',
          }),
        ),
      ),
    )
    const latencies: number[] = []
    let next = 0
    const client = async () => {
      for (let b = next++; b < BATCHES; b = next++) {
        const sent = performance.now()
        const response = await fetch(`${base}/api/v1/shared-events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: bodies[b],
        })
        const answer = (await response.json()) as { accepted: number }
        if (answer.accepted !== BATCH) throw new Error(`batch ${b}: ${JSON.stringify(answer).slice(0, 300)}`)
        // Notifications commit with the events: the answer is the moment they are in every inbox.
        latencies.push(performance.now() - sent)
      }
    }
    const started = performance.now()
    await Promise.all(Array.from({ length: CLIENTS }, client))
    const seconds = (performance.now() - started) / 1000
    while ((await app.sharing.dispatch()) > 0);
    const dispatch = await sql<{ p95: number }>`
      SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM dispatched_at - created_at) * 1000) AS p95
      FROM sharing_notification`.execute(database.db)
    await app.close()
    return {
      eventsPerSecond: (BATCHES * BATCH) / seconds,
      p95InboxMs: percentile(latencies, 0.95),
      p95DispatchMs: Number(dispatch.rows[0]?.p95 ?? 0),
    }
  } finally {
    await database.close()
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

const runs: Run[] = []
for (let run = 0; run < RUNS; run += 1) {
  const result = await oneRun(run)
  runs.push(result)
  console.log(
    `run ${run + 1}: ${result.eventsPerSecond.toFixed(0)} events/s, p95 to inbox ${result.p95InboxMs.toFixed(0)} ms, ` +
      `p95 to email/webhook queued ${result.p95DispatchMs.toFixed(0)} ms`,
  )
}
console.log(
  `median of ${RUNS} runs (${BATCHES} x ${BATCH} police events, ${CLIENTS} clients, 3 recipients each): ` +
    `${median(runs.map((r) => r.eventsPerSecond)).toFixed(0)} events/s accepted and fanned out; ` +
    `p95 acceptance to notification ${median(runs.map((r) => r.p95InboxMs)).toFixed(0)} ms; ` +
    `p95 acceptance to email and webhook queued ${median(runs.map((r) => r.p95DispatchMs)).toFixed(0)} ms`,
)
