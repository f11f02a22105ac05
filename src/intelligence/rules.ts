// Pure: the partnership's standards (its own or the defaults), each item of a measure judged against
// its clock, and the items counted per LA and month into values with their RAG rating in words.

import type { OperatingModel, PartnershipConfig, PerformanceStandard } from '../partnership/config-schema.ts'
import type { MeasureDefinition } from '../partnership/measure-definitions.ts'
import { addWorkingDays, type IsoDate } from '../platform/calendar/working-days.ts'

export type Standard = PerformanceStandard
export type Rag = 'green' | 'amber' | 'red'

/** The standards every partnership starts from (Working Together timescales; England's published rates). */
export const DEFAULT_STANDARDS: readonly Standard[] = [
  {
    id: 'referral-decisions',
    title: 'Referral decisions within 1 working day',
    definition: 'referral-decision-within-1-working-day',
    target: 95,
    thresholds: { green: 95, amber: 85 },
    direction: 'higher-is-better',
  },
  {
    id: 'icpc-timeliness',
    title: 'Initial conferences within 15 working days of the strategy discussion',
    definition: 'icpc-within-15-working-days',
    target: 85,
    thresholds: { green: 85, amber: 75 },
    direction: 'higher-is-better',
  },
  {
    id: 'first-core-group',
    title: 'First core group within 10 working days of the initial conference',
    definition: 'first-core-group-within-10-working-days',
    target: 90,
    thresholds: { green: 90, amber: 80 },
    direction: 'higher-is-better',
  },
  {
    id: 'acknowledgements',
    title: 'Shared events acknowledged within the sharing target',
    definition: 'acknowledgement-within-sharing-target',
    target: 95,
    thresholds: { green: 95, amber: 85 },
    direction: 'higher-is-better',
  },
  {
    id: 're-referrals',
    title: 'Re-referrals within 12 months',
    definition: 're-referral-within-12-months',
    target: 22,
    thresholds: { green: 22, amber: 27 },
    direction: 'lower-is-better',
  },
  {
    id: 'repeat-plans',
    title: 'Second or subsequent child protection plans',
    definition: 'second-or-subsequent-plan',
    target: 23,
    thresholds: { green: 23, amber: 28 },
    direction: 'lower-is-better',
  },
  {
    id: 'records-circulated',
    title: 'Meeting records circulated within 1 working day',
    definition: 'record-circulated-within-1-working-day',
    target: 90,
    thresholds: { green: 90, amber: 80 },
    direction: 'higher-is-better',
  },
  {
    id: 'reviews-on-time',
    title: 'Review conferences held on time',
    definition: 'review-conference-on-time',
    target: 95,
    thresholds: { green: 95, amber: 85 },
    direction: 'higher-is-better',
  },
  {
    id: 'quoracy',
    title: 'Conferences quorate',
    definition: 'conference-quorate',
    target: 95,
    thresholds: { green: 95, amber: 90 },
    direction: 'higher-is-better',
  },
  {
    id: 'attendance',
    title: 'Agencies invited who attended the conference',
    definition: 'agency-attended-conference',
    target: 80,
    thresholds: { green: 80, amber: 70 },
    direction: 'higher-is-better',
  },
  {
    id: 'reports-before-conference',
    title: 'Agencies’ reports submitted in time to share with parents before the conference',
    definition: 'agency-report-before-conference',
    target: 80,
    thresholds: { green: 80, amber: 70 },
    direction: 'higher-is-better',
  },
  {
    id: 'long-plans',
    title: 'Plans ended that lasted 2 years or more',
    definition: 'plan-lasted-2-years-or-more',
    target: 4,
    thresholds: { green: 4, amber: 6 },
    direction: 'lower-is-better',
  },
  {
    id: 'bookings-on-time',
    title: 'Strategy discussions and conferences booked within their timescale',
    definition: 'meeting-booked-within-timescale',
    target: 90,
    thresholds: { green: 90, amber: 80 },
    direction: 'higher-is-better',
  },
  {
    id: 'disagreements-resolved-early',
    title: 'Professional disagreements resolved at stage 1 or 2',
    definition: 'disagreement-resolved-at-stage-1-or-2',
    target: 80,
    thresholds: { green: 80, amber: 70 },
    direction: 'higher-is-better',
  },
]

export const standardsOf = (partnership: PartnershipConfig): readonly Standard[] =>
  partnership.performance_standards ?? DEFAULT_STANDARDS

