// Training in people's words: times as a clock reads them, where a session is held, how many places
// are left, agencies and roles by name.

import { ROLE_LABELS } from '../identity/index.ts'
import { agencyName } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'
import { ATTENDANCE, askedForOf, askedForValue, CONFIDENCE, LEVELS, type TakeUp } from './rules.ts'
import type { CourseRow, SessionListing } from './store.ts'

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, text]) => ({ value, text }))

export const CHOICES = {
  levels: options(LEVELS),
  confidence: options(CONFIDENCE),
  attendance: options(ATTENDANCE),
}

/** '09:30' as '9:30am', '12:00' as 'midday'. */
export function clockWords(time: string): string {
  const [hour = 0, minute = 0] = time.split(':').map(Number)
  if (hour === 12 && minute === 0) return 'midday'
  const suffix = hour < 12 ? 'am' : 'pm'
  return `${hour % 12 === 0 ? 12 : hour % 12}:${String(minute).padStart(2, '0')}${suffix}`
}

export const timesOf = (session: { starts_at: string; ends_at: string }) =>
  `${clockWords(session.starts_at)} to ${clockWords(session.ends_at)}`

export function sessionView(session: SessionListing) {
  const left = Math.max(0, session.capacity - session.booked)
  return {
    id: session.id,
    courseId: session.course_id,
    title: session.title,
    level: `Level ${session.level}`,
    heldOn: session.held_on,
    times: timesOf(session),
    where: [session.venue, session.online_link ? 'Online' : undefined].filter(Boolean).join(', and '),
    venue: session.venue,
    onlineLink: session.online_link,
    capacity: session.capacity,
    booked: session.booked,
    waiting: session.waiting,
    places:
      left > 0
        ? `${left} of ${session.capacity} place${session.capacity === 1 ? '' : 's'} left`
        : `Full: ${session.waiting} on the waiting list`,
    full: left === 0,
  }
}

/** A course as its form's fields, for editing it. */
export const courseFields = (course: CourseRow): Record<string, string> => {
  const link = askedForOf(course)
  return {
    title: course.title,
    level: String(course.level),
    audience: course.audience,
    description: course.description,
    priorities: course.priorities.join('\n'),
    askedFor: link ? askedForValue(link) : '',
  }
}

export const roleWords = (role: string) => ROLE_LABELS[role as Role] ?? 'No role'

/** The take-up rows with their keys in words. */
export function takeUpView(
  partnership: PartnershipConfig,
  report: Record<'byAgency' | 'byRole' | 'byCourse', TakeUp[]>,
) {
  const named = (rows: TakeUp[], nameOf: (key: string) => string) =>
    rows.map((row) => ({
      ...row,
      label: nameOf(row.key),
      change:
        row.confidenceChange === null
          ? 'No evaluations yet'
          : `${row.confidenceChange > 0 ? '+' : ''}${row.confidenceChange}`,
    }))
  return {
    byAgency: named(report.byAgency, (id) => agencyName(partnership, id)),
    byRole: named(report.byRole, roleWords),
    byCourse: named(report.byCourse, (title) => title),
  }
}
