// The actions agreed at some meetings, in aggregate (agreed, done, open and overdue), for the
// partnership's yearly report: counts only, no child and no owner named.

import { type Kysely, sql } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { ActionSourceKind, ActionsTables } from './tables.ts'

export interface ActionFigures {
  agreed: number
  done: number
  overdue: number
}

/** The actions agreed at these meetings of one kind: how many, how many done, how many open past their due date. */
export async function actionFigures(
  db: Kysely<ActionsTables>,
  sourceKind: ActionSourceKind,
  sourceIds: readonly string[],
  today: IsoDate,
): Promise<ActionFigures> {
  if (sourceIds.length === 0) return { agreed: 0, done: 0, overdue: 0 }
  const row = await db
    .selectFrom('action')
    .select([
      sql<number>`count(*)::int`.as('agreed'),
      sql<number>`count(completed_at)::int`.as('done'),
      sql<number>`count(*) FILTER (WHERE completed_at IS NULL AND due_by < ${today})::int`.as('overdue'),
    ])
    .where('source_kind', '=', sourceKind)
    .where('source_id', 'in', [...sourceIds])
    .executeTakeFirstOrThrow()
  return row
}
