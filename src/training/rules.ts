// Multi-agency training's rules, pure: who gets a place and who waits, who moves up when a place is
// freed, when a follow-up falls due, and the take-up figures by agency, role and course.

import type { IsoDate } from '../platform/calendar/working-days.ts'

export const LEVELS: Readonly<Record<'1' | '2' | '3' | '4', string>> = {
  '1': 'Level 1: awareness of safeguarding, for everyone who works with children',
  '2': 'Level 2: recognising and responding, for practitioners in regular contact with children',
  '3': 'Level 3: working together, for those who lead or take part in multi-agency work',
  '4': 'Level 4: leading safeguarding, for designated leads and managers',
}

export const CONFIDENCE: Readonly<Record<'1' | '2' | '3' | '4' | '5', string>> = {
  '1': '1: not at all confident',
  '2': '2: a little confident',
  '3': '3: fairly confident',
  '4': '4: confident',
  '5': '5: very confident',
}

/** What asked for a course: a serious incident's review, or a case audit programme. */
export type AskedForKind = 'review' | 'case-audit'
const ASKED_FOR_PAGE: Record<AskedForKind, string> = {
  review: '/reviews/',
  'case-audit': '/case-audits/programmes/',
}
const ASKED_FOR_WORDS: Record<AskedForKind, string> = { review: 'Review', 'case-audit': 'Case audit' }

/** One review or audit a course may be linked to: never a child's name, only its reference (and an audit's title). */
export interface AskedFor {
  kind: AskedForKind
  id: string
  reference: string
  title?: string
}
/** The form's value for a choice, and back. */
export const askedForValue = (choice: Pick<AskedFor, 'kind' | 'id'>) => `${choice.kind}:${choice.id}`
/** The review's or audit's own page, where the reader goes as the policy lets them. */
export const askedForHref = (choice: Pick<AskedFor, 'kind' | 'id'>) =>
  `${ASKED_FOR_PAGE[choice.kind]}${choice.id}`
export const askedForWords = (choice: Omit<AskedFor, 'id'>) =>
  `${ASKED_FOR_WORDS[choice.kind]} ${choice.reference}${choice.title ? `: ${choice.title}` : ''}`

/** The review or audit a course links to, if any. */
export const askedForOf = (course: {
  asked_for_kind: AskedForKind | null
  asked_for_id: string | null
  asked_for_reference: string | null
}): AskedFor | undefined =>
  course.asked_for_kind && course.asked_for_id && course.asked_for_reference
    ? { kind: course.asked_for_kind, id: course.asked_for_id, reference: course.asked_for_reference }
    : undefined

export type PlaceStatus = 'booked' | 'waiting' | 'cancelled'
export type Attendance = 'attended' | 'did-not-attend'

export const ATTENDANCE: Readonly<Record<Attendance, string>> = {
  attended: 'Attended',
  'did-not-attend': 'Did not attend',
}

/** A request for a place: booked while there is room, else the waiting list. */
export const placeFor = (booked: number, capacity: number): Exclude<PlaceStatus, 'cancelled'> =>
  booked < capacity ? 'booked' : 'waiting'

/** Who moves up when a place is freed: the earliest still waiting, if any. */
export function firstWaiting<T extends { status: PlaceStatus; asked_at: Date }>(
  places: readonly T[],
): T | undefined {
  return places
    .filter((place) => place.status === 'waiting')
    .sort((a, b) => a.asked_at.getTime() - b.asked_at.getTime())[0]
}

/** Where a waiting place stands in its list: 1 for the next to move up. */
export function waitingPosition<T extends { id: string; status: PlaceStatus; asked_at: Date }>(
  places: readonly T[],
  id: string,
): number {
  const waiting = places
    .filter((place) => place.status === 'waiting')
    .sort((a, b) => a.asked_at.getTime() - b.asked_at.getTime())
  return waiting.findIndex((place) => place.id === id) + 1
}

/**
 * The follow-up falls due 3 calendar months after the session; from a day the month has not (31 May
 * to August is fine, 30 November to February is not) to the last day of that month.
 */
export function followUpDue(heldOn: IsoDate): IsoDate {
  const [year, month, day] = heldOn.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(year, month - 1 + 3, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.toISOString().slice(0, 10)
}

/** What a practitioner still owes on a place: its evaluation after attending, then its follow-up when due. */
export function owed(
  place: {
    status: PlaceStatus
    attendance: Attendance | null
    evaluated_at: Date | null
    follow_up_due: IsoDate | null
    followed_up_at: Date | null
  },
  today: IsoDate,
): 'evaluation' | 'follow-up' | undefined {
  if (place.status !== 'booked' || place.attendance !== 'attended') return undefined
  if (!place.evaluated_at) return 'evaluation'
  if (!place.followed_up_at && place.follow_up_due !== null && place.follow_up_due <= today)
    return 'follow-up'
  return undefined
}

/** One place as the take-up report counts it. */
export interface Counted {
  agencyId: string
  role: string
  courseTitle: string
  status: PlaceStatus
  attendance: Attendance | null
  confidenceBefore: number
  confidenceAfter: number | null
}

export interface TakeUp {
  key: string
  booked: number
  attended: number
  didNotAttend: number
  /** The average rise in confidence (after less before) of those who evaluated; none without any. */
  confidenceChange: number | null
}

/** Take-up by one dimension: places booked (waiting and cancelled are not), attended, not attended. */
export function takeUpBy(places: readonly Counted[], keyOf: (place: Counted) => string): TakeUp[] {
  const rows = new Map<string, TakeUp & { changes: number[] }>()
  for (const place of places) {
    if (place.status !== 'booked') continue
    const key = keyOf(place)
    const row = rows.get(key) ?? {
      key,
      booked: 0,
      attended: 0,
      didNotAttend: 0,
      confidenceChange: null,
      changes: [],
    }
    row.booked += 1
    if (place.attendance === 'attended') row.attended += 1
    if (place.attendance === 'did-not-attend') row.didNotAttend += 1
    if (place.confidenceAfter !== null) row.changes.push(place.confidenceAfter - place.confidenceBefore)
    rows.set(key, row)
  }
  return [...rows.values()]
    .map(({ changes, ...row }) => ({
      ...row,
      confidenceChange:
        changes.length > 0
          ? Math.round((changes.reduce((sum, change) => sum + change, 0) / changes.length) * 10) / 10
          : null,
    }))
    .sort((a, b) => a.key.localeCompare(b.key))
}
