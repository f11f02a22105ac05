// The monthly counts' tables (migration 0080): which months hold, their counts, and writing a
// month's counts anew. A month holds on a day when it was counted on or before that day, no item
// running then could yet be judged otherwise, and no record it reads changed (marked by the
// triggers in intelligence_month_touched) longer ago than the job is given to count it again.

import { type Kysely, sql } from 'kysely'
import type { DB } from '../database.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'

/** One stored count: a measure's (figure = its definition) or a theme's entry (figure 'theme:<kind>', key). */
export interface StoredCount {
  month: string
  figure: string
  laId: string
  agencyId: string
  key: string
  counted: number
  total: number
}

/** A month counted: the first day its counts may no longer hold (null: only a change to its records moves them). */
export interface CountedMonth {
  month: string
  staleFrom: string | null
}

/** When a month's counts are read or counted: the London day, the code and LAs that count (monthly.ts `countedBy`). */
export interface Counting {
  /** The moment: its London day judges the clocks. */
  now: Date
  by: string
  /** How long ago a change may be and still wait for the job (an interval); null: none may. */
  lag: string | null
}

/**
 * Whether month `m` holds: counted by the same code on or before the day, no clock run out (or one
 * that ran out waiting no longer than a change may), no change waiting too long.
 */
const holds = ({
  now,
  by,
  lag,
}: Counting) => sql`m.counted_on <= ${toIsoDate(now)}::date AND m.counted_by = ${by}
  AND (m.stale_from IS NULL OR m.stale_from > ${toIsoDate(now)}::date
    ${lag === null ? sql`` : sql`OR m.counted_at > ${now}::timestamptz - ${lag}::interval`})
  AND NOT EXISTS (SELECT 1 FROM intelligence_month_touched t
    WHERE t.partnership_id = m.partnership_id AND t.month = m.month
      ${lag === null ? sql`` : sql`AND t.marked_at <= now() - ${lag}::interval`})`

/**
 * The months from `from` to before `until` ('YYYY-MM-01') that hold, with their counts for these LAs
 * in one snapshot: of one agency ('' for every agency's items together), or `each` agency's own.
 */
export async function heldCounts(
  db: Kysely<DB>,
  p: { from: string; until: string; laIds: readonly string[] },
  agency: string | 'each',
  counting: Counting,
): Promise<{ months: Set<string>; rows: StoredCount[] }> {
  // The months first: the check of each month's marks then runs once a month, not once a count.
  const { rows } = await sql<StoredCount & { figure: string | null }>`
    WITH held AS MATERIALIZED (SELECT m.partnership_id, m.month FROM intelligence_month m
      WHERE m.month >= ${p.from}::date AND m.month < ${p.until}::date AND ${holds(counting)})
    SELECT to_char(m.month, 'YYYY-MM') AS month, c.figure, c.la_id AS "laId", c.agency_id AS "agencyId",
      c.key, c.counted, c.total
    FROM held m
    LEFT JOIN intelligence_month_count c ON c.partnership_id = m.partnership_id AND c.month = m.month
      AND c.la_id = ANY(${[...p.laIds]}::text[])
      AND ${agency === 'each' ? sql`c.agency_id <> ''` : sql`c.agency_id = ${agency}`}`.execute(db)
  return { months: new Set(rows.map((row) => row.month)), rows: rows.filter((row) => row.figure !== null) }
}

/** The months from `from` to before `until` ('YYYY-MM') that do not hold: never counted, counted otherwise, stale or changed. */
export async function monthsToCount(
  db: Kysely<DB>,
  from: string,
  until: string,
  counting: Counting,
): Promise<string[]> {
  const { rows } = await sql<{ month: string }>`
    SELECT to_char(s.month, 'YYYY-MM') AS month
    FROM generate_series(${`${from}-01`}::date, ${`${until}-01`}::date - 1, interval '1 month') AS s (month)
    WHERE NOT EXISTS (SELECT 1 FROM intelligence_month m WHERE m.month = s.month AND ${holds(counting)})
    ORDER BY 1`.execute(db)
  return rows.map((row) => row.month)
}

/**
 * Writes these months' counts anew (counted `now`), and clears the marks this transaction's
 * snapshot sees of them and of the months never kept (before `keptFrom`, from `keptUntil`, 'YYYY-MM'):
 * run in a repeatable-read transaction that counted them, a change it did not see stays marked.
 */
export async function replaceMonths(
  db: Kysely<DB>,
  months: readonly CountedMonth[],
  counts: readonly StoredCount[],
  { now, by }: Omit<Counting, 'lag'>,
  kept: { from: string; until: string },
): Promise<void> {
  const days = months.map((m) => `${m.month}-01`)
  await sql`DELETE FROM intelligence_month WHERE month = ANY(${days}::date[])`.execute(db)
  await sql`INSERT INTO intelligence_month (month, counted_on, counted_at, counted_by, stale_from)
    SELECT month, ${toIsoDate(now)}::date, ${now}::timestamptz, ${by}, stale_from
    FROM unnest(${days}::date[], ${months.map((m) => m.staleFrom)}::date[]) AS m (month, stale_from)`.execute(
    db,
  )
  if (counts.length > 0)
    await sql`INSERT INTO intelligence_month_count (month, figure, la_id, agency_id, key, counted, total)
      SELECT (month || '-01')::date, figure, la_id, agency_id, key, counted, total
      FROM unnest(${counts.map((c) => c.month)}::text[], ${counts.map((c) => c.figure)}::text[],
        ${counts.map((c) => c.laId)}::text[], ${counts.map((c) => c.agencyId)}::text[],
        ${counts.map((c) => c.key)}::text[], ${counts.map((c) => c.counted)}::int[],
        ${counts.map((c) => c.total)}::int[]) AS c (month, figure, la_id, agency_id, key, counted, total)`.execute(
      db,
    )
  await sql`DELETE FROM intelligence_month_touched
    WHERE month = ANY(${days}::date[]) OR month < ${`${kept.from}-01`}::date OR month >= ${`${kept.until}-01`}::date`.execute(
    db,
  )
}
