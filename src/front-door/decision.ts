// The threshold decision and feedback to the referrer, in the service and by email.

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { audited } from '../platform/access/guard.ts'
import { recordEvent } from '../platform/events/event.ts'
import { deliverPendingEmails, queueEmail } from '../platform/notify/email.ts'
import { authorizeReferral, type RelayedCaller } from './access.ts'
import {
  decidedWithout,
  decisionProblems,
  decisionTiming,
  formatReferralNumber,
  withoutContributionsOf,
} from './rules.ts'
import { type DecisionInput, OUTCOMES } from './schemas.ts'
import * as store from './store.ts'
import { check, type FrontDoorContext, lockOpenReferral } from './workflow.ts'

export const REFERRAL_OUTCOME_TEMPLATE = 'referral-outcome'

export async function decideReferral(
  ctx: FrontDoorContext,
  caller: RelayedCaller,
  referralId: string,
  input: DecisionInput,
): Promise<store.ThresholdDecisionRow> {
  check(decisionProblems(input))
  const { actor } = caller
  const decision = await audited(ctx.db, async (trx) => {
    const referral = await lockOpenReferral(trx, referralId)
    await authorizeReferral(trx, caller, 'referral.decide', referral)
    const decidedAt = ctx.now()
    const timing = decisionTiming(referral.received_at, decidedAt, referral.decision_due_by)
    const contributions = await store.listMatContributions(trx, referral.id)
    const contributed = contributions.map((c) => c.agency_kind)
    const without = decidedWithout(referral.queue, contributed)
    check(decisionProblems(input, without))
    const row = {
      referral_id: referral.id,
      outcome: input.outcome,
      reasons: input.reasons.trim(),
      level_of_need: input.levelOfNeed,
      decided_by: actor.id,
      decided_by_name: actor.displayName,
      decided_by_agency_id: actor.agencyId,
      decided_at: decidedAt,
      working_days_taken: timing.workingDaysTaken,
      within_timescale: timing.withinTimescale,
      feedback_to_referrer: input.feedbackToReferrer.trim(),
      contributing_agency_kinds: contributed,
      without_contributions_reason: without.length > 0 ? (input.withoutContributionsReason ?? null) : null,
      without_contributions_detail:
        without.length > 0 ? input.withoutContributionsDetail?.trim() || null : null,
    }
    await store.insertDecision(trx, row)
    await store.setReferralStatus(trx, referral.id, 'decided')
    await recordDecisionEvents(trx, actor, referral, row)
    await informReferrer(trx, actor, referral, row)
    return row
  })
  await deliverPendingEmails(ctx.db, ctx.emailSender, { log: ctx.log }).catch((error: unknown) =>
    ctx.log.error({ err: error }, 'emails stay queued: delivery failed'),
  )
  return decision
}

async function recordDecisionEvents(
  trx: Transaction<DB>,
  actor: Actor,
  referral: store.ReferralRow,
  decision: store.ThresholdDecisionRow,
) {
  const without = withoutContributionsOf(decision)
  const withoutWords = without ? `, without ${without.missingLabels.join(', ')}: ${without.reasonLabel}` : ''
  await recordEvent(trx, {
    type: 'threshold.decided',
    childId: referral.child_id,
    laId: referral.la_id,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary: `${formatReferralNumber(referral.number)}: ${OUTCOMES[decision.outcome]} (level ${decision.level_of_need}), ${decision.within_timescale ? 'in time' : 'late'}${withoutWords}`,
    payload: {
      referralId: referral.id,
      outcome: decision.outcome,
      levelOfNeed: decision.level_of_need,
      workingDaysTaken: decision.working_days_taken,
      withinTimescale: decision.within_timescale,
      ...(without && {
        withoutContributions: {
          reason: without.reason,
          detail: without.detail,
          missingAgencyKinds: without.missingAgencyKinds,
        },
      }),
    },
    occurredAt: decision.decided_at,
  })
}

async function informReferrer(
  trx: Transaction<DB>,
  actor: Actor,
  referral: store.ReferralRow,
  decision: store.ThresholdDecisionRow,
) {
  const number = formatReferralNumber(referral.number)
  await queueEmail(trx, {
    to: referral.referrer_email,
    templateId: REFERRAL_OUTCOME_TEMPLATE,
    reference: number,
    personalisation: {
      referrer_name: referral.referrer_name,
      referral_number: number,
      // Initials only: the email leaves the service, the full record stays in it.
      child_initials: `${referral.child_first_name.charAt(0)}${referral.child_last_name.charAt(0)}`,
      outcome: OUTCOMES[decision.outcome],
      feedback: decision.feedback_to_referrer,
      link: `/referrals/${referral.id}`,
    },
  })
  await recordEvent(trx, {
    type: 'referrer.informed',
    childId: referral.child_id,
    laId: referral.la_id,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary: `The referrer of ${number} was told the outcome, in the service and by email`,
    payload: {
      referralId: referral.id,
      channel: ['in-app', 'email'],
      referrerAgencyId: referral.referrer_agency_id,
    },
    occurredAt: decision.decided_at,
  })
}
