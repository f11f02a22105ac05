// Pure decisions about child protection conferences: quoracy, the conference's dates, the decision,
// review cycles, how a plan ends, and the feedback loop when an agency closes its part. No I/O.

import { invitationsQuorumProblem, type QuoracyRule } from '../../meetings/index.ts'
import type { AgencyKind } from '../../partnership/config.ts'
import {
  coreGroupFirstMeetingDueBy,
  firstReviewConferenceDueBy,
  inquorateRescheduleBy,
  nextReviewConferenceDueBy,
  parentReportsDueBy,
} from '../../platform/calendar/clocks.ts'
import { type IsoDate, isWorkingDay } from '../../platform/calendar/working-days.ts'
import type { FieldProblem } from '../../platform/http/schemas.ts'
import type {
  BookingInput,
  ClosureKind,
  ConferenceKind,
  ConferenceStatus,
  CpCategory,
  DecisionInput,
  PlanEndReason,
  RecheckAnswer,
  ReviewInput,
} from '../schemas.ts'

export const CONFERENCE_STATUS_LABELS: Record<ConferenceStatus, string> = {
  booked: 'Booked',
  decided: 'Decided',
  inquorate: 'Inquorate',
  cancelled: 'Cancelled',
}

export const CONFERENCE_KIND_LABELS: Record<ConferenceKind, string> = {
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
}

// ---------------------------------------------------------------------------
// Quoracy: social care plus at least 2 other agencies with direct involvement; health counts as one

const OTHER_AGENCIES_NEEDED = 2

export interface ConferenceAttendee {
  agencyId: string
  kind: AgencyKind
  directInvolvement: boolean
}

export interface ConferenceQuoracy {
  quorate: boolean
  socialCare: boolean
  otherAgencies: number
}

export function conferenceQuoracy(attendees: readonly ConferenceAttendee[]): ConferenceQuoracy {
  const socialCare = attendees.some((a) => a.kind === 'local-authority')
  const others = new Set(
    attendees
      .filter((a) => a.kind !== 'local-authority' && a.directInvolvement)
      .map((a) => (a.kind === 'health' ? 'health' : a.agencyId)),
  )
  return {
    quorate: socialCare && others.size >= OTHER_AGENCIES_NEEDED,
    socialCare,
    otherAgencies: others.size,
  }
}

export function describeQuoracy(q: ConferenceQuoracy): string {
  if (q.quorate) return 'Quorate'
  const needs = [
    q.socialCare ? null : 'children’s social care',
    q.otherAgencies >= OTHER_AGENCIES_NEEDED
      ? null
      : `${OTHER_AGENCIES_NEEDED - q.otherAgencies} more agency with direct involvement (health counts once)`,
  ].filter(Boolean)
  return `Not quorate: needs ${needs.join(' and ')}`
}

// ---------------------------------------------------------------------------
// Dates

/** Reports are shared with parents 3 working days before an ICPC and 5 before a review. */
export const reportsToParentsDueBy = (conferenceDate: IsoDate, kind: ConferenceKind): IsoDate =>
  parentReportsDueBy(conferenceDate, kind)

export const coreGroupDueBy = (icpcDate: IsoDate): IsoDate => coreGroupFirstMeetingDueBy(icpcDate)

/** The next review: 3 months after the ICPC, then at most 6 months after the last review held. */
export function reviewDueBy(icpcDate: IsoDate, reviewsHeld: readonly IsoDate[]): IsoDate {
  const last = [...reviewsHeld].sort().at(-1)
  return last ? nextReviewConferenceDueBy(last) : firstReviewConferenceDueBy(icpcDate)
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/

// CIN census rules 8870Q/8875: a conference is never held on a weekend (nor, here, a bank holiday).
export function bookingProblems(input: BookingInput, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!ISO_DATE.test(input.date)) problems.push({ field: 'date', text: 'Enter the date of the conference' })
  else if (input.date < today)
    problems.push({ field: 'date', text: 'The date must be today or in the future' })
  else if (!isWorkingDay(input.date))
    problems.push({ field: 'date', text: 'The date must be a working day (not a weekend or bank holiday)' })
  if (!CLOCK.test(input.time)) problems.push({ field: 'time', text: 'Enter the time as hh:mm, like 10:00' })
  if (!input.location.trim())
    problems.push({ field: 'location', text: 'Enter the place, or the link for a virtual conference' })
  return problems
}

// ---------------------------------------------------------------------------
// Inquorate conferences

export function rescheduleProblems(
  inquorateDate: IsoDate,
  newDate: IsoDate,
  interimPlan: string,
): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!interimPlan.trim())
    problems.push({
      field: 'interimPlan',
      text: 'Enter the interim plan to keep the child safe until the new date',
    })
  const latest = inquorateRescheduleBy(inquorateDate)
  if (!ISO_DATE.test(newDate)) problems.push({ field: 'newDate', text: 'Enter the new date' })
  else if (newDate <= inquorateDate || newDate > latest)
    problems.push({
      field: 'newDate',
      text: `The new date must be after ${inquorateDate} and no later than ${latest}`,
    })
  else if (!isWorkingDay(newDate))
    problems.push({
      field: 'newDate',
      text: 'The new date must be a working day (not a weekend or bank holiday)',
    })
  return problems
}

