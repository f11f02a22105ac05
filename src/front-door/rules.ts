// Pure decisions of the front door: routing, the queue's order, the 1-working-day clock, and checking
// a referral, a MAT contribution or a threshold decision: the schema (schemas.ts), then what the
// values mean. No I/O.

import { createHash } from 'node:crypto'
import { nhsNumberProblem, normaliseNhsNumber, normaliseUpn, upnProblem } from '../children/index.ts'
import {
  type LocalAuthority,
  laForPostcode,
  type OperatingModel,
  type PartnershipConfig,
  postcodeKeys,
} from '../partnership/config.ts'
import { MAT_AGENCY_KINDS } from '../platform/access/policy.ts'
import { type ClockState, clockStatus, referralDecisionDueBy } from '../platform/calendar/clocks.ts'
import { type IsoDate, toIsoDate, workingDaysBetween } from '../platform/calendar/working-days.ts'
import { type FieldProblem, fieldsOf, isCalendarDate, mergeProblems } from '../platform/http/schemas.ts'
import {
  CONSENTS,
  DecisionInput,
  decisionCheck,
  type MatAgencyKind,
  type MatContributionInput,
  matContributionCheck,
  OUTCOMES,
  type Outcome,
  type Queue,
  REFERRAL_FIELDS,
  type ReferralInput,
  type ReferralSource,
  type Route,
  referralCheck,
  type Urgency,
  WITHOUT_CONTRIBUTIONS_REASONS,
  type WithoutContributionsReason,
} from './schemas.ts'
import type { ReferralStatus } from './tables.ts'

/** The census code a referrer's agency most likely is, offered as the form's first choice. */
export function likelyReferralSource(agencyKind: string): ReferralSource {
  const byKind: Record<string, ReferralSource> = {
    education: '2A',
    health: '3F',
    police: '6',
    'local-authority': '5A',
  }
  return byKind[agencyKind] ?? '8'
}

export const ROUTE_LABELS: Record<Route, string> = {
  'la-screening': 'LA screening',
  mat: 'Multi-agency triage',
  'strategy-discussion': 'Strategy discussion',
  'out-of-hours': 'Out of hours',
}

/**
 * Whether a referral still waits for its child's record: until it is decided, and after a decision
 * for a strategy discussion until one is booked (booking needs the record, so while the referral is
 * unmatched none is).
 */
export function awaitsMatch(
  referral: { child_id: string | null; status: ReferralStatus },
  outcome: Outcome | undefined,
): boolean {
  if (referral.child_id) return false
  return referral.status !== 'decided' || outcome === 'strategy-discussion-s47'
}

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  'awaiting-screening': 'Waiting for screening',
  'in-triage': 'In multi-agency triage',
  'awaiting-strategy-discussion': 'Waiting for a strategy discussion',
  decided: 'Decided',
}

/**
 * What a referral's sender is told of its progress: waiting or decided. Nothing of the queue or the
 * front door's status, which follow the child's record (a live plan goes to a strategy discussion)
 * and so would tell the sender what masa knows about the child.
 */
export type SenderStatus = 'sent' | 'decided'

export const SENDER_STATUS_LABELS: Record<SenderStatus, string> = {
  sent: 'Waiting for a decision',
  decided: 'Decided',
}

export const senderStatus = (status: ReferralStatus): SenderStatus =>
  status === 'decided' ? 'decided' : 'sent'

const STATUS_OF_QUEUE: Record<Queue, ReferralStatus> = {
  'la-screening': 'awaiting-screening',
  mat: 'in-triage',
  'strategy-discussion': 'awaiting-strategy-discussion',
}

// ---------------------------------------------------------------------------
// Routing

export interface RoutingInput {
  model: OperatingModel
  hasLiveCpPlan: boolean
  urgency: Urgency
  receivedAt: Date
  la: LocalAuthority
  withinHours: boolean
}

export interface Routing {
  /** How the referral arrived: out-of-hours when the LA's front door was closed. */
  route: Route
  /** The work queue that decides it. */
  queue: Queue
  /** 0 goes first. */
  priority: number
  status: ReferralStatus
  decisionDueBy: IsoDate
  /** Who to call now, when the front door is closed. */
  outOfHours: { teamName: string; phone: string } | null
}

/**
 * Model 1a/1b: the child's LA screens. Model 2: multi-agency triage, except that a new concern
 * about a child on a live child protection plan goes straight to a strategy discussion (seed 000).
 */
export function queueFor(model: OperatingModel, hasLiveCpPlan: boolean): Queue {
  if (model !== '2') return 'la-screening'
  return hasLiveCpPlan ? 'strategy-discussion' : 'mat'
}

