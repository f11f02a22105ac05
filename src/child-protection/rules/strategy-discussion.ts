// Pure decisions about strategy discussions: quoracy, when a meeting (not a call) is needed, what a
// complete record holds, when things are due, and the discussion's status as a reduction over its
// actions. No I/O.

import { actionProblems } from '../../actions/index.ts'
import { type InvitationReply, invitationsQuorumProblem, type QuoracyRule } from '../../meetings/index.ts'
import type { AgencyKind } from '../../partnership/config.ts'
import { markingsFor, type PartMarking } from '../../platform/access/policy.ts'
import { icpcDueBy, strategyRecordCirculationDueBy } from '../../platform/calendar/clocks.ts'
import { addWorkingDays, type IsoDate, isWorkingDay } from '../../platform/calendar/working-days.ts'
import type { FieldProblem } from '../../platform/http/schemas.ts'
import type {
  ContributionInput,
  MeetingReason,
  PoliceDecision,
  RecordInput,
  ScheduleInput,
  StrategyDecision,
  StrategyFormat,
  StrategyOrigin,
  StrategyStatus,
} from '../schemas.ts'

export const STRATEGY_STATUS_LABELS: Record<StrategyStatus, string> = {
  requested: 'To book',
  scheduled: 'Booked',
  recorded: 'Recorded, waiting for sign-off',
  'signed-off': 'Signed off',
  cancelled: 'Cancelled',
}

// ---------------------------------------------------------------------------
// How a strategy discussion starts

export const STRATEGY_ORIGIN_LABELS: Record<StrategyOrigin, string> = {
  'threshold-decision': 'Threshold decision at the front door',
  'live-cp-plan': 'New concern about a child with a live child protection plan',
  urgent: 'Urgent request',
}

// Many areas hold the discussion within 1 working day of the decision to hold one; an urgent request
// is due the same (working) day.
export function strategyDiscussionDueBy(requestedOn: IsoDate, origin: StrategyOrigin): IsoDate {
  return addWorkingDays(requestedOn, origin === 'urgent' ? 0 : 1)
}

// ---------------------------------------------------------------------------
// Meeting or call

export const MEETING_REASON_LABELS: Record<MeetingReason, string> = {
  exploitation: 'Child exploitation',
  'allegation-against-staff': 'Allegation against a member of staff or volunteer',
  'pre-birth': 'Pre-birth concerns',
  'fabricated-or-induced-illness': 'Fabricated or induced illness',
  'organised-abuse': 'Organised or complex abuse',
  'child-on-child': 'Child-on-child abuse',
  'unexplained-death': 'Unexpected or unexplained death of a child',
  nrm: 'Modern slavery or trafficking (National Referral Mechanism)',
}

const isMeetingRequired = (reasons: readonly MeetingReason[]): boolean => reasons.length > 0

function formatProblem(format: StrategyFormat, reasons: readonly MeetingReason[]): FieldProblem | null {
  if (format === 'call' && isMeetingRequired(reasons)) {
    const named = reasons.map((reason) => (MEETING_REASON_LABELS[reason] ?? reason).toLowerCase()).join(', ')
    return { field: 'format', text: `Hold a meeting, not a call: the concerns include ${named}` }
  }
  return null
}

// ---------------------------------------------------------------------------
// Quoracy: LA social care, police and health at minimum

export const STRATEGY_CORE_KINDS = [
  'local-authority',
  'police',
  'health',
] as const satisfies readonly AgencyKind[]

export const CORE_KIND_LABELS: Record<(typeof STRATEGY_CORE_KINDS)[number], string> = {
  'local-authority': 'LA children’s social care',
  police: 'Police',
  health: 'Health',
}

export interface StrategyQuoracy {
  quorate: boolean
  missing: (typeof STRATEGY_CORE_KINDS)[number][]
}

export function strategyQuoracy(kinds: readonly AgencyKind[]): StrategyQuoracy {
  const missing = STRATEGY_CORE_KINDS.filter((kind) => !kinds.includes(kind))
  return { quorate: missing.length === 0, missing }
}

