// Independent scrutiny's rules, pure: how long a lead's grant to the scrutineer may last, when it
// ends (the start of the day after its end date, London time), whether it is current, and when the
// reminder before its end falls due.

import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { govukDate } from '../platform/http/dates.ts'

/** The longest a grant may last: its end date at most this many days after the day it is given. */
export const GRANT_MAX_DAYS = 28

const DAY_MS = 86_400_000

/** A calendar date moved by whole days. */
export const addDays = (date: IsoDate, days: number): IsoDate =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** The instant a London day starts: midnight GMT, or 23:00 UTC the day before in British Summer Time. */
export function startOfLondonDay(date: IsoDate): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`)
  const hourBefore = new Date(utcMidnight.getTime() - 3_600_000)
  return toIsoDate(hourBefore) === date ? hourBefore : utcMidnight
}

/** A grant ends at the start of the day after its end date: the end date is the last day it opens the record. */
export const grantExpiry = (endsOn: IsoDate): Date => startOfLondonDay(addDays(endsOn, 1))

/** Why this end date may not be given today, in words; none when it may. */
export function endsOnProblem(endsOn: IsoDate, today: IsoDate): string | undefined {
  if (endsOn < today) return 'Enter an end date that is today or in the future'
  if (endsOn > addDays(today, GRANT_MAX_DAYS))
    return `A grant lasts at most ${GRANT_MAX_DAYS} days: enter an end date no later than ${govukDate(addDays(today, GRANT_MAX_DAYS))}`
  return undefined
}

export type GrantState = 'current' | 'revoked' | 'ended'

/** Whether a grant opens the record now: revoked, or past its end, it opens nothing. */
export function grantState(grant: { revoked_at: Date | null; expires_at: Date }, now: Date): GrantState {
  if (grant.revoked_at) return 'revoked'
  return grant.expires_at > now ? 'current' : 'ended'
}

/** Days before a grant ends that its scrutineer and lead are reminded (`scrutiny_grant_reminder_days`, default 2). */
export const reminderDays = (partnership: Pick<PartnershipConfig, 'scrutiny_grant_reminder_days'>) =>
  partnership.scrutiny_grant_reminder_days ?? 2

/**
 * Whether a grant's reminder is due now: from the start of the London day `days` days before it ends
 * until it ends, once. A grant given inside that window is not reminded: its grant email gave the
 * last day a moment ago.
 */
export function reminderDue(
  grant: {
    ends_on: IsoDate
    granted_at: Date
    expires_at: Date
    revoked_at: Date | null
    reminded_at: Date | null
  },
  days: number,
  now: Date,
): boolean {
  if (grant.reminded_at || grantState(grant, now) !== 'current') return false
  const from = grantExpiry(addDays(grant.ends_on, -days))
  return now >= from && grant.granted_at < from
}
