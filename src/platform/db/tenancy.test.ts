// The shape that lets one database hold several partnerships and be distributed by partnership
// (Citus): every table of a partnership's records carries partnership_id, and every key includes it.
// Checked on the migrated schema, so a table added later without it fails here.

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { asOwner } from './database.ts'

/** The installation's own tables: the migrations applied and the maintenance runs, of no partnership. */
const INSTALLATION_TABLES = ['db_maintenance_run', 'masa_migration']

let database: TestDatabase
before(async () => {
  database = await openTestDatabase()
})
after(() => database.dispose())

const rows = async <Row>(query: string) => (await sql.raw<Row>(query).execute(database.db)).rows

describe('the schema is shaped for distribution by partnership', () => {
  test("every table but the installation's own carries partnership_id, required, the connection's by default", async () => {
    const tables = await rows<{
      table: string
      column: string | null
      required: boolean
      fill: string | null
    }>(`
      SELECT t.relname AS table, a.attname AS column, a.attnotnull AS required,
        pg_get_expr(d.adbin, d.adrelid) AS fill
      FROM pg_class AS t
      LEFT JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attname = 'partnership_id' AND NOT a.attisdropped
      LEFT JOIN pg_attrdef AS d ON d.adrelid = t.oid AND d.adnum = a.attnum
      WHERE t.relnamespace = 'public'::regnamespace AND t.relkind = 'r'
      ORDER BY t.relname`)
    assert.ok(tables.length > 100, `${tables.length} tables`)
    const wrong = tables.filter((table) =>
      INSTALLATION_TABLES.includes(table.table)
        ? table.column !== null
        : !table.required ||
          table.fill !== "NULLIF(current_setting('masa.partnership_id'::text, true), ''::text)",
    )
    assert.deepEqual(wrong, [])
  })

  test("every primary key and unique index of a partnership's table includes partnership_id", async () => {
    const keys = await rows<{ table: string; index: string }>(`
      SELECT t.relname AS table, i.relname AS index
      FROM pg_index AS x
      JOIN pg_class AS i ON i.oid = x.indexrelid
      JOIN pg_class AS t ON t.oid = x.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND x.indisunique
        AND t.relname <> ALL (ARRAY[${INSTALLATION_TABLES.map((name) => `'${name}'`).join(', ')}])
        AND NOT EXISTS (SELECT FROM pg_attribute AS a
          WHERE a.attrelid = t.oid AND a.attname = 'partnership_id' AND a.attnum = ANY (x.indkey))
      ORDER BY 1, 2`)
    assert.deepEqual(keys, [])
  })

  test('every foreign key pairs partnership_id with partnership_id, so no record points into another partnership', async () => {
    const keys = await rows<{ constraint: string; definition: string }>(`
      SELECT c.conname AS constraint, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint AS c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND NOT EXISTS (
          SELECT FROM unnest(c.conkey, c.confkey) AS pair (own, referenced)
          JOIN pg_attribute AS mine ON mine.attrelid = c.conrelid AND mine.attnum = pair.own
          JOIN pg_attribute AS theirs ON theirs.attrelid = c.confrelid AND theirs.attnum = pair.referenced
          WHERE mine.attname = 'partnership_id' AND theirs.attname = 'partnership_id')
      ORDER BY 1`)
    assert.deepEqual(keys, [])
  })
})

/** A made-up name of eight letters for each number, spread like real names. */
const LETTERS = (n: string) =>
  sql.raw(`initcap(translate(substr(md5((${n})::text), 1, 8), '0123456789', 'aeiouyrstl'))`)

