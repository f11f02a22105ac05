// The addresses the child's matched referrals gave, for the record to take up: only referrals the
// reader may open.

import type { Kysely } from 'kysely'
import type { ReferredAddress } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { referralAbout } from './access.ts'
import { formatReferralNumber } from './rules.ts'

export async function referredAddresses(
  db: Kysely<DB>,
  actor: Actor,
  child: ChildResource,
  referralId?: string,
): Promise<ReferredAddress[]> {
  let query = db
    .selectFrom('referral')
    .selectAll()
    .where('child_id', '=', child.childId)
    .where('child_address', 'is not', null)
    .where('child_postcode', 'is not', null)
  if (referralId !== undefined) query = query.where('id', '=', referralId)
  const referrals = await query.orderBy('received_at', 'desc').execute()
  return referrals
    .filter((referral) => decide(actor, 'referral.view', referralAbout(referral, child)).allowed)
    .map((referral) => ({
      referralId: referral.id,
      referralNumber: formatReferralNumber(referral.number),
      receivedAt: referral.received_at,
      address: referral.child_address ?? '',
      postcode: referral.child_postcode ?? '',
    }))
}
