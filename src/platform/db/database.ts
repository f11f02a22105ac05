import { mkdirSync } from 'node:fs'
import { Duplex, Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { lockDataDir } from './data-dir-lock.ts'
import { EmbeddedEngine } from './embedded-engine.ts'
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
  /** PostgreSQL only: the most connections the handle keeps open (default 10). */
  poolSize?: number
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
  const { partnership } = target
  const onConnect = partnership === undefined ? undefined : enterPartnership(partnership)
  return target.databaseUrl
    ? openServer<Schema>(target.databaseUrl, target.poolSize ?? 10, onConnect)
    : openEmbedded<Schema>(target.dataDir, target.snapshot, onConnect)
}

/** What a pool runs on each new connection before handing it out. */
type OnConnect = (client: pg.ClientBase) => Promise<void>

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

/**
 * Run on a new connection before the pool hands it out. set_config of 'role' is SET ROLE. A
 * connection that failed to enter would be the owner's, bound by no policy: the pool closes it and
 * the request waiting for it fails.
 */
function enterPartnership(partnership: string): OnConnect {
  return async (client) => {
    await client.query(
      `SELECT set_config('masa.partnership_id', $1, false), set_config('role', '${SERVICE_ROLE}', false)`,
      [partnership],
    )
  }
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

/** Makes the service role on a PostgreSQL server, if it has none yet (a restore grants to it). */
export function ensureServiceRoleOnServer(connectionString: string): Promise<void> {
  return ensureServiceRole(async (text) => {
    const client = new pg.Client({ connectionString })
    await client.connect()
    try {
      await client.query(text)
    } finally {
      await client.end()
    }
  })
}

/** The functions the child search's indexes use (see migration 0076 for why they are leakproof). */
const SEARCH_INDEX_FUNCTIONS = [
  'lower(text)',
  'textcat(text, text)',
  'dmetaphone(text)',
  'soundex(text)',
  'similarity_op(text, text)',
]

/**
 * Marks the child search's index functions leakproof, as migration 0076 did, and resolves to whether
 * it could (only a superuser may). The mark is the database's own, on built-in and extension
 * functions, so a dump does not carry it: a restored database needs it again.
 */
export async function markSearchFunctionsLeakproof(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    const { rows } = await client.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')
    if (rows[0]?.rolsuper !== true) return false
    for (const signature of SEARCH_INDEX_FUNCTIONS)
      await client.query(`ALTER FUNCTION ${signature} LEAKPROOF`)
    return true
  } finally {
    await client.end()
  }
}

async function openServer<Schema>(
  connectionString: string,
  max: number,
  onConnect?: OnConnect,
): Promise<Database<Schema>> {
  await ensureServiceRoleOnServer(connectionString)
  const pool = new pg.Pool({ connectionString, max, onConnect })
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
const TERMINATE = 'X'.charCodeAt(0)

const FORGET_STATEMENTS = simpleQuery('DEALLOCATE ALL')

/** A statement in the protocol's simple form: 'Q', its length, the text ending in a zero byte. */
function simpleQuery(text: string): Buffer {
  const body = Buffer.from(`${text}\0`)
  const message = Buffer.alloc(5 + body.length)
  message.write('Q')
  message.writeInt32BE(4 + body.length, 1)
  body.copy(message, 5)
  return message
}

/** What a server answers a startup message that needs no password: AuthenticationOk, ReadyForQuery (idle). */
const STARTED = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49])

/**
 * The embedded engine as the socket node-postgres talks to: node-postgres writes the protocol
 * messages with its own serializer, the engine takes each run of them at its Sync (or Flush, or a
 * simple query) in one call, and its answer, as raw bytes, goes back through node-postgres's own
 * parser. (The engine's node-postgres adapter has the engine rebuild each message as an object in
 * JavaScript first: on a child page, about a sixth of the time.) The engine has one session, already
 * started, so a startup message is answered here.
 */
class EngineSocket extends Duplex {
  #waiting: Buffer[] = []
  #started = false
  #turn: Promise<unknown> = Promise.resolve()

  constructor(private readonly engine: EmbeddedEngine) {
    super()
  }

  setNoDelay(): this {
    return this
  }

  setKeepAlive(): this {
    return this
  }

  ref(): this {
    return this
  }

  unref(): this {
    return this
  }

  connect(): this {
    process.nextTick(() => this.emit('connect'))
    return this
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const messages = this.#started ? this.#runUpToSync(chunk) : this.#start()
    if (messages && messages[0] !== TERMINATE) {
      this.#turn = this.#turn
        .then(() => this.engine.protocol(messages, (answer) => this.push(answer)))
        .catch((error: Error) => this.destroy(error))
    }
    done()
  }

  /**
   * A new client knows of no named statements: the engine's session, which outlives clients, is
   * made to forget those an earlier one prepared, so their names can be prepared again.
   */
  #start(): undefined {
    this.#started = true
    this.#turn = this.#turn
      .then(() => this.engine.protocol(FORGET_STATEMENTS, () => {}))
      .then(
        () => this.push(STARTED),
        (error: Error) => this.destroy(error),
      )
  }

  /** The messages written so far up to the last one that ends a run, if one does yet. */
  #runUpToSync(chunk: Buffer): Buffer | undefined {
    this.#waiting.push(chunk)
    const written = this.#waiting.length === 1 ? chunk : Buffer.concat(this.#waiting)
    let at = 0
    let through = 0
    while (at + 5 <= written.length) {
      const end = at + 1 + written.readInt32BE(at + 1)
      if (end > written.length) break
      if (!PIPELINED.has(written[at] as number)) through = end
      at = end
    }
    if (through === 0) {
      this.#waiting = [written]
      return undefined
    }
    this.#waiting = through < written.length ? [written.subarray(through)] : []
    return written.subarray(0, through)
  }

  override _final(done: () => void): void {
    void this.#turn.then(() => {
      this.push(null)
      done()
    })
  }
}

/** How many COPY lines the embedded engine takes in one blob: bounds memory at any scale. */
const EMBEDDED_COPY_BATCH = 50_000

async function openEmbedded<Schema>(
  dataDir: string,
  snapshot?: Blob,
  onConnect?: OnConnect,
): Promise<Database<Schema>> {
  const inMemory = dataDir.startsWith('memory://')
  if (!inMemory) mkdirSync(dataDir, { recursive: true })
  // Before PGlite touches the files: a second process on the folder would corrupt it.
  const unlock = inMemory ? async () => {} : await lockDataDir(dataDir)
  const engine = await EmbeddedEngine.start(dataDir, snapshot).catch(async (error: unknown) => {
    await unlock()
    throw error
  })
  await ensureServiceRole((text) => engine.exec(text)).catch(async (error: unknown) => {
    await engine.close()
    await unlock()
    throw error
  })
  // One session, so one client: node-postgres queues the statements for it.
  const pool = new pg.Pool({ max: 1, stream: () => new EngineSocket(engine), onConnect })
  pool.on('connect', planOnce)
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  const copyBatch = (table: string, columns: readonly string[], batch: string[]) =>
    engine.copy(COPY_AS_OWNER, `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, batch)
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
    dump: (compression = 'none') => engine.dump(compression),
    async close() {
      await db.destroy()
      await engine.close()
      await unlock()
    },
  }
}