export function routeReferral(input: RoutingInput): Routing {
  const queue = queueFor(input.model, input.hasLiveCpPlan)
  const { team_name: teamName, phone } = input.la.out_of_hours
  return {
    route: input.withinHours ? queue : 'out-of-hours',
    queue,
    priority: input.urgency === 'urgent' ? 0 : 1,
    status: STATUS_OF_QUEUE[queue],
    decisionDueBy: referralDecisionDueBy(input.receivedAt),
    outOfHours: input.withinHours ? null : { teamName, phone },
  }
}

// ---------------------------------------------------------------------------
// Queues and the decision clock

export interface QueueItem {
  priority: number
  decisionDueBy: IsoDate
  receivedAt: Date
}

/** Urgent first, then the earliest decision due date, then the longest waiting. */
export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  if (a.priority !== b.priority) return a.priority - b.priority
  if (a.decisionDueBy !== b.decisionDueBy) return a.decisionDueBy < b.decisionDueBy ? -1 : 1
  return a.receivedAt.getTime() - b.receivedAt.getTime()
}

export type ClockTag = 'Urgent' | 'Overdue' | 'Due today'

export interface DecisionClock {
  state: ClockState
  tags: ClockTag[]
}

export function decisionClock(
  item: { urgency: Urgency; decisionDueBy: IsoDate },
  today: IsoDate,
): DecisionClock {
  const { state } = clockStatus(item.decisionDueBy, today)
  const tags: ClockTag[] = item.urgency === 'urgent' ? ['Urgent'] : []
  if (state === 'overdue') tags.push('Overdue')
  if (state === 'due-today') tags.push('Due today')
  return { state, tags }
}

export interface DecisionTiming {
  workingDaysTaken: number
  withinTimescale: boolean
}

/** Working days from the London date of receipt to the London date of decision, against the due date. */
export function decisionTiming(receivedAt: Date, decidedAt: Date, decisionDueBy: IsoDate): DecisionTiming {
  const decidedOn = toIsoDate(decidedAt)
  return {
    workingDaysTaken: workingDaysBetween(toIsoDate(receivedAt), decidedOn),
    withinTimescale: decidedOn <= decisionDueBy,
  }
}

// ---------------------------------------------------------------------------
// Multi-agency triage

export const isMatAgencyKind = (kind: string): kind is MatAgencyKind =>
  (MAT_AGENCY_KINDS as readonly string[]).includes(kind)

export const AGENCY_KIND_LABELS: Record<MatAgencyKind, string> = {
  'local-authority': "Children's social care",
  police: 'Police',
  health: 'Health',
  education: 'Education',
}

export function missingContributions(contributed: readonly string[]): MatAgencyKind[] {
  return MAT_AGENCY_KINDS.filter((kind) => !contributed.includes(kind))
}

/** Common lawful bases for sharing safeguarding information without consent (DOMAIN.md). */
export const LAWFUL_BASES = [
  'UK GDPR Article 6(1)(e) and Article 9(2)(g); DPA 2018 Schedule 1 paragraph 18 (safeguarding children)',
  'DPA 2018 Schedule 8 paragraph 4 (law enforcement: safeguarding children)',
  'Children Act 1989 section 47 (enquiries into significant harm)',
  'Children Act 2004 section 11 (duty to safeguard and promote welfare)',
] as const

// ---------------------------------------------------------------------------
// Threshold decisions

export const isOutcome = (value: string): value is Outcome => value in OUTCOMES

/** The levels of need each outcome fits: level 4 is statutory, level 3 targeted or s17, 1-2 below. */
export const LEVELS_FOR_OUTCOME: Record<Outcome, readonly number[]> = {
  'nfa-advice': [1, 2],
  'early-help': [2, 3],
  'cin-assessment-s17': [3],
  'strategy-discussion-s47': [4],
  'immediate-protection': [4],
}

export const formatReferralNumber = (number: number): string => `FD-${String(number).padStart(6, '0')}`

/** A fingerprint of a request body, so a replayed idempotency key can be told from a reused one. */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

// ---------------------------------------------------------------------------
// Checking an input: the schema the API runs (schemas.ts), then what the values mean

/** How long a second referral about the same child from the same sender is taken for a resubmission. */
export const RESUBMISSION_MINUTES = 10

/** A referral already sent, as the check for a resubmission compares it. */
export interface SentBefore {
  id: string
  number: number
  received_at: Date
  client_id: string
  idempotency_key: string
  child_nhs_number: string | null
  child_date_of_birth: string | null
  child_first_name: string
  child_last_name: string
}

/** A referral being sent: by whom, about which child, under which key, and when. */
export interface BeingSent {
  clientId: string
  child: {
    firstName: string
    lastName: string
    dateOfBirth?: string | undefined
    nhsNumber?: string | undefined
  }
  idempotencyKey: string
  receivedAt: Date
}

