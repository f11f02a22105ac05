// A database a benchmark may fill and throw away: a temporary PGlite folder, or a fresh database on
// the PostgreSQL server in DATABASE_URL (default the local one), dropped afterwards.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { type Database, openDatabase } from '../../src/database.ts'
import { useSecretKey } from '../../src/identity/secrets.ts'

export const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

/** The key kept databases' secrets are sealed under (see keptPostgres). */
export const BENCH_SECRET_KEY = Buffer.alloc(32, 16)

export interface ScratchDatabase {
  database: Database
  discard(): Promise<void>
}

export async function scratchPglite(prefix: string, partnership = 'llr'): Promise<ScratchDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), `${prefix}-`))
  const database = await openDatabase({ partnership, dataDir })
  return {
    database,
    async discard() {
      await database.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export async function scratchPostgres(name: string, partnership = 'llr'): Promise<ScratchDatabase> {
  await onServer(`CREATE DATABASE ${name}`)
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  const database = await openDatabase({ partnership, databaseUrl: url.toString(), dataDir: '' })
  return {
    database,
    async discard() {
      // pool.end() can resolve before the server has seen every connection close; FORCE then ends them.
      database.pool.on('error', () => {})
      await database.close()
      await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

/**
 * The database `name` on the server, made if missing and kept afterwards, so a benchmark may load it
 * once (minutes at a million children) and measure it again and again; drop it with `dropdb` when done.
 * Secrets (the users' TOTP secrets) are sealed under one key for every benchmark and run on it, so
 * each benchmark opens the secrets another sealed. A region's database (`masa demo region`) holds
 * several partnerships: the handle acts in `partnership`'s.
 */
export async function keptPostgres(name: string, partnership = 'llr'): Promise<ScratchDatabase> {
  useSecretKey(BENCH_SECRET_KEY)
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`${name}: a database name of lower-case letters, digits and _`)
  const { rows } = await onServer('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (rows.length === 0) await onServer(`CREATE DATABASE ${name}`)
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  const database = await openDatabase({ partnership, databaseUrl: url.toString(), dataDir: '' })
  return { database, discard: () => database.close() }
}

async function onServer(statement: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: SERVER_URL })
  await client.connect()
  try {
    return await client.query(statement, values)
  } finally {
    await client.end()
  }
}
