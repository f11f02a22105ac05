// What the front door tells the operators' metrics: the referrals waiting for a decision in each LA's
// queue, and how many of them are past their decision's due date.

import { sql } from 'kysely'
import type { Database } from '../database.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import type { GaugeSource } from '../platform/metrics/gauges.ts'

interface QueueDepth {
  la_id: string
  queue: string
  waiting: number
  overdue: number
}

export function frontDoorGauges(db: Database['db'], now: () => Date = () => new Date()): GaugeSource[] {
  const depths = async () => {
    const { rows } = await sql<QueueDepth>`
      SELECT la_id, queue, count(*)::int AS waiting,
             count(*) FILTER (WHERE decision_due_by < ${toIsoDate(now())})::int AS overdue
      FROM referral WHERE status <> 'decided' GROUP BY la_id, queue ORDER BY la_id, queue`.execute(db)
    return rows
  }
  const gauge = (name: string, help: string, count: (row: QueueDepth) => number): GaugeSource => ({
    name,
    help,
    labelNames: ['la', 'queue'],
    read: async () =>
      (await depths()).map((row) => ({ labels: { la: row.la_id, queue: row.queue }, value: count(row) })),
  })
  return [
    gauge(
      'masa_front_door_referrals_waiting',
      'Referrals waiting for a decision, by LA and queue',
      (r) => r.waiting,
    ),
    gauge(
      'masa_front_door_decisions_overdue',
      'Referrals waiting past the day their decision was due, by LA and queue',
      (r) => r.overdue,
    ),
  ]
}
