// Serious incidents' rules, pure: the criteria in words, the Panel's clocks (5 working days to notify
// from learning of an incident, 15 to the rapid review from the notification, 6 months to publish a
// practice review), what is due next on an incident and how soon, and the queue's order.

import { rapidReviewDueBy, seriousIncidentNotificationDueBy } from '../platform/calendar/clocks.ts'
import { timeLeft } from '../platform/calendar/time-left.ts'
import {
  addCalendarMonths,
  type IsoDate,
  toIsoDate,
  workingDaysBetween,
} from '../platform/calendar/working-days.ts'

export const ABUSE_OR_NEGLECT = {
  known: 'Abuse or neglect is known',
  suspected: 'Abuse or neglect is suspected',
} as const
export type AbuseOrNeglect = keyof typeof ABUSE_OR_NEGLECT

export const HARM = {
  died: 'The child has died',
  'seriously-harmed': 'The child has been seriously harmed',
} as const
export type Harm = keyof typeof HARM

export const DECISIONS = {
  notify: 'Notify the national Child Safeguarding Practice Review Panel',
  'do-not-notify': 'Do not notify the Panel',
} as const
export type Decision = keyof typeof DECISIONS

export const LCSPR = {
  recommended: 'A local child safeguarding practice review is recommended',
  'not-recommended': 'A local child safeguarding practice review is not recommended',
} as const
export type Lcspr = keyof typeof LCSPR

/** The LA notifies the Panel within 5 working days of learning of the incident. */
export const notifyPanelBy = (learnedOn: IsoDate): IsoDate => seriousIncidentNotificationDueBy(learnedOn)

/** The rapid review is sent to the Panel within 15 working days of the notification. */
export const rapidReviewBy = (notifiedOn: IsoDate): IsoDate => rapidReviewDueBy(notifiedOn)

/** A local child safeguarding practice review is published within 6 months of the decision to hold it. */
export const publishBy = (decidedOn: IsoDate): IsoDate => addCalendarMonths(decidedOn, 6)

/** Where an incident stands, as the steps it has been through. */
export interface IncidentSteps {
  notify_by: IsoDate
  decision: Decision | null
  notified_on: IsoDate | null
  rapid_review_due_by: IsoDate | null
  record_sent_on: IsoDate | null
  panel_replied_on: IsoDate | null
}

/** What is to be done next on an incident and by when (no date when nothing is due of the LA). */
export function nextStep(steps: IncidentSteps): { words: string; dueBy: IsoDate | null } {
  if (steps.decision === null) return { words: 'Decide whether to notify the Panel', dueBy: steps.notify_by }
  if (steps.decision === 'do-not-notify') return { words: 'Decided not to notify the Panel', dueBy: null }
  if (steps.notified_on === null) return { words: 'Notify the Panel', dueBy: steps.notify_by }
  if (steps.record_sent_on === null)
    return { words: 'Send the rapid review to the Panel', dueBy: steps.rapid_review_due_by }
  if (steps.panel_replied_on === null) return { words: 'Waiting for the Panel’s reply', dueBy: null }
  return { words: 'The Panel has replied', dueBy: null }
}

export type Urgency = 'overdue' | 'due-soon' | 'due' | 'none'

/** How soon a date falls due, in words: due within 1 working day is "due soon", and warned of. */
export function dueStatus(
  dueBy: IsoDate | null,
  now: Date,
): { urgency: Urgency; words: string; tag: string } {
  if (dueBy === null) return { urgency: 'none', words: 'Nothing due', tag: 'govuk-tag--grey' }
  const left = timeLeft(dueBy, now)
  if (left.state === 'overdue') return { urgency: 'overdue', words: left.words, tag: 'govuk-tag--red' }
  if (left.state === 'due-today' || workingDaysBetween(toIsoDate(now), dueBy) <= 1)
    return { urgency: 'due-soon', words: `Due soon: ${left.words}`, tag: 'govuk-tag--orange' }
  return { urgency: 'due', words: left.words, tag: 'govuk-tag--blue' }
}

/** The queue: what is due first at the top; what has nothing due of the LA last, newest first. */
export function byWhatIsDue<T extends IncidentSteps & { learned_on: IsoDate }>(rows: readonly T[]): T[] {
  const due = (row: T) => nextStep(row).dueBy ?? '9999-12-31'
  return [...rows].sort((a, b) => due(a).localeCompare(due(b)) || b.learned_on.localeCompare(a.learned_on))
}
