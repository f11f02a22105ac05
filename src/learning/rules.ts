// Learning briefings' pure rules: the themes (the partnership's own, else the defaults), the 7-minute
// briefing's sections, who a briefing reaches, when the unacknowledged are reminded (working days,
// bank holidays skipped), the reach figures, the themes counted by year, and the check that keeps a
// child's identifiers out of a briefing.

import type { PartnershipConfig } from '../partnership/config.ts'
import { addWorkingDays, type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'

export const DEFAULT_THEMES: readonly { id: string; label: string }[] = [
  { id: 'neglect', label: 'Neglect' },
  { id: 'domestic-abuse', label: 'Domestic abuse' },
  { id: 'exploitation', label: 'Exploitation' },
  { id: 'information-sharing', label: 'Information sharing' },
  { id: 'professional-curiosity', label: 'Professional curiosity' },
  { id: 'voice-of-the-child', label: 'Voice of the child' },
  { id: 'safe-sleep', label: 'Safe sleep and infant safety' },
  { id: 'parental-mental-health', label: 'Parental mental health and substance misuse' },
  { id: 'escalation', label: 'Escalation and professional challenge' },
  { id: 'invisible-men', label: 'Hidden men and fathers' },
]

/** The partnership's own themes (`learning_themes`), else the defaults. */
export const themesOf = (partnership: Pick<PartnershipConfig, 'learning_themes'>) =>
  partnership.learning_themes ?? DEFAULT_THEMES

/** Working days after sending before the unacknowledged are reminded (`learning_reminder_working_days`, default 5). */
export const reminderWorkingDays = (partnership: Pick<PartnershipConfig, 'learning_reminder_working_days'>) =>
  partnership.learning_reminder_working_days ?? 5

/** The sections of the 7-minute briefing, in the order it is read, with their headings. */
export const SECTIONS = [
  { field: 'background', column: 'background', heading: 'Background' },
  { field: 'keyFindings', column: 'key_findings', heading: 'What happened and key findings' },
  { field: 'learning', column: 'learning', heading: 'Learning' },
  { field: 'doDifferently', column: 'do_differently', heading: 'What to do differently' },
  { field: 'reflectionQuestions', column: 'reflection_questions', heading: 'Questions for reflection' },
  { field: 'furtherReading', column: 'further_reading', heading: 'Further reading' },
] as const

/** The first working day on which someone sent a briefing on `sentOn` who has not read it is reminded. */
export const remindOn = (sentOn: IsoDate, workingDays: number): IsoDate => addWorkingDays(sentOn, workingDays)

/**
 * Whether a recipient is owed a reminder today: not acknowledged, not yet reminded, and the day has
 * come, counted from when they were last sent it (a briefing sent again is not chased the next day).
 */
export function reminderDue(
  recipient: { last_sent_at: Date; acknowledged_at: Date | null; reminded_at: Date | null },
  workingDays: number,
  today: IsoDate,
): boolean {
  if (recipient.acknowledged_at || recipient.reminded_at) return false
  return today >= remindOn(toIsoDate(recipient.last_sent_at), workingDays)
}

/**
 * Who a briefing reaches: each active person holding one of the chosen roles in one of the chosen
 * agencies, once, counted under the first chosen role they hold.
 */
export function recipientsOf<P extends { userId: string; agencyId: string; role: string }>(
  holders: readonly P[],
  agencies: readonly string[],
  roles: readonly string[],
): P[] {
  const chosen = holders
    .filter((holder) => agencies.includes(holder.agencyId) && roles.includes(holder.role))
    .sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role))
  const seen = new Set<string>()
  return chosen.filter((holder) => !seen.has(holder.userId) && seen.add(holder.userId))
}

/**
 * Who a briefing sent again goes to, of those it reaches now (`recipientsOf` today's holders): the
 * people it reached who have not said they have read it (those who have are not sent it again, so
 * their acknowledgement keeps its meaning), and those who have come to hold a chosen role in a chosen
 * agency since it was sent (new starters). Whoever it reached who holds none of them now is not sent it.
 */
