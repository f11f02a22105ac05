// Serious incidents' rules, pure: the criteria in words, the Panel's clocks (5 working days to notify
// from learning of an incident, 15 to the rapid review from the notification, 6 months to publish a
// practice review), what is due next on an incident and how soon, and the queue's order.

import { rapidReviewDueBy, seriousIncidentNotificationDueBy } from '../platform/calendar/clocks.ts'
import { timeLeft } from '../platform/calendar/time-left.ts'
import {
  addCalendarMonths,
  addWorkingDays,
  type IsoDate,
  subtractWorkingDays,
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

// ---------------------------------------------------------------------------
// The invited agencies' parts of the rapid review

/** Working days before the rapid review meeting that the agencies' parts are due: time to read them all first. */
const PARTS_DUE_BEFORE_MEETING = 3
/** Until it is set, the meeting is expected a week before the rapid review is due, leaving that week for the record. */
const MEETING_BEFORE_RAPID_REVIEW_DUE = 5

/**
 * The latest day a part may be due: the day the rapid review is due, or, when the review runs so late
 * that it leaves no working day, the working day after the invitation.
 */
export const latestPartDueBy = (invitedOn: IsoDate, rapidReviewDueBy: IsoDate): IsoDate => {
  const earliest = addWorkingDays(invitedOn, 1)
  return rapidReviewDueBy < earliest ? earliest : rapidReviewDueBy
}

/**
 * When an invited agency's part is due unless the reviews people choose another day: 3 working days
 * before the meeting (before it is set, before the day it should be held, 5 working days before the
 * rapid review is due), never before the working day after the invitation nor after `latestPartDueBy`.
 */
export function partDueBy(asked: {
  invitedOn: IsoDate
  meetingOn: IsoDate | null
  rapidReviewDueBy: IsoDate
}): IsoDate {
  const meeting =
    asked.meetingOn ?? subtractWorkingDays(asked.rapidReviewDueBy, MEETING_BEFORE_RAPID_REVIEW_DUE)
  const due = subtractWorkingDays(meeting, PARTS_DUE_BEFORE_MEETING)
  const earliest = addWorkingDays(asked.invitedOn, 1)
  const latest = latestPartDueBy(asked.invitedOn, asked.rapidReviewDueBy)
  return due < earliest ? earliest : due > latest ? latest : due
}

/** Where an agency's part stands: given, or its time left (late once its day has passed). */
export function partStatus(
  part: { due_on: IsoDate; submitted_at: Date | null },
  now: Date,
): { late: boolean; words: string; tag: string } {
  if (part.submitted_at) return { late: false, words: 'Given', tag: 'govuk-tag--green' }
  const status = dueStatus(part.due_on, now)
  return status.urgency === 'overdue'
    ? { late: true, words: `Late: ${status.words.toLowerCase()}`, tag: status.tag }
    : { late: false, words: status.words, tag: status.tag }
}

// ---------------------------------------------------------------------------
// The local child safeguarding practice review after commissioning

/** The three lead safeguarding partners who sign off a practice review, each represented by its kind of agency. */
export const LEAD_PARTNERS = {
  'local-authority': 'The local authority',
  police: 'The police',
  health: 'Health (the integrated care board)',
} as const
export type LeadPartner = keyof typeof LEAD_PARTNERS
const LEAD_PARTNER_KEYS = Object.keys(LEAD_PARTNERS) as LeadPartner[]

/** The lead partner a safeguarding manager signs for, by their agency's kind; none for other agencies. */
export const partnerOf = (kind: string): LeadPartner | null =>
  kind === 'local-authority' || kind === 'police' || kind === 'health' ? kind : null

/** The partners who have not yet signed the current draft, in the partners' order. */
export const unsignedPartners = (signed: readonly LeadPartner[]): LeadPartner[] =>
  LEAD_PARTNER_KEYS.filter((partner) => !signed.includes(partner))

/** Why the review may not be recorded as published yet, in words; null when it may. */
export function publicationProblem(signed: readonly LeadPartner[], draftVersion: number): string | null {
  if (draftVersion === 0) return 'Add a draft of the review before it is signed off and published'
  const missing = unsignedPartners(signed)
  if (missing.length === 0) return null
  const names = missing.map((partner) =>
    LEAD_PARTNERS[partner].replace(/^The /, 'the ').replace(/^Health/, 'health'),
  )
  return `The review cannot be published until all three lead safeguarding partners have signed off the current draft: still to sign, ${names.join(', ')}`
}

/** Working days before the publication target that the reviews people are warned (about a month). */
export const PUBLICATION_WARNING_WORKING_DAYS = 20

/** How soon the publication target falls due: within 20 working days it is "due soon" (and warned of). */
export function publicationStatus(
  publishBy: IsoDate,
  publishedOn: IsoDate | null,
  now: Date,
): { urgency: Urgency; words: string; tag: string } {
  if (publishedOn) return { urgency: 'none', words: 'Published', tag: 'govuk-tag--green' }
  const left = timeLeft(publishBy, now)
  if (left.state === 'overdue') return { urgency: 'overdue', words: left.words, tag: 'govuk-tag--red' }
  if (
    left.state === 'due-today' ||
    workingDaysBetween(toIsoDate(now), publishBy) <= PUBLICATION_WARNING_WORKING_DAYS
  )
    return { urgency: 'due-soon', words: `Due soon: ${left.words}`, tag: 'govuk-tag--orange' }
  return { urgency: 'due', words: left.words, tag: 'govuk-tag--blue' }
}

/**
 * The partner a lead-partner safeguarding manager signs a review for: a local authority's only for
 * the child's own LA (another LA's is not a party to it), the police and health for the partnership.
 */
export function signerOf(
  actor: { agencyKind: string; agencyLaId?: string },
  laId: string,
): LeadPartner | null {
  const partner = partnerOf(actor.agencyKind)
  if (partner === 'local-authority' && actor.agencyLaId !== laId) return null
  return partner
}

// ---------------------------------------------------------------------------
// A draft uploaded as a file

/** The kinds of file a practice review's draft may be uploaded as, by what their bytes are. */
export const DRAFT_FILE_TYPES = {
  pdf: { words: 'PDF', mediaType: 'application/pdf', extension: 'pdf' },
  docx: {
    words: 'Word document',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
} as const
export type DraftFileType = keyof typeof DRAFT_FILE_TYPES

/** The largest draft file taken: 10 MB, a long review report with its images. */
export const LARGEST_DRAFT_FILE = 10 * 1024 * 1024

const PDF_SIGNATURE = Buffer.from('%PDF-')
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04])
/** A Word document's main part: its name is stored plainly in the ZIP's headers. */
const WORD_PART = Buffer.from('word/document.xml')

