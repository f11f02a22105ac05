// What the child's matched referrals gave for the record to take up (the address, and the school
// when it names one the service knows, the child's own LA's first): only referrals the reader may open.

import { type Kysely, sql } from 'kysely'
import { jsonObjectFrom } from 'kysely/helpers/postgres'
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
    .selectAll('referral')
    .select((eb) =>
      jsonObjectFrom(
        eb
          .selectFrom('school')
          .select(['school.id', 'school.name'])
          .where(sql<boolean>`lower(trim(school.name)) = lower(trim(referral.child_school))`)
          .orderBy(sql`school.la_id = ${child.laId}`, 'desc')
          .limit(1),
      ).as('known_school'),
    )
    .where('child_id', '=', child.childId)
    .where((eb) =>
      eb.or([
        eb.and([eb('child_address', 'is not', null), eb('child_postcode', 'is not', null)]),
        eb('child_school', 'is not', null),
      ]),
    )
  if (referralId !== undefined) query = query.where('id', '=', referralId)
  const referrals = await query.orderBy('received_at', 'desc').execute()
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
