// When a table's planner statistics are stale, and when it wants vacuuming: autovacuum's own rule
// and default thresholds, so the embedded engine is kept as PostgreSQL keeps itself. Pure.

export interface TableStatistics {
  table: string
  /** Live rows as the statistics system counts them. */
  rows: number
  /** The planner's row count (pg_class.reltuples); null when the table was never analysed or vacuumed. */
  plannerRows: number | null
  deadRows: number
  /** Rows inserted, updated or deleted since the last ANALYZE. */
  changedSinceAnalysed: number
  /** Pages on disk now, and when the planner's row count was taken (pg_class.relpages). */
  pages: number
  plannerPages: number
  /**
   * Null when never analysed, or on the embedded engine not since it opened the database: its
   * activity counts start again then (the planner's statistics themselves are kept).
   */
  lastAnalysed: Date | null
}

/** autovacuum_analyze_threshold and autovacuum_analyze_scale_factor. */
const ANALYZE_THRESHOLD = 50
const ANALYZE_SCALE = 0.1
/** autovacuum_vacuum_threshold and autovacuum_vacuum_scale_factor. */
const VACUUM_THRESHOLD = 50
const VACUUM_SCALE = 0.2

const plannerRows = (t: TableStatistics) => Math.max(t.plannerRows ?? 0, 0)

const analyzeLimit = (t: TableStatistics) => ANALYZE_THRESHOLD + ANALYZE_SCALE * plannerRows(t)

const count = (n: number) => Math.round(n).toLocaleString('en-GB')

/**
 * Why the planner's estimates for this table cannot be trusted, or undefined when they can. Besides
 * the counted changes, a table that has grown on disk by more than the same share since its last
 * ANALYZE (or never analysed, past one page) is stale: that survives a restart of the embedded
 * engine, whose counts do not.
 */
export function staleStatistics(t: TableStatistics): string | undefined {
  if (t.changedSinceAnalysed > analyzeLimit(t))
    return `${count(t.changedSinceAnalysed)} rows changed since last analysed (more than ${count(analyzeLimit(t))})`
  if (t.pages > t.plannerPages * (1 + ANALYZE_SCALE) + 1)
    return t.plannerRows === null
      ? `never analysed (${count(t.pages)} pages)`
      : `grown from ${count(t.plannerPages)} to ${count(t.pages)} pages since last analysed`
  return undefined
}

export const needsVacuum = (t: TableStatistics) =>
  t.deadRows > VACUUM_THRESHOLD + VACUUM_SCALE * plannerRows(t)

export interface MaintenancePlan {
  analyse: string[]
  vacuum: string[]
}

/** Tables to vacuum (and analyse with it), and tables only to analyse. */
export function planMaintenance(tables: readonly TableStatistics[]): MaintenancePlan {
  const vacuum = tables.filter(needsVacuum).map((t) => t.table)
  const analyse = tables.filter((t) => staleStatistics(t) !== undefined).map((t) => t.table)
  return { vacuum, analyse: analyse.filter((table) => !vacuum.includes(table)) }
}