describe('two partnerships in one database', () => {
  /** Runs `work` as partnership `partnership` for one transaction. */
  const asPartnership = <T>(partnership: string, work: (trx: typeof database.db) => Promise<T>) =>
    database.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('masa.partnership_id', ${partnership}, true)`.execute(trx)
      return work(trx)
    })

  const addChild = (db: typeof database.db, laChildId: string) =>
    sql<{ id: string; partnership_id: string }>`
      INSERT INTO child (la_id, la_child_id, given_name, family_name, sex)
      VALUES ('leicester', ${laChildId}, 'Ada', 'Testchild', 'F')
      RETURNING id, partnership_id`.execute(db)

  test('each keeps its own numbering: the same LA child id in two partnerships is two children', async () => {
    const first = await asPartnership('north-partnership', (trx) => addChild(trx, 'TENANT-1'))
    const second = await asPartnership('south-partnership', (trx) => addChild(trx, 'TENANT-1'))
    assert.equal(first.rows[0]?.partnership_id, 'north-partnership')
    assert.equal(second.rows[0]?.partnership_id, 'south-partnership')
    await assert.rejects(
      asPartnership('north-partnership', (trx) => addChild(trx, 'TENANT-1')),
      /duplicate key value violates unique constraint/,
    )
  })

  test("a record of one partnership cannot name another partnership's child", async () => {
    const north = await asPartnership('north-partnership', (trx) => addChild(trx, 'TENANT-2'))
    const childId = north.rows[0]?.id as string
    await assert.rejects(
      asPartnership('south-partnership', (trx) =>
        sql`INSERT INTO child_alias (child_id, given_name, family_name, kind)
            VALUES (${childId}, 'Ada', 'Otherchild', 'known as')`.execute(trx),
      ),
      /violates foreign key constraint/,
    )
  })

  test('each new connection enters its partnership before its first statement runs', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.message)
    process.on('warning', onWarning)
    try {
      // As many at once as the pool may open, so some connections are new.
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          database.pool.query<{ partnership: string; role: string }>(
            "SELECT current_setting('masa.partnership_id') AS partnership, current_user AS role",
          ),
        ),
      )
      assert.deepEqual(
        new Set(answers.map(({ rows }) => JSON.stringify(rows[0]))),
        new Set([JSON.stringify({ partnership: 'llr', role: 'masa_service' })]),
      )
      await new Promise((resolve) => setImmediate(resolve))
      assert.deepEqual(warnings, [], 'no statement is queued behind the entering one')
    } finally {
      process.off('warning', onWarning)
    }
  })

  test('a connection that names no partnership writes nothing', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('masa.partnership_id', '', true)`.execute(trx)
        await addChild(trx, 'TENANT-3')
      }),
      /null value in column "partnership_id"|row-level security/,
    )
  })

  test("a query that forgets the partnership finds and changes nothing of another's", async () => {
    await asPartnership('north-partnership', (trx) => addChild(trx, 'TENANT-4'))
    const forgetful = (trx: typeof database.db) =>
      sql<{
        id: string
      }>`UPDATE child SET given_name = 'Changed' WHERE la_child_id = 'TENANT-4' RETURNING id`.execute(trx)
    assert.equal((await asPartnership('south-partnership', forgetful)).rows.length, 0)
    assert.equal((await asPartnership('north-partnership', forgetful)).rows.length, 1)
    const everyone = await database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE NONE`.execute(trx)
      return sql<{ partnerships: number }>`
        SELECT count(DISTINCT partnership_id)::int AS partnerships FROM child WHERE la_child_id LIKE 'TENANT-%'`.execute(
        trx,
      )
    })
    assert.equal(everyone.rows[0]?.partnerships, 2, 'the owner, whom no policy binds, sees both')
  })

  test("the child search's indexes still serve under row-level security", async () => {
    await asPartnership('north-partnership', (trx) =>
      sql`INSERT INTO child (la_id, la_child_id, given_name, family_name, sex)
          SELECT 'leicester', 'BULK-' || n, ${LETTERS('n')}, ${LETTERS('n + 5000')}, 'F'
          FROM generate_series(1, 3000) AS n`.execute(trx),
    )
    const one = await asPartnership('north-partnership', (trx) =>
      sql<{ given: string; family: string }>`
        SELECT given_name AS given, family_name AS family FROM child WHERE la_child_id = 'BULK-17'`.execute(
        trx,
      ),
    )
    const { given, family } = one.rows[0] ?? { given: '', family: '' }
    await asOwner(database.db, (owner) => sql`ANALYZE child`.execute(owner))
    const explain = async (trx: typeof database.db, condition: string) =>
      (
        await sql
          .raw<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT id FROM child WHERE ${condition}`)
          .execute(trx)
      ).rows
        .map((line) => line['QUERY PLAN'])
        .join('\n')
    const byName = [
      `dmetaphone(family_name) = dmetaphone('${family}')`,
      `soundex(given_name) = soundex('${given}')`,
    ]
    const plans = await asPartnership('north-partnership', async (trx) =>
      Promise.all(byName.map((condition) => explain(trx, condition))),
    )
    assert.match(plans[0] as string, /child_name_dmetaphone/)
    assert.match(plans[1] as string, /child_name_soundex/)

    // Without the migration's word that dmetaphone is leakproof, the same search reads the whole table.
    const rolledBack = new Error('rolled back')
    const unmarked = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`SET LOCAL ROLE NONE`.execute(trx)
        await sql`ALTER FUNCTION dmetaphone(text) NOT LEAKPROOF`.execute(trx)
        await sql`SET LOCAL ROLE masa_service`.execute(trx)
        await sql`SELECT set_config('masa.partnership_id', 'north-partnership', true)`.execute(trx)
        throw Object.assign(rolledBack, { plan: await explain(trx, byName[0] as string) })
      })
      .catch((error: Error & { plan?: string }) => error.plan)
    assert.doesNotMatch(unmarked as string, /child_name_dmetaphone/)
  })
})
