import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type Database, openDatabase } from './database.ts'

/** How late a timer set now for `ms` fires, while `busy` runs. */
async function timerLateness(ms: number, busy: Promise<unknown>): Promise<number> {
  const set = performance.now()
  const fired = new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), ms))
  const [at] = await Promise.all([fired, busy])
  return at - set - ms
}

describe('the embedded engine on a thread of its own', () => {
  let database: Database

  before(async () => {
    database = await openDatabase({ dataDir: 'memory://' })
  })
  after(() => database.close())

  it('leaves the server free to answer others while it runs a long query', async () => {
    const longQuery = database.pool.query(
      'SELECT count(*) FROM generate_series(1, 3000000) a, LATERAL (SELECT md5(a::text)) b',
    )
    const started = performance.now()
    const lateness = await timerLateness(20, longQuery)
    const queryMs = performance.now() - started
    assert.ok(queryMs > 300, `the query is long enough to tell (${queryMs.toFixed(0)} ms)`)
    assert.ok(
      lateness < queryMs / 3,
      `a timer fired ${lateness.toFixed(0)} ms late during a ${queryMs.toFixed(0)} ms query`,
    )
  })

  it('answers in whole and in order, however long the answer', async () => {
    const { rows } = await database.pool.query(
      "SELECT g AS n, repeat('x', 100) AS filler FROM generate_series(1, 20000) g ORDER BY g",
    )
    assert.equal(rows.length, 20000)
    assert.ok(rows.every((row, at) => row.n === at + 1 && row.filler.length === 100))
  })

  it('reports an error in a statement and goes on answering', async () => {
    await assert.rejects(database.pool.query('SELECT 1 / 0'), /division by zero/)
    assert.deepEqual((await database.pool.query('SELECT 2 AS two')).rows, [{ two: 2 }])
  })
})
