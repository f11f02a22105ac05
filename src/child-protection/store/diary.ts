// The meetings diary's SQL: every strategy discussion and conference across the LAs asked for,
// booked or still to book.

import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../database.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'

export const DIARY_TYPES = ['strategy', 'initial', 'review'] as const
export type DiaryType = (typeof DIARY_TYPES)[number]

export interface DiaryEntry {
  type: DiaryType
  href: string
  childId: string
  childName: string
  laId: string
  meetingDate: IsoDate | null
  meetingTime: string | null
  dueBy: IsoDate
  /** Why a meeting booked after its due date could not be held by then. */
  lateReason: string | null
  chairName: string | null
  /** Where a meeting not booked yet is booked. */
  bookHref: string | null
}

export async function listDiary(
  db: Kysely<DB> | Transaction<DB>,
  laIds: readonly string[],
  type: DiaryType | undefined,
  { toBook = false } = {},
): Promise<DiaryEntry[]> {
  if (laIds.length === 0) return []
  const las = sql.join(laIds.map((id) => sql`${id}`))
  const result = await sql<{
    type: DiaryType
    href: string
    child_id: string
    given_name: string
    family_name: string
    la_id: string
    meeting_date: string | null
    meeting_time: string | null
    due_by: string
    late_reason: string | null
    chair_name: string | null
    book_href: string | null
  }>`
    SELECT e.*, child.given_name, child.family_name FROM (
      SELECT 'strategy' AS type, '/strategy-discussions/' || d.id AS href, d.child_id, d.la_id,
        d.meeting_date, d.meeting_time, d.due_by, d.late_reason, d.chair_name,
        CASE WHEN d.status = 'requested' THEN '/strategy-discussions/' || d.id || '/schedule' END AS book_href
      FROM strategy_discussion d WHERE d.status IN ('requested', 'scheduled', 'recorded')
      UNION ALL
      SELECT c.kind, '/conferences/' || c.id, c.child_id, c.la_id, c.meeting_date, c.meeting_time, c.due_by, c.late_reason, c.chair_name, NULL
      FROM conference c WHERE c.status = 'booked'
      UNION ALL
      -- An enquiry still open, or concluded for a conference that is not booked yet.
      SELECT 'initial', '/section-47/' || s.id, s.child_id, s.la_id, NULL, NULL, s.icpc_due_by, NULL, NULL,
        '/section-47/' || s.id || '/conference'
      FROM section47_enquiry s
      WHERE (s.outcome IS NULL OR s.outcome = 'icpc')
        AND NOT EXISTS (SELECT 1 FROM conference c WHERE c.section47_id = s.id AND c.status IN ('booked', 'decided'))
      UNION ALL
      SELECT 'review', '/plans/' || p.id, p.child_id, p.la_id, NULL, NULL, p.next_review_due_by, NULL, NULL,
        '/plans/' || p.id || '/review'
      FROM child_protection_plan p
      WHERE p.end_date IS NULL AND p.next_review_due_by IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM conference c WHERE c.plan_id = p.id AND c.kind = 'review' AND c.status = 'booked')
    ) AS e
    JOIN child ON child.id = e.child_id
    WHERE e.la_id IN (${las}) ${type ? sql`AND e.type = ${type}` : sql``}
      ${toBook ? sql`AND e.book_href IS NOT NULL` : sql``}
    ORDER BY coalesce(e.meeting_date, e.due_by), e.meeting_time NULLS FIRST
    LIMIT 500`.execute(db)
  return result.rows.map((row) => ({
    type: row.type,
    href: row.href,
    childId: row.child_id,
    childName: `${row.given_name} ${row.family_name}`,
    laId: row.la_id,
    meetingDate: row.meeting_date ? toDate(row.meeting_date) : null,
    meetingTime: row.meeting_time,
    dueBy: toDate(row.due_by),
    lateReason: row.late_reason,
    chairName: row.chair_name,
    bookHref: row.book_href,
  }))
}

const toDate = (value: unknown): IsoDate =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value)

/** Strategy discussions whose record is written and waits for the chair's sign-off, oldest meeting first. */
export async function listRecordsToSignOff(
  db: Kysely<DB> | Transaction<DB>,
  laIds: readonly string[],
): Promise<{ href: string; childId: string; childName: string; laId: string; meetingDate: IsoDate }[]> {
  if (laIds.length === 0) return []
  const rows = await db
    .selectFrom('strategy_discussion as d')
    .innerJoin('child', 'child.id', 'd.child_id')
    .select(['d.id', 'd.child_id', 'd.la_id', 'd.meeting_date', 'child.given_name', 'child.family_name'])
    .where('d.status', '=', 'recorded')
    .where('d.la_id', 'in', [...laIds])
    .orderBy('d.meeting_date')
    .limit(500)
    .execute()
  return rows.map((row) => ({
    href: `/strategy-discussions/${row.id}`,
    childId: row.child_id,
    childName: `${row.given_name} ${row.family_name}`,
    laId: row.la_id,
    meetingDate: toDate(row.meeting_date),
  }))
}

