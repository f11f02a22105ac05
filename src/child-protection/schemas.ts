// Child protection's inputs as TypeBox: each schema is the type (Static), the validation (the API's,
// compiled by Fastify) and the OpenAPI document in one. Pages map their forms onto the same shapes,
// then rules/ says what is missing or wrong in people's words.

import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { ActionSchema } from '../actions/index.ts'
import { InviteeSchema } from '../meetings/index.ts'
import { PART_MARKINGS } from '../platform/access/policy.ts'
import { CalendarDate, compileInput, fieldMessages, literals, Text, Uuid } from '../platform/http/schemas.ts'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const AgencyId = Type.String({ description: 'an agency’s id in the partnership configuration' })
/** The longest free text a meeting's record takes in one field. */
const LONG = 20_000
/** Free text a person must write: `missing` says what to enter. */
const Written = (label: string, missing?: string) =>
  Text({ description: label, label, maxLength: LONG, ...(missing ? { missing } : {}) })

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
    childId: Uuid('the child’s id'),
    origin: literals(['live-cp-plan', 'urgent'] as const, 'why the discussion is needed now', {
      missing: 'Select why the strategy discussion is needed',
    }),
    concerns: Written('the concerns', 'Enter the concerns that need a strategy discussion'),
    meetingReasons: Type.Array(literals(MEETING_REASONS, 'a concern that calls for a meeting, not a call')),
  },
  { additionalProperties: false },
)
export type DirectRequest = Static<typeof DirectRequest>
export const directRequestCheck = compileInput(DirectRequest)

export const StrategyRequest = Type.Union([
  Type.Object({ referralId: Uuid('the decided referral’s id') }, { additionalProperties: false }),
  DirectRequest,
])
export type StrategyRequest = Static<typeof StrategyRequest>

const meetingWhen = (what: string) => ({
  date: CalendarDate(`the date of the ${what}`, {
    missing: `Enter the date of the ${what}`,
    invalid: `The date of the ${what} must be a real date`,
  }),
  time: Text({
    description: 'the time, hh:mm on the 24-hour clock',
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
    missing: 'Enter the time as hh:mm, like 14:30',
    invalid: 'Enter the time as hh:mm, like 14:30',
  }),
})

/** Why a meeting is booked for after the day it is due by: asked only then (meetings' lateBookingProblem). */
const LateReason = Type.Optional(
  Text({
    description: 'why it is booked after its due date; needed only then',
    label: 'the reason it is late',
    maxLength: 2000,
  }),
)

/** Who chairs the meeting: someone the access policy lets chair it; may wait until a chair is known. */
const ChairUserId = Type.Optional(
  Uuid(
    'the user who chairs it: someone who may chair this child’s meetings; left out while no chair is known',
    {
      invalid: 'Select someone who may chair the meeting',
    },
  ),
)

const Invitees = fieldMessages(Type.Array(InviteeSchema, { minItems: 1 }), {
  missing: 'Select who to invite',
  invalid: 'Select who to invite',
})

export const StrategySchedule = Type.Object(
  {
    ...meetingWhen('discussion'),
    format: literals(STRATEGY_FORMATS, 'a meeting or a call', { missing: 'Select meeting or call' }),
    location: Text({
      description: 'the place, or the link for a virtual meeting',
      label: 'the place or link',
      maxLength: 500,
      missing: 'Enter the place, or the link for a virtual meeting',
    }),
    meetingReasons: Type.Array(literals(MEETING_REASONS, 'a concern that calls for a meeting, not a call')),
    invitees: Invitees,
    lateReason: LateReason,
    chairUserId: ChairUserId,
  },
  { additionalProperties: false },
)
export type ScheduleRequest = Static<typeof StrategySchedule>
export type ScheduleInput = Omit<ScheduleRequest, 'invitees'>
export const scheduleCheck = compileInput(StrategySchedule)

export const StrategyContribution = Type.Object(
  {
    recordsHeld: Written(
      'what your agency’s records hold',
      'Enter what your agency’s records hold, or “nothing known”',
    ),
    risks: Written('the risks', 'Enter the risks your agency sees'),
    strengths: Written('the strengths', 'Enter the strengths your agency sees'),
    marking: Type.Optional(
      literals(
        PART_MARKINGS,
        'who may read it beyond the record’s readers: police may mark theirs police-only, health health-only; standard by default',
        { invalid: 'Choose who may read it from the choices your agency has' },
      ),
    ),
  },
  { additionalProperties: false },
)
export type ContributionInput = Static<typeof StrategyContribution>
export const contributionCheck = compileInput(StrategyContribution)

