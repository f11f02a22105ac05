// A referral to the multi-agency child exploitation (MACE) meeting as TypeBox: one schema for the
// form, the API and OpenAPI.

import { type Static, Type } from '@sinclair/typebox'
import { ActionSchema } from '../actions/index.ts'
import { CalendarDate, compileInput, keysOf, literals, Text, Uuid } from '../platform/http/schemas.ts'

export const MaceReferralInput = Type.Object({
  reason: Text({
    description: 'why the child should be discussed at MACE, in the referrer’s words',
    label: 'why you are referring the child',
    maxLength: 4000,
    missing: 'Enter why you are referring the child to MACE',
  }),
  screeningId: Type.Optional(
    Uuid('the exploitation screening whose next step is a MACE referral, when the referral comes from one'),
  ),
})
export type MaceReferralInput = Static<typeof MaceReferralInput>
export const maceReferralCheck = compileInput(MaceReferralInput)

/** The risk level MACE agrees for a child. */
export const RISK_LEVELS = { low: 'Low', medium: 'Medium', high: 'High' } as const
export type RiskLevel = keyof typeof RISK_LEVELS

/** A child's discussion at a MACE meeting: the meeting, what was discussed, the risk level, the actions. */
export const MaceDiscussionInput = Type.Object({
  meetingId: Uuid('the MACE meeting of the child’s LA the child was discussed at', {
    missing: 'Select the meeting the child was discussed at',
    invalid: 'Select the meeting the child was discussed at',
  }),
  discussion: Text({
    description: 'what MACE discussed about the child',
    label: 'the discussion',
    maxLength: 20_000,
    missing: 'Enter what was discussed',
  }),
  riskLevel: literals(keysOf(RISK_LEVELS), 'the risk level agreed', {
    missing: 'Select the risk level agreed',
  }),
  actions: Type.Array(ActionSchema, { maxItems: 20, description: 'the actions agreed, each with its owner' }),
  reviewOn: Type.Optional(
    CalendarDate(
      'when MACE reviews the child again, after the meeting; none when MACE closes the child’s case',
      {
        invalid: 'The review date must be a real date',
      },
    ),
  ),
})
export type MaceDiscussionInput = Static<typeof MaceDiscussionInput>
export const maceDiscussionCheck = compileInput(MaceDiscussionInput)
