import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { builtOnce } from './built-once.ts'
import { asOwner } from './database.ts'

let database: TestDatabase

before(async () => {
  database = await openTestDatabase()
  await asOwner(database.db, (owner) =>
    sql`CREATE TABLE pet (name text, kind text, born date)`.execute(owner),
  )
  await sql`INSERT INTO pet VALUES ('Rex', 'dog', '2020-01-02'), ('Tom', 'cat', '2021-03-04'),
    ('Fido', 'dog', '2022-05-06')`.execute(database.db)
})
after(() => database?.close())

const petsOfKind = builtOnce((db, kind: string, bornAfter: string) =>
  db
    .selectFrom('pet')
    .select(['name', sql<boolean>`born > ${bornAfter}::date`.as('young')])
    .where('kind', '=', kind)
    .orderBy('name'),
)

test('each call binds its own values in their places, in or out of a transaction', async () => {
  assert.deepEqual(await petsOfKind(database.db, 'dog', '2021-01-01'), [
    { name: 'Fido', young: true },
    { name: 'Rex', young: false },
  ])
  assert.deepEqual(await petsOfKind(database.db, 'cat', '2022-01-01'), [{ name: 'Tom', young: false }])
  const inTransaction = await database.db.transaction().execute((trx) => petsOfKind(trx, 'dog', '2023-01-01'))
  assert.deepEqual(inTransaction, [
    { name: 'Fido', young: false },
    { name: 'Rex', young: false },
  ])
})

test('a value the builder uses other than as a value of the query is refused', async () => {
  const quoted = builtOnce((db, name: string) =>
    db
      .selectFrom('pet')
      .selectAll()
      .where('name', '=', sql.raw(`'${name}'`)),
  )
  await assert.rejects(quoted(database.db, 'Rex'), /value 0 is not a value of the query/)
})
