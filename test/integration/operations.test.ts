// What the operators rely on: liveness and readiness told apart, a reference on every error page and in
// every log line of its request, and a shutdown that finishes the work in flight before the database
// closes.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { type App, buildApp } from '../../src/app.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { gracefulShutdown, shutDownOnSignals } from '../../src/platform/http/shutdown.ts'
import { pollEvery } from '../../src/platform/poll.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { openTestDatabase, type TestDatabase } from '../support/database.ts'

async function appOn(database: TestDatabase, logStream?: { write(line: string): void }): Promise<App> {
  const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
  return buildApp({ database, partnership, logLevel: logStream ? 'info' : 'silent', logStream })
}

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; settle: () => void } {
  let settle = () => {}
  const promise = new Promise<void>((resolve) => {
    settle = resolve
  })
  return { promise, settle }
}

describe('health, request references and logs', () => {
  let database: TestDatabase
  let app: App
  const lines: Record<string, unknown>[] = []
  before(async () => {
    database = await openTestDatabase()
    app = await appOn(database, { write: (line) => lines.push(JSON.parse(line)) })
    app.get('/test/fails', async () => {
      throw new Error('a fault on our side')
    })
    await app.ready()
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('tells liveness from readiness, and is not ready while a migration is missing', async () => {
    const live = await app.inject('/health/live')
    assert.equal(live.statusCode, 200)
    assert.deepEqual(live.json(), { status: 'ok' })
    const ready = await app.inject('/health/ready')
    assert.equal(ready.statusCode, 200)
    assert.deepEqual(ready.json().database.pending, [])
    const last = await database.db
      .deleteFrom('masa_migration')
      .where('name', '=', (eb) => eb.selectFrom('masa_migration').select(eb.fn.max('name').as('name')))
      .returning('name')
      .executeTakeFirstOrThrow()
    try {
      const notReady = await app.inject('/health/ready')
      assert.equal(notReady.statusCode, 503)
      assert.deepEqual(notReady.json().database.pending, [last.name])
      assert.equal((await app.inject('/health')).statusCode, 503, 'the older address says the same')
      assert.equal((await app.inject('/health/live')).statusCode, 200, 'yet the process is alive')
    } finally {
      await database.db.insertInto('masa_migration').values({ name: last.name }).execute()
    }
  })

  it('gives the reference of a failed request on its page, in its API answer and in each of its log lines', async () => {
    lines.length = 0
    const page = await app.inject({ url: '/test/fails', headers: { accept: 'text/html' } })
    assert.equal(page.statusCode, 500)
    const reference = page.headers['x-request-id'] as string
    assert.match(reference, /^[0-9a-f]{16}$/)
    assert.match(page.body, new RegExp(`quote this reference: <span[^>]*>${reference}</span>`))
    const logged = lines.filter((line) => line.reqId === reference)
    assert.ok(
      logged.some((line) => line.msg === 'request failed'),
      'the failure is logged with it',
    )
    assert.deepEqual(
      lines.filter((line) => line.reqId !== reference),
      [],
      'every line written for the request carries its reference',
    )
    const api = await app.inject({ url: '/test/fails' })
    assert.equal(api.statusCode, 500)
    assert.match(api.json().message, new RegExp(`Quote this reference: ${api.headers['x-request-id']}$`))
  })

  it('gives the reference on the page-not-found and refusal pages too', async () => {
    const page = await app.inject({ url: '/no-such-page', headers: { accept: 'text/html' } })
    assert.equal(page.statusCode, 404)
    assert.match(page.body, new RegExp(`quote this reference: <span[^>]*>${page.headers['x-request-id']}<`))
  })
})

describe('graceful shutdown', () => {
  it('stops taking requests, answers the one in flight and lets the loop finish its run, then closes the database', async () => {
    const database = await openTestDatabase()
    const app = await appOn(database)
    const release = signal()
    const requestStarted = signal()
    const runStarted = signal()
    app.get('/test/slow', async () => {
      requestStarted.settle()
      await release.promise
      const rows = await database.db.selectFrom('masa_migration').select('name').execute()
      return { migrations: rows.length }
    })
    // A loop as every plugin runs one: its onClose waits for the run in flight.
    const runs: string[] = []
    const stopLoop = pollEvery(
      5,
      async () => {
        runStarted.settle()
        await release.promise
        await database.db.selectFrom('masa_migration').select('name').execute()
        runs.push('finished')
      },
      (error) => runs.push(`failed: ${error}`),
    )
    app.addHook('onClose', () => stopLoop())
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const slow = fetch(`${address}/test/slow`)
    await Promise.all([requestStarted.promise, runStarted.promise])

    let closed = false
    const shutDown = gracefulShutdown(app, [() => database.dispose()])
    const closing = shutDown().then(() => {
      closed = true
    })
    assert.equal(await refusedWithin(`${address}/health/live`, 2_000), true, 'no new connection is taken')
    assert.equal(closed, false, 'it waits for the work in flight')
    release.settle()
    const response = await slow
    assert.equal(response.status, 200)
    assert.ok((await response.json()).migrations > 0, 'the database was still open for it')
    await closing
    assert.ok(runs.length > 0 && runs.every((run) => run === 'finished'), runs.join(', '))
    await assert.rejects(database.db.selectFrom('masa_migration').select('name').execute())
  })

  it('shuts down once on SIGTERM or SIGINT and exits 0 when done, 1 when it fails', async () => {
    const before = new Set(process.listeners('SIGTERM'))
    const exits: number[] = []
    let shutDowns = 0
    const silent = { info() {}, error() {} } as unknown as App['log']
    shutDownOnSignals(
      async () => {
        shutDowns += 1
      },
      silent,
      (code) => exits.push(code),
    )
    try {
      process.emit('SIGTERM', 'SIGTERM')
      await sleep(10)
      assert.deepEqual(exits, [0])
      assert.equal(shutDowns, 1)
    } finally {
      for (const event of ['SIGTERM', 'SIGINT'] as const)
        for (const listener of process.listeners(event))
          if (!before.has(listener)) process.off(event, listener)
    }
  })
})

/** Whether a new connection to `url` is refused before `ms` pass. */
async function refusedWithin(url: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    const refused = await fetch(url, { headers: { connection: 'close' } }).then(
      () => false,
      () => true,
    )
    if (refused) return true
    await sleep(20)
  }
  return false
}
