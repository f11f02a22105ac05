// Professional disagreements' rules, pure: the partnership's settings with their defaults, the four
// stages and who each tells, each stage's due date in working days, a disagreement as sent checked
// against the partnership's lists, and the report by stage reached, agency, reason and time to resolve.

import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Role } from '../platform/access/actor.ts'
import {
  addWorkingDays,
  type IsoDate,
  toIsoDate,
  workingDaysBetween,
} from '../platform/calendar/working-days.ts'
import { govukDate } from '../platform/http/dates.ts'
import { checkedInput, compileInput, type FieldProblem, mergeProblems } from '../platform/http/schemas.ts'
import {
  type AboutKind,
  DisagreementInput,
  type ReportPeriod,
  reportPeriodCheck,
  StageInput,
} from './schemas.ts'

export const STAGE_NUMBERS = [1, 2, 3, 4] as const
export type StageNumber = (typeof STAGE_NUMBERS)[number]

interface Stage {
  title: string
  /** Who takes part, in words. */
  who: string
  /** Whom masa tells when the disagreement reaches the stage: these roles in the parties' agencies… */
  partyRoles: readonly Role[]
  /** …and these roles of the partnership's (its business unit, its scrutineer), whatever their agency. */
  partnershipRoles: readonly Role[]
}

const PRACTITIONERS: readonly Role[] = [
  'front-door-screener',
  'mat-practitioner',
  'police-public-protection',
  'mace-coordinator',
  'lado',
]

export const STAGES: Readonly<Record<StageNumber, Stage>> = {
  1: {
    title: 'Practitioner to practitioner',
    who: 'the practitioners involved talk it through',
    partyRoles: PRACTITIONERS,
    partnershipRoles: [],
  },
  2: {
    title: 'Managers',
    who: 'each practitioner’s manager or safeguarding lead',
    partyRoles: ['safeguarding-manager', 'strategy-discussion-chair'],
    partnershipRoles: [],
  },
  3: {
    title: 'Senior managers',
    who: 'senior managers of both agencies, with the partnership’s business unit copied in',
    partyRoles: ['safeguarding-manager', 'conference-chair'],
    partnershipRoles: ['partnership-admin'],
  },
  4: {
    title: 'Partnership leads',
    who: 'the partnership’s lead safeguarding partners or its independent scrutineer',
    partyRoles: [],
    partnershipRoles: ['partnership-admin', 'independent-scrutineer'],
  },
}

export interface Reason {
  id: string
  label: string
}

/** Used when the partnership's file has no escalation section, or leaves a part of it out. */
export const DEFAULT_REASONS: readonly Reason[] = [
  { id: 'threshold-not-met', label: 'The threshold for a service was not thought to be met' },
  { id: 'child-protection-not-invoked', label: 'Child protection procedures were not started' },
  { id: 'single-or-joint', label: 'A single-agency rather than a joint response' },
  { id: 'information-sharing', label: 'Information was not shared' },
  { id: 'service-provision', label: 'A service was not provided or was ended' },
  { id: 'assessment-outcome', label: 'The outcome of an assessment' },
]
export const DEFAULT_WORKING_DAYS: Readonly<Record<StageNumber, number>> = { 1: 5, 2: 5, 3: 5, 4: 10 }

export interface EscalationSettings {
  reasons: readonly Reason[]
  workingDays: Readonly<Record<StageNumber, number>>
}

export function escalationSettings(partnership: PartnershipConfig): EscalationSettings {
  const own = partnership.escalation
  const days = own?.stage_working_days
  return {
    reasons: own?.reasons ?? DEFAULT_REASONS,
    workingDays: days
      ? { 1: days.stage_1, 2: days.stage_2, 3: days.stage_3, 4: days.stage_4 }
      : DEFAULT_WORKING_DAYS,
  }
}

/**
 * The day a stage must be resolved or escalated by: its timescale in working days after the day it
 * started (that day never counts; a stage started on a weekend or bank holiday counts from the next
 * working day).
 */
export const stageDueBy = (settings: EscalationSettings, stage: StageNumber, startedOn: IsoDate): IsoDate =>
  addWorkingDays(startedOn, settings.workingDays[stage])

export const isStage = (stage: number): stage is StageNumber => stage >= 1 && stage <= 4

