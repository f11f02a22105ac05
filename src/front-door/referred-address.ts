// What the child's matched referrals gave for the record to take up (the address, and the school
// when it names one the service knows, the child's own LA's first): only referrals the reader may open.

import { type Kysely, sql } from 'kysely'
import { jsonObjectFrom } from 'kysely/helpers/postgres'
import type { ReferredAddress, ReferredAddressSource } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { builtOnce } from '../platform/db/built-once.ts'
import { referralAbout } from './access.ts'
import { formatReferralNumber } from './rules.ts'

/** What the record needs of a referral, and what the policy needs to decide on it. */
const selectReferred = (db: Kysely<DB>, childId: string, laId: string) =>
  db
    .selectFrom('referral')
    .select(['id', 'number', 'received_at', 'child_address', 'child_postcode'])
    .select(['la_id', 'client_id', 'queue', 'status'])
    .select((eb) =>
      jsonObjectFrom(
        eb
          .selectFrom('school')
          .select(['school.id', 'school.name'])
          .where(sql<boolean>`lower(trim(school.name)) = lower(trim(referral.child_school))`)
          .orderBy(sql`school.la_id = ${laId}`, 'desc')
          .limit(1),
      ).as('known_school'),
    )
    .where('child_id', '=', childId)
    .where((eb) =>
      eb.or([
        eb.and([eb('child_address', 'is not', null), eb('child_postcode', 'is not', null)]),
        eb('child_school', 'is not', null),
      ]),
    )
    .orderBy('received_at', 'desc')

// Built once: every child's page that may have one asks for the latest.
const allReferred = builtOnce((db: Kysely<DB>, childId: string, laId: string) =>
  selectReferred(db, childId, laId),
)
const oneReferred = builtOnce((db: Kysely<DB>, childId: string, laId: string, referralId: string) =>
  selectReferred(db, childId, laId).where('id', '=', referralId),
)

async function readReferred(
  db: Kysely<DB>,
  actor: Actor,
  child: ChildResource,
  referralId?: string,
): Promise<ReferredAddress[]> {
  const referrals =
    referralId === undefined
      ? await allReferred(db, child.childId, child.laId)
      : await oneReferred(db, child.childId, child.laId, referralId)
  return referrals
    .filter((referral) => decide(actor, 'referral.view', referralAbout(referral, child)).allowed)
    .map((referral) => ({
      referralId: referral.id,
      referralNumber: formatReferralNumber(referral.number),
      receivedAt: referral.received_at,
      address:
        referral.child_address && referral.child_postcode
          ? { text: referral.child_address, postcode: referral.child_postcode }
          : null,
      school: referral.known_school,
    }))
}

export const referredAddresses: ReferredAddressSource = {
  mayHave: (childId) => sql<boolean>`EXISTS (SELECT 1 FROM referral WHERE child_id = ${childId}
    AND ((child_address IS NOT NULL AND child_postcode IS NOT NULL) OR child_school IS NOT NULL))`,
  read: readReferred,
}
