import { mkdirSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type ExecProtocolOptions, PGlite } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect, sql } from 'kysely'
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
  /**
   * The partnership whose records this handle reads and writes. Each connection takes it as
   * `masa.partnership_id` (the default of every table's partnership_id, migration 0075) and acts as
   * masa_service, which row-level security keeps to that partnership's rows (migration 0076).
   * Without it the handle is the owner's, bound by no policy, and can write no partnership's records.
   */
  partnership?: string
}

/** Rows for COPY in PostgreSQL text format: one line per row, tab-separated, newline-terminated. */
export type CopyLines = Iterable<string> | AsyncIterable<string>

/** The database handle; `Schema` is the tables its queries are typed against (the platform's own by default). */
export interface Database<Schema = PlatformDB> {
  engine: Engine
  db: Kysely<Schema>
  pool: pg.Pool
  copyInto(table: string, columns: readonly string[], lines: CopyLines): Promise<void>
  /** Embedded only: the whole data folder as a tarball (gzipped if asked), to start other databases from. */
  dump?(compression?: 'none' | 'gzip'): Promise<Blob>
  close(): Promise<void>
}

// pg returns int8/numeric as strings by default; counts and ids here stay well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
// Dates without time are calendar dates: keep them as ISO strings so no time zone can move them.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

/** Opens the database; the composition root (src/database.ts) names the whole schema as `Schema`. */
export async function openDatabase<Schema = PlatformDB>(target: DatabaseTarget): Promise<Database<Schema>> {
  const database = target.databaseUrl
    ? await openServer<Schema>(target.databaseUrl)
    : await openEmbedded<Schema>(target.dataDir, target.snapshot)
  const { partnership } = target
  if (partnership !== undefined)
    database.pool.on('connect', (client) => enterPartnership(client, partnership))
  return database
}

/** The partnership the connection is of, for queries that must name it (each partnership's audit chains are its own). */
export const ownPartnership = sql<string>`current_setting('masa.partnership_id')`

/** The role masa acts as, bound by row-level security to the rows of its connection's partnership. */
const SERVICE_ROLE = 'masa_service'

/**
 * Made when a database is opened, before migrations grant it anything. Roles are the server's,
 * shared by its databases: made once, by whichever opens first.
 * The user masa logs in as must be able to act as it (a superuser can; anyone it is granted to can).
 */
const ENSURE_SERVICE_ROLE = `DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${SERVICE_ROLE}') THEN
    CREATE ROLE ${SERVICE_ROLE} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
DO $$
BEGIN
  IF NOT pg_has_role(current_user, '${SERVICE_ROLE}', 'MEMBER') THEN
    RAISE EXCEPTION 'the database user % cannot act as ${SERVICE_ROLE}', current_user;
  END IF;
END
$$`

async function ensureServiceRole(run: (text: string) => Promise<unknown>): Promise<void> {
  await run(ENSURE_SERVICE_ROLE).catch((error: unknown) => {
    throw new Error(
      `masa acts in the database as the role ${SERVICE_ROLE}, which it could not make or take ` +
        `(${error instanceof Error ? error.message : String(error)}): as a superuser, run ` +
        `CREATE ROLE ${SERVICE_ROLE} NOLOGIN and GRANT ${SERVICE_ROLE} TO the user masa logs in as`,
    )
  })
}

/** Queued before anything else the new connection runs. */
function enterPartnership(client: pg.PoolClient, partnership: string): void {
  // set_config of 'role' is SET ROLE. A connection that failed to enter can write nothing.
  client
    .query(
      `SELECT set_config('masa.partnership_id', $1, false), set_config('role', '${SERVICE_ROLE}', false)`,
      [partnership],
    )
    .catch(() => {})
}

/**
 * Runs `work` on one connection as the database's owner, whom row-level security does not bind:
 * for what the service role may not do (statistics, vacuum), never to read or change records.
 */
