import { mkdirSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { PGlite } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { lockDataDir } from './data-dir-lock.ts'
import type { PlatformDB } from './schema.ts'

export type Engine = 'pglite' | 'postgres'

export interface DatabaseTarget {
  /** PostgreSQL server URL; when absent the embedded engine is used. */
  databaseUrl?: string
  /** Folder for the embedded engine's files, or 'memory://'. */
  dataDir: string
  /** Embedded only: start from this dump of a data folder (tests start from a migrated snapshot). */
  snapshot?: Blob
}

/** Rows for COPY in PostgreSQL text format: one line per row, tab-separated, newline-terminated. */
export type CopyLines = Iterable<string> | AsyncIterable<string>

/** The database handle; `Schema` is the tables its queries are typed against (the platform's own by default). */
export interface Database<Schema = PlatformDB> {
  engine: Engine
  db: Kysely<Schema>
  pool: pg.Pool
  copyInto(table: string, columns: readonly string[], lines: CopyLines): Promise<void>
  /** Embedded only: the whole data folder as a tarball, to start other databases from. */
  dump?(): Promise<Blob>
  close(): Promise<void>
}

// pg returns int8/numeric as strings by default; counts and ids here stay well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
// Dates without time are calendar dates: keep them as ISO strings so no time zone can move them.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

/** Opens the database; the composition root (src/database.ts) names the whole schema as `Schema`. */
export async function openDatabase<Schema = PlatformDB>(target: DatabaseTarget): Promise<Database<Schema>> {
  return target.databaseUrl
    ? openServer<Schema>(target.databaseUrl)
    : openEmbedded<Schema>(target.dataDir, target.snapshot)
}

async function openServer<Schema>(connectionString: string): Promise<Database<Schema>> {
  const pool = new pg.Pool({ connectionString, max: 10 })
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  return {
    engine: 'postgres',
    db,
    pool,
    async copyInto(table, columns, lines) {
      const client = await pool.connect()
      try {
        const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
        await pipeline(Readable.from(lines), sink)
      } finally {
        client.release()
      }
    },
    close: () => db.destroy(),
  }
}

/** How many COPY lines the embedded engine takes in one blob: bounds memory at any scale. */
const EMBEDDED_COPY_BATCH = 50_000

async function openEmbedded<Schema>(dataDir: string, snapshot?: Blob): Promise<Database<Schema>> {
  const inMemory = dataDir.startsWith('memory://')
  if (!inMemory) mkdirSync(dataDir, { recursive: true })
  // Before PGlite touches the files: a second process on the folder would corrupt it.
  const unlock = inMemory ? async () => {} : await lockDataDir(dataDir)
  const lite = await PGlite.create({
    dataDir,
    loadDataDir: snapshot,
    extensions: { pg_trgm, fuzzystrmatch },
  }).catch(async (error: unknown) => {
    await unlock()
    throw error
  })
  const pool = new pg.Pool(createPgConfig(lite))
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  const copyBatch = (table: string, columns: readonly string[], batch: string[]) =>
    lite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob(batch) })
  return {
    engine: 'pglite',
    db,
    pool,
    async copyInto(table, columns, lines) {
      let batch: string[] = []
      for await (const line of lines) {
        batch.push(line)
        if (batch.length === EMBEDDED_COPY_BATCH) {
          await copyBatch(table, columns, batch)
          batch = []
        }
      }
      if (batch.length > 0) await copyBatch(table, columns, batch)
    },
    dump: async () => lite.dumpDataDir('none'),
    async close() {
      await db.destroy()
      await lite.close()
      await unlock()
    },
  }
}