export const nextStage = (stage: StageNumber): StageNumber | undefined =>
  stage < 4 ? ((stage + 1) as StageNumber) : undefined

/** Where a disagreement stands today. */
export type DisagreementState = 'resolved' | 'open' | 'out-of-time'

export function disagreementState(
  d: { resolvedOn: IsoDate | null; stageDueBy: IsoDate },
  today: IsoDate,
): DisagreementState {
  if (d.resolvedOn) return 'resolved'
  return d.stageDueBy < today ? 'out-of-time' : 'open'
}

// ---------------------------------------------------------------------------
// Input

const disagreementCheck = compileInput(DisagreementInput)
const stageCheck = compileInput(StageInput)
const DISAGREEMENT_FIELDS = ['about', 'otherAgencyId', 'reasonId', 'detail']

/** Decisions recorded in masa name the record they are on. */
const ABOUT_A_RECORD: ReadonlySet<AboutKind> = new Set<AboutKind>([
  'threshold-decision',
  'strategy-outcome',
  's47-outcome',
  'conference-decision',
  'plan-ending',
])

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] }

/** The schema, then the meaning: an agency of the partnership (not the raiser's own), a listed reason. */
export function checkDisagreement(
  value: unknown,
  partnership: PartnershipConfig,
  raiserAgencyId: string,
): Checked<DisagreementInput> {
  const schema = disagreementCheck.problems(value)
  if (!disagreementCheck.fits(value))
    return { ok: false, problems: mergeProblems(DISAGREEMENT_FIELDS, schema) }
  const meaning: FieldProblem[] = []
  if (!partnership.agencies.some((agency) => agency.id === value.otherAgencyId))
    meaning.push({ field: 'otherAgencyId', text: 'Select the agency you disagree with' })
  else if (value.otherAgencyId === raiserAgencyId)
    meaning.push({ field: 'otherAgencyId', text: 'Select another agency than your own' })
  if (!escalationSettings(partnership).reasons.some((reason) => reason.id === value.reasonId))
    meaning.push({ field: 'reasonId', text: 'Select the reason' })
  const problems = mergeProblems(DISAGREEMENT_FIELDS, schema, meaning)
  if (problems.length > 0) return { ok: false, problems }
  const aboutId = ABOUT_A_RECORD.has(value.about) ? value.aboutId : undefined
  return { ok: true, value: { ...value, aboutId, detail: value.detail.trim() } }
}

export function checkStage(value: unknown, stage: StageNumber): Checked<StageInput> {
  const schema = stageCheck.problems(value)
  const last =
    stageCheck.fits(value) && value.outcome === 'escalated' && stage === 4
      ? [
          {
            field: 'outcome',
            text: 'Stage 4 is the last: record the outcome the partnership’s leads decided',
          },
        ]
      : []
  const problems = mergeProblems(['who', 'discussed', 'outcome'], schema, last)
  if (problems.length > 0 || !stageCheck.fits(value)) return { ok: false, problems }
  return { ok: true, value: { ...value, who: value.who.trim(), discussed: value.discussed.trim() } }
}

// ---------------------------------------------------------------------------
// The report

export interface ReportedDisagreement {
  stage: StageNumber
  raiserAgencyId: string
  otherAgencyId: string
  reasonLabel: string
  raisedOn: IsoDate
  resolvedOn: IsoDate | null
}

/** A report's period as asked: real dates (the field named when not), the end not before the start. */
export function checkPeriod(asked: Partial<Record<keyof ReportPeriod, unknown>>): ReportPeriod {
  const { from, to } = asked
  const reversed =
    typeof from === 'string' && typeof to === 'string' && to < from
      ? [{ field: 'to', text: 'The end of the period (to) must be the same as or after its start (from)' }]
      : []
  return checkedInput(reportPeriodCheck, asked, reversed)
}

/** The period in words, for a heading or a download's title; nothing when it is open at both ends. */
export function periodWords({ from, to }: ReportPeriod): string | undefined {
  if (from && to) return `raised ${govukDate(from)} to ${govukDate(to)}`
  if (from) return `raised from ${govukDate(from)}`
  return to ? `raised up to ${govukDate(to)}` : undefined
}