/** The child's wishes and feelings in their own words: asked on a strategy discussion's record and at core groups. */
const ChildWords = Type.Optional(
  Text({
    description: 'the child’s wishes and feelings in their own words, or how they were sought',
    label: 'the child’s own words',
    maxLength: 5_000,
  }),
)
/** The child's own words as kept: trimmed, or none. */
export const childWordsOf = (input: { childWords?: string }) => input.childWords?.trim() || null

export const StrategyRecord = Type.Object(
  {
    attendance: Type.Array(
      Type.Object({
        agencyId: AgencyId,
        attendee: Text({ description: 'who attended for the agency', label: 'the name', maxLength: 200 }),
      }),
    ),
    informationShared: Written('the information shared', 'Enter the information shared'),
    riskAnalysis: Written('the analysis of risk', 'Enter the analysis of risk'),
    decision: literals(STRATEGY_DECISIONS, 'the decision', { missing: 'Select the decision' }),
    decisionReasons: Written('the reasons for the decision', 'Enter the reasons for the decision'),
    policeDecision: literals(POLICE_DECISIONS, 'the police investigation decision', {
      missing: 'Select the police investigation decision',
    }),
    familySharing: Written(
      'what will be shared with the family',
      'Enter what will be shared with the family, or why not yet',
    ),
    familySharingOn: fieldMessages(Nullable(CalendarDate('when the family will be told')), {
      invalid: 'The date the family will be told must be a real date',
    }),
    childWords: ChildWords,
    actions: Type.Array(ActionSchema),
  },
  { additionalProperties: false },
)
export type StrategyRecord = Static<typeof StrategyRecord>
export const strategyRecordCheck = compileInput(StrategyRecord)

/** The record as its rules read it: who attended by agency, and the decisions perhaps not yet made. */
export type RecordInput = Omit<StrategyRecord, 'attendance' | 'decision' | 'policeDecision'> & {
  attendingAgencyIds: string[]
  decision: StrategyDecision | null
  policeDecision: PoliceDecision | null
}

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
  outcome: literals(['icpc', 'icpc-not-required'] as const, 'whether an initial conference is needed', {
    missing: 'Select whether an initial conference is needed',
  }),
  reasons: Written('the outcome of the enquiry', 'Enter the outcome of the enquiry'),
})
export type Section47Conclusion = Static<typeof Section47Conclusion>
export const section47ConclusionCheck = compileInput(Section47Conclusion)

const ConferenceBooking = Type.Object({
  ...meetingWhen('conference'),
  location: Text({
    description: 'the place, or the link for a virtual conference',
    label: 'the place or link',
    maxLength: 500,
    missing: 'Enter the place, or the link for a virtual conference',
  }),
  invitees: Invitees,
  lateReason: LateReason,
  chairUserId: ChairUserId,
})
export type BookingRequest = Static<typeof ConferenceBooking>
export type BookingInput = Omit<BookingRequest, 'invitees'>
export const bookingCheck = compileInput(ConferenceBooking)

export const ConferenceReport = Type.Object({
  report: Written('your agency’s report', 'Enter your agency’s report for the conference'),
})
export const conferenceReportCheck = compileInput(ConferenceReport)

/**
 * Text the chair writes when the conference calls for it: the page sends it blank otherwise, and the
 * rules say when it is missing.
 */
const Drafted = (label: string) => Type.Optional(Written(label))

export const Dissent = Type.Object({ agencyId: AgencyId, view: Written('the dissenting agency’s view') })
export type Dissent = Static<typeof Dissent>

const Category = Nullable(literals(CP_CATEGORIES, 'the category of abuse'))

/** An initial conference's decision, as the chair drafts it. */
const ConferenceDecision = Type.Object({
  cpPlan: Nullable(Type.Boolean()),
  category: Category,
  reasons: Drafted('the reasons'),
  planSummary: Drafted('the outline plan'),
  dissent: Type.Array(Dissent),
  coreGroupAgencyIds: Type.Array(AgencyId),
  coreGroupFirstMeetingOn: fieldMessages(Nullable(CalendarDate('the first core group meeting')), {
    invalid: 'The date of the first core group meeting must be a real date',
  }),
})
export type DecisionInput = Required<Static<typeof ConferenceDecision>>

