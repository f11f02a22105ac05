// MACE meetings' SQL: a meeting kept, the meetings of some LAs, its attendance and minutes, and the
// discussions held at it.

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { MaceTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type MaceMeetingRow = Selectable<MaceTables['mace_meeting']>
export type AttendanceRow = Selectable<MaceTables['mace_meeting_attendance']>

export function insertMeeting(
  trx: Transaction<DB>,
  meeting: Omit<
    MaceMeetingRow,
    | 'id'
    | 'scheduled_at'
    | 'minutes'
    | 'minutes_recorded_by_name'
    | 'minutes_recorded_at'
    | 'actions_agreed'
    | 'kind'
  > & { kind: MaceMeetingRow['kind'] },
): Promise<MaceMeetingRow> {
  return trx.insertInto('mace_meeting').values(meeting).returningAll().executeTakeFirstOrThrow()
}

export function findMeeting(db: Db, id: string): Promise<MaceMeetingRow | undefined> {
  return db.selectFrom('mace_meeting').selectAll().where('id', '=', id).executeTakeFirst()
}

export function lockMeeting(trx: Transaction<DB>, id: string): Promise<MaceMeetingRow | undefined> {
  return trx.selectFrom('mace_meeting').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/**
 * A meeting of one of these LAs, or of the whole partnership (which every LA's members read), for a
 * query over `mace_meeting` as `m`; none without an LA.
 */
export const meetingOf = (laIds: readonly string[]) =>
  laIds.length > 0 ? sql<boolean>`(m.la_id IN (${sql.join(laIds)}) OR m.la_id IS NULL)` : sql<boolean>`false`

/** The meetings of these LAs and the partnership's (all when null), in date order. */
export async function meetingsIn(db: Db, laIds: readonly string[] | null): Promise<MaceMeetingRow[]> {
  let query = db.selectFrom('mace_meeting as m').selectAll()
  if (laIds) query = query.where(meetingOf(laIds))
  return query.orderBy('held_on').orderBy('start_time').orderBy('id').execute()
}

export function attendanceOf(db: Db, meetingId: string): Promise<AttendanceRow[]> {
  return db
    .selectFrom('mace_meeting_attendance')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('agency_id')
    .execute()
}

/** Replaces the meeting's attendance and minutes (recorded again, the later record stands). */
export async function recordMeeting(
  trx: Transaction<DB>,
  meetingId: string,
  record: {
    attending: { agencyId: string; name: string }[]
    minutes: string
    actionsAgreed: string | null
    by: string
  },
): Promise<void> {
  await trx.deleteFrom('mace_meeting_attendance').where('meeting_id', '=', meetingId).execute()
  if (record.attending.length > 0)
    await trx
      .insertInto('mace_meeting_attendance')
      .values(
        record.attending.map((a) => ({
          meeting_id: meetingId,
          agency_id: a.agencyId,
          attendee_name: a.name.trim() || null,
        })),
      )
      .execute()
  await trx
    .updateTable('mace_meeting')
    .set({
      minutes: record.minutes,
      actions_agreed: record.actionsAgreed,
      minutes_recorded_by_name: record.by,
      minutes_recorded_at: new Date(),
    })
    .where('id', '=', meetingId)
    .execute()
}

export function linkDiscussion(trx: Transaction<DB>, discussionId: string, meetingId: string) {
  return trx
    .insertInto('mace_discussion_meeting')
    .values({ discussion_id: discussionId, meeting_id: meetingId })
    .execute()
}

/** The meeting a discussion was held at; none for one recorded before meetings were kept. */
export function meetingOfDiscussion(db: Db, discussionId: string): Promise<MaceMeetingRow | undefined> {
  return db
    .selectFrom('mace_discussion_meeting as l')
    .innerJoin('mace_meeting as m', 'm.id', 'l.meeting_id')
    .selectAll('m')
    .where('l.discussion_id', '=', discussionId)
    .executeTakeFirst()
}

export interface HeldDiscussion {
  id: string
  child_id: string
  risk_level: string
  childName: string
}

/** The discussions held at a meeting, with the child's name, in the order they were recorded. */
export async function discussionsAt(db: Db, meetingId: string): Promise<HeldDiscussion[]> {
  const rows = await db
    .selectFrom('mace_discussion_meeting as l')
    .innerJoin('mace_discussion as d', 'd.id', 'l.discussion_id')
    .innerJoin('child as c', 'c.id', 'd.child_id')
    .select(['d.id', 'd.child_id', 'd.risk_level', 'c.given_name', 'c.family_name'])
    .where('l.meeting_id', '=', meetingId)
    .orderBy('d.recorded_at')
    .orderBy('d.id')
    .execute()
  return rows.map(({ given_name, family_name, ...row }) => ({
    ...row,
    childName: `${given_name} ${family_name}`,
  }))
}
