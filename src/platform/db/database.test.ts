import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from './database.ts'

test('on the embedded engine, a client after a lost one prepares the same statements again', async () => {
  const database = await openDatabase({ dataDir: 'memory://' })
  try {
    const lost = await database.pool.connect()
    assert.deepEqual((await lost.query('SELECT $1::int AS n', [1])).rows, [{ n: 1 }])
    lost.release(true)
    const next = await database.pool.connect()
    assert.deepEqual((await next.query('SELECT $1::int AS n', [2])).rows, [{ n: 2 }])
    next.release()
  } finally {
    await database.close()
  }
})

test('on the embedded engine, a failed statement is answered as an error and the next one runs', async () => {
  const database = await openDatabase({ dataDir: 'memory://' })
  try {
    await assert.rejects(database.pool.query('SELECT $1::int', ['not a number']), /invalid input syntax/)
    const many = await Promise.all([1, 2, 3].map((n) => database.pool.query('SELECT $1::int AS n', [n])))
    assert.deepEqual(
      many.map((result) => result.rows[0].n),
      [1, 2, 3],
    )
  } finally {
    await database.close()
  }
})
