// The SQL of disruption tactics used and NRM referrals: kept, read, locked, decided; a child's; and the
// NRM referrals awaiting a decision in some LAs (for the MACE coordinator's list).

import type { Kysely, Selectable, Transaction, Updateable } from 'kysely'
import type { DB } from '../database.ts'
import type { DisruptionNrmTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type DisruptionRow = Selectable<DisruptionNrmTables['disruption_tactic_use']>
export type NrmReferralRow = Selectable<DisruptionNrmTables['nrm_referral']>

export function insertDisruption(
  trx: Transaction<DB>,
  row: Omit<
    DisruptionRow,
    'id' | 'recorded_at' | 'outcome' | 'outcome_recorded_by_name' | 'outcome_recorded_at'
  >,
): Promise<DisruptionRow> {
  return trx.insertInto('disruption_tactic_use').values(row).returningAll().executeTakeFirstOrThrow()
}

export function findDisruption(db: Db, id: string): Promise<DisruptionRow | undefined> {
  return db.selectFrom('disruption_tactic_use').selectAll().where('id', '=', id).executeTakeFirst()
}

export function lockDisruption(trx: Transaction<DB>, id: string): Promise<DisruptionRow | undefined> {
  return trx
    .selectFrom('disruption_tactic_use')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function recordOutcome(trx: Transaction<DB>, id: string, outcome: string, byName: string) {
  await trx
    .updateTable('disruption_tactic_use')
    .set({ outcome, outcome_recorded_by_name: byName, outcome_recorded_at: new Date() })
    .where('id', '=', id)
    .execute()
}

export function disruptionsOf(db: Db, childId: string): Promise<DisruptionRow[]> {
  return db
    .selectFrom('disruption_tactic_use')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('used_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute()
}

export function insertNrmReferral(
  trx: Transaction<DB>,
  row: Pick<
    NrmReferralRow,
    | 'child_id'
    | 'la_id'
    | 'discussion_id'
    | 'first_responder_agency_id'
    | 'referred_on'
    | 'rg_due_by'
    | 'recorded_by'
    | 'recorded_by_agency_id'
    | 'recorded_by_name'
  >,
): Promise<NrmReferralRow> {
  return trx.insertInto('nrm_referral').values(row).returningAll().executeTakeFirstOrThrow()
}

export function findNrmReferral(db: Db, id: string): Promise<NrmReferralRow | undefined> {
  return db.selectFrom('nrm_referral').selectAll().where('id', '=', id).executeTakeFirst()
}

export function lockNrmReferral(trx: Transaction<DB>, id: string): Promise<NrmReferralRow | undefined> {
  return trx.selectFrom('nrm_referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function decideNrm(
  trx: Transaction<DB>,
  id: string,
  decision: Updateable<DisruptionNrmTables['nrm_referral']>,
) {
  await trx.updateTable('nrm_referral').set(decision).where('id', '=', id).execute()
}

export function nrmReferralsOf(db: Db, childId: string): Promise<NrmReferralRow[]> {
  return db
    .selectFrom('nrm_referral')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('referred_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute()
}

export interface AwaitedReferral extends NrmReferralRow {
  childName: string
}

/** The NRM referrals still awaiting a decision in these LAs (all when null), with the child's name. */
export async function awaitingDecision(db: Db, laIds: readonly string[] | null): Promise<AwaitedReferral[]> {
  let query = db
    .selectFrom('nrm_referral as n')
    .innerJoin('child as c', 'c.id', 'n.child_id')
    .where('n.cg_decision', 'is', null)
    .where((eb) => eb.or([eb('n.rg_decision', 'is', null), eb('n.rg_decision', '=', 'positive')]))
    .selectAll('n')
    .select(['c.given_name', 'c.family_name'])
  if (laIds)
    query = laIds.length > 0 ? query.where('n.la_id', 'in', laIds) : query.where(({ lit }) => lit(false))
  const rows = await query.execute()
  return rows.map(({ given_name, family_name, ...row }) => ({
    ...row,
    childName: `${given_name} ${family_name}`,
  }))
}

export async function childName(db: Db, childId: string): Promise<string> {
  const row = await db
    .selectFrom('child')
    .select(['given_name', 'family_name'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  return `${row.given_name} ${row.family_name}`
}

/** The child a MACE discussion (src/mace's) was about; none when there is no such discussion. */
export async function childOfDiscussion(db: Db, discussionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('mace_discussion')
    .select('child_id')
    .where('id', '=', discussionId)
    .executeTakeFirst()
  return row?.child_id
}

/** The tactics and NRM referrals recorded from one MACE discussion, oldest first. */
export async function recordedFromDiscussion(db: Db, discussionId: string) {
  return {
    disruptions: await db
      .selectFrom('disruption_tactic_use')
      .selectAll()
      .where('discussion_id', '=', discussionId)
      .orderBy('recorded_at')
      .execute(),
    referrals: await db
      .selectFrom('nrm_referral')
      .selectAll()
      .where('discussion_id', '=', discussionId)
      .orderBy('recorded_at')
      .execute(),
  }
}
