// The statistics system's view of each table, ANALYZE and VACUUM one table at a time, and the
// record of maintenance runs.

import { type Kysely, sql } from 'kysely'
import { asOwner } from '../db/database.ts'
import type { PlatformDB } from '../db/schema.ts'
import type { TableStatistics } from './rules.ts'

interface StatisticsRow {
  table: string
  rows: number
  planner_rows: number
  dead_rows: number
  changed: number
  pages: number
  planner_pages: number
  last_analysed: Date | null
}

/**
 * Every table of the application's schema, by name. Counts reach pg_stat about a second after each
 * change; on the embedded engine they start again when it opens the database, so rows are then the
 * planner's count and the last ANALYZE is taken from the run record.
 */
export async function readTableStatistics(db: Kysely<PlatformDB>): Promise<TableStatistics[]> {
  const { rows } = await sql<StatisticsRow>`
    SELECT s.relname AS table,
      CASE WHEN s.n_live_tup + s.n_dead_tup + s.n_mod_since_analyze > 0 OR s.last_analyze IS NOT NULL
        OR s.last_autoanalyze IS NOT NULL THEN s.n_live_tup ELSE greatest(c.reltuples, 0)::bigint END AS rows,
      c.reltuples AS planner_rows, s.n_dead_tup AS dead_rows, s.n_mod_since_analyze AS changed,
      (pg_relation_size(s.relid) / current_setting('block_size')::int)::int AS pages, c.relpages AS planner_pages,
      greatest(s.last_analyze, s.last_autoanalyze,
        (SELECT max(r.finished_at) FROM db_maintenance_run r WHERE s.relname = ANY(r.analysed || r.vacuumed))
      ) AS last_analysed
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema()
    ORDER BY s.relname`.execute(db)
  return rows.map((row) => ({
    table: row.table,
    rows: row.rows,
    plannerRows: row.planner_rows < 0 ? null : Math.round(row.planner_rows),
    deadRows: row.dead_rows,
    changedSinceAnalysed: row.changed,
    pages: row.pages,
    plannerPages: row.planner_pages,
    lastAnalysed: row.last_analysed,
  }))
}

/**
 * ANALYZE of each table in turn, as its owner (the only one who may), one statement each, so on
 * the embedded engine (one connection) requests wait for one table at most. Pending row counts are flushed first, so the counts since
 * the last ANALYZE start again from the rows analysed.
 */
export async function analyzeTables(db: Kysely<PlatformDB>, tables: readonly string[]): Promise<void> {
  await sql`SELECT pg_stat_force_next_flush()`.execute(db)
  for (const table of tables) await asOwner(db, (owner) => sql`ANALYZE ${sql.table(table)}`.execute(owner))
}

/** Whether the PostgreSQL server's autovacuum looks after the tables (the embedded engine has none). */
export async function autovacuumIsOn(db: Kysely<PlatformDB>): Promise<boolean> {
  const { rows } = await sql<{ on: boolean }>`SELECT current_setting('autovacuum') = 'on' AS on`.execute(db)
  return rows[0]?.on === true
}

/** Runs `work` inside a transaction as the database's owner, then as the transaction's role again. */
async function asOwnerWithin<Schema, T>(trx: Kysely<Schema>, work: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(trx)
  await sql`SET LOCAL ROLE NONE`.execute(trx)
  const done = await work()
  await sql`SET LOCAL ROLE ${sql.id(rows[0]?.role as string)}`.execute(trx)
  return done
}

/** ANALYZE inside a transaction, which counts the rows it has written and not yet committed. */
export function analyzeInTransaction<Schema>(trx: Kysely<Schema>, tables: readonly string[]): Promise<void> {
  return asOwnerWithin(trx, async () => {
    for (const table of tables) await sql`ANALYZE ${sql.table(table)}`.execute(trx)
  })
}

/** Whether the database holds children of a partnership other than the transaction's (a region's database). */
export function holdsOtherPartnerships<Schema>(trx: Kysely<Schema>): Promise<boolean> {
  return asOwnerWithin(trx, async () => {
    const { rows } = await sql<{ others: boolean }>`SELECT EXISTS (SELECT FROM child
      WHERE partnership_id IS DISTINCT FROM current_setting('masa.partnership_id', true)) AS others`.execute(
      trx,
    )
    return rows[0]?.others === true
  })
}

export async function vacuumAndAnalyze(db: Kysely<PlatformDB>, table: string): Promise<void> {
  await asOwner(db, (owner) => sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(owner))
}

export interface MaintenanceRun {
  startedAt: Date
  finishedAt: Date
  trigger: 'schedule' | 'command' | 'load'
  analysed: string[]
  vacuumed: string[]
  problem: string | null
}

export async function recordRun(db: Kysely<PlatformDB>, run: MaintenanceRun): Promise<void> {
  await db
    .insertInto('db_maintenance_run')
    .values({
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      trigger: run.trigger,
      analysed: run.analysed,
      vacuumed: run.vacuumed,
      problem: run.problem,
    })
    .execute()
}

export async function listRecentRuns(db: Kysely<PlatformDB>, limit = 10): Promise<MaintenanceRun[]> {
  const rows = await db
    .selectFrom('db_maintenance_run')
    .selectAll()
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    trigger: row.trigger,
    analysed: row.analysed,
    vacuumed: row.vacuumed,
    problem: row.problem,
  }))
}
