// Disruption tactics used and NRM referrals as TypeBox: one schema each for the form (and, later, the
// API). The tactic is one of the partnership's configured list (checked in workflow.ts). A child's
// NRM referral needs no consent, so no schema asks for it.

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, compileInput, keysOf, literals, Text, Uuid } from '../platform/http/schemas.ts'

const discussionId = Type.Optional(Uuid('the MACE discussion of the child it was agreed at, if any'))

export const DisruptionInput = Type.Object({
  tactic: Text({
    description: 'the disruption tactic used: an id of the partnership’s configured list',
    maxLength: 100,
    missing: 'Select the disruption tactic used',
    invalid: 'Select the disruption tactic used',
  }),
  usedOn: CalendarDate('when it was used', {
    missing: 'Enter the date it was used',
    invalid: 'The date it was used must be a real date',
  }),
  usedByAgencyId: Text({
    description: 'the agency that used it',
    maxLength: 100,
    missing: 'Select the agency that used it',
    invalid: 'Select the agency that used it',
  }),
  usedByName: Text({
    description: 'the person who used it (name and role)',
    label: 'who used it',
    maxLength: 200,
    missing: 'Enter who used it',
  }),
  discussionId,
})
export type DisruptionInput = Static<typeof DisruptionInput>
export const disruptionCheck = compileInput(DisruptionInput)

export const DisruptionOutcomeInput = Type.Object({
  outcome: Text({
    description: 'what came of the tactic',
    label: 'the outcome',
    maxLength: 4000,
    missing: 'Enter the outcome',
  }),
})
export type DisruptionOutcomeInput = Static<typeof DisruptionOutcomeInput>
export const disruptionOutcomeCheck = compileInput(DisruptionOutcomeInput)

export const NrmReferralInput = Type.Object({
  firstResponderAgencyId: Text({
    description: 'the first responder organisation that referred the child: an agency of the partnership',
    maxLength: 100,
    missing: 'Select the first responder organisation',
    invalid: 'Select the first responder organisation',
  }),
  referredOn: CalendarDate('when the child was referred to the NRM', {
    missing: 'Enter the date of the referral',
    invalid: 'The date of the referral must be a real date',
  }),
  discussionId,
})
export type NrmReferralInput = Static<typeof NrmReferralInput>
export const nrmReferralCheck = compileInput(NrmReferralInput)

/** A Single Competent Authority decision. */
export const NRM_DECISIONS = {
  positive: 'Positive: there are grounds',
  negative: 'Negative: there are no grounds',
} as const
export type NrmDecision = keyof typeof NRM_DECISIONS

export const ReasonableGroundsInput = Type.Object({
  decision: literals(keysOf(NRM_DECISIONS), 'the reasonable-grounds decision', {
    missing: 'Select the reasonable grounds decision',
  }),
  decidedOn: CalendarDate('when the decision was made', {
    missing: 'Enter the date of the decision',
    invalid: 'The date of the decision must be a real date',
  }),
})
export type ReasonableGroundsInput = Static<typeof ReasonableGroundsInput>
export const reasonableGroundsCheck = compileInput(ReasonableGroundsInput)

export const ConclusiveGroundsInput = Type.Object({
  decision: literals(keysOf(NRM_DECISIONS), 'the conclusive-grounds decision', {
    missing: 'Select the conclusive grounds decision',
  }),
  decidedOn: CalendarDate('when the decision was made', {
    missing: 'Enter the date of the decision',
    invalid: 'The date of the decision must be a real date',
  }),
  outcome: Type.Optional(
    Text({
      description: 'what followed for the child (support, a review asked for)',
      label: 'what followed',
      maxLength: 4000,
    }),
  ),
})
export type ConclusiveGroundsInput = Static<typeof ConclusiveGroundsInput>
export const conclusiveGroundsCheck = compileInput(ConclusiveGroundsInput)
