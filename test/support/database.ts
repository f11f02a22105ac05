import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type Database, openDatabase } from '../../src/platform/db/database.ts'
import { migrate } from '../../src/platform/db/migrate.ts'

export interface TestDatabase extends Database {
  /** Closes the connection and, on PostgreSQL, drops the database made for this test file. */
  dispose(): Promise<void>
}

/**
 * A freshly migrated database of its own for one test file: embedded PGlite in memory by default,
 * or a new database on the PostgreSQL server named by DATABASE_URL (as `.ci/run` sets it).
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: 'memory://' })
    await migrate(database)
    return { ...database, dispose: () => database.close() }
  }
  const name = `masa_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })
  await migrate(database)
  return {
    ...database,
    async dispose() {
      await database.close()
      await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
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
