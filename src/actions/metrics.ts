// What actions tell the operators' metrics: the open actions past their due date, by owner agency.

import { type Kysely, sql } from 'kysely'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import type { GaugeSource } from '../platform/metrics/gauges.ts'
import type { ActionsTables } from './tables.ts'

export function actionGauges(db: Kysely<ActionsTables>, now: () => Date = () => new Date()): GaugeSource[] {
  return [
    {
      name: 'masa_actions_overdue',
      help: 'Actions agreed at meetings, not done and past their due date, by owner agency',
      labelNames: ['agency'],
      async read() {
        const { rows } = await sql<{ agency: string; overdue: number }>`
          SELECT owner_agency_id AS agency, count(*)::int AS overdue FROM action
          WHERE completed_at IS NULL AND due_by < ${toIsoDate(now())}
          GROUP BY owner_agency_id ORDER BY owner_agency_id`.execute(db)
        return rows.map((row) => ({ labels: { agency: row.agency }, value: row.overdue }))
      },
    },
  ]
}
