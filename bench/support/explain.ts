// Where a page's time goes in the database: the app's reads, recorded as it sends them
// (test/support/query-plans.ts), each run again under EXPLAIN (ANALYZE, BUFFERS) and summed up: its time,
// the buffers it read, and how it reached each table.

import type { CompiledQuery } from 'kysely'
import type pg from 'pg'
import { nodesOf, planOf, readsOf } from '../../test/support/query-plans.ts'

export { type QueryRecorder, recordingKysely } from '../../test/support/query-plans.ts'

export interface Explained {
  statement: string
  ms: number
  planningMs: number
  /** Shared buffers hit and read. */
  hit: number
  read: number
  /** How each table was reached: 'Index Scan child_pkey on child (1 row)'. */
  scans: string[]
}

/** Each SELECT (or WITH) of `queries` run under EXPLAIN (ANALYZE, BUFFERS). */
export async function explainReads(pool: pg.Pool, queries: readonly CompiledQuery[]): Promise<Explained[]> {
  const explained: Explained[] = []
  for (const query of readsOf(queries)) {
    const result = await planOf(pool, query, true)
    const scans = nodesOf(result.Plan)
      .filter((node) => node['Relation Name'])
      .map(
        (node) =>
          `${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : ''} on ${node['Relation Name']} ` +
          `(${(node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1)} rows)`,
      )
    explained.push({
      statement: query.sql.replace(/\s+/g, ' ').slice(0, 140),
      ms: result['Execution Time'] ?? 0,
      planningMs: result['Planning Time'] ?? 0,
      hit: result.Plan['Shared Hit Blocks'] ?? 0,
      read: result.Plan['Shared Read Blocks'] ?? 0,
      scans,
    })
  }
  return explained
}

export function describeExplained(explained: readonly Explained[]): string {
  return explained
    .map(
      (e) =>
        `    ${e.ms.toFixed(2)} ms (+${e.planningMs.toFixed(2)} planning), ${e.hit} buffers hit, ${e.read} read: ` +
        `${e.statement}\n      ${e.scans.join('; ')}`,
    )
    .join('\n')
}
