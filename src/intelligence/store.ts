// Each measure's definition: one SQL query over masa's own tables that finds what the measure counts
// in some LAs over a period, dates as London dates. rules.ts judges each row against its clock.

import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../database.ts'
import type { MeasureDefinition } from '../partnership/measure-definitions.ts'
import { addWorkingDays, toIsoDate } from '../platform/calendar/working-days.ts'
import type { Found, Judge } from './rules.ts'

export interface Period {
  laIds: readonly string[]
  /** The first day of the first month, 'YYYY-MM-01'. */
  from: string
  /** The first day after the last month. */
  until: string
  now: Date
  /** One agency's items only, for the measures counted per agency (rules.ts `byAgency`). */
  agencyId?: string | null
}

const londonDate = (column: RawBuilder<unknown>) =>
  sql<string>`to_char(${column} AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`
const day = (column: RawBuilder<unknown>) => sql<string>`to_char(${column}, 'YYYY-MM-DD')`
const londonStart = (date: string) => sql`(${date}::date)::timestamp AT TIME ZONE 'Europe/London'`
const reference = (prefix: string, number: RawBuilder<unknown>) =>
  sql<string>`${prefix} || lpad((${number})::text, 6, '0')`
const inLas = (column: RawBuilder<unknown>, p: Period) => sql`${column} = ANY(${[...p.laIds]}::text[])`
/** True of any agency, or of the period's one agency in any of the columns. */
const ofAgency = (p: Period, ...columns: RawBuilder<unknown>[]) =>
  p.agencyId ? sql`${p.agencyId}::text IN (${sql.join(columns)})` : sql`true`

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
        ${londonDate(sql`n.due_at`)} AS "dueOn",
        CASE WHEN n.acknowledged_at IS NOT NULL THEN n.acknowledged_at <= n.due_at
          WHEN n.due_at < ${p.now} THEN false END AS "inTime",
        ARRAY[n.agency_id] AS parties
      FROM sharing_notification n
      WHERE ${ofAgency(p, sql`n.agency_id`)} AND n.created_at >= ${londonStart(p.from)} AND n.created_at < ${londonStart(p.until)}
    ) told WHERE ${inLas(sql`told."laId"`, p)}`,

  // Every referral of a known child in the period, and the child's previous referral in the 12 months
  // before (any LA's), in one pass: each child's referrals from 12 months before the period in order
  // (referral_child_received), the latest earlier one in the window's 12-month range, one at the same
  // instant left out as the lookup it replaces did.
  're-referral-within-12-months': (p) => sql<Found>`
    SELECT r.la_id AS "laId", ${reference('FD-', sql`r.number`)} AS reference,
      ${londonDate(sql`r.received_at`)} AS "startedOn", ${londonDate(sql`r.previous`)} AS "endedOn"
    FROM (
      SELECT e.la_id, e.number, e.received_at,
        max(e.received_at) OVER (PARTITION BY e.child_id ORDER BY e.received_at
          RANGE BETWEEN interval '12 months' PRECEDING AND CURRENT ROW EXCLUDE GROUP) AS previous
      FROM referral e
      WHERE e.child_id IN (SELECT child_id FROM referral WHERE ${inLas(sql`la_id`, p)} AND child_id IS NOT NULL
          AND received_at >= ${londonStart(p.from)} AND received_at < ${londonStart(p.until)})
        AND e.received_at >= ${londonStart(p.from)} - interval '12 months' AND e.received_at < ${londonStart(p.until)}
    ) r
    WHERE ${inLas(sql`r.la_id`, p)} AND r.received_at >= ${londonStart(p.from)}`,

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

  // Every strategy discussion and conference held in the period, and the day its record first went
  // to the agencies (at sign-off): a meeting still without a record is missed once its day is past.
  'record-circulated-within-1-working-day': (p) => sql<Found>`
    SELECT sd.la_id AS "laId", ${reference('SD-', sql`sd.number`)} AS reference,
      ${day(sql`sd.meeting_date`)} AS "startedOn",
      ${londonDate(sql`coalesce((SELECT min(sc.sent_at) FROM strategy_circulation sc WHERE sc.discussion_id = sd.id), sd.signed_off_at)`)} AS "endedOn"
    FROM strategy_discussion sd
    WHERE ${inLas(sql`sd.la_id`, p)} AND sd.status IN ('scheduled', 'recorded', 'signed-off')
      AND sd.meeting_date >= ${p.from}::date AND sd.meeting_date < ${p.until}::date
    UNION ALL
    SELECT c.la_id, ${reference('CP-', sql`c.number`)}, ${day(sql`c.meeting_date`)},
      ${londonDate(sql`coalesce((SELECT min(cc.sent_at) FROM conference_circulation cc WHERE cc.conference_id = c.id), m.signed_off_at)`)}
    FROM conference c LEFT JOIN conference_minutes m ON m.conference_id = c.id
    WHERE ${inLas(sql`c.la_id`, p)} AND c.status = 'decided'
      AND c.meeting_date >= ${p.from}::date AND c.meeting_date < ${p.until}::date`,

  // Every review conference due in the period (one replaced after an inquorate meeting gives way to
  // its replacement), and the day it was held and decided.
  'review-conference-on-time': (p) => sql<Found>`
    SELECT c.la_id AS "laId", ${reference('CP-', sql`c.number`)} AS reference,
      ${day(sql`c.due_by`)} AS "startedOn", ${day(sql`c.due_by`)} AS "dueOn",
      CASE WHEN c.status = 'decided' THEN ${day(sql`c.meeting_date`)} END AS "endedOn"
    FROM conference c
    WHERE ${inLas(sql`c.la_id`, p)} AND c.kind = 'review' AND c.status <> 'cancelled'
      AND NOT EXISTS (SELECT 1 FROM conference r WHERE r.replaces_id = c.id AND r.status <> 'cancelled')
      AND c.due_by >= ${p.from}::date AND c.due_by < ${p.until}::date`,

  // Every conference that met in the period (decided, or found inquorate), and whether it was quorate.
  'conference-quorate': (p) => sql<Found>`
    SELECT c.la_id AS "laId", ${reference('CP-', sql`c.number`)} AS reference,
      ${day(sql`c.meeting_date`)} AS "startedOn", ${londonDate(sql`c.decided_at`)} AS "endedOn",
      c.status = 'decided' AS "inTime"
    FROM conference c
    WHERE ${inLas(sql`c.la_id`, p)} AND c.status IN ('decided', 'inquorate')
      AND c.meeting_date >= ${p.from}::date AND c.meeting_date < ${p.until}::date`,

  // Every agency invited to a conference that met in the period, and whether it attended.
  'agency-attended-conference': (p) => sql<Found>`
    SELECT c.la_id AS "laId", ${reference('CP-', sql`c.number`)} AS reference,
      ${day(sql`c.meeting_date`)} AS "startedOn", ${londonDate(sql`c.decided_at`)} AS "endedOn",
      coalesce(i.attended, false) AS "inTime", i.agency_id AS note, ARRAY[i.agency_id] AS parties
    FROM conference c JOIN conference_invitation i ON i.conference_id = c.id
    WHERE ${inLas(sql`c.la_id`, p)} AND ${ofAgency(p, sql`i.agency_id`)} AND c.status IN ('decided', 'inquorate')
      AND c.meeting_date >= ${p.from}::date AND c.meeting_date < ${p.until}::date`,

  // Every agency invited to a conference in the period, the day its report had to reach the
  // parents (Working Together: 3 working days before an initial, 5 before a review), and when it came.
  'agency-report-before-conference': (p) => sql<Found>`
    SELECT c.la_id AS "laId", ${reference('CP-', sql`c.number`)} AS reference,
      ${day(sql`c.meeting_date`)} AS "startedOn", ${day(sql`c.reports_to_parents_by`)} AS "dueOn",
      ${londonDate(sql`i.report_submitted_at`)} AS "endedOn", i.agency_id AS note, ARRAY[i.agency_id] AS parties
    FROM conference c JOIN conference_invitation i ON i.conference_id = c.id
    WHERE ${inLas(sql`c.la_id`, p)} AND ${ofAgency(p, sql`i.agency_id`)} AND c.status <> 'cancelled'
      AND c.meeting_date >= ${p.from}::date AND c.meeting_date < ${p.until}::date`,

  // Every plan that ended in the period, and whether it had lasted 2 years or more.
  'plan-lasted-2-years-or-more': (p) => sql<Found>`
    SELECT pl.la_id AS "laId",
      coalesce(${reference('CP-', sql`icpc.number`)}, 'Plan without a conference record') AS reference,
      ${day(sql`pl.end_date`)} AS "startedOn", ${day(sql`pl.start_date`)} AS "endedOn",
      pl.end_date >= pl.start_date + interval '2 years' AS "inTime"
    FROM child_protection_plan pl
    LEFT JOIN (SELECT c.plan_id, min(c.number) AS number FROM conference c
      WHERE c.kind = 'initial' AND c.plan_id IS NOT NULL GROUP BY c.plan_id) icpc ON icpc.plan_id = pl.id
    WHERE ${inLas(sql`pl.la_id`, p)} AND pl.end_date >= ${p.from}::date AND pl.end_date < ${p.until}::date`,

  // Every strategy discussion and conference due in the period, whether it was booked for a day on
  // or before its due day, and the reason given when not (a replacement for an inquorate conference
  // is left out: its day follows the first meeting's).
  'meeting-booked-within-timescale': (p) => sql<Found>`
    SELECT sd.la_id AS "laId", ${reference('SD-', sql`sd.number`)} AS reference,
      ${day(sql`sd.due_by`)} AS "startedOn", ${day(sql`sd.meeting_date`)} AS "endedOn",
      sd.meeting_date <= sd.due_by AS "inTime", sd.late_reason AS note
    FROM strategy_discussion sd
    WHERE ${inLas(sql`sd.la_id`, p)} AND sd.status <> 'cancelled' AND sd.meeting_date IS NOT NULL
      AND sd.due_by >= ${p.from}::date AND sd.due_by < ${p.until}::date
    UNION ALL
    SELECT c.la_id, ${reference('CP-', sql`c.number`)}, ${day(sql`c.due_by`)}, ${day(sql`c.meeting_date`)},
      c.meeting_date <= c.due_by, c.late_reason
    FROM conference c
    WHERE ${inLas(sql`c.la_id`, p)} AND c.status <> 'cancelled' AND c.replaces_id IS NULL
      AND c.due_by >= ${p.from}::date AND c.due_by < ${p.until}::date`,

  // Every professional disagreement raised in the period, the stage it reached and whether it was
  // resolved by stage 2: one still open past stage 2 has missed, one open at stage 1 or 2 is running.
  // The reference is the agency that raised it; per agency, either party's.
  'disagreement-resolved-at-stage-1-or-2': (p) => sql<Found>`
    SELECT d.la_id AS "laId", d.raiser_agency_id AS reference,
      ${londonDate(sql`d.raised_at`)} AS "startedOn", ${londonDate(sql`d.resolved_at`)} AS "endedOn",
      CASE WHEN d.resolved_at IS NOT NULL THEN d.stage <= 2 WHEN d.stage > 2 THEN false END AS "inTime",
      d.stage::text AS note, ARRAY[d.raiser_agency_id, d.other_agency_id] AS parties
    FROM disagreement d
    WHERE ${inLas(sql`d.la_id`, p)} AND ${ofAgency(p, sql`d.raiser_agency_id`, sql`d.other_agency_id`)}
      AND d.raised_at >= ${londonStart(p.from)} AND d.raised_at < ${londonStart(p.until)}`,
}

export interface Counted {
  laId: string
  month: string
  counted: number
  total: number
}

/** 'YYYY-MM-DD' for each day from `from` to the day before `until`. */
function daysOf(from: string, until: string): string[] {
  const days: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${until}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10))
  return days
}

const clocks = new Map<string, { dues: string[] }>()

/** Each day of the period with its due day `n` working days on (kept: the same few periods recur). */
function clockOf(period: Period, workingDays: number) {
  const key = `${period.from}/${period.until}/${workingDays}`
  let clock = clocks.get(key)
  if (!clock) {
    clock = { dues: daysOf(period.from, period.until).map((start) => addWorkingDays(start, workingDays)) }
    if (clocks.size > 50) clocks.clear()
    clocks.set(key, clock)
  }
  return clock
}

/**
 * How `judged` (rules.ts) reads in SQL over `found f`: what is left out while running, what counts,
 * and the first day an item left out running could be judged otherwise (its clock's or due day's
 * morrow; for a query deciding against the time now, the day its due time falls in; never, for the rest).
 */
function judgement(judge: Judge, period: Period) {
  const today = toIsoDate(period.now)
  const ended = sql`f."endedOn"`
  const morrow = (day: RawBuilder<unknown>) => sql`to_char(${day}::date + 1, 'YYYY-MM-DD')`
  if (judge.kind === 'clock') {
    // Each day's due day by its place in the period: one array lookup a row, no join.
    const { dues } = clockOf(period, judge.workingDays)
    const due = sql`clock.dues[f."startedOn"::date - ${period.from}::date + 1]`
    return {
      source: sql`found f CROSS JOIN (SELECT ${dues}::text[] AS dues) clock`,
      included: sql`${ended} IS NOT NULL OR ${due} < ${today}`,
      counted: sql`${ended} <= ${due}`,
      staleFrom: morrow(due),
    }
  }
  const source = sql`found f`
  if (judge.kind === 'due')
    return {
      source,
      included: sql`${ended} IS NOT NULL OR f."dueOn" < ${today}`,
      counted: sql`${ended} <= f."dueOn"`,
      staleFrom: morrow(sql`f."dueOn"`),
    }
  if (judge.kind === 'in-time')
    return {
      source,
      included: sql`f."inTime" IS NOT NULL`,
      counted: sql`f."inTime"`,
      staleFrom: judge.runsOut ? sql`f."dueOn"` : sql`null`,
    }
  return { source, included: sql`true`, counted: sql`${ended} IS NOT NULL`, staleFrom: sql`null` }
}

export interface MonthlyCount extends Counted {
  /** '' for every agency's items together; else the agency whose part they are. */
  agencyId: string
  /** The first London day an item still running could be judged otherwise; null: none can. */
  staleFrom: string | null
}

/**
 * The measure's figures per LA and month, counted in the database (only the counts come back): the
 * same judgement as rules.ts `judged` makes of each item, the working-day clock as an array of each
 * day's due day from platform/calendar (bank holidays included), read by the start day's place.
 * `perAgency`: per agency too (rules.ts `byAgency`), each item counting for each agency whose part
 * it is (both parties to a disagreement), as the dashboard filtered by that one agency counts it.
 */
export async function countMonthly(
  db: Kysely<DB>,
  definition: MeasureDefinition,
  judge: Judge,
  period: Period,
  perAgency = false,
): Promise<MonthlyCount[]> {
  if (period.laIds.length === 0) return []
  const { source, included, counted, staleFrom } = judgement(judge, period)
  const { rows } = await sql<MonthlyCount>`
    WITH found AS (${QUERIES[definition](perAgency ? { ...period, agencyId: null } : period)})
    SELECT f."laId", substr(f."startedOn", 1, 7) AS month, ${perAgency ? sql`party."agencyId"` : sql`''`} AS "agencyId",
      (count(*) FILTER (WHERE (${included}) AND (${counted})))::int AS counted,
      (count(*) FILTER (WHERE ${included}))::int AS total,
      min(${staleFrom}) FILTER (WHERE NOT (${included})) AS "staleFrom"
    FROM ${source}
      ${perAgency ? sql`CROSS JOIN LATERAL (SELECT DISTINCT unnest(f.parties) AS "agencyId") party WHERE party."agencyId" IS NOT NULL` : sql``}
    GROUP BY 1, 2, 3`.execute(db)
  return rows
}

/** The measure's figures per LA and month (rules.ts `judged` in SQL), those with anything measured. */
export async function countMeasured(
  db: Kysely<DB>,
  definition: MeasureDefinition,
  judge: Judge,
  period: Period,
): Promise<Counted[]> {
  return (await countMonthly(db, definition, judge, period)).filter((row) => row.total > 0)
}

export interface CountedForAgency {
  agencyId: string
  counted: number
  total: number
}

/** A measure counted per agency over the whole period, every agency at once (`countMonthly`'s per agency). */
export async function countByAgency(
  db: Kysely<DB>,
  definition: MeasureDefinition,
  judge: Judge,
  period: Period,
): Promise<CountedForAgency[]> {
  return sumByAgency(await countMonthly(db, definition, judge, period, true))
}

/** Rows of several LAs and months added together per agency. */
export function sumByAgency(rows: readonly MonthlyCount[]): CountedForAgency[] {
  const byAgency = new Map<string, CountedForAgency>()
  for (const row of rows) {
    const sum = byAgency.get(row.agencyId) ?? { agencyId: row.agencyId, counted: 0, total: 0 }
    sum.counted += row.counted
    sum.total += row.total
    byAgency.set(row.agencyId, sum)
  }
  return [...byAgency.values()].filter((row) => row.total > 0)
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

/** What the themes count: plans by category, referrals by source, children by exploitation theme, disagreements by stage. */
export type ThemeKind = 'category' | 'source' | 'exploitation' | 'escalation'

export interface ThemeCount {
  theme: ThemeKind
  key: string
  laId: string
  /** 'YYYY-MM'; '' for children linked to an exploitation theme, each counted once over the period. */
  month: string
  count: number
}

const londonMonth = (column: RawBuilder<unknown>) =>
  sql<string>`to_char(${column} AT TIME ZONE 'Europe/London', 'YYYY-MM')`

/**
 * The themes that add up month by month, per LA and month, counted in the database: plans begun by
 * category of abuse, referrals received by source, professional disagreements raised by the stage
 * they have reached.
 */
export async function countMonthlyThemes(db: Kysely<DB>, p: Period): Promise<ThemeCount[]> {
  if (p.laIds.length === 0) return []
  const { rows } = await sql<ThemeCount>`
    SELECT 'category' AS theme, pl.category AS key, pl.la_id AS "laId", to_char(pl.start_date, 'YYYY-MM') AS month,
      count(*)::int AS count
    FROM child_protection_plan pl
    WHERE ${inLas(sql`pl.la_id`, p)} AND pl.start_date >= ${p.from}::date AND pl.start_date < ${p.until}::date
    GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'source', r.referral_source, r.la_id, ${londonMonth(sql`r.received_at`)}, count(*)::int
    FROM referral r
    WHERE ${inLas(sql`r.la_id`, p)}
      AND r.received_at >= ${londonStart(p.from)} AND r.received_at < ${londonStart(p.until)}
    GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'escalation', d.stage::text, d.la_id, ${londonMonth(sql`d.raised_at`)}, count(*)::int
    FROM disagreement d
    WHERE ${inLas(sql`d.la_id`, p)}
      AND d.raised_at >= ${londonStart(p.from)} AND d.raised_at < ${londonStart(p.until)}
    GROUP BY 2, 3, 4`.execute(db)
  return rows
}

/**
 * Children linked to an exploitation theme in the period, per LA (a link seen in the period; one the
 * police keep to themselves, handling code C, never counts): each child once, however many months.
 */
export async function countExploitationThemes(db: Kysely<DB>, p: Period): Promise<ThemeCount[]> {
  if (p.laIds.length === 0) return []
  const { rows } = await sql<ThemeCount>`
    SELECT 'exploitation' AS theme, t.theme AS key, ch.la_id AS "laId", '' AS month, count(DISTINCT ch.id)::int AS count
    FROM (${themeLinks(p)}) t
    JOIN child ch ON ch.id = t.child_id
    WHERE ${inLas(sql`ch.la_id`, p)}
    GROUP BY 2, 3`.execute(db)
  return rows
}

/** One item behind a theme's count: its reference, the day it began, arrived or was first seen, and a note. */
export interface ThemeItem {
  laId: string
  reference: string
  on: string
  /** A disagreement's other party; the agencies that recorded a child's links (agency ids, comma-separated). */
  note: string | null
}

// A child's links to an exploitation theme seen in the period, from a record the analyst may count
// (never one the police keep to themselves): the same links countThemes counts. The child's id is
// made a uuid behind a fence (OFFSET 0): a join on it then reads the child by its key, where a cast in
// the join's condition is not leakproof, so row-level security made it read every child (1.6 s at 1M).
const themeLinks = (p: Period) => sql`
  SELECT theme, CASE WHEN child_ref ~ '^[0-9a-f-]{36}$' THEN child_ref::uuid END AS child_id, seen_on, source_agency_id
  FROM (SELECT CASE WHEN l.a_kind = 'theme' THEN l.a_ref ELSE l.b_ref END AS theme,
      CASE WHEN l.a_kind = 'child' THEN l.a_ref ELSE l.b_ref END AS child_ref, l.seen_on, l.source_agency_id
    FROM volt_link l
    WHERE ((l.a_kind = 'child' AND l.b_kind = 'theme') OR (l.a_kind = 'theme' AND l.b_kind = 'child'))
      AND l.handling_code IS DISTINCT FROM 'C'
      AND l.seen_on >= ${p.from}::date AND l.seen_on < ${p.until}::date) l
  OFFSET 0`

const THEME_ITEMS: Record<ThemeKind, (key: string, p: Period) => RawBuilder<ThemeItem>> = {
  category: (key, p) => sql<ThemeItem>`
    SELECT pl.la_id AS "laId", ${day(sql`pl.start_date`)} AS "on", null AS note,
      coalesce(${reference('CP-', sql`(SELECT min(c.number) FROM conference c WHERE c.plan_id = pl.id AND c.kind = 'initial')`)},
        'Plan without a conference record') AS reference
    FROM child_protection_plan pl
    WHERE ${inLas(sql`pl.la_id`, p)} AND pl.category = ${key}
      AND pl.start_date >= ${p.from}::date AND pl.start_date < ${p.until}::date`,
  source: (key, p) => sql<ThemeItem>`
    SELECT r.la_id AS "laId", ${londonDate(sql`r.received_at`)} AS "on", ${reference('FD-', sql`r.number`)} AS reference,
      null AS note
    FROM referral r
    WHERE ${inLas(sql`r.la_id`, p)} AND r.referral_source = ${key}
      AND r.received_at >= ${londonStart(p.from)} AND r.received_at < ${londonStart(p.until)}`,
  // One row a child, without the child: the day first seen in the period and who recorded the links.
  exploitation: (key, p) => sql<ThemeItem>`
    SELECT ch.la_id AS "laId", '' AS reference, ${day(sql`min(t.seen_on)`)} AS "on",
      string_agg(DISTINCT t.source_agency_id, ',') AS note
    FROM (${themeLinks(p)}) t JOIN child ch ON ch.id = t.child_id
    WHERE t.theme = ${key} AND ${inLas(sql`ch.la_id`, p)}
    GROUP BY ch.id, ch.la_id`,
  escalation: (key, p) => sql<ThemeItem>`
    SELECT d.la_id AS "laId", d.raiser_agency_id AS reference, ${londonDate(sql`d.raised_at`)} AS "on",
      d.other_agency_id AS note
    FROM disagreement d
    WHERE ${inLas(sql`d.la_id`, p)} AND d.stage::text = ${key}
      AND d.raised_at >= ${londonStart(p.from)} AND d.raised_at < ${londonStart(p.until)}`,
}

/** The items behind one entry of a theme in the period, oldest first. */
export async function findThemeItems(
  db: Kysely<DB>,
  theme: ThemeKind,
  key: string,
  p: Period,
): Promise<ThemeItem[]> {
  if (p.laIds.length === 0) return []
  const { rows } = await THEME_ITEMS[theme](key, p).execute(db)
  return rows.sort((a, b) => a.on.localeCompare(b.on) || a.reference.localeCompare(b.reference))
}

/**
 * The source of what counts (each definition's SQL, the judgement, the monthly counts and themes):
 * counts stored by other code are counted again (monthly.ts `countedBy`).
 */
export const COUNTING_SOURCE = [
  ...Object.values(QUERIES),
  judgement,
  clockOf,
  countMonthly,
  countMonthlyThemes,
]
  .map(String)
  .join('\n')
