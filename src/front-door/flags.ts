// What the child's record flags of the front door: a referral about the child still open, where the
// reader may open it.

import { sql, type Transaction } from 'kysely'
import type { ChildFlag, ChildFlagSource } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { govukDateTime } from '../platform/http/dates.ts'
import { referralAbout } from './access.ts'
import { formatReferralNumber } from './rules.ts'
import type { ReferralStatus } from './tables.ts'

const WAITING_FOR: Readonly<Record<Exclude<ReferralStatus, 'decided'>, string>> = {
  'awaiting-screening': 'waiting to be screened',
  'in-triage': 'in multi-agency triage',
  'awaiting-strategy-discussion': 'waiting for its strategy discussion',
}

export const openReferralFlags: ChildFlagSource = {
  mayHave: (childId) =>
    sql<boolean>`EXISTS (SELECT 1 FROM referral WHERE child_id = ${childId} AND status <> 'decided')`,
  read: readOpenReferralFlags,
}

async function readOpenReferralFlags(
  trx: Transaction<DB>,
  actor: Actor,
  child: ChildResource,
): Promise<ChildFlag[]> {
  const referrals = await trx
    .selectFrom('referral')
    .selectAll()
    .where('child_id', '=', child.childId)
    .where('status', '!=', 'decided')
    .orderBy('received_at')
    .execute()
  const flags: ChildFlag[] = []
  for (const referral of referrals) {
    if (referral.status === 'decided') continue
    if (!decide(actor, 'referral.view', referralAbout(referral, child)).allowed) continue
    flags.push({
      title: 'Open referral',
      detail: `${formatReferralNumber(referral.number)}, received ${govukDateTime(referral.received_at)}, ${WAITING_FOR[referral.status]}`,
      href: `/referrals/${referral.id}`,
    })
  }
  return flags
}