export async function asOwner<Schema, T>(db: Kysely<Schema>, work: (owner: Kysely<Schema>) => Promise<T>) {
  return db.connection().execute(async (connection): Promise<T> => {
    const { rows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(connection)
    await sql`RESET ROLE`.execute(connection)
    try {
      return await work(connection)
    } finally {
      await sql`SET ROLE ${sql.id(rows[0]?.role as string)}`.execute(connection)
    }
  })
}

/** COPY FROM is refused under row-level security: a load runs as the owner, its rows the connection's partnership's. */
const COPY_AS_OWNER = 'SET LOCAL ROLE NONE'

async function openServer<Schema>(connectionString: string): Promise<Database<Schema>> {
  await ensureServiceRole(async (text) => {
    const client = new pg.Client({ connectionString })
    await client.connect()
    try {
      await client.query(text)
    } finally {
      await client.end()
    }
  })
  const pool = new pg.Pool({ connectionString, max: 10 })
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  return {
    engine: 'postgres',
    db,
    pool,
    async copyInto(table, columns, lines) {
      const client = await pool.connect()
      try {
        await client.query(`BEGIN; ${COPY_AS_OWNER}`)
        const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
        await pipeline(Readable.from(lines), sink)
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    close: () => db.destroy(),
  }
}

/** Beyond this many different statements, the rest are planned each time (each named one keeps its plan in memory). */
const MOST_NAMED_STATEMENTS = 1000

/**
 * The name of each statement text, the same for every connection: the embedded engine has one, which
 * outlives the pool's client (and node-postgres remembers what it parsed there, by name).
 */
const statementNames = new Map<string, string>()

function statementName(text: string): string | undefined {
  let name = statementNames.get(text)
  if (name === undefined && statementNames.size < MOST_NAMED_STATEMENTS) {
    name = `masa_${statementNames.size}`
    statementNames.set(text, name)
  }
  return name
}

/**
 * Names every statement with parameters, so the embedded engine parses and plans it once and then
 * reuses the plan: planning there costs many times what running does (a child's record: about 15 ms
 * to plan, under 1 ms to run). The server keeps planning each time, cheaply.
 */
function planOnce(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  ;(client as unknown as { query: typeof query }).query = (...args) => {
    const [text, values, ...rest] = args
    const name =
      typeof text === 'string' && Array.isArray(values) && values.length > 0 ? statementName(text) : undefined
    return name ? query({ name, text, values }, ...rest) : query(...args)
  }
}

/** Parse, Bind, Describe, Execute and Close: node-postgres ends each run of these with Sync or Flush. */
const PIPELINED = new Set('PBDEC'.split('').map((type) => type.charCodeAt(0)))

/**
 * The engine as node-postgres's adapter sees it, taking a statement's protocol messages in one call
 * at its Sync instead of one call (and one pass of the engine's loop) per message.
 */
function batchedUntilSync(lite: PGlite): PGlite {
  let pending: Uint8Array[] = []
  const batched = {
    waitReady: lite.waitReady,
    execProtocolStream: async (message: Uint8Array, options?: ExecProtocolOptions) => {
      pending.push(message)
      if (PIPELINED.has(message[0] as number)) return []
      const messages = pending.length === 1 ? message : Buffer.concat(pending)
      pending = []
      return lite.execProtocolStream(messages, options)
    },
  }
  return batched as unknown as PGlite
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
  await ensureServiceRole((text) => lite.exec(text)).catch(async (error: unknown) => {
    await lite.close()
    await unlock()
    throw error
  })
  const pool = new pg.Pool(createPgConfig(batchedUntilSync(lite)))
  pool.on('connect', planOnce)
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  const copyBatch = (table: string, columns: readonly string[], batch: string[]) =>
    lite.transaction(async (owner) => {
      await owner.exec(COPY_AS_OWNER)
      await owner.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
        blob: new Blob(batch),
      })
    })
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
    dump: async (compression = 'none') => lite.dumpDataDir(compression),
    async close() {
      await db.destroy()
      await lite.close()
      await unlock()
    },
  }
}