/** A disagreement as the store holds what the report counts of it. */
interface Held {
  stage: number
  raiserAgencyId: string
  otherAgencyId: string
  reasonLabel: string
  raisedAt: Date
  resolvedAt: Date | null
}

/** The disagreements raised in the period (London dates, both ends included), as the report counts them. */
export function reportedIn(rows: readonly Held[], { from, to }: ReportPeriod): ReportedDisagreement[] {
  return rows
    .map((row) => ({
      stage: isStage(row.stage) ? row.stage : 1,
      raiserAgencyId: row.raiserAgencyId,
      otherAgencyId: row.otherAgencyId,
      reasonLabel: row.reasonLabel,
      raisedOn: toIsoDate(row.raisedAt),
      resolvedOn: row.resolvedAt && toIsoDate(row.resolvedAt),
    }))
    .filter((row) => (!from || row.raisedOn >= from) && (!to || row.raisedOn <= to))
}

export interface Count {
  label: string
  raised: number
  resolved: number
}

export interface Report {
  raised: number
  resolved: number
  open: number
  /** By the stage each reached (resolved there, or at now). */
  byStage: (Count & { stage: StageNumber; title: string })[]
  /** By agency: raised by it, and raised with it. */
  byAgency: { label: string; raisedBy: number; raisedWith: number }[]
  byReason: Count[]
  /** Working days from raised to resolved, of those resolved. */
  workingDaysToResolve: { median: number | null; longest: number | null }
}

export function reportOf(rows: readonly ReportedDisagreement[], agencyName: (id: string) => string): Report {
  const resolved = rows.filter((row) => row.resolvedOn !== null)
  const count = (of: readonly ReportedDisagreement[], label: string): Count => ({
    label,
    raised: of.length,
    resolved: of.filter((row) => row.resolvedOn !== null).length,
  })
  const agencies = [...new Set(rows.flatMap((row) => [row.raiserAgencyId, row.otherAgencyId]))]
  const reasons = [...new Set(rows.map((row) => row.reasonLabel))].sort()
  const days = resolved
    .map((row) => workingDaysBetween(row.raisedOn, row.resolvedOn as IsoDate))
    .sort((a, b) => a - b)
  return {
    raised: rows.length,
    resolved: resolved.length,
    open: rows.length - resolved.length,
    byStage: STAGE_NUMBERS.map((stage) => ({
      stage,
      title: STAGES[stage].title,
      ...count(
        rows.filter((row) => row.stage === stage),
        `Stage ${stage}`,
      ),
    })),
    byAgency: agencies
      .map((id) => ({
        label: agencyName(id),
        raisedBy: rows.filter((row) => row.raiserAgencyId === id).length,
        raisedWith: rows.filter((row) => row.otherAgencyId === id).length,
      }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    byReason: reasons.map((label) =>
      count(
        rows.filter((row) => row.reasonLabel === label),
        label,
      ),
    ),
    workingDaysToResolve: { median: median(days), longest: days.at(-1) ?? null },
  }
}

/** One line of the report as a download: what it is grouped by, the group, and its counts. */
export interface ReportLine {
  by: string
  group: string
  raised: number | null
  resolved: number | null
  raisedWith: number | null
  workingDays: number | null
}

/** The report as the lines of a download, in the order of the page. */
export function reportLines(report: Report): ReportLine[] {
  const none = { raised: null, resolved: null, raisedWith: null, workingDays: null }
  return [
    {
      ...none,
      by: 'All',
      group: 'Raised in the areas reported',
      raised: report.raised,
      resolved: report.resolved,
    },
    ...report.byStage.map((row) => ({
      ...none,
      by: 'Stage reached',
      group: `${row.label}: ${row.title}`,
      raised: row.raised,
      resolved: row.resolved,
    })),
    ...report.byAgency.map((row) => ({
      ...none,
      by: 'Agency',
      group: row.label,
      raised: row.raisedBy,
      raisedWith: row.raisedWith,
    })),
    ...report.byReason.map((row) => ({
      ...none,
      by: 'Reason',
      group: row.label,
      raised: row.raised,
      resolved: row.resolved,
    })),
    { ...none, by: 'Time to resolve', group: 'Median', workingDays: report.workingDaysToResolve.median },
    { ...none, by: 'Time to resolve', group: 'Longest', workingDays: report.workingDaysToResolve.longest },
  ]
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
