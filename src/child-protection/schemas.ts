// Child protection's inputs as TypeBox: each schema is the type (Static), the validation (the API's,
// compiled by Fastify) and the OpenAPI document in one. Pages map their forms onto the same shapes,
// then rules/ says what is missing or wrong in people's words.

import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { ActionSchema } from '../actions/index.ts'
import { InviteeSchema } from '../meetings/index.ts'
import { PART_MARKINGS, type PartMarking } from '../platform/access/policy.ts'
import { Uuid } from '../platform/http/schemas.ts'

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const IsoDate = Type.String({ format: 'date', description: 'a calendar date, YYYY-MM-DD' })
const Text = Type.String({ maxLength: 20_000 })
const AgencyId = Type.String()

// ---------------------------------------------------------------------------
// Strategy discussions: the choices

const STRATEGY_ORIGINS = ['threshold-decision', 'live-cp-plan', 'urgent'] as const
export type StrategyOrigin = (typeof STRATEGY_ORIGINS)[number]

export const MEETING_REASONS = [
  'exploitation',
  'allegation-against-staff',
  'pre-birth',
  'fabricated-or-induced-illness',
  'organised-abuse',
  'child-on-child',
  'unexplained-death',
  'nrm',
] as const
export type MeetingReason = (typeof MEETING_REASONS)[number]

export const STRATEGY_FORMATS = ['meeting', 'call'] as const
export type StrategyFormat = (typeof STRATEGY_FORMATS)[number]

export const STRATEGY_DECISIONS = [
  's47-single-agency',
  's47-joint',
  'cin-assessment',
  'early-help',
  'nfa',
  'immediate-protection',
] as const
export type StrategyDecision = (typeof STRATEGY_DECISIONS)[number]

const POLICE_DECISIONS = ['criminal-investigation', 'no-criminal-investigation', 'further-enquiries'] as const
export type PoliceDecision = (typeof POLICE_DECISIONS)[number]

const STRATEGY_STATUSES = ['requested', 'scheduled', 'recorded', 'signed-off', 'cancelled'] as const
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number]

// ---------------------------------------------------------------------------
// Strategy discussions: the inputs

export const DirectRequest = Type.Object(
  {
    childId: Uuid(),
    origin: literals(['live-cp-plan', 'urgent'] as const),
    concerns: Text,
    meetingReasons: Type.Array(literals(MEETING_REASONS)),
  },
  { additionalProperties: false },
)
export type DirectRequest = Static<typeof DirectRequest>

export const StrategyRequest = Type.Union([
  Type.Object({ referralId: Uuid() }, { additionalProperties: false }),
  DirectRequest,
])
export type StrategyRequest = Static<typeof StrategyRequest>

const meetingWhen = {
  date: IsoDate,
  time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
}

export const StrategySchedule = Type.Object(
  {
    ...meetingWhen,
    format: literals(STRATEGY_FORMATS),
    location: Type.String({ minLength: 1, maxLength: 500 }),
    meetingReasons: Type.Array(literals(MEETING_REASONS)),
    invitees: Type.Array(InviteeSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
)
export type ScheduleRequest = Static<typeof StrategySchedule>
export type ScheduleInput = Omit<ScheduleRequest, 'invitees'>

export const StrategyContribution = Type.Object(
  {
    recordsHeld: Text,
    risks: Text,
    strengths: Text,
    marking: Type.Optional(
      Type.Unsafe<PartMarking>({
        type: 'string',
        enum: [...PART_MARKINGS],
        description:
          'who may read it beyond the record’s readers: police may mark theirs police-only, health health-only; standard by default',
      }),
    ),
  },
  { additionalProperties: false },
)
export type ContributionInput = Static<typeof StrategyContribution>

const recordNarrative = {
  informationShared: Text,
  riskAnalysis: Text,
  decisionReasons: Text,
  familySharing: Text,
  familySharingOn: Nullable(IsoDate),
  actions: Type.Array(ActionSchema),
}

export const StrategyRecord = Type.Object(
  {
    attendance: Type.Array(Type.Object({ agencyId: AgencyId, attendee: Type.String({ maxLength: 200 }) })),
    ...recordNarrative,
    decision: literals(STRATEGY_DECISIONS),
    policeDecision: literals(POLICE_DECISIONS),
  },
  { additionalProperties: false },
)
export type StrategyRecord = Static<typeof StrategyRecord>

/** The record as the chair drafts it: a form may leave the decisions unselected (rules/ says so). */
const StrategyRecordDraft = Type.Object({
  attendingAgencyIds: Type.Array(AgencyId),
  attendeeNames: Type.Record(Type.String(), Type.String()),
  ...recordNarrative,
  decision: Nullable(literals(STRATEGY_DECISIONS)),
  policeDecision: Nullable(literals(POLICE_DECISIONS)),
})
export type RecordRequest = Static<typeof StrategyRecordDraft>
export type RecordInput = Omit<RecordRequest, 'attendeeNames'>

// ---------------------------------------------------------------------------
// Section 47 enquiries, conferences and plans: the choices

const CONFERENCE_KINDS = ['initial', 'review'] as const
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number]

const CONFERENCE_STATUSES = ['booked', 'decided', 'inquorate', 'cancelled'] as const
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number]

