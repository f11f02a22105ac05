// Professional disagreements' inputs and answers as TypeBox: a disagreement as raised (one schema
// for the form, the API and OpenAPI), a stage's record, and a disagreement as the API gives it.

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, compileInput, fieldMessages, literals, Text, Uuid } from '../platform/http/schemas.ts'

/** What a disagreement is about: a decision recorded in masa, or something outside it. */
export const ABOUT = {
  'threshold-decision': 'A threshold decision on a referral',
  'strategy-outcome': 'The outcome of a strategy discussion',
  's47-outcome': 'The outcome of a section 47 enquiry',
  'conference-decision': 'A child protection conference decision',
  'plan-ending': 'A child protection plan ending',
  'information-not-shared': 'Information not shared',
  'service-not-provided': 'A service not provided',
  'outside-masa': 'Something not recorded in this service',
} as const
export type AboutKind = keyof typeof ABOUT
export const ABOUT_KINDS = Object.keys(ABOUT) as AboutKind[]

export const STAGE_OUTCOMES = ['resolved', 'escalated'] as const
export type StageOutcome = (typeof STAGE_OUTCOMES)[number]

const Choice = (description: string, missing: string) =>
  fieldMessages(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64, description }), {
    missing,
    invalid: missing,
  })

export const DisagreementInput = Type.Object({
  about: literals(ABOUT_KINDS, `what the disagreement is about: one of ${ABOUT_KINDS.join(', ')}`, {
    missing: 'Select what you disagree with',
    invalid: 'Select what you disagree with',
  }),
  aboutId: Type.Optional(
    Uuid('the record in this service the decision is on (the referral, strategy discussion ...)', {
      invalid: 'The decision you disagree with could not be found',
    }),
  ),
  otherAgencyId: Choice(
    'the id of the agency you disagree with, as the partnership configuration names it',
    'Select the agency you disagree with',
  ),
  reasonId: Choice('the id of the reason, from the partnership’s list', 'Select the reason'),
  detail: Text({
    description: 'what the disagreement is and why, in the raiser’s own words',
    label: 'what you disagree with and why',
    maxLength: 4000,
    missing: 'Enter what you disagree with and why',
  }),
})
export type DisagreementInput = Static<typeof DisagreementInput>

export const StageInput = Type.Object({
  who: Text({
    description: 'who took part at this stage, by name and agency',
    label: 'who took part',
    maxLength: 1000,
    missing: 'Enter who took part',
  }),
  discussed: Text({
    description: 'what was discussed and agreed',
    label: 'what was discussed',
    maxLength: 4000,
    missing: 'Enter what was discussed',
  }),
  outcome: literals(STAGE_OUTCOMES, "'resolved', or 'escalated' to the next stage", {
    missing: 'Select whether the disagreement was resolved',
    invalid: 'Select whether the disagreement was resolved',
  }),
})
export type StageInput = Static<typeof StageInput>

/** The period a report counts: the disagreements raised from `from` to `to`, both included; either may be left open. */
export const ReportPeriod = Type.Object({
  from: Type.Optional(
    CalendarDate('the first day of the period (disagreements raised on or after it)', {
      invalid: 'Enter a real date for the start of the period (from), like 1 4 2026',
    }),
  ),
  to: Type.Optional(
    CalendarDate('the last day of the period (disagreements raised on or before it)', {
      invalid: 'Enter a real date for the end of the period (to), like 31 3 2027',
    }),
  ),
})
export type ReportPeriod = Static<typeof ReportPeriod>
export const reportPeriodCheck = compileInput(ReportPeriod)

export const DisagreementAnswer = Type.Object({
  id: Type.String(),
  childId: Type.String(),
  about: Type.String(),
  aboutId: Type.Union([Type.String(), Type.Null()]),
  raisedBy: Type.String(),
  raiserAgencyId: Type.String(),
  otherAgencyId: Type.String(),
  reason: Type.Object({ id: Type.String(), label: Type.String() }),
  detail: Type.String(),
  stage: Type.Integer({ minimum: 1, maximum: 4 }),
  stageDueBy: Type.String({ format: 'date' }),
  raisedAt: Type.String({ format: 'date-time' }),
  resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  stages: Type.Array(
    Type.Object({
      stage: Type.Integer(),
      who: Type.String(),
      discussed: Type.String(),
      outcome: Type.Union(STAGE_OUTCOMES.map((outcome) => Type.Literal(outcome))),
      recordedAt: Type.String({ format: 'date-time' }),
    }),
  ),
})
export type DisagreementAnswer = Static<typeof DisagreementAnswer>
