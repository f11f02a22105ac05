// A strategic (thematic) MACE meeting's agenda: themes and trends in the LA over the period since its
// last strategic meeting (three months when there was none), as counts only, never a child named:
// children discussed at MACE by exploitation theme, hotspots (places linked to the LA's children by
// postcode sector and type), disruption tactics used, NRM referrals and decisions. A count of 1 to 4
// reads "fewer than 5" so that no child can be singled out. Police-only links (handling code C) are
// not counted: they are the police's alone on every path.

import { sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { addCalendarMonths, type IsoDate } from '../platform/calendar/working-days.ts'
import { LOCATION_TYPES, themesOf } from '../volt/index.ts'
import type { MaceMeetingRow } from './meeting-store.ts'

export interface Count {
  label: string
  /** The count in words: a number, or "fewer than 5". */
  shown: string
  n: number
}

export interface ThemesAndTrends {
  from: IsoDate
  to: IsoDate
  /** The strategic meeting the period starts after, when there was one. */
  since?: { id: string; held_on: IsoDate }
  discussed: string
  themes: Count[]
  hotspots: Count[]
  tactics: Count[]
  nrm: Count[]
}

/** A count as read at a meeting: 1 to 4 as "fewer than 5". */
export const shownCount = (n: number) => (n > 0 && n < 5 ? 'fewer than 5' : String(n))
const counted = (rows: { label: string; n: unknown }[]): Count[] =>
  rows.map((row) => ({ label: row.label, n: Number(row.n), shown: shownCount(Number(row.n)) }))

const NOT_SEALED = sql`c.sensitivity <> 'sealed'`
const UNCODED_C = sql`k.handling_code IS DISTINCT FROM 'C'`

/** The period a strategic meeting looks back over: from the day after the previous one of its LA (or of the partnership). */
export async function periodOf(trx: Transaction<DB>, meeting: MaceMeetingRow) {
  const previous = await trx
    .selectFrom('mace_meeting')
    .select(['id', 'held_on'])
    .where('la_id', meeting.la_id === null ? 'is' : '=', meeting.la_id)
    .where('kind', '=', 'strategic')
    .where('held_on', '<', meeting.held_on)
    .orderBy('held_on', 'desc')
    .limit(1)
    .executeTakeFirst()
  const from = previous
    ? ((await sql<{ d: string }>`SELECT (${previous.held_on}::date + 1)::text AS d`.execute(trx)).rows[0]
        ?.d ?? previous.held_on)
    : addCalendarMonths(meeting.held_on, -3)
  return { from, to: meeting.held_on, ...(previous ? { since: previous } : {}) }
}

/** The themes and trends in these LAs (the meeting's, or the reader's of a partnership's meeting). */
export async function themesAndTrends(
  trx: Transaction<DB>,
  partnership: PartnershipConfig,
  meeting: MaceMeetingRow,
  laIds: readonly string[],
): Promise<ThemesAndTrends> {
  const period = await periodOf(trx, meeting)
  const { from, to } = period
  const las = sql.join(laIds)
  const discussedIn = sql`SELECT DISTINCT d.child_id FROM mace_discussion d
      JOIN mace_referral r ON r.id = d.referral_id JOIN child c ON c.id = d.child_id
      WHERE r.la_id IN (${las}) AND ${NOT_SEALED} AND d.held_on BETWEEN ${from}::date AND ${to}::date`
  const discussed = await sql<{ n: string }>`SELECT count(*) AS n FROM (${discussedIn}) x`.execute(trx)
  const themeRows = await sql<{ theme: string; n: string }>`
    SELECT CASE WHEN k.a_kind = 'theme' THEN k.a_ref ELSE k.b_ref END AS theme, count(DISTINCT x.child_id) AS n
      FROM (${discussedIn}) x
      JOIN volt_link k ON ((k.a_kind = 'child' AND k.b_kind = 'theme' AND k.a_ref = x.child_id::text)
                        OR (k.b_kind = 'child' AND k.a_kind = 'theme' AND k.b_ref = x.child_id::text))
     WHERE ${UNCODED_C}
     GROUP BY 1 ORDER BY 2 DESC, 1`.execute(trx)
  const labels = new Map(themesOf(partnership).map((t) => [t.id, t.label]))
  const hotspotRows = await sql<{ sector: string | null; location_type: string; n: string }>`
    SELECT l.postcode_sector AS sector, l.location_type, count(DISTINCT c.id) AS n
      FROM volt_link k
      JOIN volt_location l ON l.id::text = CASE WHEN k.a_kind = 'location' THEN k.a_ref ELSE k.b_ref END
      JOIN child c ON c.id::text = CASE WHEN k.a_kind = 'child' THEN k.a_ref ELSE k.b_ref END
     WHERE ((k.a_kind = 'child' AND k.b_kind = 'location') OR (k.a_kind = 'location' AND k.b_kind = 'child'))
       AND ${UNCODED_C} AND ${NOT_SEALED} AND c.la_id IN (${las})
       AND k.seen_on BETWEEN ${from}::date AND ${to}::date
     GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10`.execute(trx)
  const tacticRows = await sql<{ label: string; n: string }>`
    SELECT t.tactic_label AS label, count(*) AS n FROM disruption_tactic_use t JOIN child c ON c.id = t.child_id
     WHERE t.la_id IN (${las}) AND ${NOT_SEALED} AND t.used_on BETWEEN ${from}::date AND ${to}::date
     GROUP BY 1 ORDER BY 2 DESC, 1`.execute(trx)
  const nrmRows = await sql<{ label: string; n: string }>`
    SELECT label, n FROM (
      SELECT 1 AS o, 'Referrals made' AS label, count(*) AS n FROM nrm_referral x JOIN child c ON c.id = x.child_id
       WHERE x.la_id IN (${las}) AND ${NOT_SEALED} AND x.referred_on BETWEEN ${from}::date AND ${to}::date
      UNION ALL
      SELECT 2, 'Reasonable grounds: ' || x.rg_decision, count(*) FROM nrm_referral x JOIN child c ON c.id = x.child_id
       WHERE x.la_id IN (${las}) AND ${NOT_SEALED} AND x.rg_decided_on BETWEEN ${from}::date AND ${to}::date GROUP BY x.rg_decision
      UNION ALL
      SELECT 3, 'Conclusive grounds: ' || x.cg_decision, count(*) FROM nrm_referral x JOIN child c ON c.id = x.child_id
       WHERE x.la_id IN (${las}) AND ${NOT_SEALED} AND x.cg_decided_on BETWEEN ${from}::date AND ${to}::date GROUP BY x.cg_decision
    ) n ORDER BY o, label`.execute(trx)
  return {
    ...period,
    discussed: shownCount(Number(discussed.rows[0]?.n ?? 0)),
    themes: counted(themeRows.rows.map((r) => ({ label: labels.get(r.theme) ?? r.theme, n: r.n }))),
    hotspots: counted(
      hotspotRows.rows.map((r) => ({
        label: `${r.sector ?? 'No postcode'}: ${LOCATION_TYPES[r.location_type as keyof typeof LOCATION_TYPES] ?? r.location_type}`,
        n: r.n,
      })),
    ),
    tactics: counted(tacticRows.rows),
    nrm: counted(nrmRows.rows),
  }
}