/** Conference records written and waiting for the chair's sign-off, oldest conference first. */
export async function listConferenceRecordsToSignOff(
  db: Kysely<DB> | Transaction<DB>,
  laIds: readonly string[],
): Promise<{ href: string; childId: string; childName: string; laId: string; meetingDate: IsoDate }[]> {
  if (laIds.length === 0) return []
  const rows = await db
    .selectFrom('conference_minutes as m')
    .innerJoin('conference as c', 'c.id', 'm.conference_id')
    .innerJoin('child', 'child.id', 'c.child_id')
    .select(['c.id', 'c.child_id', 'c.la_id', 'c.meeting_date', 'child.given_name', 'child.family_name'])
    .where('m.signed_off_at', 'is', null)
    .where('c.la_id', 'in', [...laIds])
    .orderBy('c.meeting_date')
    .limit(500)
    .execute()
  return rows.map((row) => ({
    href: `/conferences/${row.id}/minutes`,
    childId: row.child_id,
    childName: `${row.given_name} ${row.family_name}`,
    laId: row.la_id,
    meetingDate: toDate(row.meeting_date),
  }))
}

export interface WaitingOnAgencies {
  href: string
  /** The kind of meeting, in words ('Strategy discussion', 'Conference'). */
  meeting: string
  childId: string
  childName: string
  laId: string
  meetingDate: IsoDate
  meetingTime: string | null
  /** The last day in time: the meeting (for replies), or the circulation's due date. */
  dueBy: IsoDate
  /** The agencies not yet answered. */
  agencyIds: string[]
}

/**
 * Booked strategy discussions from `today` with invitations nobody has replied to ('replies'), or
 * signed-off records some attending agency has not acknowledged ('circulation'); soonest due first.
 */
export async function listWaitingOnAgencies(
  db: Kysely<DB> | Transaction<DB>,
  laIds: readonly string[],
  waitingFor: 'replies' | 'circulation',
  today: IsoDate,
): Promise<WaitingOnAgencies[]> {
  if (laIds.length === 0) return []
  const las = sql.join(laIds.map((id) => sql`${id}`))
  const result = await sql<{
    id: string
    child_id: string
    given_name: string
    family_name: string
    la_id: string
    meeting_date: string
    meeting_time: string | null
    due_by: string
    agency_ids: string[]
  }>`
    SELECT d.id, d.child_id, child.given_name, child.family_name, d.la_id, d.meeting_date, d.meeting_time,
      w.due_by, w.agency_ids
    FROM strategy_discussion d
    JOIN child ON child.id = d.child_id
    JOIN LATERAL (
      ${
        waitingFor === 'replies'
          ? sql`SELECT d.meeting_date AS due_by, array_agg(i.agency_id ORDER BY i.agency_id) AS agency_ids
              FROM strategy_invitation i WHERE i.discussion_id = d.id AND i.reply = 'awaiting'`
          : sql`SELECT min(c.due_by) AS due_by, array_agg(c.agency_id ORDER BY c.agency_id) AS agency_ids
              FROM strategy_circulation c WHERE c.discussion_id = d.id AND c.acknowledged_at IS NULL`
      }
    ) w ON w.due_by IS NOT NULL
    WHERE d.la_id IN (${las})
      ${waitingFor === 'replies' ? sql`AND d.status = 'scheduled' AND d.meeting_date >= ${today}` : sql`AND d.status = 'signed-off'`}
    ORDER BY w.due_by, d.meeting_time NULLS FIRST
    LIMIT 500`.execute(db)
  return result.rows.map((row) => ({
    href: `/strategy-discussions/${row.id}`,
    meeting: 'Strategy discussion',
    childId: row.child_id,
    childName: `${row.given_name} ${row.family_name}`,
    laId: row.la_id,
    meetingDate: toDate(row.meeting_date),
    meetingTime: row.meeting_time,
    dueBy: toDate(row.due_by),
    agencyIds: row.agency_ids,
  }))
}

/** Signed-off conference records some agency sent them has not acknowledged; soonest due first. */
export async function listConferenceRecordsToCirculate(
  db: Kysely<DB> | Transaction<DB>,
  laIds: readonly string[],
): Promise<WaitingOnAgencies[]> {
  if (laIds.length === 0) return []
  const rows = await db
    .selectFrom('conference_circulation as w')
    .innerJoin('conference as c', 'c.id', 'w.conference_id')
    .innerJoin('child', 'child.id', 'c.child_id')
    .select([
      'c.id',
      'c.child_id',
      'c.la_id',
      'c.meeting_date',
      'c.meeting_time',
      'child.given_name',
      'child.family_name',
    ])
    .select((eb) => [
      eb.fn.min('w.due_by').as('due_by'),
      sql<string[]>`array_agg(w.agency_id ORDER BY w.agency_id)`.as('agency_ids'),
    ])
    .where('w.acknowledged_at', 'is', null)
    .where('c.la_id', 'in', [...laIds])
    .groupBy(['c.id', 'c.partnership_id', 'child.id', 'child.partnership_id'])
    .orderBy('due_by')
    .limit(500)
    .execute()
  return rows.map((row) => ({
    href: `/conferences/${row.id}/minutes`,
    meeting: 'Conference',
    childId: row.child_id,
    childName: `${row.given_name} ${row.family_name}`,
    laId: row.la_id,
    meetingDate: toDate(row.meeting_date),
    meetingTime: row.meeting_time,
    dueBy: toDate(row.due_by),
    agencyIds: row.agency_ids,
  }))
}