export interface InvitationSummary {
  agencyKind: AgencyKind
  reply: InvitationReply
  contributed: boolean
}

/** The quorum as meetings ask it: the core kinds of agency missing, or null. */
const strategyQuorum: QuoracyRule<AgencyKind> = (kinds) => strategyQuoracy(kinds).missing.join(', ') || null

/** A strategy discussion's invitations must include social care, police and health. */
export const strategyInviteesProblem = (kinds: readonly AgencyKind[]): FieldProblem | null =>
  invitationsQuorumProblem(
    strategyQuorum,
    kinds,
    (missing) => `Invite at least children’s social care, police and health (missing: ${missing})`,
  )

/** Quoracy before the meeting: from who has been invited and who has said they will come. */
export function expectedQuoracy(invitations: readonly InvitationSummary[]) {
  return {
    invited: strategyQuoracy(invitations.map((i) => i.agencyKind)),
    accepted: strategyQuoracy(invitations.filter((i) => i.reply === 'accepted').map((i) => i.agencyKind)),
  }
}

// ---------------------------------------------------------------------------
// Scheduling

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function scheduleProblems(input: ScheduleInput, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!ISO_DATE.test(input.date)) problems.push({ field: 'date', text: 'Enter the date of the discussion' })
  else if (input.date < today)
    problems.push({ field: 'date', text: 'The date must be today or in the future' })
  else if (!isWorkingDay(input.date))
    problems.push({ field: 'date', text: 'The date must be a working day (not a weekend or bank holiday)' })
  if (!CLOCK.test(input.time)) problems.push({ field: 'time', text: 'Enter the time as hh:mm, like 14:30' })
  if (!input.location.trim())
    problems.push({ field: 'location', text: 'Enter the place, or the link for a virtual meeting' })
  const format = formatProblem(input.format, input.meetingReasons)
  if (format) problems.push(format)
  return problems
}

// ---------------------------------------------------------------------------
// Contributions before the meeting

export const MARKING_LABELS: Readonly<Record<PartMarking, string>> = {
  standard: 'Everyone who may read the record',
  'police-only': 'Police only',
  'health-only': 'Health only',
}

export function contributionProblems(input: ContributionInput, kind: AgencyKind = 'other'): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (input.marking && !markingsFor(kind).includes(input.marking))
    problems.push({ field: 'marking', text: 'Choose who may read it from the choices your agency has' })
  if (!input.recordsHeld.trim())
    problems.push({ field: 'recordsHeld', text: 'Enter what your agency’s records hold, or “nothing known”' })
  if (!input.risks.trim()) problems.push({ field: 'risks', text: 'Enter the risks your agency sees' })
  if (!input.strengths.trim())
    problems.push({ field: 'strengths', text: 'Enter the strengths your agency sees' })
  return problems
}

// ---------------------------------------------------------------------------
// The record

export const STRATEGY_DECISION_LABELS: Record<StrategyDecision, string> = {
  's47-single-agency': 'Section 47 enquiry, single-agency (social care)',
  's47-joint': 'Section 47 enquiry, joint with police',
  'cin-assessment': 'No section 47: child in need assessment (section 17)',
  'early-help': 'Early help',
  nfa: 'No further action',
  'immediate-protection': 'Immediate protective action',
}

const startsSection47 = (decision: StrategyDecision): boolean =>
  decision === 's47-single-agency' || decision === 's47-joint'

export const POLICE_DECISION_LABELS: Record<PoliceDecision, string> = {
  'criminal-investigation': 'Criminal investigation',
  'no-criminal-investigation': 'No criminal investigation',
  'further-enquiries': 'Police to make further enquiries before deciding',
}

