// The server is killed (SIGKILL) while batches are being fanned out; after a restart every accepted
// event has all its notifications, none twice, and every notification is dispatched exactly once.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { type Database, openDatabase } from '../../src/database.ts'
import { migrate } from '../../src/platform/db/migrate.ts'
import { apiKeyFor, policeEvent, type SeededChild, seedChildren } from '../../src/sharing/testing.ts'

const ROOT = new URL('../../', import.meta.url).pathname
const BATCHES = 24
const BATCH_SIZE = 250
const RECIPIENTS_PER_EVENT = 3

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

interface Target {
  env: Record<string, string>
  open(): Promise<Database>
  dispose(): Promise<void>
}

async function target(): Promise<Target> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'masa-crash-'))
    return {
      env: { MASA_DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openDatabase({ partnership: 'llr', dataDir }),
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    }
  }
  const name = `masa_crash_${randomBytes(4).toString('hex')}`
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    await client.query(text).finally(() => client.end())
  }
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const checkpoints = await mkdtemp(join(tmpdir(), 'masa-crash-checkpoints-'))
  return {
    // A server on PostgreSQL needs the key that encrypts sign-in secrets (see identity/secret-key.ts)
    // and the key and file for the audit's signed checkpoints (platform/audit/signing-key.ts).
    env: {
      DATABASE_URL: url.toString(),
      MASA_SECRET_KEY: randomBytes(32).toString('base64'),
      MASA_AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ format: 'der', type: 'pkcs8' })
        .toString('base64'),
      MASA_AUDIT_CHECKPOINTS: join(checkpoints, 'audit-checkpoints.jsonl'),
    },
    open: () => openDatabase({ partnership: 'llr', databaseUrl: url.toString(), dataDir: '' }),
    dispose: async () => {
      await rm(checkpoints, { recursive: true, force: true })
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('masa is running')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)))
  })
  return child
}

describe('fan-out survives SIGKILL', () => {
  let t: Target
  let key = ''
  let children: SeededChild[] = []

  before(async () => {
    t = await target()
    const database = await t.open()
    await migrate(database)
    children = await seedChildren(database.db, 200, {
      laId: 'leicester',
      involvedAgencyIds: ['leicester-schools', 'llr-community-health'],
    })
    key = await apiKeyFor(database.db, 'leicestershire-police', ['events:write'])
    await database.close()
  })
  after(() => t?.dispose())

  const batch = (b: number) =>
    Array.from({ length: BATCH_SIZE }, (_, i) =>
      policeEvent(`CRASH-${b}-${i}`, children[(b * BATCH_SIZE + i) % children.length]?.nhsNumber ?? '', {
        occurredAt: '2026-01-05T10:00:00Z',
      }),
    )

  const send = (port: number, b: number) =>
    fetch(`http://127.0.0.1:${port}/api/v1/shared-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch(b)),
    }).then(async (response) =>
      response.status === 207 ? ((await response.json()) as { results: { id?: string }[] }) : null,
    )

  it('loses and doubles nothing', { timeout: 240_000 }, async () => {
    const port = await freePort()
    const server = await startServer(t.env, port)
    const accepted = new Set<string>()
    const inFlight = Array.from({ length: BATCHES }, (_, b) =>
      send(port, b)
        .then((answer) => {
          for (const result of answer?.results ?? []) if (result.id) accepted.add(result.id)
        })
        .catch(() => undefined),
    )
    // Kill once some batches have been answered and others are still being fanned out.
    while (accepted.size < BATCH_SIZE * 2) await new Promise((resolve) => setTimeout(resolve, 20))
    server.kill('SIGKILL')
    await Promise.all(inFlight)
    if (server.exitCode === null && server.signalCode === null) await once(server, 'exit')
    assert.ok(accepted.size < BATCHES * BATCH_SIZE, 'the kill came mid-way')

    const restarted = await startServer(t.env, port)
    try {
      for (let b = 0; b < BATCHES; b += 1) assert.ok(await send(port, b), `replay of batch ${b} answered`)
      await waitForDispatch()
    } finally {
      restarted.kill('SIGTERM')
      await new Promise((resolve) => restarted.once('exit', resolve))
    }

    const database = await t.open()
    try {
      const ids = (await database.db.selectFrom('shared_event').select('id').execute()).map((row) => row.id)
      for (const id of accepted) assert.ok(ids.includes(id), `accepted event ${id} kept`)
      assert.equal(ids.length, BATCHES * BATCH_SIZE)
      const counts = await sql<{
        events: number
        notifications: number
        pairs: number
        undispatched: number
      }>`
        SELECT (SELECT count(DISTINCT event_id) FROM sharing_notification)::int AS events,
               count(*)::int AS notifications,
               count(DISTINCT (event_id, agency_id))::int AS pairs,
               count(*) FILTER (WHERE dispatched_at IS NULL)::int AS undispatched
        FROM sharing_notification`.execute(database.db)
      assert.deepEqual(counts.rows[0], {
        events: BATCHES * BATCH_SIZE,
        notifications: BATCHES * BATCH_SIZE * RECIPIENTS_PER_EVENT,
        pairs: BATCHES * BATCH_SIZE * RECIPIENTS_PER_EVENT,
        undispatched: 0,
      })
      const perEvent = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM shared_event e
        WHERE (SELECT count(*) FROM sharing_notification n WHERE n.event_id = e.id) <> ${RECIPIENTS_PER_EVENT}`.execute(
        database.db,
      )
      assert.equal(perEvent.rows[0]?.n, 0, 'every event has all its notifications')
    } finally {
      await database.close()
    }
  })

  /** The restarted server's own loop dispatches what the killed one left undone. */
  async function waitForDispatch() {
    const deadline = Date.now() + 60_000
    while (Date.now() < deadline) {
      if (t.env.DATABASE_URL) {
        const client = new pg.Client({ connectionString: t.env.DATABASE_URL })
        await client.connect()
        const row = await client
          .query('SELECT count(*)::int AS n FROM sharing_notification WHERE dispatched_at IS NULL')
          .finally(() => client.end())
        if (row.rows[0].n === 0) return
      } else {
        // The embedded engine allows one process per data folder: give the server's loop time instead.
        await new Promise((resolve) => setTimeout(resolve, 15_000))
        return
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
})
