// Pure rules of form 87a requests: when an answer is due (working days, England's bank holidays
// skipped, London's day), how long is left in words, and which police force a child's LA is asked.

import type { PartnershipConfig } from '../partnership/config.ts'
import { type TimeLeft, timeLeft } from '../platform/calendar/time-left.ts'
import { addWorkingDays, type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'

/** The working days the police have to answer, unless the partnership says otherwise. */
export const DEFAULT_WORKING_DAYS = 10

/** The last day to answer a request made at this moment: n working days after its London day. */
export const answerDueBy = (requestedAt: Date, workingDays = DEFAULT_WORKING_DAYS): IsoDate =>
  addWorkingDays(toIsoDate(requestedAt), workingDays)

/** How long the police have left, or how overdue the answer is, in words; none once answered. */
export function answerTimeLeft(
  request: { due_by: IsoDate; outcome: string | null },
  now: Date,
): TimeLeft | null {
  return request.outcome ? null : timeLeft(request.due_by, now)
}

/** The police force serving an LA: the partnership's police agency for it; none when there is none. */
export function policeForceOf(partnership: PartnershipConfig, laId: string) {
  return partnership.agencies.find(
    (agency) => agency.kind === 'police' && (agency.serves === 'all' || agency.serves.includes(laId)),
  )
}

/** Overdue once the London day it was due by has ended without an answer. */
export const isOverdue = (request: { due_by: IsoDate; outcome: string | null }, now: Date): boolean =>
  request.outcome === null && request.due_by < toIsoDate(now)
