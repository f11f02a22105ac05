// Each measure's definition: one SQL query over masa's own tables that finds what the measure counts
// in some LAs over a period, dates as London dates. rules.ts judges each row against its clock.

import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../database.ts'
import type { MeasureDefinition } from '../partnership/config-schema.ts'
import type { Found } from './rules.ts'

export interface Period {
  laIds: readonly string[]
  /** The first day of the first month, 'YYYY-MM-01'. */
  from: string
  /** The first day after the last month. */
  until: string
  now: Date
}

const londonDate = (column: RawBuilder<unknown>) =>
  sql<string>`to_char(${column} AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`
const day = (column: RawBuilder<unknown>) => sql<string>`to_char(${column}, 'YYYY-MM-DD')`
const londonStart = (date: string) => sql`(${date}::date)::timestamp AT TIME ZONE 'Europe/London'`
const reference = (prefix: string, number: RawBuilder<unknown>) =>
  sql<string>`${prefix} || lpad((${number})::text, 6, '0')`
const inLas = (column: RawBuilder<unknown>, p: Period) => sql`${column} = ANY(${[...p.laIds]}::text[])`

const QUERIES: Record<MeasureDefinition, (p: Period) => RawBuilder<Found>> = {
  // Every referral received in the period, and the day its threshold decision was made.
  'referral-decision-within-1-working-day': (p) => sql<Found>`
    SELECT r.la_id AS "laId", ${reference('FD-', sql`r.number`)} AS reference,
      ${londonDate(sql`r.received_at`)} AS "startedOn", ${londonDate(sql`d.decided_at`)} AS "endedOn"
    FROM referral r LEFT JOIN threshold_decision d ON d.referral_id = r.id
    WHERE ${inLas(sql`r.la_id`, p)}
      AND r.received_at >= ${londonStart(p.from)} AND r.received_at < ${londonStart(p.until)}`,

  // Every section 47 enquiry begun in the period that has not been found to need no conference,
  // and the day its initial conference was held (an inquorate one is not held), joined by one
  // aggregate rather than a lookup per enquiry.
  'icpc-within-15-working-days': (p) => sql<Found>`
    SELECT s.la_id AS "laId", ${reference('SD-', sql`sd.number`)} AS reference,
      ${day(sql`s.started_on`)} AS "startedOn", ${day(sql`held.held_on`)} AS "endedOn"
    FROM section47_enquiry s JOIN strategy_discussion sd ON sd.id = s.strategy_discussion_id
    LEFT JOIN (SELECT c.section47_id, min(c.meeting_date) AS held_on FROM conference c
      WHERE c.kind = 'initial' AND c.status = 'decided' AND ${inLas(sql`c.la_id`, p)}
      GROUP BY c.section47_id) held ON held.section47_id = s.id
    WHERE ${inLas(sql`s.la_id`, p)} AND s.outcome IS DISTINCT FROM 'icpc-not-required'
      AND s.started_on >= ${p.from}::date AND s.started_on < ${p.until}::date`,

  // Every plan an initial conference made in the period, and its first core group.
  'first-core-group-within-10-working-days': (p) => sql<Found>`
    SELECT c.la_id AS "laId", ${reference('CP-', sql`c.number`)} AS reference,
      ${day(sql`c.meeting_date`)} AS "startedOn",
      ${day(sql`coalesce(firstly.held_on, pl.core_group_first_meeting_on)`)} AS "endedOn"
    FROM conference c JOIN child_protection_plan pl ON pl.id = c.plan_id
    LEFT JOIN (SELECT g.plan_id, min(g.held_on) AS held_on FROM core_group_meeting g GROUP BY g.plan_id) firstly
      ON firstly.plan_id = pl.id
    WHERE ${inLas(sql`c.la_id`, p)} AND c.kind = 'initial' AND c.status = 'decided' AND c.cp_plan
      AND c.meeting_date >= ${p.from}::date AND c.meeting_date < ${p.until}::date`,

  // Every agency told of an event about a child of these LAs in the period: acknowledged by its due
  // time, or not; still running if neither. The reference is the agency told.
  'acknowledgement-within-sharing-target': (p) => sql<Found>`
    SELECT * FROM (
      SELECT (SELECT ec.la_id FROM shared_event_child ec WHERE ec.event_id = n.event_id
          AND ec.la_id IS NOT NULL ORDER BY ec.position LIMIT 1) AS "laId",
        n.agency_id AS reference,
        ${londonDate(sql`n.created_at`)} AS "startedOn", ${londonDate(sql`n.acknowledged_at`)} AS "endedOn",
        CASE WHEN n.acknowledged_at IS NOT NULL THEN n.acknowledged_at <= n.due_at
          WHEN n.due_at < ${p.now} THEN false END AS "inTime"
      FROM sharing_notification n
      WHERE n.created_at >= ${londonStart(p.from)} AND n.created_at < ${londonStart(p.until)}
    ) told WHERE ${inLas(sql`told."laId"`, p)}`,

  // Every referral of a known child in the period, and the child's previous referral in the 12 months before.
  're-referral-within-12-months': (p) => sql<Found>`
    SELECT r.la_id AS "laId", ${reference('FD-', sql`r.number`)} AS reference,
      ${londonDate(sql`r.received_at`)} AS "startedOn",
      (SELECT ${londonDate(sql`max(e.received_at)`)} FROM referral e
        WHERE e.child_id = r.child_id AND e.id <> r.id AND e.received_at < r.received_at
          AND e.received_at >= r.received_at - interval '12 months') AS "endedOn"
    FROM referral r
    WHERE ${inLas(sql`r.la_id`, p)} AND r.child_id IS NOT NULL
      AND r.received_at >= ${londonStart(p.from)} AND r.received_at < ${londonStart(p.until)}`,

  // Every plan begun in the period, and when the child's previous plan (if any) began.
  'second-or-subsequent-plan': (p) => sql<Found>`
    SELECT pl."laId", coalesce(${reference('CP-', sql`icpc.number`)}, 'Plan without a conference record') AS reference,
      ${day(sql`pl.start_date`)} AS "startedOn", ${day(sql`pl.previous`)} AS "endedOn"
    FROM (
      SELECT q.id, q.la_id AS "laId", q.start_date,
        lag(q.start_date) OVER (PARTITION BY q.child_id ORDER BY q.start_date, q.id) AS previous
      FROM child_protection_plan q
      WHERE q.child_id IN (SELECT child_id FROM child_protection_plan
        WHERE ${inLas(sql`la_id`, p)} AND start_date >= ${p.from}::date AND start_date < ${p.until}::date)
    ) pl
    LEFT JOIN (SELECT c.plan_id, min(c.number) AS number FROM conference c
      WHERE c.kind = 'initial' AND c.plan_id IS NOT NULL GROUP BY c.plan_id) icpc ON icpc.plan_id = pl.id
    WHERE ${inLas(sql`pl."laId"`, p)} AND pl.start_date >= ${p.from}::date AND pl.start_date < ${p.until}::date`,
}

/** What the measure's definition finds in the period, oldest first. */
export async function findMeasured(
  db: Kysely<DB>,
  definition: MeasureDefinition,
  period: Period,
): Promise<Found[]> {
  if (period.laIds.length === 0) return []
  const { rows } = await QUERIES[definition](period).execute(db)
  return rows.sort((a, b) => a.startedOn.localeCompare(b.startedOn) || a.reference.localeCompare(b.reference))
}
