// The app's background jobs. Several app servers may run against one PostgreSQL: a job that must not
// run twice at once (it reads, decides, then writes) runs on one server at a time, under a session
// advisory lock named after it, and a server that finds the lock taken skips that turn; a job whose
// rows are claimed with SKIP LOCKED runs on every server, which share its work. The embedded engine
// serves one process (its data folder is locked), so there a job simply runs.

import type { FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { Database } from './db/database.ts'
import type { PlatformDB } from './db/schema.ts'
import { pollEvery } from './poll.ts'

export interface Job {
  /** In words, for the log ("overdue action alerts"); also names its lock. */
  name: string
  /** How often it runs; 0 or less: never (tests run the work themselves). */
  everyMs: number
  run: () => Promise<unknown>
  /** Its rows are claimed with SKIP LOCKED, so every server may run it at once. */
  everyServer?: boolean
}

/** The first key of every job's advisory lock (the second is the hash of its partnership and name). */
const JOB_LOCKS = 7_102

/** Runs the job every `everyMs` from when the app is ready until it closes (waiting for a run in flight). */
export function scheduleJob(app: FastifyInstance, database: Pick<Database, 'engine' | 'db'>, job: Job): void {
  if (job.everyMs <= 0) return
  const run =
    job.everyServer || database.engine !== 'postgres'
      ? job.run
      : () => onOneServerAtATime(database.db, job.name, job.run)
  let stop: (() => Promise<void>) | undefined
  app.addHook('onReady', async () => {
    stop = pollEvery(job.everyMs, run, (error) => app.log.error({ err: error }, `${job.name} failed`))
  })
  app.addHook('onClose', async () => stop?.())
}

/** Runs `run` unless another server holds the job's lock; the lock goes with the connection if this process dies. */
export async function onOneServerAtATime(
  db: Kysely<PlatformDB>,
  name: string,
  run: () => Promise<unknown>,
): Promise<boolean> {
  return db.connection().execute(async (connection) => {
    // Partnerships sharing a database each run their own jobs.
    const key = sql`${JOB_LOCKS}::int, hashtext(coalesce(current_setting('masa.partnership_id', true), '') || ${name})`
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${key}) AS locked`.execute(
      connection,
    )
    if (!rows[0]?.locked) return false
    try {
      await run()
      return true
    } finally {
      await sql`SELECT pg_advisory_unlock(${key})`.execute(connection)
    }
  })
}
