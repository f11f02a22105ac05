// Pure decisions about missing episodes: the moments a form gives (a London date and time), what is
// wrong with an episode, a return or an interview as recorded, the return home interview's clock
// (72 hours from the child's return: hours, not working days), and a child's counts of episodes in
// the last 90 days and 12 months. No I/O.

import { londonInstant } from '../meetings/index.ts'
import { addCalendarMonths, type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import type { EpisodeInput, InterviewInput, ReturnInput } from './schemas.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** A return home interview is offered within 72 hours of the child's return. */
export const INTERVIEW_WITHIN_HOURS = 72

/** The moment a form's date and time of day name, in London (GMT or BST). */
export const momentOf = (date: IsoDate, time: string): Date => londonInstant(date, time)

/** The moment by which the return home interview must be offered: 72 hours after the return. */
export const interviewDueBy = (returnedAt: Date): Date =>
  new Date(returnedAt.getTime() + INTERVIEW_WITHIN_HOURS * HOUR_MS)

export type InterviewClockState = 'due' | 'overdue' | 'offered-in-time' | 'offered-late'

export interface InterviewClock {
  state: InterviewClockState
  dueBy: Date
  /** 'Due in 5 hours', 'Overdue by 3 hours', 'Offered within 72 hours'. */
  words: string
}

const hours = (n: number) => `${n} hour${n === 1 ? '' : 's'}`

/** Where the return home interview stands: offered (in time or not), or still to offer, at `now`. */
export function interviewClock(returnedAt: Date, now: Date, offeredAt?: Date | null): InterviewClock {
  const dueBy = interviewDueBy(returnedAt)
  if (offeredAt) {
    const inTime = offeredAt.getTime() <= dueBy.getTime()
    return inTime
      ? { state: 'offered-in-time', dueBy, words: `Offered within ${INTERVIEW_WITHIN_HOURS} hours` }
      : { state: 'offered-late', dueBy, words: `Offered after ${INTERVIEW_WITHIN_HOURS} hours` }
  }
  const left = dueBy.getTime() - now.getTime()
  if (left > 0) {
    const whole = Math.floor(left / HOUR_MS)
    return { state: 'due', dueBy, words: whole >= 1 ? `Due in ${hours(whole)}` : 'Due in less than an hour' }
  }
  const over = Math.floor(-left / HOUR_MS)
  return { state: 'overdue', dueBy, words: over >= 1 ? `Overdue by ${hours(over)}` : 'Overdue' }
}

export interface MissingCounts {
  last90Days: number
  last12Months: number
}

/**
 * How many times the child went missing in the 90 days and in the 12 months up to and including
 * today (by the London date they went missing): after the day 90 days ago, after the same date a year ago.
 */
export function missingCounts(wentMissing: readonly Date[], today: IsoDate): MissingCounts {
  const after90 = toIsoDate(new Date(Date.parse(`${today}T12:00:00Z`) - 90 * DAY_MS), 'UTC')
  const after12Months = addCalendarMonths(today, -12)
  const dates = wentMissing.map((instant) => toIsoDate(instant)).filter((date) => date <= today)
  return {
    last90Days: dates.filter((date) => date > after90).length,
    last12Months: dates.filter((date) => date > after12Months).length,
  }
}

/** The counts in words: 'Missing 3 times in the last 90 days, 5 times in the last 12 months'. */
export function countsInWords({ last90Days, last12Months }: MissingCounts): string {
  const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`)
  return `Missing ${times(last90Days)} in the last 90 days, ${times(last12Months)} in the last 12 months`
}

/** Problems with the moments of an episode as recorded: none in the future, each after the one before. */
export function episodeProblems(input: EpisodeInput, now: Date): FieldProblem[] {
  const wentMissing = momentOf(input.wentMissingOn, input.wentMissingTime)
  const problems: FieldProblem[] = []
  if (wentMissing > now)
    problems.push({ field: 'wentMissingOn', text: 'The date the child went missing must be in the past' })
  const reported = momentOf(input.reportedOn, input.reportedTime)
  if (reported < wentMissing)
    problems.push({ field: 'reportedOn', text: 'The report must be on or after when the child went missing' })
  else if (reported > now)
    problems.push({ field: 'reportedOn', text: 'The date it was reported must be in the past' })
  const returned = returnGiven(input)
  return returned
    ? [...problems, ...returnProblems(returned, wentMissing, now)]
    : [...problems, ...partReturn(input)]
}

/** The return, when the episode's form gave any of it: all of it is then needed. */
function returnGiven(input: EpisodeInput): ReturnInput | undefined {
  const { returnedOn, returnedTime, whereFound } = input
  return returnedOn && returnedTime && whereFound?.trim()
    ? { returnedOn, returnedTime, whereFound }
    : undefined
}

const RETURN_MISSING: Record<keyof ReturnInput, string> = {
  returnedOn: 'Enter the date the child was found or came back',
  returnedTime: 'Enter the time the child was found or came back as hh:mm, like 21:30',
  whereFound: 'Enter where the child was found or came back to',
}

/** A return given in part: each part left out, unless none was given (the child is still missing). */
function partReturn(input: EpisodeInput): FieldProblem[] {
  const given = (['returnedOn', 'returnedTime', 'whereFound'] as const).filter((field) =>
    input[field]?.trim(),
  )
  if (given.length === 0) return []
  return (['returnedOn', 'returnedTime', 'whereFound'] as const)
    .filter((field) => !given.includes(field))
    .map((field) => ({ field, text: RETURN_MISSING[field] }))
}

/** Problems with a return: after the child went missing, not in the future. */
export function returnProblems(input: ReturnInput, wentMissing: Date, now: Date): FieldProblem[] {
  const returned = momentOf(input.returnedOn, input.returnedTime)
  if (returned < wentMissing)
    return [{ field: 'returnedOn', text: 'The return must be after the child went missing' }]
  if (returned > now)
    return [{ field: 'returnedOn', text: 'The date the child came back must be in the past' }]
  return []
}

/** Problems with a return home interview: offered after the return and not in the future; what the child said, when done. */
export function interviewProblems(input: InterviewInput, returnedAt: Date, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = []
  const offered = momentOf(input.offeredOn, input.offeredTime)
  if (offered < returnedAt)
    problems.push({ field: 'offeredOn', text: 'The interview must be offered after the child came back' })
  else if (offered > now)
    problems.push({ field: 'offeredOn', text: 'The date the interview was offered must be in the past' })
  if (input.outcome === 'done' && !input.childSaid?.trim())
    problems.push({ field: 'childSaid', text: 'Enter what the child said' })
  return problems
}