/** One row a measure's query found: a referral, an enquiry, a plan, an acknowledgement asked for. */
export interface Found {
  laId: string
  reference: string
  /** The London date the clock started (or the referral or plan began). */
  startedOn: IsoDate
  /** The London date it ended (decided, held, acknowledged) or, for a rate, the earlier one; null if none yet. */
  endedOn: IsoDate | null
  /** Where the query decides whether it counts itself (an acknowledgement's due time, a quorate conference). */
  inTime?: boolean | null
  /** Where the query gives the due date itself (a review's date, the day reports reach the parents). */
  dueOn?: IsoDate | null
  /** What the list shows beside it: the agency concerned (its id), or a late booking's reason. */
  note?: string | null
  /** The agencies whose part it is, for the measures counted per agency (`byAgency`). */
  parties?: string[]
}

export interface Item extends Found {
  month: string
  dueOn: IsoDate | null
  /** Whether it counts towards the value: met in time, or a repeat for a rate. */
  counted: boolean
}

/**
 * How a definition judges what its query found: by a working-day clock from its start, by a due date
 * the query found, by a yes or no the query decided (none yet: left out), or by whether an earlier
 * one exists.
 */
export type Judge =
  | { kind: 'clock'; workingDays: number }
  | { kind: 'due' }
  | {
      kind: 'in-time'
      /** The query decides against the time now (an acknowledgement's due time, within its `dueOn`). */
      runsOut?: true
    }
  | { kind: 'repeat' }

/** The item as the measure counts it; none while its clock is still running. */
export function judged(found: Found, judge: Judge, today: IsoDate): Item | undefined {
  const month = found.startedOn.slice(0, 7)
  if (judge.kind === 'repeat') return { ...found, month, dueOn: null, counted: found.endedOn !== null }
  if (judge.kind === 'in-time') {
    if (found.inTime === null || found.inTime === undefined) return undefined
    return { ...found, month, dueOn: null, counted: found.inTime }
  }
  const dueOn =
    judge.kind === 'due'
      ? (found.dueOn ?? found.startedOn)
      : addWorkingDays(found.startedOn, judge.workingDays)
  if (found.endedOn === null) return dueOn < today ? { ...found, month, dueOn, counted: false } : undefined
  return { ...found, month, dueOn, counted: found.endedOn <= dueOn }
}

/** How each definition is judged, and its list's columns in words. */
export interface Definition {
  judge: Judge
  reference: string
  started: string
  ended: string
  /** The question each item answers yes or no to. */
  counted: string
  /** Whether the reference is an agency's id (shown by its name). */
  agencyReference?: true
  /** The list's column for each item's note, and what it holds: an agency's id (shown by its name), a stage, words. */
  note?: { header: string; holds: 'agency' | 'stage' | 'words' }
  /** Measured per agency too: the dashboard filtered by an agency counts that agency's items only. */
  byAgency?: true
}

