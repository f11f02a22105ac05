// The retention schedule's arithmetic and its words: when each kind of record's period ends, and the
// dry-run report as sentences (the same for `masa retention` and the administrators' page).

import type { RetainedRecordType } from '../partnership/retention-schema.ts'
import { govukDate } from '../platform/http/dates.ts'

/** The kinds of record the schedule deletes, in the order the report gives them. */
export const RECORD_TYPES: readonly RetainedRecordType[] = [
  'referral_no_further_action',
  'child_record',
  'lado_allegation',
]

/** One kind of record as the dry run finds it on a given day. */
export interface TypeReport {
  type: RetainedRecordType
  years: number
  /** Records past their period that the schedule deletes. */
  due: number
  /** The earliest date their period is counted from (decision, birth or outcome); null when none is due. */
  oldest: string | null
  /** Records past their period that are kept: a child with an open plan or enquiry, held or sealed. */
  kept: number
}

/**
 * The last date a record's period may start on and have ended by `today`: `years` before it. A period
 * counted from 29 February ends on 28 February in a year without one.
 */
export function cutoffDate(today: string, years: number): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number]
  const target = year - years
  let lastDay = day
  if (month === 2 && day === 29 && !isLeap(target)) lastDay = 28
  if (month === 2 && day === 28 && !isLeap(year) && isLeap(target)) lastDay = 29
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`
}

const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

interface TypeWords {
  /** The records, plural, as a heading. */
  heading: string
  /** The schedule's rule for the kind, given its years. */
  rule: (years: number) => string
  /** What the oldest date is, given it in words. */
  oldest: (date: string) => string
  /** Why some are kept. */
  kept: string
}

const KEPT_ON_A_CHILD =
  'the child has an open child protection plan or section 47 enquiry, a legal hold or a sealed record, or a serious incident was notified about them'

export const TYPE_WORDS: Record<RetainedRecordType, TypeWords> = {
  referral_no_further_action: {
    heading: 'Referrals that led to no further action',
    rule: (years) => `kept for ${years} years after the threshold decision`,
    oldest: (date) => `the oldest was decided on ${date}`,
    kept: KEPT_ON_A_CHILD,
  },
  child_record: {
    heading: 'Children’s records',
    rule: (years) =>
      `the child’s whole record is kept until their ${ordinal(years)} birthday, counted from the expected date of birth for a child not yet born`,
    oldest: (date) => `the earliest date of birth among them is ${date}`,
    kept: KEPT_ON_A_CHILD,
  },
  lado_allegation: {
    heading: 'Allegations against people who work with children',
    rule: (years) => `kept for ${years} years after the allegation’s outcome`,
    oldest: (date) => `the oldest outcome was on ${date}`,
    kept: 'each is under a legal hold',
  },
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th')
  return `${n}${suffix}`
}

const records = (n: number) => `${n.toLocaleString('en-GB')} record${n === 1 ? '' : 's'}`

/** One kind of record's line of the report, in words: what is due, since when, and what is kept. */
export function describeTypeReport(report: TypeReport): { heading: string; rule: string; finding: string } {
  const words = TYPE_WORDS[report.type]
  const due =
    report.due === 0
      ? 'None is past its retention period.'
      : `${records(report.due)} past the retention period would be deleted; ${words.oldest(govukDate(report.oldest))}.`
  const kept =
    report.kept === 0
      ? ''
      : ` ${records(report.kept)} past the period ${report.kept === 1 ? 'is' : 'are'} kept, because ${words.kept}.`
  return { heading: words.heading, rule: words.rule(report.years), finding: `${due}${kept}` }
}
