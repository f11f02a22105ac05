// The front door's SQL. Every function takes the transaction of the step it belongs to.

import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import { corroborates } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { SentBefore } from './rules.ts'
import type { Outcome, Queue } from './schemas.ts'
import type { MatContributionTable, ReferralTable, ThresholdDecisionTable } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type ReferralRow = Selectable<ReferralTable>
export type MatContributionRow = Selectable<MatContributionTable>
export type ThresholdDecisionRow = Selectable<ThresholdDecisionTable>

export interface ChildForReferral {
  id: string
  hasLiveCpPlan: boolean
}

/** What a referral says about its child: the identifiers to look up and what must corroborate them. */
export interface ReferredChild {
  nhsNumber?: string | undefined
  upn?: string | undefined
  firstName: string
  lastName: string
  dateOfBirth?: string | undefined
}

/**
 * For each referral, the one child its NHS number or UPN names (following merges), and whether a
 * child protection plan is live for them today. None when the identifiers name nobody or more than
 * one child, when the name or date of birth does not corroborate them (see children/corroboration.ts),
 * or when the record is sealed (open to nobody, so a referral joined to it could not be worked): a
 * screener then matches by hand. One query for the whole batch.
 */
export async function findChildrenForReferrals(
  db: Db,
  referred: readonly ReferredChild[],
  today: IsoDate,
): Promise<(ChildForReferral | undefined)[]> {
  const nhsNumbers = [...new Set(referred.flatMap(({ nhsNumber }) => (nhsNumber ? [nhsNumber] : [])))]
  const upns = [...new Set(referred.flatMap(({ upn }) => (upn ? [upn] : [])))]
  if (nhsNumbers.length === 0 && upns.length === 0) return referred.map(() => undefined)
  const rows = await db
    .selectFrom('child as c')
    .select(['c.nhs_number', 'c.upn', 'c.given_name', 'c.family_name', 'c.date_of_birth'])
    .select((eb) => eb.fn.coalesce('c.merged_into_id', 'c.id').as('child_id'))
    .select((eb) =>
      eb
        .selectFrom('child as s')
        .select('s.sensitivity')
        .whereRef('s.id', '=', eb.fn.coalesce('c.merged_into_id', 'c.id'))
        .as('sensitivity'),
    )
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('child_protection_plan as p')
            .select('p.id')
            .whereRef('p.child_id', '=', eb.fn.coalesce('c.merged_into_id', 'c.id'))
            .where('p.start_date', '<=', today)
            .where((plan) => plan.or([plan('p.end_date', 'is', null), plan('p.end_date', '>', today)])),
        )
        .as('live_plan'),
    )
    .where((eb) =>
      eb.or([
        ...(nhsNumbers.length > 0 ? [eb('c.nhs_number', 'in', nhsNumbers)] : []),
        ...(upns.length > 0 ? [eb('c.upn', 'in', upns)] : []),
      ]),
    )
    .execute()
  return referred.map((child) => {
    const named = rows.filter(
      (row) =>
        (child.nhsNumber && row.nhs_number === child.nhsNumber) || (child.upn && row.upn === child.upn),
    )
    const ids = new Set(named.map((row) => row.child_id))
    const [row] = named
    if (ids.size !== 1 || !row || row.sensitivity === 'sealed') return undefined
    const described = {
      givenName: child.firstName,
      familyName: child.lastName,
      dateOfBirth: child.dateOfBirth,
    }
    const agrees = named.some((each) =>
      corroborates(described, {
        givenName: each.given_name,
        familyName: each.family_name,
        dateOfBirth: each.date_of_birth,
      }),
    )
    return agrees ? { id: row.child_id, hasLiveCpPlan: Boolean(row.live_plan) } : undefined
  })
}

/** A referral's idempotency key within its client, as one string. */
export const keyOf = (referral: { client_id: string; idempotency_key: string }) =>
  `${referral.client_id}\u0000${referral.idempotency_key}`

/**
 * Inserts the referrals whose client has not used their idempotency key before; returns those
 * inserted by keyOf. A referral whose key was used before is not inserted and not returned.
 */
export async function insertReferrals(
  trx: Transaction<DB>,
  referrals: Insertable<ReferralTable>[],
): Promise<Map<string, ReferralRow>> {
  if (referrals.length === 0) return new Map()
  const rows = await trx
    .insertInto('referral')
    .values(referrals)
    .onConflict((oc) => oc.columns(['client_id', 'idempotency_key', 'partnership_id']).doNothing())
    .returningAll()
    .execute()
  return new Map(rows.map((row) => [keyOf(row), row]))
}

export async function findReferralByKey(
  db: Db,
  clientId: string,
  idempotencyKey: string,
): Promise<ReferralRow | undefined> {
  return db
    .selectFrom('referral')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst()
}

/**
 * The referrals these senders sent since `since` with one of these children's NHS numbers or dates of
 * birth, for a batch's check for resubmissions. The recent referrals about the children are found
 * first, through the indexes that lead with the child (migration 0090), then the senders' kept: the
 * fence (OFFSET 0) keeps the senders out of the first read, whose plan would otherwise hang on the
 * statistics knowing them.
 */