export const DEFINITIONS: Record<MeasureDefinition, Definition> = {
  'referral-decision-within-1-working-day': {
    judge: { kind: 'clock', workingDays: 1 },
    reference: 'Referral',
    started: 'Received',
    ended: 'Decided',
    counted: 'Decided within 1 working day',
  },
  'icpc-within-15-working-days': {
    judge: { kind: 'clock', workingDays: 15 },
    reference: 'Strategy discussion',
    started: 'Section 47 enquiry began',
    ended: 'Initial conference held',
    counted: 'Held within 15 working days',
  },
  'first-core-group-within-10-working-days': {
    judge: { kind: 'clock', workingDays: 10 },
    reference: 'Initial conference',
    started: 'Conference held',
    ended: 'First core group',
    counted: 'Within 10 working days',
  },
  'acknowledgement-within-sharing-target': {
    judge: { kind: 'in-time', runsOut: true },
    reference: 'Agency told',
    agencyReference: true,
    byAgency: true,
    started: 'Told',
    ended: 'Acknowledged',
    counted: 'Acknowledged within the sharing target',
  },
  're-referral-within-12-months': {
    judge: { kind: 'repeat' },
    reference: 'Referral',
    started: 'Received',
    ended: 'Previous referral',
    counted: 'Re-referral within 12 months',
  },
  'second-or-subsequent-plan': {
    judge: { kind: 'repeat' },
    reference: 'Initial conference',
    started: 'Plan began',
    ended: 'Previous plan began',
    counted: 'Second or subsequent plan',
  },
  'record-circulated-within-1-working-day': {
    judge: { kind: 'clock', workingDays: 1 },
    reference: 'Meeting',
    started: 'Held',
    ended: 'Record circulated',
    counted: 'Circulated within 1 working day',
  },
  'review-conference-on-time': {
    judge: { kind: 'due' },
    reference: 'Review conference',
    started: 'Due',
    ended: 'Held',
    counted: 'Held on time',
  },
  'conference-quorate': {
    judge: { kind: 'in-time' },
    reference: 'Conference',
    started: 'Met',
    ended: 'Decided',
    counted: 'Quorate',
  },
  'agency-attended-conference': {
    judge: { kind: 'in-time' },
    reference: 'Conference',
    started: 'Met',
    ended: 'Decided',
    counted: 'Attended',
    note: { header: 'Agency invited', holds: 'agency' },
    byAgency: true,
  },
  'agency-report-before-conference': {
    judge: { kind: 'due' },
    reference: 'Conference',
    started: 'Met',
    ended: 'Report submitted',
    counted: 'Submitted in time for the parents',
    note: { header: 'Agency invited', holds: 'agency' },
    byAgency: true,
  },
  'plan-lasted-2-years-or-more': {
    judge: { kind: 'in-time' },
    reference: 'Initial conference',
    started: 'Plan ended',
    ended: 'Plan began',
    counted: 'Lasted 2 years or more',
  },
  'meeting-booked-within-timescale': {
    judge: { kind: 'in-time' },
    reference: 'Meeting',
    started: 'Due by',
    ended: 'Booked for',
    counted: 'Booked within the timescale',
    note: { header: 'Reason given for a late booking', holds: 'words' },
  },
  'disagreement-resolved-at-stage-1-or-2': {
    judge: { kind: 'in-time' },
    reference: 'Raised by',
    agencyReference: true,
    started: 'Raised',
    ended: 'Resolved',
    counted: 'Resolved at stage 1 or 2',
    note: { header: 'Stage reached', holds: 'stage' },
    byAgency: true,
  },
}

/** The stages of a professional disagreement (src/escalation) in words. */
export const STAGE_WORDS: Record<string, string> = {
  '1': 'Stage 1: practitioners',
  '2': 'Stage 2: managers',
  '3': 'Stage 3: senior managers',
  '4': 'Stage 4: the partnership’s leads',
}

export interface Value {
  counted: number
  total: number
  /** The percentage to one decimal place; null when nothing was measured. */
  percent: number | null
  rag: Rag | null
}

export const measuredValue = (items: readonly Item[], standard: Standard): Value =>
  rated(items.filter((item) => item.counted).length, items.length, standard)

/** The value of `counted` out of `total`, with its rating against the standard. */
export function rated(counted: number, total: number, standard: Standard): Value {
  const percent = total === 0 ? null : Math.round((counted / total) * 1000) / 10
  return { counted, total, percent, rag: percent === null ? null : ragOf(percent, standard) }
}

/** The operating models (seed 000) in words, for the comparison between them. */
export const OPERATING_MODEL_WORDS: Record<OperatingModel, string> = {
  '1a': 'Model 1a: each LA screens its own referrals',
  '1b': 'Model 1b: each LA screens, police and health staff pooled',
  '2': 'Model 2: one multi-agency team for the partnership',
}

export function ragOf(percent: number, { direction, thresholds }: Standard): Rag {
  const atLeast = (limit: number) => (direction === 'higher-is-better' ? percent >= limit : percent <= limit)
  if (atLeast(thresholds.green)) return 'green'
  return atLeast(thresholds.amber) ? 'amber' : 'red'
}

export const RAG_WORDS: Record<Rag, string> = {
  green: 'Green: meets the standard',
  amber: 'Amber: close to the standard',
  red: 'Red: below the standard',
}

/** 'Target 95% or more', 'Target 22% or less'. */
export const targetInWords = ({ target, direction }: Standard) =>
  `${target}% or ${direction === 'higher-is-better' ? 'more' : 'less'}`

/** Months 'YYYY-MM' from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  let [year, month] = from.split('-').map(Number) as [number, number]
  for (let guard = 0; guard < 120; guard += 1) {
    const current = `${year}-${String(month).padStart(2, '0')}`
    if (current > to) break
    months.push(current)
    month += 1
    if (month > 12) [year, month] = [year + 1, 1]
  }
  return months
}

/** The month `n` months before `month` ('YYYY-MM'). */
export function monthsBefore(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number]
  const index = year * 12 + (m - 1) - n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

const MONTH_WORDS = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })

/** 'March 2026' from '2026-03'. */
export function monthInWords(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number]
  return MONTH_WORDS.format(new Date(Date.UTC(year, m - 1, 1)))
}
