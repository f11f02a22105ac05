// Serious incidents' forms as TypeBox (type and validation in one): the incident, the decision to
// notify the Panel, each step of the rapid review, an agency's part, a recommendation and the
// commissioning of a local child safeguarding practice review.

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, compileInput, keysOf, literals, Text } from '../platform/http/schemas.ts'
import { ABUSE_OR_NEGLECT, DECISIONS, HARM, LCSPR } from './rules.ts'

const long = (description: string, label: string, missing: string) =>
  Text({ description, label, missing, maxLength: 20_000 })
const date = (description: string, missing: string) =>
  CalendarDate(description, { missing, invalid: 'Enter a real date' })

export const IncidentInput = Type.Object({
  learnedOn: date('the day the local authority learned of the incident', 'Enter the date you learned of it'),
  abuseOrNeglect: literals(keysOf(ABUSE_OR_NEGLECT), 'whether abuse or neglect is known or suspected', {
    missing: 'Select whether abuse or neglect is known or suspected',
    invalid: 'Select whether abuse or neglect is known or suspected',
  }),
  harm: literals(keysOf(HARM), 'whether the child died or was seriously harmed', {
    missing: 'Select whether the child died or was seriously harmed',
    invalid: 'Select whether the child died or was seriously harmed',
  }),
  whatHappened: long('what happened', 'what happened', 'Enter what happened'),
})
export type IncidentInput = Static<typeof IncidentInput>
export const incidentCheck = compileInput(IncidentInput)

export const DecisionInput = Type.Object({
  decision: literals(keysOf(DECISIONS), 'whether to notify the Panel', {
    missing: 'Select whether to notify the Panel',
    invalid: 'Select whether to notify the Panel',
  }),
  decisionReason: long('why', 'the reason', 'Enter the reason for the decision'),
})
export type DecisionInput = Static<typeof DecisionInput>
export const decisionCheck = compileInput(DecisionInput)

export const NotifiedInput = Type.Object({
  notifiedOn: date('the day the notification was sent to the Panel', 'Enter the date it was sent'),
})
export const notifiedCheck = compileInput(NotifiedInput)

export const InviteInput = Type.Object({
  agencyIds: Type.Array(Type.String({ maxLength: 100 }), {
    minItems: 1,
    description: 'the agencies invited to give their chronology and immediate learning',
  }),
  dueOn: Type.Optional(
    date(
      'when their parts are due (by default 3 working days before the meeting)',
      'Enter when their parts are due',
    ),
  ),
})
export const inviteCheck = compileInput(InviteInput)

/** Another day an invited agency's part is due by: its reminders start again. */
export const PartDueInput = Type.Object({
  agencyId: Type.String({ maxLength: 100, description: 'the invited agency' }),
  newDueOn: date('the new day its part is due by', 'Enter when its part is due'),
})
export const partDueCheck = compileInput(PartDueInput)

export const PartInput = Type.Object({
  chronology: long(
    'the agency’s chronology of its work with the child',
    'your chronology',
    'Enter your agency’s chronology',
  ),
  immediateLearning: long(
    'what the agency has learned at once',
    'your immediate learning',
    'Enter your agency’s immediate learning',
  ),
})
export type PartInput = Static<typeof PartInput>
export const partCheck = compileInput(PartInput)

export const MeetingInput = Type.Object({
  meetingOn: date('the day of the rapid review meeting', 'Enter the date of the meeting'),
  meetingTime: Type.Optional(
    Text({
      description: 'its start time, 24-hour, London (10:00 if none is given)',
      pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
      invalid: 'Enter a time like 09:30',
      maxLength: 5,
    }),
  ),
})
export const meetingCheck = compileInput(MeetingInput)

export const AttendanceInput = Type.Object({
  agencyIds: Type.Array(Type.String({ maxLength: 100 }), {
    description: 'the agencies that attended the rapid review meeting',
  }),
})
export const attendanceCheck = compileInput(AttendanceInput)

export const RecordInput = Type.Object({
  facts: long('the facts of the case', 'the facts', 'Enter the facts'),
  immediateActions: long(
    'the immediate safeguarding actions taken',
    'the immediate safeguarding actions',
    'Enter the immediate safeguarding actions',
  ),
  learning: long('the learning identified', 'the learning', 'Enter the learning identified'),
  lcspr: literals(keysOf(LCSPR), 'the recommendation on a local child safeguarding practice review', {
    missing: 'Select whether a local child safeguarding practice review is recommended',
    invalid: 'Select whether a local child safeguarding practice review is recommended',
  }),
  lcsprReason: long('why', 'the reason', 'Enter why'),
})
export type RecordInput = Static<typeof RecordInput>
export const recordCheck = compileInput(RecordInput)

export const SentInput = Type.Object({
  sentOn: date('the day the rapid review was sent to the Panel', 'Enter the date it was sent'),
})
export const sentCheck = compileInput(SentInput)

export const ReplyInput = Type.Object({
  reply: long('what the Panel replied', 'the Panel’s reply', 'Enter the Panel’s reply'),
  repliedOn: date('the day the Panel replied', 'Enter the date of the reply'),
})
export const replyCheck = compileInput(ReplyInput)

export const RecommendationInput = Type.Object({
  description: long('what is to be done', 'the recommendation', 'Enter the recommendation'),
  ownerAgencyId: Text({
    description: 'the agency that owns it',
    missing: 'Select the agency that owns it',
    invalid: 'Select the agency that owns it',
    maxLength: 100,
  }),
  dueBy: date('when it is due', 'Enter the due date'),
})
export type RecommendationInput = Static<typeof RecommendationInput>
export const recommendationCheck = compileInput(RecommendationInput)