// ---------------------------------------------------------------------------
// The decision

export const CP_CATEGORY_LABELS: Record<CpCategory, string> = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  SAB: 'Sexual abuse',
  EMO: 'Emotional abuse',
  MUL: 'Multiple categories',
}

export function decisionProblems(input: DecisionInput, conferenceDate: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (input.cpPlan === null)
    problems.push({
      field: 'cpPlan',
      text: 'Select whether the child will be subject to a child protection plan',
    })
  if (!input.reasons.trim()) problems.push({ field: 'reasons', text: 'Enter the reasons for the decision' })
  input.dissent.forEach((d, i) => {
    if (!d.view.trim())
      problems.push({ field: `dissent-${i + 1}`, text: 'Enter the dissenting agency’s view' })
  })
  if (input.cpPlan) problems.push(...planProblems(input, conferenceDate))
  return problems
}

function planProblems(input: DecisionInput, conferenceDate: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!input.category) problems.push({ field: 'category', text: 'Select the category of abuse' })
  if (!input.planSummary.trim())
    problems.push({ field: 'planSummary', text: 'Enter the outline child protection plan' })
  if (input.coreGroupAgencyIds.length === 0)
    problems.push({ field: 'coreGroup', text: 'Select the agencies in the core group' })
  const latest = coreGroupDueBy(conferenceDate)
  const first = input.coreGroupFirstMeetingOn
  if (!first || !ISO_DATE.test(first))
    problems.push({
      field: 'coreGroupFirstMeetingOn',
      text: 'Enter the date of the first core group meeting',
    })
  else if (first < conferenceDate || first > latest)
    problems.push({
      field: 'coreGroupFirstMeetingOn',
      text: `The first core group meeting must be no later than ${latest} (10 working days after the conference)`,
    })
  return problems
}

// ---------------------------------------------------------------------------
// A plan's end

export const PLAN_END_REASON_LABELS: Record<PlanEndReason, string> = {
  'no-longer-at-risk': 'No longer at continuing risk of significant harm',
  'moved-out-of-area': 'Moved to another local authority (plan transferred)',
  'became-looked-after': 'Became looked after',
  'turned-18': 'Reached 18',
  died: 'Died',
  other: 'Other reason',
}

// ---------------------------------------------------------------------------
// The feedback loop (seed 000, model 2): an agency closes its part, the others re-check theirs

export const CLOSURE_KIND_LABELS: Record<ClosureKind, string> = {
  'nfa-after-s47': 'Social care: no further action after the section 47 enquiry',
  'no-cp-plan': 'Conference decided no child protection plan',
  'plan-ended': 'Child protection plan ended',
}

export const RECHECK_ANSWER_LABELS: Record<RecheckAnswer, string> = {
  'own-offer-applies': 'Our threshold is met: we will offer early help or our own support',
  'continue-single-agency': 'We continue our existing single-agency support',
  'nothing-further': 'Nothing further for our agency',
  disagree: 'We disagree with the closure and will escalate',
}

/** Everyone involved except the agency that closed its part is asked to re-check, each once. */
export function partnersToRecheck(involvedAgencyIds: readonly string[], closingAgencyId: string): string[] {
  return [...new Set(involvedAgencyIds)].filter((id) => id !== closingAgencyId).sort()
}

// ---------------------------------------------------------------------------
// What the chair records

/** Inquorate: reschedule, unless the last was inquorate too; then the chair decides with those present. */
export const mustReschedule = (quoracy: ConferenceQuoracy, previousWasInquorate: boolean): boolean =>
  !quoracy.quorate && !previousWasInquorate

export function reviewProblems(input: ReviewInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!input.outcome)
    problems.push({ field: 'reviewOutcome', text: 'Select whether the plan continues or ends' })
  if (!input.reasons.trim()) problems.push({ field: 'reasons', text: 'Enter the reasons for the decision' })
  if (input.outcome === 'end' && !input.endReason)
    problems.push({ field: 'endReason', text: 'Select why the plan ends' })
  return problems
}

/** The quorum as meetings ask it: what is missing, or null. */
const conferenceQuorum: QuoracyRule<ConferenceAttendee> = (attendees) => {
  const quoracy = conferenceQuoracy(attendees)
  return quoracy.quorate ? null : describeQuoracy(quoracy)
}

/** Invitations to a conference must make it possible to be quorate. */
export const invitedQuoracyProblem = (invited: readonly ConferenceAttendee[]): FieldProblem | null =>
  invitationsQuorumProblem(
    conferenceQuorum,
    invited,
    (missing) => `Invite enough agencies to be quorate. ${missing}`,
  )
