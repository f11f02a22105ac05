// Statutory safeguarding timescales (Working Together to Safeguard Children; see GLOSSARY "Timescales").
// "Within N working days of D" is the N-th working day after D: D itself never counts, and a D that
// falls on a weekend or bank holiday gives the same due date as the working day before it.
// Every due date is the last day on which the step is still in time.
import {
  addCalendarMonths,
  addWorkingDays,
  type IsoDate,
  subtractWorkingDays,
  toIsoDate,
  workingDayOnOrBefore,
  workingDaysBetween,
} from './working-days.ts'

// Uses the London calendar date of receipt, whatever the time of day.
export function referralDecisionDueBy(receivedAt: Date): IsoDate {
  return addWorkingDays(toIsoDate(receivedAt), 1)
}

export function strategyRecordCirculationDueBy(strategyDiscussionDate: IsoDate): IsoDate {
  return addWorkingDays(strategyDiscussionDate, 1)
}

// From the strategy discussion at which section 47 enquiries began.
export function icpcDueBy(strategyDiscussionDate: IsoDate): IsoDate {
  return addWorkingDays(strategyDiscussionDate, 15)
}

export function coreGroupFirstMeetingDueBy(icpcDate: IsoDate): IsoDate {
  return addWorkingDays(icpcDate, 10)
}

export function inquorateRescheduleBy(inquorateConferenceDate: IsoDate): IsoDate {
  return addWorkingDays(inquorateConferenceDate, 10)
}

export type ConferenceKind = 'initial' | 'review'

const PARENT_REPORT_NOTICE: Record<ConferenceKind, number> = { initial: 3, review: 5 }

export function parentReportsDueBy(conferenceDate: IsoDate, kind: ConferenceKind): IsoDate {
  return subtractWorkingDays(conferenceDate, PARENT_REPORT_NOTICE[kind])
}

// Month-based limits can land on a weekend or bank holiday; a conference cannot be held then, and
// holding it the next working day would be out of time, so the due date moves back, not forward.
export function firstReviewConferenceDueBy(icpcDate: IsoDate): IsoDate {
  return workingDayOnOrBefore(addCalendarMonths(icpcDate, 3))
}

export function nextReviewConferenceDueBy(lastReviewDate: IsoDate): IsoDate {
  return workingDayOnOrBefore(addCalendarMonths(lastReviewDate, 6))
}

export function assessmentDueBy(referralDate: IsoDate): IsoDate {
  return addWorkingDays(referralDate, 45)
}

export function seriousIncidentNotificationDueBy(becameAwareOn: IsoDate): IsoDate {
  return addWorkingDays(becameAwareOn, 5)
}

export function rapidReviewDueBy(notificationDate: IsoDate): IsoDate {
  return addWorkingDays(notificationDate, 15)
}

export function ladoInformedBy(allegationReceivedOn: IsoDate): IsoDate {
  return addWorkingDays(allegationReceivedOn, 1)
}

export type ClockState = 'overdue' | 'due-today' | 'due'

// workingDaysRemaining is workingDaysBetween(today, dueBy): positive while due, 0 on the day, and
// minus the working days elapsed since the due date once overdue.
export interface ClockStatus {
  state: ClockState
  workingDaysRemaining: number
}

export function clockStatus(dueBy: IsoDate, today: IsoDate): ClockStatus {
  const workingDaysRemaining = workingDaysBetween(today, dueBy)
  if (today > dueBy) return { state: 'overdue', workingDaysRemaining }
  return { state: today === dueBy ? 'due-today' : 'due', workingDaysRemaining }
}
