import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { type Database, openDatabase } from './database.ts'

// The service runs the embedded engine on a thread of its own; everything the handle offers must
// behave there as it does in the caller's thread (which the rest of the suite uses).
describe('the embedded engine on its own thread', () => {
  let database: Database

  before(async () => {
    database = await openDatabase({ dataDir: 'memory://', ownThread: true })
    await database.pool.query('CREATE TABLE kept (id int PRIMARY KEY, name text NOT NULL)')
  })
  after(() => database.close())

  it('answers a statement with parameters, and names the same statement twice', async () => {
    for (const name of ['Ada', 'Bea']) {
      const { rows } = await database.pool.query('SELECT $1::text AS name, 2 + 2 AS sum', [name])
      assert.deepEqual(rows, [{ name, sum: 4 }])
    }
  })

  it('reports a refused statement with its code and stays usable', async () => {
    await database.pool.query("INSERT INTO kept VALUES (1, 'one')")
    await assert.rejects(database.pool.query("INSERT INTO kept VALUES (1, 'again')"), { code: '23505' })
    const { rows } = await database.pool.query('SELECT count(*) AS n FROM kept')
    assert.equal(rows[0].n, 1)
  })

  it('rolls a failed transaction back whole', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO kept VALUES (2, 'two')`.execute(trx)
        await sql`INSERT INTO kept VALUES (3, NULL)`.execute(trx)
      }),
      { code: '23502' },
    )
    const { rows } = await database.pool.query('SELECT id FROM kept ORDER BY id')
    assert.deepEqual(rows, [{ id: 1 }])
  })

  it('bulk loads with COPY, and a dump of its folder starts another database with the rows', async () => {
    await database.copyInto('kept', ['id', 'name'], ['10\tten\n', '11\televen\n'])
    const dump = await (database.dump as () => Promise<Blob>)()
    const copy = await openDatabase({ dataDir: 'memory://', snapshot: dump, ownThread: true })
    try {
      const { rows } = await copy.pool.query('SELECT name FROM kept WHERE id > 9 ORDER BY id')
      assert.deepEqual(rows, [{ name: 'ten' }, { name: 'eleven' }])
    } finally {
      await copy.close()
    }
  })

  it('refuses to start from a snapshot that is not a data folder, saying why', async () => {
    await assert.rejects(
      openDatabase({ dataDir: 'memory://', snapshot: new Blob(['not a dump']), ownThread: true }),
      (error: Error) => error.message.length > 0,
    )
  })
})