/**
 * The earliest referral the same sender sent in the last RESUBMISSION_MINUTES about the same child
 * (the same NHS number, or the same names and date of birth), other than this one under its own key.
 */
export function earlierAboutSameChild(sent: readonly SentBefore[], referral: BeingSent) {
  const since = referral.receivedAt.getTime() - RESUBMISSION_MINUTES * 60_000
  const { child } = referral
  const sameChild = (before: SentBefore) =>
    (child.nhsNumber !== undefined && before.child_nhs_number === child.nhsNumber) ||
    (child.dateOfBirth !== undefined &&
      before.child_date_of_birth === child.dateOfBirth &&
      before.child_first_name.toLowerCase() === child.firstName.toLowerCase() &&
      before.child_last_name.toLowerCase() === child.lastName.toLowerCase())
  const [earliest] = sent
    .filter(
      (before) =>
        before.client_id === referral.clientId &&
        before.idempotency_key !== referral.idempotencyKey &&
        before.received_at.getTime() >= since &&
        sameChild(before),
    )
    .sort((a, b) => a.received_at.getTime() - b.received_at.getTime() || a.number - b.number)
  return earliest && { id: earliest.id, number: earliest.number }
}

/** Everything wrong with a referral (normalised by normaliseReferral), in the form's order. */
export function referralProblems(
  input: ReferralInput,
  config: PartnershipConfig,
  today: IsoDate,
): FieldProblem[] {
  return mergeProblems(
    REFERRAL_FIELDS,
    referralCheck.problems(input),
    referralRuleProblems(input, config, today),
  )
}

export const matContributionProblems = (input: MatContributionInput): FieldProblem[] =>
  matContributionCheck.problems(input)

/**
 * Everything wrong with a threshold decision. `notContributed` are the agency kinds a multi-agency
 * triage still waits for: deciding without them needs a reason.
 */
export const decisionProblems = (
  input: Partial<DecisionInput>,
  notContributed: readonly MatAgencyKind[] = [],
): FieldProblem[] =>
  mergeProblems(fieldsOf(DecisionInput), decisionCheck.problems(input), [
    ...decisionRuleProblems(input),
    ...withoutContributionsProblems(input, notContributed),
  ])

/** The agency kinds a decision is taken without: those not contributed, in multi-agency triage only. */
export const decidedWithout = (queue: Queue, contributed: readonly string[]): MatAgencyKind[] =>
  queue === 'mat' ? missingContributions(contributed) : []

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
const PHONE = /^[+\d][\d\s()-]{5,}$/
const blank = (value: string | undefined) => !value || value.trim() === ''
const optional = (value: string | undefined) => (blank(value) ? undefined : value?.trim())

/**
 * Trims text, drops empty optional values and puts identifiers and postcodes in their stored form.
 * A form's missing text is kept as '' for the schema to name.
 */
export function normaliseReferral(input: ReferralInput): ReferralInput {
  const child = input.child ?? {}
  const referrer = input.referrer ?? {}
  const nhsNumber = optional(child.nhsNumber)
  const upn = optional(child.upn)
  return {
    ...input,
    child: {
      firstName: (child.firstName ?? '').trim(),
      lastName: (child.lastName ?? '').trim(),
      otherNames: optional(child.otherNames),
      dateOfBirth: optional(child.dateOfBirth),
      address: optional(child.address),
      postcode: optional(child.postcode)?.toUpperCase().replace(/\s+/g, ' '),
      school: optional(child.school),
      nhsNumber: nhsNumber && normaliseNhsNumber(nhsNumber),
      upn: upn && normaliseUpn(upn),
    },
    localAuthority: optional(input.localAuthority),
    lawfulBasisWithoutConsent:
      input.consent === 'given' ? undefined : optional(input.lawfulBasisWithoutConsent),
    referrer: {
      name: (referrer.name ?? '').trim(),
      role: (referrer.role ?? '').trim(),
      email: (referrer.email ?? '').trim().toLowerCase(),
      phone: optional(referrer.phone),
    },
  }
}

/** What makes a referral believable beyond its shape: real identifiers, a child's age, a known area. */
function referralRuleProblems(
  input: ReferralInput,
  config: PartnershipConfig,
  today: IsoDate,
): FieldProblem[] {
  return [...childProblems(input, today), ...areaProblems(input, config), ...consentAndContactProblems(input)]
}

function childProblems({ child }: ReferralInput, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = []
  const birth = child.dateOfBirth && dateOfBirthProblem(child.dateOfBirth, today)
  if (birth) problems.push({ field: 'child.dateOfBirth', text: birth })
  const nhs = child.nhsNumber && nhsNumberProblem(child.nhsNumber)
  if (nhs) problems.push({ field: 'child.nhsNumber', text: nhs })
  const upn = child.upn && upnProblem(child.upn)
  if (upn) problems.push({ field: 'child.upn', text: upn })
  return problems
}

