// Where a child protection step came from, for its page to name the child and link back: the
// strategy discussion that opened the section 47 enquiry, and the referral that asked for it.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../database.ts'

type Db = Kysely<DB> | Transaction<DB>

export interface CaseTrail {
  child: { id: string; name: string }
  discussion: { id: string; number: number } | undefined
  referral: { id: string; number: number } | undefined
}

/** The trail of a step: from its plan (through the initial conference), enquiry or discussion. */
export async function findCaseTrail(
  db: Db,
  childId: string,
  from: { planId?: string | null; section47Id?: string | null; discussionId?: string },
): Promise<CaseTrail> {
  const child = await db
    .selectFrom('child')
    .select(['id', 'given_name', 'family_name'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  const section47Id = from.section47Id ?? (from.planId ? await section47OfPlan(db, from.planId) : null)
  let query = db
    .selectFrom('strategy_discussion as d')
    .leftJoin('referral as r', 'r.id', 'd.referral_id')
    .select(['d.id', 'd.number', 'r.id as referral_id', 'r.number as referral_number'])
  if (from.discussionId) query = query.where('d.id', '=', from.discussionId)
  else if (section47Id)
    query = query
      .innerJoin('section47_enquiry as s', 's.strategy_discussion_id', 'd.id')
      .where('s.id', '=', section47Id)
  const row = from.discussionId || section47Id ? await query.executeTakeFirst() : undefined
  return {
    child: { id: child.id, name: `${child.given_name} ${child.family_name}` },
    discussion: row ? { id: row.id, number: row.number } : undefined,
    referral:
      row?.referral_id && row.referral_number !== null
        ? { id: row.referral_id, number: row.referral_number }
        : undefined,
  }
}

async function section47OfPlan(db: Db, planId: string): Promise<string | null> {
  const row = await db
    .selectFrom('conference')
    .select('section47_id')
    .where('plan_id', '=', planId)
    .where('section47_id', 'is not', null)
    .executeTakeFirst()
  return row?.section47_id ?? null
}
