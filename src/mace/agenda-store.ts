// The SQL of a MACE meeting's agenda beyond referrals (children whose discussion is due for review,
// flagged places' and persons' discussions) and of its minutes' circulation to the attending agencies.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import { meetingOf } from './meeting-store.ts'
import type { MaceTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type FlagDiscussionRow = Selectable<MaceTables['mace_flag_discussion']>
export type CirculationRow = Selectable<MaceTables['mace_minutes_circulation']>

export interface ReviewDue {
  /** The discussion due for review. */
  id: string
  child_id: string
  childName: string
  review_on: IsoDate
  risk_level: string
}

/** The LAs' children whose latest discussion's review date is on or before the day, not yet reviewed; soonest due first. */
export async function reviewsDue(
  db: Db,
  laIds: readonly string[],
  onOrBefore: IsoDate,
): Promise<ReviewDue[]> {
  if (laIds.length === 0) return []
  const rows = await db
    .selectFrom('mace_discussion as d')
    .innerJoin('mace_referral as r', 'r.id', 'd.referral_id')
    .innerJoin('child as c', 'c.id', 'd.child_id')
    .leftJoin('mace_discussion as later', 'later.reviews_discussion_id', 'd.id')
    .where('r.la_id', 'in', laIds)
    .where('d.review_on', 'is not', null)
    .where('d.review_on', '<=', onOrBefore)
    .where('later.id', 'is', null)
    .select(['d.id', 'd.child_id', 'd.review_on', 'd.risk_level', 'c.given_name', 'c.family_name'])
    .orderBy('d.review_on')
    .orderBy('d.id')
    .execute()
  return rows.map(({ given_name, family_name, review_on, ...row }) => ({
    ...row,
    review_on: review_on as IsoDate,
    childName: `${given_name} ${family_name}`,
  }))
}

export interface FlagDiscussionHeld extends FlagDiscussionRow {
  meeting_held_on: IsoDate
}

/** Every discussion of these flags, with the day of its meeting, in the order held. */
export async function flagDiscussions(db: Db, flagIds: readonly string[]): Promise<FlagDiscussionHeld[]> {
  if (flagIds.length === 0) return []
  return db
    .selectFrom('mace_flag_discussion as f')
    .innerJoin('mace_meeting as m', 'm.id', 'f.meeting_id')
    .selectAll('f')
    .select('m.held_on as meeting_held_on')
    .where('f.flag_id', 'in', [...flagIds])
    .orderBy('m.held_on')
    .orderBy('f.recorded_at')
    .execute()
}

export function insertFlagDiscussion(
  trx: Transaction<DB>,
  row: Omit<FlagDiscussionRow, 'id' | 'recorded_at'>,
): Promise<FlagDiscussionRow> {
  return trx.insertInto('mace_flag_discussion').values(row).returningAll().executeTakeFirstOrThrow()
}

// ---------------------------------------------------------------------------
// Circulation

export function circulationOf(db: Db, meetingId: string): Promise<CirculationRow[]> {
  return db
    .selectFrom('mace_minutes_circulation')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('agency_id')
    .execute()
}

/**
 * Sends the (re)written minutes to the attending agencies: each gets a copy to acknowledge by the
 * day given (a changed record is acknowledged again); an agency no longer attending keeps no copy.
 */
export async function circulate(
  trx: Transaction<DB>,
  meetingId: string,
  agencyIds: readonly string[],
  dueBy: IsoDate,
): Promise<void> {
  let removed = trx.deleteFrom('mace_minutes_circulation').where('meeting_id', '=', meetingId)
  if (agencyIds.length > 0) removed = removed.where('agency_id', 'not in', [...agencyIds])
  await removed.execute()
  if (agencyIds.length === 0) return
  const now = new Date()
  await trx
    .insertInto('mace_minutes_circulation')
    .values(
      agencyIds.map((agencyId) => ({
        meeting_id: meetingId,
        agency_id: agencyId,
        sent_at: now,
        due_by: dueBy,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'agency_id', 'partnership_id']).doUpdateSet({
        sent_at: now,
        due_by: dueBy,
        acknowledged_at: null,
        acknowledged_by: null,
        acknowledged_by_name: null,
      }),
    )
    .execute()
}

/** The agency's acknowledgement of its copy: false when it has none, or has acknowledged already. */
export async function acknowledge(
  trx: Transaction<DB>,
  meetingId: string,
  agencyId: string,
  by: { id: string; name: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('mace_minutes_circulation')
    .set({ acknowledged_at: new Date(), acknowledged_by: by.id, acknowledged_by_name: by.name })
    .where('meeting_id', '=', meetingId)
    .where('agency_id', '=', agencyId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export interface AwaitingMinutes {
  meeting_id: string
  /** None for a meeting of the whole partnership. */
  la_id: string | null
  held_on: IsoDate
  start_time: string
  kind: string
  agency_id: string
  due_by: IsoDate
}

/** Copies of minutes not yet acknowledged in these LAs (all when null) and the partnership's, soonest due first. */
export async function minutesAwaiting(db: Db, laIds: readonly string[] | null): Promise<AwaitingMinutes[]> {
  let query = db
    .selectFrom('mace_minutes_circulation as w')
    .innerJoin('mace_meeting as m', 'm.id', 'w.meeting_id')
    .select(['w.meeting_id', 'm.la_id', 'm.held_on', 'm.start_time', 'm.kind', 'w.agency_id', 'w.due_by'])
    .where('w.acknowledged_at', 'is', null)
  if (laIds) query = query.where(meetingOf(laIds))
  return query.orderBy('w.due_by').orderBy('m.held_on').orderBy('w.agency_id').limit(500).execute()
}
