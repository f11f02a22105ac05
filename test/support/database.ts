import { createHash, randomBytes } from 'node:crypto'
import { readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { type Database, type DB, openDatabase } from '../../src/database.ts'
import { MIGRATIONS_DIR, migrate } from '../../src/platform/db/migrate.ts'

export interface TestDatabase extends Database {
  /** Closes the connection and, on PostgreSQL, drops the database made for this test file. */
  dispose(): Promise<void>
}

/**
 * A freshly migrated database of its own for one test file: embedded PGlite in memory by default,
 * or a new database on the PostgreSQL server named by DATABASE_URL (as `.ci/run` sets it). What it
 * writes is `partnership`'s (the demo's LLR unless named).
 */
export async function openTestDatabase(partnership = 'llr'): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    const database = await openDatabase({
      dataDir: 'memory://',
      snapshot: await migratedSnapshot(),
      partnership,
    })
    return { ...database, dispose: () => database.close() }
  }
  const [database] = await openServerTestDatabases(serverUrl, [partnership])
  return database as TestDatabase
}

/**
 * On the PostgreSQL server named by DATABASE_URL, one fresh migrated database and a handle on it for
 * each partnership, as each partnership's own servers would open it; any handle's dispose closes
 * them all and drops the database.
 */
export async function openServerTestDatabases(
  serverUrl: string,
  partnerships: readonly string[],
): Promise<TestDatabase[]> {
  const name = `masa_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const template = await migratedTemplate(serverUrl)
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`))
  const databaseUrl = databaseUrlOf(serverUrl, name)
  const handles = await Promise.all(
    partnerships.map((partnership) => openDatabase({ databaseUrl, dataDir: '', partnership })),
  )
  let disposed: Promise<void> | undefined
  const dispose = () => (disposed ??= closeAndDrop())
  const closeAndDrop = async () => {
    for (const handle of handles) {
      // pool.end() can resolve before the server has seen every connection close; FORCE then ends them.
      handle.pool.on('error', () => {})
      await handle.close()
    }
    await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
  }
  return handles.map((handle) => ({ ...handle, dispose }))
}

/** The value of `column` in the one row of `table` whose `key` is `value`; throws unless there is one. */
export async function lookUp<T extends keyof DB & string>(
  db: Database['db'],
  table: T,
  column: keyof DB[T] & string,
  key: keyof DB[T] & string,
  value: string,
): Promise<string | null> {
  const { rows } = await sql<{ found: string | null }>`
    SELECT ${sql.ref(column)} AS found FROM ${sql.table(table)} WHERE ${sql.ref(key)} = ${value}`.execute(db)
  if (rows.length !== 1) throw new Error(`${rows.length} rows in ${table} with ${key} ${value}`)
  return rows[0].found
}

/**
 * Migrating a fresh PGlite takes seconds; loading a dump of a migrated one takes about one. The dump
 * is cached in the temp folder, keyed by the migrations' contents, and shared by every test process.
 */
export async function migratedSnapshot(): Promise<Blob> {
  const path = join(tmpdir(), `masa-test-snapshot-${await migrationsDigest()}.tar`)
  try {
    return new Blob([await readFile(path)])
  } catch {
    const database = await openDatabase({ dataDir: 'memory://' })
    await migrate(database)
    const dump = await (database.dump as () => Promise<Blob>)()
    await database.close()
    const partial = `${path}.${process.pid}`
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()))
    await rename(partial, path)
    return dump
  }
}

let template: Promise<string> | undefined

/**
 * On PostgreSQL, a migrated database kept on the server as the template of every test file's own
 * (copying one takes a fraction of migrating one). Built once per set of migrations, under a lock so
 * that parallel test processes wait for the first; built under another name and renamed when done,
 * so a build cut short is never copied.
 */
function migratedTemplate(serverUrl: string): Promise<string> {
  template ??= migrationsDigest().then((digest) =>
    withAdmin(serverUrl, async (admin) => {
      const name = `masa_template_${digest}`
      await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name])
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
      if (rowCount) return name
      const building = `${name}_building`
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`)
      await admin.query(`CREATE DATABASE ${building}`)
      const database = await openDatabase({ databaseUrl: databaseUrlOf(serverUrl, building), dataDir: '' })
      try {
        await migrate(database)
      } finally {
        await database.close()
      }
      // pool.end() can resolve before the server has seen every connection close.
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
        building,
      ])
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`)
      return name
    }),
  )
  return template
}

function databaseUrlOf(serverUrl: string, name: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

async function migrationsDigest(): Promise<string> {
  const hash = createHash('sha256')
  for (const name of (await readdir(MIGRATIONS_DIR)).sort()) {
    hash.update(name).update(await readFile(join(MIGRATIONS_DIR, name)))
  }
  return hash.digest('hex').slice(0, 16)
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