export async function findRecentAboutChildren(
  db: Db,
  senders: readonly string[],
  children: readonly ReferredChild[],
  since: Date,
): Promise<SentBefore[]> {
  const nhsNumbers = [...new Set(children.flatMap((child) => child.nhsNumber ?? []))]
  const birthDates = [...new Set(children.flatMap((child) => child.dateOfBirth ?? []))]
  if (senders.length === 0 || nhsNumbers.length + birthDates.length === 0) return []
  const aboutTheChildren = db
    .selectFrom('referral')
    .select([
      'id',
      'number',
      'received_at',
      'client_id',
      'idempotency_key',
      'child_nhs_number',
      'child_date_of_birth',
      'child_first_name',
      'child_last_name',
    ])
    .where('received_at', '>=', since)
    .where((eb) =>
      eb.or([
        ...(nhsNumbers.length > 0 ? [eb('child_nhs_number', 'in', nhsNumbers)] : []),
        ...(birthDates.length > 0 ? [eb('child_date_of_birth', 'in', birthDates)] : []),
      ]),
    )
    .offset(0)
  return db
    .selectFrom(aboutTheChildren.as('about_the_children'))
    .selectAll()
    .where('client_id', 'in', [...new Set(senders)])
    .execute()
}

export async function findReferral(db: Db, id: string): Promise<ReferralRow | undefined> {
  return db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst()
}

export interface SentReferralRow extends ReferralRow {
  outcome: Outcome | null
  decided_at: Date | null
}

/** What this person or system sent, newest first, with the outcome once decided. */
export async function listSentBy(db: Db, clientId: string, limit: number): Promise<SentReferralRow[]> {
  return db
    .selectFrom('referral as r')
    .leftJoin('threshold_decision as d', 'd.referral_id', 'r.id')
    .selectAll('r')
    .select(['d.outcome', 'd.decided_at'])
    .where('r.client_id', '=', clientId)
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id')
    .limit(limit)
    .execute()
}

/** The referral row locked for the step that changes it, so two decisions cannot race. */
export async function lockReferral(trx: Transaction<DB>, id: string): Promise<ReferralRow | undefined> {
  return trx.selectFrom('referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function setReferralStatus(trx: Transaction<DB>, id: string, status: ReferralRow['status']) {
  await trx.updateTable('referral').set({ status }).where('id', '=', id).execute()
}

export async function listMatContributions(db: Db, referralId: string): Promise<MatContributionRow[]> {
  return db
    .selectFrom('mat_contribution')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('contributed_at')
    .execute()
}

/** Inserts unless this kind of agency has already contributed; then returns false. */
export async function insertMatContribution(
  trx: Transaction<DB>,
  contribution: Insertable<MatContributionTable>,
): Promise<boolean> {
  const row = await trx
    .insertInto('mat_contribution')
    .values(contribution)
    .onConflict((oc) => oc.columns(['referral_id', 'agency_kind', 'partnership_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export async function findDecision(db: Db, referralId: string): Promise<ThresholdDecisionRow | undefined> {
  return db
    .selectFrom('threshold_decision')
    .selectAll()
    .where('referral_id', '=', referralId)
    .executeTakeFirst()
}

export async function insertDecision(trx: Transaction<DB>, decision: Insertable<ThresholdDecisionTable>) {
  await trx.insertInto('threshold_decision').values(decision).execute()
}

export interface QueueRow {
  id: string
  number: number
  la_id: string
  child_first_name: string
  child_last_name: string
  received_at: Date
  route: ReferralRow['route']
  queue: Queue
  urgency: ReferralRow['urgency']
  priority: number
  decision_due_by: string
  status: ReferralRow['status']
  had_live_cp_plan: boolean
  contributed: string[]
}

/** Open referrals of these LAs (and queue), in the order they should be worked: see compareQueueItems. */
export async function listQueue(
  db: Db,
  filter: { laIds: readonly string[]; queue?: Queue; limit?: number },
): Promise<QueueRow[]> {
  if (filter.laIds.length === 0) return []
  let query = db
    .selectFrom('referral as r')
    .select([
      'r.id',
      'r.number',
      'r.la_id',
      'r.child_first_name',
      'r.child_last_name',
      'r.received_at',
      'r.route',
      'r.queue',
      'r.urgency',
      'r.priority',
      'r.decision_due_by',
      'r.status',
      'r.had_live_cp_plan',
    ])
    .select((eb) =>
      eb
        .fn<string[]>('array', [
          eb
            .selectFrom('mat_contribution as m')
            .select('m.agency_kind')
            .whereRef('m.referral_id', '=', 'r.id'),
        ])
        .as('contributed'),
    )
    .where('r.status', '<>', 'decided')
    .where('r.la_id', 'in', filter.laIds)
  if (filter.queue) query = query.where('r.queue', '=', filter.queue)
  return query
    .orderBy('r.priority')
    .orderBy('r.decision_due_by')
    .orderBy('r.received_at')
    .limit(filter.limit ?? 500)
    .execute()
}

/** The record chosen for an unmatched referral: whether it was merged into another, and whether a plan is live. */
export async function findChildToMatch(db: Db, childId: string, today: IsoDate) {
  return db
    .selectFrom('child as c')
    .select('c.merged_into_id')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('child_protection_plan as p')
            .select('p.id')
            .whereRef('p.child_id', '=', 'c.id')
            .where('p.start_date', '<=', today)
            .where((plan) => plan.or([plan('p.end_date', 'is', null), plan('p.end_date', '>', today)])),
        )
        .as('live_plan'),
    )
    .where('c.id', '=', childId)
    .executeTakeFirst()
}

export async function setReferralChild(
  trx: Transaction<DB>,
  id: string,
  childId: string,
  hadLiveCpPlan: boolean,
): Promise<ReferralRow> {
  return trx
    .updateTable('referral')
    .set({ child_id: childId, had_live_cp_plan: hadLiveCpPlan })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Puts the events of a referral that had no child onto the child's chronology; returns how many moved. */
export async function moveReferralEvents(trx: Transaction<DB>, referralId: string, childId: string) {
  const result = await trx
    .updateTable('domain_event')
    .set({ child_id: childId })
    .where('child_id', 'is', null)
    .where((eb) => eb(eb.ref('payload', '->>').key('referralId'), '=', referralId))
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