/** A review conference's decision, as the chair drafts it. */
const ReviewDecision = Type.Object({
  outcome: Nullable(literals(REVIEW_OUTCOMES, 'whether the plan continues or ends')),
  category: Category,
  reasons: Drafted('the reasons'),
  endReason: Nullable(literals(PLAN_END_REASONS, 'why the plan ends')),
})
export type ReviewInput = Required<Static<typeof ReviewDecision>>

/** What the chair records: attendance, and then either a new date (inquorate) or the decision. */
export const ConferenceRecord = Type.Object({
  attendingAgencyIds: Type.Array(AgencyId),
  interimPlan: Drafted('the interim plan'),
  newDate: Type.Optional(CalendarDate('the new date', { invalid: 'The new date must be a real date' })),
  decision: ConferenceDecision,
  review: ReviewDecision,
})
export type ConferenceRecord = Omit<
  Static<typeof ConferenceRecord>,
  'interimPlan' | 'decision' | 'review'
> & {
  interimPlan: string
  decision: DecisionInput
  review: ReviewInput
}
export const conferenceRecordCheck = compileInput(ConferenceRecord)

export const RecheckAnswerBody = Type.Object({
  answer: literals(RECHECK_ANSWERS, 'your agency’s answer', { missing: 'Select your agency’s answer' }),
  notes: Drafted('the notes'),
})
export type RecheckAnswerInput = Required<Static<typeof RecheckAnswerBody>>
export const recheckAnswerCheck = compileInput(RecheckAnswerBody)

// ---------------------------------------------------------------------------
// The conference's record, its family participants, reports for the parents, core group meetings

export const PARTICIPANT_ROLES = ['parent', 'child', 'advocate'] as const
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number]

export const REPORT_FOR_PARENTS = ['share', 'withhold'] as const
export type ReportForParents = (typeof REPORT_FOR_PARENTS)[number]

/** A parent, the child (by age and understanding) or an advocate, invited to the conference. */
export const ParticipantInvitation = Type.Object({
  role: literals(PARTICIPANT_ROLES, 'a parent, the child or an advocate', {
    missing: 'Select whether you are inviting a parent, the child or an advocate',
  }),
  name: Text({ description: 'their name', label: 'their name', maxLength: 200, missing: 'Enter their name' }),
  relationship: Text({
    description: 'who they are to the child, in words (mother, the child’s advocate)',
    label: 'who they are to the child',
    maxLength: 200,
    missing: 'Enter who they are to the child, for example mother or the child’s advocate',
  }),
})
export type ParticipantInvitation = Static<typeof ParticipantInvitation>
export const participantInvitationCheck = compileInput(ParticipantInvitation)

/** The chair or business support, having read an agency's report: whether the parents get it. */
export const ReportReview = Type.Object({
  forParents: literals(REPORT_FOR_PARENTS, 'whether the report is shared with the parents', {
    missing: 'Select whether the report can be shared with the parents',
  }),
  withheldReason: Drafted('why it is withheld'),
})
export type ReportReview = Static<typeof ReportReview>
export const reportReviewCheck = compileInput(ReportReview)

/** What a participant said, in their own words, and whether they came. */
const ParticipantViews = Type.Object({
  participantId: Uuid('the participant'),
  attended: Type.Boolean(),
  views: Drafted('their views, in their own words'),
})

/** The chair's record of the conference, beside its decision. */
export const ConferenceMinutes = Type.Object({
  discussion: Written('what the conference discussed', 'Enter what the conference discussed'),
  riskAnalysis: Written('the analysis of risk', 'Enter the conference’s analysis of risk'),
  participants: Type.Array(ParticipantViews),
})
export type ConferenceMinutes = Static<typeof ConferenceMinutes>
export const conferenceMinutesCheck = compileInput(ConferenceMinutes)

/** A core group meeting: who came, progress on each of the plan's outcomes, outcomes newly agreed. */
export const CoreGroupMeeting = Type.Object({
  heldOn: CalendarDate('the date of the meeting', {
    missing: 'Enter the date of the meeting',
    invalid: 'The date of the meeting must be a real date',
  }),
  attendingAgencyIds: Type.Array(AgencyId),
  progress: Type.Array(Type.Object({ outcomeId: Uuid('the outcome'), progress: Drafted('the progress') })),
  newOutcomes: Type.Array(Written('an outcome the plan works towards')),
  childWords: ChildWords,
})
export type CoreGroupMeeting = Static<typeof CoreGroupMeeting>
export const coreGroupMeetingCheck = compileInput(CoreGroupMeeting)