/** What stops a record being saved (or signed off), given the meeting date and agency kinds by id. */
export function recordProblems(
  input: RecordInput,
  meetingDate: IsoDate,
  kindOf: (agencyId: string) => AgencyKind | undefined,
): FieldProblem[] {
  const kinds = input.attendingAgencyIds.map(kindOf).filter((kind) => kind !== undefined)
  const problems: FieldProblem[] = [...attendanceProblems(kinds), ...narrativeProblems(input)]
  if (input.decision === 's47-joint' && !kinds.includes('police'))
    problems.push({ field: 'decision', text: 'A joint section 47 enquiry needs police at the discussion' })
  if (input.familySharingOn && input.familySharingOn < meetingDate)
    problems.push({ field: 'familySharingOn', text: 'The family cannot be told before the discussion' })
  input.actions.forEach((action, index) => {
    problems.push(...actionProblems(action, index + 1, { date: meetingDate, name: 'the discussion' }, kindOf))
  })
  return problems
}

/** An attendee's field as the record's form names it: 'attendance[0].attendee' -> 'attendee-<agency>'. */
export const attendeeFormField =
  (attendance: readonly { agencyId: string }[]) =>
  (field: string): string => {
    const [, index] = /^attendance\[(\d+)\]\.attendee$/.exec(field) ?? []
    const agencyId = index === undefined ? undefined : attendance[Number(index)]?.agencyId
    return agencyId ? `attendee-${agencyId}` : field
  }

function attendanceProblems(kinds: AgencyKind[]): FieldProblem[] {
  const { quorate, missing } = strategyQuoracy(kinds)
  if (quorate) return []
  const named = missing.map((kind) => CORE_KIND_LABELS[kind]).join(', ')
  return [
    { field: 'attendance', text: `A strategy discussion needs ${named} to attend: record who attended` },
  ]
}

function narrativeProblems(input: RecordInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!input.informationShared.trim())
    problems.push({ field: 'informationShared', text: 'Enter the information shared' })
  if (!input.riskAnalysis.trim()) problems.push({ field: 'riskAnalysis', text: 'Enter the analysis of risk' })
  if (!input.decision) problems.push({ field: 'decision', text: 'Select the decision' })
  if (!input.decisionReasons.trim())
    problems.push({ field: 'decisionReasons', text: 'Enter the reasons for the decision' })
  if (!input.policeDecision)
    problems.push({ field: 'policeDecision', text: 'Select the police investigation decision' })
  if (!input.familySharing.trim())
    problems.push({
      field: 'familySharing',
      text: 'Enter what will be shared with the family, or why not yet',
    })
  return problems
}

// ---------------------------------------------------------------------------
// Due dates that follow from the discussion

export const recordCirculationDueBy = (meetingDate: IsoDate): IsoDate =>
  strategyRecordCirculationDueBy(meetingDate)

/** The ICPC clock starts only at a discussion where section 47 enquiries began. */
export function icpcDueAfter(meetingDate: IsoDate, decision: StrategyDecision): IsoDate | null {
  return startsSection47(decision) ? icpcDueBy(meetingDate) : null
}

// ---------------------------------------------------------------------------
// Status: a reduction over what has happened to the discussion

export type StrategyStep = 'requested' | 'scheduled' | 'record-saved' | 'signed-off' | 'cancelled'

const ALLOWED: Record<StrategyStep, readonly (StrategyStatus | null)[]> = {
  requested: [null],
  scheduled: ['requested', 'scheduled'],
  'record-saved': ['scheduled', 'recorded'],
  'signed-off': ['recorded'],
  cancelled: ['requested', 'scheduled'],
}

const RESULT: Record<StrategyStep, StrategyStatus> = {
  requested: 'requested',
  scheduled: 'scheduled',
  'record-saved': 'recorded',
  'signed-off': 'signed-off',
  cancelled: 'cancelled',
}

export class StepRefused extends Error {}

export function applyStrategyStep(status: StrategyStatus | null, step: StrategyStep): StrategyStatus {
  if (!ALLOWED[step].includes(status))
    throw new StepRefused(
      `A strategy discussion that is ${status ?? 'new'} cannot be ${step.replace('-', ' ')}`,
    )
  return RESULT[step]
}

/** Agencies add their information before the record is written; after that it is part of the record. */
export const mayContribute = (status: StrategyStatus): boolean =>
  status === 'requested' || status === 'scheduled'