export function resendTo<P extends { userId: string }>(
  reachedNow: readonly P[],
  reached: readonly { id: string; user_id: string; acknowledged_at: Date | null }[],
): { again: (P & { recipientId: string })[]; added: P[] } {
  const rows = new Map(reached.map((row) => [row.user_id, row]))
  const again: (P & { recipientId: string })[] = []
  const added: P[] = []
  for (const person of reachedNow) {
    const row = rows.get(person.userId)
    if (!row) added.push(person)
    else if (!row.acknowledged_at) again.push({ ...person, recipientId: row.id })
  }
  return { again, added }
}

export interface Reach {
  key: string
  sent: number
  acknowledged: number
  reminded: number
}

/** Sent, acknowledged and reminded, grouped by `keyOf` (an agency, a role), in order of the key. */
export function reachBy<R extends { acknowledged_at: Date | null; reminded_at: Date | null }>(
  recipients: readonly R[],
  keyOf: (recipient: R) => string,
): Reach[] {
  const groups = new Map<string, Reach>()
  for (const recipient of recipients) {
    const key = keyOf(recipient)
    const group = groups.get(key) ?? { key, sent: 0, acknowledged: 0, reminded: 0 }
    group.sent += 1
    if (recipient.acknowledged_at) group.acknowledged += 1
    if (recipient.reminded_at) group.reminded += 1
    groups.set(key, group)
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key))
}

/** The share acknowledged, as a whole percentage (0 when none was sent). */
export const percent = (reach: Pick<Reach, 'sent' | 'acknowledged'>) =>
  reach.sent === 0 ? 0 : Math.round((reach.acknowledged * 100) / reach.sent)

export interface ThemeCount {
  theme: string
  year: number
  /** Serious incidents tagged with the theme themselves, by the year the LA learned of them. */
  incidents: number
  reviews: number
  briefings: number
}

/**
 * Themes across the years: for each theme and year, how many serious incidents were tagged with it
 * (by the year the LA learned of them), how many reviews (those incidents, by the same year) a
 * published briefing tagged with the theme drew on, and how many published briefings carried it (by
 * the year they were sent). An incident or review counts once per theme and year.
 */
export function themesByYear(
  briefings: readonly {
    themes: readonly string[]
    publishedOn: IsoDate
    incidentId: string | null
    incidentLearnedOn: IsoDate | null
  }[],
  incidents: readonly { learnedOn: IsoDate; themes: readonly string[] }[] = [],
): ThemeCount[] {
  const counts = new Map<
    string,
    { theme: string; year: number; incidents: number; reviews: Set<string>; briefings: number }
  >()
  const at = (theme: string, on: IsoDate) => {
    const year = Number(on.slice(0, 4))
    const key = `${theme}|${year}`
    const count = counts.get(key) ?? { theme, year, incidents: 0, reviews: new Set<string>(), briefings: 0 }
    counts.set(key, count)
    return count
  }
  for (const incident of incidents)
    for (const theme of new Set(incident.themes)) at(theme, incident.learnedOn).incidents += 1
  for (const briefing of briefings)
    for (const theme of new Set(briefing.themes)) {
      at(theme, briefing.publishedOn).briefings += 1
      if (briefing.incidentId && briefing.incidentLearnedOn)
        at(theme, briefing.incidentLearnedOn).reviews.add(briefing.incidentId)
    }
  return [...counts.values()]
    .map(({ reviews, ...count }) => ({ ...count, reviews: reviews.size }))
    .sort((a, b) => a.theme.localeCompare(b.theme) || a.year - b.year)
}

/** NHS number (10 digits, spaced or not), a date of birth-like date, or a case reference-like code. */
const IDENTIFIER_PATTERNS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\b\d{3}\s?\d{3}\s?\d{4}\b/, what: 'an NHS number' },
  { pattern: /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/, what: 'a date written like a date of birth' },
]

/**
 * What in a briefing's text could identify a child: something shaped like an NHS number or a date of
 * birth, or the given or family name of the child of the review it draws on. Undefined when clean.
 */
export function childIdentifierIn(
  text: string,
  child?: { givenName: string; familyName: string },
): string | undefined {
  for (const { pattern, what } of IDENTIFIER_PATTERNS) if (pattern.test(text)) return what
  for (const name of [child?.givenName, child?.familyName]) {
    const word = name?.trim()
    if (
      word &&
      word.length > 1 &&
      new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text)
    )
      return 'the name of the child of the review'
  }
  return undefined
}
