// Multi-agency triage: each agency adds what its records hold to a referral in the MAT queue.

import { audited, type Caller } from '../platform/access/guard.ts'
import { markingsFor } from '../platform/access/policy.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { authorizeReferral } from './access.ts'
import {
  AGENCY_KIND_LABELS,
  formatReferralNumber,
  isMatAgencyKind,
  matContributionProblems,
} from './rules.ts'
import type { MatContributionInput } from './schemas.ts'
import * as store from './store.ts'
import { check, type FrontDoorContext, lockOpenReferral } from './workflow.ts'

export async function contributeToMat(
  ctx: FrontDoorContext,
  caller: Caller,
  referralId: string,
  input: MatContributionInput,
): Promise<store.MatContributionRow[]> {
  const { actor } = caller
  check(matContributionProblems(input))
  if (input.marking && !markingsFor(actor.agencyKind).includes(input.marking))
    check([{ field: 'marking', text: 'Choose who may read it from the choices your agency has' }])
  return audited(ctx.db, async (trx) => {
    const referral = await lockOpenReferral(trx, referralId)
    await authorizeReferral(trx, caller, 'mat.contribute', referral, input.lawfulBasis)
    if (referral.queue !== 'mat')
      throw new RequestError(409, 'This referral is not in multi-agency triage', 'referralId')
    const kind = actor.agencyKind
    if (!isMatAgencyKind(kind)) throw new Error('mat.contribute is held only by agencies in triage')
    const added = await store.insertMatContribution(trx, {
      referral_id: referral.id,
      agency_id: actor.agencyId,
      agency_kind: kind,
      records_hold: input.recordsHold.trim(),
      household: input.household.trim(),
      lawful_basis: input.lawfulBasis.trim(),
      marking: input.marking ?? 'standard',
      contributed_by: actor.id,
      contributed_by_name: actor.displayName,
      contributed_at: ctx.now(),
    })
    if (!added)
      throw new RequestError(
        409,
        `${AGENCY_KIND_LABELS[kind]} has already added its information`,
        'agencyKind',
      )
    // Triage opens the referral while it is open, not the child's record (platform/access/policy.ts).
    await recordEvent(trx, {
      type: 'mat.contributed',
      childId: referral.child_id,
      laId: referral.la_id,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `${AGENCY_KIND_LABELS[kind]} added what its records hold to ${formatReferralNumber(referral.number)}`,
      sensitivity:
        kind === 'police' ? 'police-restricted' : kind === 'health' ? 'health-restricted' : 'standard',
      payload: { referralId: referral.id, agencyKind: kind, lawfulBasis: input.lawfulBasis.trim() },
    })
    return store.listMatContributions(trx, referral.id)
  })
}