/**
 * What a file really is by its leading bytes, whatever its name says: a PDF, a Word document (a ZIP
 * holding word/document.xml), or neither (undefined: an old .doc, a spreadsheet, a renamed image).
 */
export function draftFileType(bytes: Uint8Array): DraftFileType | undefined {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (file.subarray(0, PDF_SIGNATURE.length).equals(PDF_SIGNATURE)) return 'pdf'
  if (file.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE) && file.includes(WORD_PART)) return 'docx'
  return undefined
}

/** A file's size as people say it: "840 KB", "2.4 MB". */
export function fileSizeInWords(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  const mb = bytes / (1024 * 1024)
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, '') : Math.round(mb)} MB`
}

// ---------------------------------------------------------------------------
// Themes across serious incidents, and the recommendations' impact

/** Serious incidents counted by their own themes and the year the LA learned of them (each incident once a theme). */
export function themesByYear(
  themes: readonly { id: string; label: string }[],
  incidents: readonly { learnedOn: IsoDate; themes: readonly string[] }[],
): { years: number[]; rows: { label: string; counts: number[]; total: number }[]; untagged: number } {
  const years = [...new Set(incidents.map((i) => Number(i.learnedOn.slice(0, 4))))].sort()
  const rows = themes
    .map((theme) => {
      const counts = years.map(
        (year) =>
          incidents.filter((i) => i.themes.includes(theme.id) && Number(i.learnedOn.slice(0, 4)) === year)
            .length,
      )
      return { label: theme.label, counts, total: counts.reduce((a, b) => a + b, 0) }
    })
    .filter((row) => row.total > 0)
  return { years, rows, untagged: incidents.filter((i) => i.themes.length === 0).length }
}

export type ImpactState = 'open' | 'done-with-impact' | 'done-without-impact'

/** Where a recommendation's action stands on impact: still open, done with evidence of impact, done without it yet. */
export const impactState = (action: { completed_at: Date | null }, hasImpact: boolean): ImpactState =>
  action.completed_at === null ? 'open' : hasImpact ? 'done-with-impact' : 'done-without-impact'

/**
 * The rapid review meeting's quorum (the meetings block's QuoracyRule): the three lead safeguarding
 * partners, a local authority, the police and health, attend. Null when quorate, else who is missing.
 */
export const rapidReviewQuorum = (attendees: readonly { kind: string }[]): string | null => {
  const missing = unsignedPartners(
    attendees.map((a) => partnerOf(a.kind)).filter((p): p is LeadPartner => p !== null),
  )
  return missing.length === 0
    ? null
    : missing.map((p) => LEAD_PARTNERS[p].replace(/^The /, 'the ').replace(/^Health/, 'health')).join(', ')
}
