// MACE's SQL: a referral kept, and the MACE list of some LAs (the children referred, longest waiting first).

import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { MaceTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type MaceReferralRow = Selectable<MaceTables['mace_referral']>

export function insertReferral(
  trx: Transaction<DB>,
  referral: Omit<MaceReferralRow, 'id' | 'referred_at'>,
): Promise<MaceReferralRow> {
  return trx.insertInto('mace_referral').values(referral).returningAll().executeTakeFirstOrThrow()
}

/** The next step a screening of this child suggested; none when it is not the child's. */
export async function screeningNextStep(db: Db, childId: string, screeningId: string) {
  const row = await db
    .selectFrom('exploitation_screening')
    .select(['next_step', 'level_label'])
    .where('id', '=', screeningId)
    .where('child_id', '=', childId)
    .executeTakeFirst()
  return row
}

export interface ListedReferral extends MaceReferralRow {
  childName: string
  levelLabel: string | null
}

/** The referrals not yet discussed in these LAs (all when null), longest waiting first, with the child's name and the screening's level. */
export async function referralsIn(db: Db, laIds: readonly string[] | null): Promise<ListedReferral[]> {
  let query = db
    .selectFrom('mace_referral as r')
    .innerJoin('child as c', 'c.id', 'r.child_id')
    .leftJoin('exploitation_screening as s', 's.id', 'r.screening_id')
    .leftJoin('mace_discussion as d', (join) =>
      join.onRef('d.referral_id', '=', 'r.id').on('d.reviews_discussion_id', 'is', null),
    )
    .where('d.id', 'is', null)
    .selectAll('r')
    .select(['c.given_name', 'c.family_name', 's.level_label'])
  if (laIds)
    query = laIds.length > 0 ? query.where('r.la_id', 'in', laIds) : query.where(({ lit }) => lit(false))
  const rows = await query.orderBy('r.referred_at').orderBy('r.id').execute()
  return rows.map(({ given_name, family_name, level_label, ...row }) => ({
    ...row,
    childName: `${given_name} ${family_name}`,
    levelLabel: level_label,
  }))
}

export type MaceDiscussionRow = Selectable<MaceTables['mace_discussion']>

/** One referral, locked for the discussion written about it. */
export function lockReferral(trx: Transaction<DB>, id: string): Promise<MaceReferralRow | undefined> {
  return trx.selectFrom('mace_referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export function insertDiscussion(
  trx: Transaction<DB>,
  discussion: Omit<MaceDiscussionRow, 'id' | 'recorded_at'>,
): Promise<MaceDiscussionRow> {
  return trx.insertInto('mace_discussion').values(discussion).returningAll().executeTakeFirstOrThrow()
}

/** A referral's first discussion (reviews name the discussion they review). */
export function discussionOf(db: Db, referralId: string): Promise<MaceDiscussionRow | undefined> {
  return db
    .selectFrom('mace_discussion')
    .selectAll()
    .where('referral_id', '=', referralId)
    .where('reviews_discussion_id', 'is', null)
    .executeTakeFirst()
}

/** The review of a discussion, when recorded. */
export function reviewOf(db: Db, discussionId: string): Promise<MaceDiscussionRow | undefined> {
  return db
    .selectFrom('mace_discussion')
    .selectAll()
    .where('reviews_discussion_id', '=', discussionId)
    .executeTakeFirst()
}

export function findDiscussion(db: Db, id: string): Promise<MaceDiscussionRow | undefined> {
  return db.selectFrom('mace_discussion').selectAll().where('id', '=', id).executeTakeFirst()
}

export interface ScreenedNotReferred {
  id: string
  child_id: string
  childName: string
  level_label: string
  /** The London day of the screening. */
  screened_on: string
}

/**
 * The LAs' children whose latest screening, made on or before `onOrBefore`, suggested a MACE
 * referral that nobody has made since: the agenda's "screened, not yet referred" (oldest first).
 */
const screenedOn = sql`(s.screened_at AT TIME ZONE 'Europe/London')::date`

export async function screenedNotReferred(
  db: Db,
  laIds: readonly string[],
  onOrBefore: string,
): Promise<ScreenedNotReferred[]> {
  if (laIds.length === 0) return []
  const rows = await db
    .selectFrom('exploitation_screening as s')
    .innerJoin('child as c', 'c.id', 's.child_id')
    .where('c.la_id', 'in', laIds)
    .where('s.next_step', '=', 'mace-referral')
    .where(sql<boolean>`${screenedOn} <= ${onOrBefore}::date`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('exploitation_screening as later')
            .select('later.id')
            .whereRef('later.child_id', '=', 's.child_id')
            .whereRef('later.screened_at', '>', 's.screened_at'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('mace_referral as r')
            .select('r.id')
            .whereRef('r.child_id', '=', 's.child_id')
            .whereRef('r.referred_at', '>=', 's.screened_at'),
        ),
      ),
    )
    .select(['s.id', 's.child_id', 's.level_label', 'c.given_name', 'c.family_name'])
    .select(sql<string>`${screenedOn}::text`.as('screened_on'))
    .orderBy('s.screened_at')
    .execute()
  return rows.map(({ given_name, family_name, ...row }) => ({
    ...row,
    childName: `${given_name} ${family_name}`,
  }))
}
