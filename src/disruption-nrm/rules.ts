// Pure rules of disruption tactics and NRM referrals: the partnership's tactics (its configuration's
// list, or the defaults), the NRM clocks (a reasonable-grounds decision within 5 working days of the
// referral, England's bank holidays skipped; a conclusive-grounds decision no sooner than 30 calendar
// days after a positive reasonable-grounds decision), each referral's stage, and what is due first.

import type { PartnershipConfig } from '../partnership/config.ts'
import { type TimeLeft, timeLeft } from '../platform/calendar/time-left.ts'
import { addWorkingDays, type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { isCalendarDate } from '../platform/http/schemas.ts'

export interface DisruptionTactic {
  id: string
  label: string
}

/** The tactics of the London MACE peer review, when the partnership's configuration names none. */
export const DEFAULT_DISRUPTION_TACTICS: readonly DisruptionTactic[] = [
  { id: 'child-abduction-warning-notice', label: 'Child abduction warning notice' },
  { id: 'child-abduction-act-1984-s2', label: 'Section 2, Child Abduction Act 1984' },
  { id: 'children-act-1989-s49', label: 'Section 49, Children Act 1989' },
  { id: 'sexual-risk-order', label: 'Sexual risk order' },
  { id: 'sexual-harm-prevention-order', label: 'Sexual harm prevention order' },
  { id: 'closure-order', label: 'Closure order' },
  { id: 'hotel-information-notice', label: 'Hotel information notice' },
  { id: 'dispersal', label: 'Dispersal' },
  { id: 'injunction', label: 'Injunction' },
  { id: 'trespass', label: 'Trespass' },
  { id: 'location-disruption', label: 'Location disruption' },
  { id: 'online-disruption', label: 'Online disruption' },
]

/** The partnership's disruption tactics: its configuration's, else the defaults. */
export const disruptionTactics = (partnership: PartnershipConfig): readonly DisruptionTactic[] =>
  partnership.disruption_tactics ?? DEFAULT_DISRUPTION_TACTICS

/** Working days the Single Competent Authority aims to take over a reasonable-grounds decision. */
export const REASONABLE_GROUNDS_WORKING_DAYS = 5
/** Calendar days of recovery and reflection before a conclusive-grounds decision may be made. */
export const CONCLUSIVE_GROUNDS_MIN_DAYS = 30

/** The day a reasonable-grounds decision is expected by: 5 working days after the referral's day. */
export const reasonableGroundsDueBy = (referredOn: IsoDate): IsoDate =>
  addWorkingDays(referredOn, REASONABLE_GROUNDS_WORKING_DAYS)

/** The first day a conclusive-grounds decision may be made: 30 calendar days after the reasonable-grounds decision. */
export function conclusiveGroundsFrom(reasonableGroundsOn: IsoDate): IsoDate {
  const [year, month, day] = reasonableGroundsOn.split('-').map(Number)
  const from = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + CONCLUSIVE_GROUNDS_MIN_DAYS))
  return from.toISOString().slice(0, 10)
}

export interface NrmDecisions {
  referred_on: IsoDate
  rg_due_by: IsoDate
  rg_decision: 'positive' | 'negative' | null
  rg_decided_on: IsoDate | null
  cg_decision: 'positive' | 'negative' | null
}

export type NrmStage = 'awaiting-reasonable-grounds' | 'awaiting-conclusive-grounds' | 'concluded'

/** Where a referral stands: a negative reasonable-grounds decision, or any conclusive one, ends it. */
export function nrmStage(referral: NrmDecisions): NrmStage {
  if (referral.rg_decision === null) return 'awaiting-reasonable-grounds'
  if (referral.rg_decision === 'positive' && referral.cg_decision === null)
    return 'awaiting-conclusive-grounds'
  return 'concluded'
}

export interface NrmDue {
  stage: NrmStage
  /** The day the next decision is due by (reasonable grounds) or may come from (conclusive grounds). */
  on: IsoDate | null
  /** In words: "3 working days left", "Overdue by 1 working day", "Not before 4 February 2027". */
  state: TimeLeft['state'] | 'not-yet' | 'awaited' | 'concluded'
  words: string
}

/** What is due next on a referral, seen at `now`. */
export function nrmDue(referral: NrmDecisions, now: Date, dateInWords: (date: IsoDate) => string): NrmDue {
  const stage = nrmStage(referral)
  if (stage === 'awaiting-reasonable-grounds') {
    const left = timeLeft(referral.rg_due_by, now)
    return { stage, on: referral.rg_due_by, state: left.state, words: left.words }
  }
  if (stage === 'awaiting-conclusive-grounds' && referral.rg_decided_on) {
    const from = conclusiveGroundsFrom(referral.rg_decided_on)
    return toIsoDate(now) < from
      ? { stage, on: from, state: 'not-yet', words: `Not before ${dateInWords(from)}` }
      : { stage, on: from, state: 'awaited', words: `Awaited since ${dateInWords(from)}` }
  }
  return { stage: 'concluded', on: null, state: 'concluded', words: 'Concluded' }
}

/** Referrals by what is due first: the earliest due (or possible) decision at the top; concluded last. */
export function byWhatIsDue<T extends NrmDecisions>(referrals: readonly T[]): T[] {
  const key = (referral: T) => {
    const stage = nrmStage(referral)
    if (stage === 'awaiting-reasonable-grounds') return referral.rg_due_by
    if (stage === 'awaiting-conclusive-grounds' && referral.rg_decided_on)
      return conclusiveGroundsFrom(referral.rg_decided_on)
    return '9999-12-31'
  }
  return [...referrals].sort(
    (a, b) => key(a).localeCompare(key(b)) || a.referred_on.localeCompare(b.referred_on),
  )
}

/** A date given on a form: none in the future, none before `notBefore` (with the words saying why). */
export function dateProblem(
  date: unknown,
  today: IsoDate,
  notBefore?: { date: IsoDate; words: string },
): string | undefined {
  // A date that is not a real day is the schema's to name ("must be a real date"), once.
  if (typeof date !== 'string' || !isCalendarDate(date)) return undefined
  if (date > today) return 'Enter a date that is today or in the past'
  if (notBefore && date < notBefore.date) return notBefore.words
  return undefined
}
