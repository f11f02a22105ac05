// The plans of the queries an app really runs, on either engine: a Kysely on the pool that records
// every compiled query (with its parameters) while asked to, and the plan of each as PostgreSQL
// would run it (EXPLAIN, or EXPLAIN ANALYZE with BUFFERS), node by node.

import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely'
import type pg from 'pg'
import type { DB } from '../../src/database.ts'

export interface QueryRecorder {
  db: Kysely<DB>
  /** Every statement sent while recording. */
  readonly ran: CompiledQuery[]
  recording: boolean
}

/** A Kysely on the pool that remembers every query, with its parameters, while recording. */
export function recordingKysely(pool: pg.Pool, recording = true): QueryRecorder {
  const recorder: QueryRecorder = {
    ran: [],
    recording,
    db: new Kysely<DB>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        if (event.level === 'query' && recorder.recording) recorder.ran.push(event.query)
      },
    }),
  }
  return recorder
}

export interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Plan Rows': number
  'Actual Rows'?: number
  'Actual Loops'?: number
  'Rows Removed by Filter'?: number
  'Index Cond'?: string
  'Shared Hit Blocks'?: number
  'Shared Read Blocks'?: number
  Plans?: PlanNode[]
}

export interface Plan {
  Plan: PlanNode
  'Execution Time'?: number
  'Planning Time'?: number
}

export const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

/** The reads (SELECT or WITH) among the statements run. */
export const readsOf = (queries: readonly CompiledQuery[]) =>
  queries.filter((query) => /^\s*(select|with)\b/i.test(query.sql))

/** The plan of a query as run; with `analyse`, run under EXPLAIN (ANALYZE, BUFFERS). */
export async function planOf(pool: pg.Pool, query: CompiledQuery, analyse = false): Promise<Plan> {
  const { rows } = await pool.query(
    `EXPLAIN (${analyse ? 'ANALYZE, BUFFERS, ' : ''}FORMAT JSON) ${query.sql}`,
    [...query.parameters],
  )
  return (rows[0]['QUERY PLAN'] as Plan[])[0] as Plan
}
