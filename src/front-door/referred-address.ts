// The addresses the child's matched referrals gave, for the record to take up: only referrals the
// reader may open.

import { type Kysely, sql } from 'kysely'
import type { ReferredAddress, ReferredAddressSource } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { builtOnce } from '../platform/db/built-once.ts'
import { referralAbout } from './access.ts'
import { formatReferralNumber } from './rules.ts'

/** What the record needs of a referral, and what the policy needs to decide on it. */
const selectReferredAddresses = (db: Kysely<DB>, childId: string) =>
  db
    .selectFrom('referral')
    .select(['id', 'number', 'received_at', 'child_address', 'child_postcode'])
    .select(['la_id', 'client_id', 'queue', 'status'])
    .where('child_id', '=', childId)
    .where('child_address', 'is not', null)
    .where('child_postcode', 'is not', null)
    .orderBy('received_at', 'desc')

// Built once: every child's page asks for the latest.
const allReferred = builtOnce((db: Kysely<DB>, childId: string) => selectReferredAddresses(db, childId))
const oneReferred = builtOnce((db: Kysely<DB>, childId: string, referralId: string) =>
  selectReferredAddresses(db, childId).where('id', '=', referralId),
)

async function readReferredAddresses(
  db: Kysely<DB>,
  actor: Actor,
  child: ChildResource,
  referralId?: string,
): Promise<ReferredAddress[]> {
  const referrals =
    referralId === undefined
      ? await allReferred(db, child.childId)
      : await oneReferred(db, child.childId, referralId)
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

export const referredAddresses: ReferredAddressSource = {
  mayHave: (childId) => sql<boolean>`EXISTS (SELECT 1 FROM referral WHERE child_id = ${childId}
    AND child_address IS NOT NULL AND child_postcode IS NOT NULL)`,
  read: readReferredAddresses,
}