export const CommissionInput = Type.Object({
  decidedOn: date('the day the review was decided on', 'Enter the date of the decision'),
  reviewer: Text({
    description: 'the independent reviewer',
    label: 'the reviewer',
    missing: 'Enter the reviewer',
    maxLength: 200,
  }),
  termsOfReference: long('the terms of reference', 'the terms of reference', 'Enter the terms of reference'),
  methodology: long('the methodology', 'the methodology', 'Enter the methodology'),
  familyInvolvement: long(
    'how the family is involved',
    'the family’s involvement',
    'Enter how the family will be involved',
  ),
  milestones: Type.Optional(
    Text({ description: 'the milestones', label: 'the milestones', maxLength: 20_000 }),
  ),
})
export type CommissionInput = Static<typeof CommissionInput>
export const commissionCheck = compileInput(CommissionInput)

export const PublicationInput = Type.Object({
  publishedOn: date('the day the review was published', 'Enter the date it was published'),
})
export const publicationCheck = compileInput(PublicationInput)

export const MilestoneInput = Type.Object({
  title: Text({
    description: 'the milestone',
    label: 'the milestone',
    missing: 'Enter the milestone',
    maxLength: 500,
  }),
  dueOn: date('when the milestone is due', 'Enter the date it is due'),
})
export type MilestoneInput = Static<typeof MilestoneInput>
export const milestoneCheck = compileInput(MilestoneInput)

export const MilestoneMetInput = Type.Object({
  milestoneId: Text({ description: 'the milestone met', missing: 'Select the milestone', maxLength: 100 }),
  metOn: date('the day the milestone was met', 'Enter the date it was met'),
})
export const milestoneMetCheck = compileInput(MilestoneMetInput)

export const DraftInput = Type.Object({
  body: Text({
    description: 'the draft of the review, as written or pasted from the reviewer’s document',
    label: 'the draft',
    missing: 'Enter the draft',
    maxLength: 200_000,
  }),
  note: Type.Optional(
    Text({ description: 'what changed in this draft', label: 'what changed', maxLength: 2_000 }),
  ),
})
export type DraftInput = Static<typeof DraftInput>
export const draftCheck = compileInput(DraftInput)

export const PanelCopyInput = Type.Object({
  sentOn: date('the day the published review was sent to the Panel', 'Enter the date it was sent'),
})
export const panelCopyCheck = compileInput(PanelCopyInput)

export const ImpactInput = Type.Object({
  actionId: Text({
    description: 'the recommendation’s action',
    missing: 'Select the recommendation',
    maxLength: 100,
  }),
  evidence: long(
    'the evidence that practice changed',
    'the evidence of impact',
    'Enter the evidence of impact',
  ),
  evidencedOn: date('the day the impact was evidenced', 'Enter the date of the evidence'),
})
export type ImpactInput = Static<typeof ImpactInput>
export const impactCheck = compileInput(ImpactInput)

export const ThemesInput = Type.Object({
  themes: Type.Array(Type.String({ maxLength: 100 }), {
    description: 'the themes of the partnership’s list the incident is tagged with',
  }),
})
export const themesCheck = compileInput(ThemesInput)

// ---------------------------------------------------------------------------
// The read-only API (api.ts): incidents' status and deadlines, recommendations' progress. No child named.

const day = (description: string) => Type.Union([Type.String({ format: 'date', description }), Type.Null()])

export const IncidentStatus = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String({ description: 'what people quote, for example SI-1001' }),
  laId: Type.String({ description: 'the child’s local authority, whose duty it is to notify the Panel' }),
  learnedOn: Type.String({ format: 'date', description: 'the day the LA learned of the incident' }),
  next: Type.String({ description: 'what is due next, in words' }),
  nextDueBy: day('when what is due next is due, if anything is due of the LA'),
  notifyBy: Type.String({
    format: 'date',
    description: 'the Panel is notified by this day (5 working days)',
  }),
  decision: Type.Union([Type.Literal('notify'), Type.Literal('do-not-notify'), Type.Null()]),
  notifiedOn: day('the day the Panel was notified'),
  rapidReviewDueBy: day('the rapid review is sent to the Panel by this day (15 working days)'),
  rapidReviewSentOn: day('the day the rapid review was sent to the Panel'),
  panelRepliedOn: day('the day the Panel replied'),
  lcspr: Type.Union([Type.Literal('recommended'), Type.Literal('not-recommended'), Type.Null()]),
  themes: Type.Array(Type.String(), { description: 'ids of the partnership’s learning themes' }),
  practiceReview: Type.Union([
    Type.Object({
      decidedOn: Type.String({ format: 'date' }),
      publishBy: Type.String({ format: 'date', description: '6 months after the decision' }),
      draftVersion: Type.Integer({ description: 'the current draft’s version; 0 before any' }),
      signedOffOn: day('the day the last of the three lead partners signed off the current draft'),
      publishedOn: day('the day it was published'),
      panelCopySentOn: day('the day the published review was sent to the Panel'),
    }),
    Type.Null(),
  ]),
})
export type IncidentStatus = Static<typeof IncidentStatus>

export const RecommendationStatus = Type.Object({
  incidentId: Type.String({ format: 'uuid' }),
  reference: Type.String({ description: 'the serious incident’s reference' }),
  description: Type.String(),
  ownerAgencyId: Type.String(),
  dueBy: Type.String({ format: 'date' }),
  status: Type.Union([
    Type.Literal('open'),
    Type.Literal('due-today'),
    Type.Literal('overdue'),
    Type.Literal('done'),
  ]),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  impact: Type.Union([
    Type.Object({ evidence: Type.String(), evidencedOn: Type.String({ format: 'date' }) }),
    Type.Null(),
  ]),
})
export type RecommendationStatus = Static<typeof RecommendationStatus>