export function dateOfBirthProblem(date: string, today: IsoDate): string | undefined {
  if (!isCalendarDate(date)) return 'Date of birth must be a real date'
  if (date > today) return 'Date of birth must be today or in the past'
  if (date <= `${Number(today.slice(0, 4)) - 18}${today.slice(4)}`)
    return 'Date of birth must be less than 18 years ago: this service is for children'
  return undefined
}

function areaProblems(input: ReferralInput, config: PartnershipConfig): FieldProblem[] {
  const { postcode } = input.child
  if (postcode && postcodeKeys(postcode).length === 0)
    return [{ field: 'child.postcode', text: 'Enter a real postcode, like LE1 6ZG' }]
  if (input.localAuthority) {
    if (config.local_authorities.some((la) => la.id === input.localAuthority)) return []
    return [{ field: 'localAuthority', text: 'Select the area the child lives in' }]
  }
  if (postcode && laForPostcode(config, postcode)) return []
  const text = postcode
    ? `This postcode is not in ${config.partnership.short_name}: select the area the child lives in`
    : 'Enter the child’s postcode, or select the area the child lives in'
  return [{ field: postcode ? 'localAuthority' : 'child.postcode', text }]
}

/** The stated area wins over the postcode: the referrer may know the child belongs to another LA. */
export function childLaId(input: ReferralInput, config: PartnershipConfig): string {
  if (input.localAuthority) return input.localAuthority
  const la = input.child.postcode ? laForPostcode(config, input.child.postcode) : undefined
  if (!la) throw new Error('childLaId called before referralProblems')
  return la.id
}

function consentAndContactProblems({ consent, lawfulBasisWithoutConsent, referrer }: ReferralInput) {
  const problems: FieldProblem[] = []
  if (consent in CONSENTS && consent !== 'given' && blank(lawfulBasisWithoutConsent))
    problems.push({
      field: 'lawfulBasisWithoutConsent',
      text: 'Enter the lawful basis for sharing this without the family’s consent',
    })
  if (!blank(referrer.email) && !EMAIL.test(referrer.email.trim()))
    problems.push({
      field: 'referrer.email',
      text: 'Enter an email address in the correct format, like name@example.org',
    })
  if (referrer.phone && !PHONE.test(referrer.phone.trim()))
    problems.push({ field: 'referrer.phone', text: 'Enter a phone number, like 01632 960 001' })
  return problems
}

/** Why a decision was taken before every agency had added its information, and which had not; in words too. */
export function withoutContributionsOf(decision: {
  without_contributions_reason: WithoutContributionsReason | null
  without_contributions_detail: string | null
  contributing_agency_kinds: readonly string[]
}) {
  const reason = decision.without_contributions_reason
  if (!reason) return undefined
  const missingAgencyKinds = missingContributions(decision.contributing_agency_kinds)
  return {
    reason,
    reasonLabel: WITHOUT_CONTRIBUTIONS_REASONS[reason],
    detail: decision.without_contributions_detail,
    missingAgencyKinds,
    missingLabels: missingAgencyKinds.map((kind) => AGENCY_KIND_LABELS[kind]),
  }
}

function withoutContributionsProblems(
  { withoutContributionsReason: reason, withoutContributionsDetail: detail }: Partial<DecisionInput>,
  notContributed: readonly MatAgencyKind[],
): FieldProblem[] {
  if (notContributed.length === 0) return []
  if (!reason) {
    const agencies = notContributed.map((kind) => AGENCY_KIND_LABELS[kind]).join(', ')
    return [
      {
        field: 'withoutContributionsReason',
        text: `Select why you are deciding before these agencies have added their information: ${agencies}`,
      },
    ]
  }
  if (reason === 'other' && blank(detail))
    return [
      {
        field: 'withoutContributionsDetail',
        text: 'Enter why you are deciding without the other agencies’ information',
      },
    ]
  return []
}

/** A level of need must fit the outcome (level 4 for a strategy discussion ...). */
function decisionRuleProblems({ outcome, levelOfNeed }: Partial<DecisionInput>): FieldProblem[] {
  if (!outcome || !isOutcome(outcome) || !levelOfNeed || LEVELS_FOR_OUTCOME[outcome].includes(levelOfNeed))
    return []
  return [
    {
      field: 'levelOfNeed',
      text: `Level ${levelOfNeed} does not fit “${OUTCOMES[outcome]}”: choose level ${LEVELS_FOR_OUTCOME[outcome].join(' or ')}`,
    },
  ]
}
