// Where a page's time goes in the database: the app's reads are recorded as it sends them (through a
// Kysely that logs every compiled query), then each is run again under EXPLAIN (ANALYZE, BUFFERS) and
// summed up: its time, the pages of the tables and indexes it read, and how it reached each table.

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
export function recordingKysely(pool: pg.Pool): QueryRecorder {
  const recorder: QueryRecorder = {
    ran: [],
    recording: false,
    db: new Kysely<DB>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        if (event.level === 'query' && recorder.recording) recorder.ran.push(event.query)
      },
    }),
  }
  return recorder
}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows': number
  'Actual Loops': number
  'Shared Hit Blocks': number
  'Shared Read Blocks': number
  Plans?: PlanNode[]
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

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
  for (const query of queries.filter((q) => /^\s*(select|with)\b/i.test(q.sql))) {
    const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`, [
      ...query.parameters,
    ])
    const [result] = rows[0]['QUERY PLAN'] as {
      Plan: PlanNode
      'Execution Time': number
      'Planning Time': number
    }[]
    if (!result) continue
    const scans = nodesOf(result.Plan)
      .filter((node) => node['Relation Name'])
      .map(
        (node) =>
          `${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : ''} on ${node['Relation Name']} ` +
          `(${node['Actual Rows'] * node['Actual Loops']} rows)`,
      )
    explained.push({
      statement: query.sql.replace(/\s+/g, ' ').slice(0, 140),
      ms: result['Execution Time'],
      planningMs: result['Planning Time'],
      hit: result.Plan['Shared Hit Blocks'],
      read: result.Plan['Shared Read Blocks'],
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