const CP_CATEGORIES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const
export type CpCategory = (typeof CP_CATEGORIES)[number]

const PLAN_END_REASONS = [
  'no-longer-at-risk',
  'moved-out-of-area',
  'became-looked-after',
  'turned-18',
  'died',
  'other',
] as const
export type PlanEndReason = (typeof PLAN_END_REASONS)[number]

const REVIEW_OUTCOMES = ['continue', 'end'] as const
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number]

const CLOSURE_KINDS = ['nfa-after-s47', 'no-cp-plan', 'plan-ended'] as const
export type ClosureKind = (typeof CLOSURE_KINDS)[number]

const RECHECK_ANSWERS = [
  'own-offer-applies',
  'continue-single-agency',
  'nothing-further',
  'disagree',
] as const
export type RecheckAnswer = (typeof RECHECK_ANSWERS)[number]

// ---------------------------------------------------------------------------
// Section 47 enquiries, conferences and plans: the inputs (from the pages)

export const Section47Conclusion = Type.Object({
  outcome: literals(['icpc', 'icpc-not-required'] as const),
  reasons: Text,
})
export type Section47Conclusion = Static<typeof Section47Conclusion>

const ConferenceBooking = Type.Object({
  ...meetingWhen,
  location: Type.String({ maxLength: 500 }),
  invitees: Type.Array(InviteeSchema),
})
export type BookingRequest = Static<typeof ConferenceBooking>
export type BookingInput = Omit<BookingRequest, 'invitees'>

export const Dissent = Type.Object({ agencyId: AgencyId, view: Text })
export type Dissent = Static<typeof Dissent>

/** An initial conference's decision, as the chair drafts it. */
const ConferenceDecision = Type.Object({
  cpPlan: Nullable(Type.Boolean()),
  category: Nullable(literals(CP_CATEGORIES)),
  reasons: Text,
  planSummary: Text,
  dissent: Type.Array(Dissent),
  coreGroupAgencyIds: Type.Array(AgencyId),
  coreGroupFirstMeetingOn: Nullable(IsoDate),
})
export type DecisionInput = Static<typeof ConferenceDecision>

/** A review conference's decision, as the chair drafts it. */
const ReviewDecision = Type.Object({
  outcome: Nullable(literals(REVIEW_OUTCOMES)),
  category: Nullable(literals(CP_CATEGORIES)),
  reasons: Text,
  endReason: Nullable(literals(PLAN_END_REASONS)),
})
export type ReviewInput = Static<typeof ReviewDecision>

/** What the chair records: attendance, and then either a new date (inquorate) or the decision. */
export const ConferenceRecord = Type.Object({
  attendingAgencyIds: Type.Array(AgencyId),
  interimPlan: Text,
  newDate: IsoDate,
  decision: ConferenceDecision,
  review: ReviewDecision,
})
export type ConferenceRecord = Static<typeof ConferenceRecord>

const RecheckAnswerBody = Type.Object({
  answer: Nullable(literals(RECHECK_ANSWERS)),
  notes: Text,
})
export type RecheckAnswerInput = Static<typeof RecheckAnswerBody>
