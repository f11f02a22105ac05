import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sql, type Transaction } from 'kysely'
import type { Database } from './database.ts'
import type { PlatformDB } from './schema.ts'

export const MIGRATIONS_DIR = new URL('../../../migrations/', import.meta.url).pathname

export interface MigrationResult {
  applied: string[]
  alreadyApplied: number
}

const migrationFiles = async (dir: string) =>
  (await readdir(dir)).filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name)).sort()

/** How many migrations the database has, and the files it has not had yet (in order). */
export async function pendingMigrations(
  database: Database,
  dir = MIGRATIONS_DIR,
): Promise<{ applied: number; pending: string[] }> {
  const rows = await database.db.selectFrom('masa_migration').select('name').execute()
  const applied = new Set(rows.map((row) => row.name))
  return { applied: applied.size, pending: (await migrationFiles(dir)).filter((name) => !applied.has(name)) }
}

/** A migration changes the schema, which only its owner may: for this transaction, not the service role. */
const asTheOwner = (trx: Transaction<PlatformDB>) => sql`SET LOCAL ROLE NONE`.execute(trx)

/**
 * Applies numbered SQL files (0001_name.sql ...) in order, each in its own transaction.
 * An advisory lock lets several app servers start against one PostgreSQL at once.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = await migrationFiles(dir)
  // Under the lock too: two servers' CREATE TABLE IF NOT EXISTS at once can both try to create it.
  await database.db.transaction().execute(async (trx) => {
    await asTheOwner(trx)
    await sql`SELECT pg_advisory_xact_lock(4242)`.execute(trx)
    await sql`CREATE TABLE IF NOT EXISTS masa_migration (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx)
  })
  const applied: string[] = []
  for (const name of files) {
    const text = await readFile(join(dir, name), 'utf8')
    const ran = await database.db.transaction().execute(async (trx) => {
      await asTheOwner(trx)
      await sql`SELECT pg_advisory_xact_lock(4242)`.execute(trx)
      const done = await trx
        .selectFrom('masa_migration')
        .select('name')
        .where('name', '=', name)
        .executeTakeFirst()
      if (done) return false
      await sql.raw(text).execute(trx)
      await trx.insertInto('masa_migration').values({ name }).execute()
      return true
    })
    if (ran) applied.push(name)
  }
  return { applied, alreadyApplied: files.length - applied.length }
}
