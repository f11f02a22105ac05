// The yearly safeguarding self-assessment's rules, pure: which standards an agency answers (Section 11
// of the Children Act 2004 for agencies; Section 175 of the Education Act 2002 and Section 157 for
// schools and colleges), the rating scale, the change from last year, when reminders fall due, and the
// partnership's view of the ratings.

import type { AgencyKind, PartnershipConfig } from '../partnership/config.ts'
import type { SelfAssessmentStandard } from '../partnership/config-schema.ts'
import { type IsoDate, subtractWorkingDays } from '../platform/calendar/working-days.ts'

export type Framework = 'section-11' | 'section-175'
export type Standard = SelfAssessmentStandard

export const FRAMEWORKS: Readonly<Record<Framework, string>> = {
  'section-11': 'Section 11 (Children Act 2004)',
  'section-175': 'Section 175/157 (Education Act 2002), for schools and colleges',
}

/**
 * The default Section 11 standards, in masa's words, after the duties statutory guidance (Working
 * Together to Safeguard Children) places on each organisation the section names.
 */
export const SECTION_11_STANDARDS: readonly Standard[] = [
  {
    id: 'leadership',
    title: 'Senior leadership and accountability',
    description:
      'A senior leader answers for safeguarding; the board or equivalent hears of it at least yearly, and the lines of accountability for it are written down and known.',
  },
  {
    id: 'responsibilities',
    title: 'Everyone knows their responsibilities',
    description:
      'A clear statement of what every member of staff must do to safeguard children, set out in policies and job descriptions, and known to staff and volunteers.',
  },
  {
    id: 'voice-of-the-child',
    title: 'Listening to children',
    description:
      'Services are planned and reviewed with children’s views and lived experience in mind; practitioners record children’s wishes and feelings and act on them.',
  },
  {
    id: 'training',
    title: 'Safeguarding training',
    description:
      'Staff have training in safeguarding at the level their role needs, are refreshed at set intervals, and take part in the partnership’s multi-agency training.',
  },
  {
    id: 'safer-recruitment',
    title: 'Safer recruitment and allegations',
    description:
      'Staff and volunteers are recruited safely, with the right checks (including the DBS); concerns and allegations about staff go to the LADO and are handled in line with procedures.',
  },
  {
    id: 'supervision',
    title: 'Supervision and support',
    description:
      'Practitioners working with children have regular supervision and reflective support, and managers check the quality of safeguarding practice.',
  },
  {
    id: 'designated-lead',
    title: 'Designated safeguarding professionals',
    description:
      'The organisation names designated or named professionals for safeguarding, gives them the time, training and authority to do it, and staff know how to reach them.',
  },
  {
    id: 'information-sharing',
    title: 'Information sharing and working together',
    description:
      'Staff share information promptly and lawfully with other agencies, take part in the partnership’s procedures (referrals, strategy discussions, conferences), and escalate disagreements.',
  },
]

/**
 * The default Section 175/157 standards for schools and colleges, in masa's words, after the duties
 * statutory guidance for schools and colleges (Keeping Children Safe in Education) describes.
 */
export const SECTION_175_STANDARDS: readonly Standard[] = [
  {
    id: 'governance',
    title: 'Governance and leadership',
    description:
      'The governing body or proprietor makes sure safeguarding arrangements are in place, reviews them yearly, and a named governor or trustee leads on them.',
  },
  {
    id: 'designated-lead',
    title: 'Designated safeguarding lead',
    description:
      'A designated safeguarding lead from the leadership team, with trained deputies, has the time, training and authority for the role and is available during school hours.',
  },
  {
    id: 'policy',
    title: 'Child protection policy and code of conduct',
    description:
      'A child protection policy in line with the partnership’s procedures and a staff code of conduct are published, known to all staff and reviewed at least yearly.',
  },
  {
    id: 'training',
    title: 'Staff training and induction',
    description:
      'All staff and governors have safeguarding training at induction and regular updates, and have read the part of the statutory guidance that applies to them.',
  },
  {
    id: 'safer-recruitment',
    title: 'Safer recruitment and allegations',
    description:
      'Recruitment follows safer recruitment practice, the single central record is complete, and allegations and low-level concerns about staff are handled with the LADO.',
  },
  {
    id: 'early-help-and-referrals',
    title: 'Early help, referrals and working together',
    description:
      'Concerns are recorded and acted on promptly; the school offers early help, refers to children’s social care when needed and takes part in multi-agency meetings.',
  },
  {
    id: 'pupils-voice',
    title: 'Teaching and pupils’ voice',
    description:
      'Pupils are taught how to keep themselves safe, including in relationships, and know whom to talk to; their views shape the school’s safeguarding arrangements.',
  },
  {
    id: 'online-safety',
    title: 'Online safety, filtering and monitoring',
    description:
      'Appropriate filtering and monitoring are in place and checked; staff, pupils and parents understand the risks online and how to report them.',
  },
]

/** Schools and colleges answer Section 175/157; every other agency Section 11. */
export const frameworkOf = (kind: AgencyKind): Framework =>
  kind === 'education' ? 'section-175' : 'section-11'

/** The standards an agency of this kind answers: the partnership's list, or the defaults. */
export function standardsFor(partnership: PartnershipConfig, framework: Framework): readonly Standard[] {
  const configured = partnership.self_assessment_standards
  return framework === 'section-175'
    ? (configured?.section_175 ?? SECTION_175_STANDARDS)
    : (configured?.section_11 ?? SECTION_11_STANDARDS)
}

// ---------------------------------------------------------------------------
// Ratings

/** A four-point scale; each point with the red, amber or green the partnership's view shows. */
export const RATINGS: Readonly<Record<'1' | '2' | '3' | '4', string>> = {
  '1': 'Not met',
  '2': 'Partly met',
  '3': 'Met',
  '4': 'Met and embedded',
}
export type Rag = 'red' | 'amber' | 'green'
export const ragOf = (rating: number): Rag => (rating <= 1 ? 'red' : rating === 2 ? 'amber' : 'green')
export const ratingWords = (rating: number | null | undefined): string =>
  rating ? (RATINGS[String(rating) as keyof typeof RATINGS] ?? 'Not rated') : 'Not rated'

export type Change = 'improved' | 'same' | 'declined' | 'new'

export const CHANGES: Readonly<Record<Change, string>> = {
  improved: 'Improved',
  same: 'No change',
  declined: 'Declined',
  new: 'No rating last year',
}

/** This year's rating against last year's: none last year (or not rated) is new. */
export function changeFrom(previous: number | null | undefined, current: number): Change {
  if (!previous) return 'new'
  return current > previous ? 'improved' : current < previous ? 'declined' : 'same'
}

/** One rating as the comparisons read it. */
export interface Rated {
  year: number
  agencyId: string
  standardId: string
  rating: number
}

/** An agency's ratings year by year: for each standard, each year's rating and its change from the year before. */
export function historyOf(
  ratings: readonly Rated[],
  agencyId: string,
  standards: readonly Standard[],
): {
  years: number[]
  rows: { standard: Standard; cells: { year: number; rating?: number; change?: Change }[] }[]
} {
  const own = ratings.filter((rated) => rated.agencyId === agencyId)
  const years = [...new Set(own.map((rated) => rated.year))].sort((a, b) => a - b)
  const rows = standards.map((standard) => ({
    standard,
    cells: years.map((year, index) => {
      const rating = own.find((r) => r.year === year && r.standardId === standard.id)?.rating
      const before =
        index > 0
          ? own.find((r) => r.year === years[index - 1] && r.standardId === standard.id)?.rating
          : undefined
      return rating === undefined ? { year } : { year, rating, change: changeFrom(before, rating) }
    }),
  }))
  return { years, rows }
}

/** For one standard across agencies: this year's average and last year's, and how many improved or declined. */
export function standardSummary(
  ratings: readonly Rated[],
  standardId: string,
  year: number,
): { average: number | null; previousAverage: number | null; improved: number; declined: number } {
  const average = (list: Rated[]) =>
    list.length > 0 ? Math.round((list.reduce((sum, r) => sum + r.rating, 0) / list.length) * 10) / 10 : null
  const now = ratings.filter((r) => r.year === year && r.standardId === standardId)
  const before = ratings.filter((r) => r.year === year - 1 && r.standardId === standardId)
  let improved = 0
  let declined = 0
  for (const rated of now) {
    const change = changeFrom(before.find((r) => r.agencyId === rated.agencyId)?.rating, rated.rating)
    if (change === 'improved') improved += 1
    if (change === 'declined') declined += 1
  }
  return { average: average(now), previousAverage: average(before), improved, declined }
}

// ---------------------------------------------------------------------------
// The round's clock and its reminders

/** Reminders go this many working days before the due date (and only while the return is not submitted). */
export const REMINDER_WORKING_DAYS: readonly number[] = [10, 2]

/**
 * The reminders due today for an agency that has not submitted: each point from its day until the due
 * date, not already sent. The latest point due only, when several are (a round opened late sends one).
 */
export function reminderDue(
  dueOn: IsoDate,
  today: IsoDate,
  sent: readonly number[],
  points: readonly number[] = REMINDER_WORKING_DAYS,
): number | undefined {
  if (today > dueOn) return undefined
  const reached = points.filter((days) => subtractWorkingDays(dueOn, days) <= today)
  if (reached.length === 0) return undefined
  const latest = Math.min(...reached)
  return sent.some((days) => days <= latest) ? undefined : latest
}

export type ReturnStatus = 'not-started' | 'draft' | 'submitted'

export const STATUSES: Readonly<Record<ReturnStatus, string>> = {
  'not-started': 'Not started',
  draft: 'In progress',
  submitted: 'Submitted',
}

/** Where a return stands against its round's due date, in words. */
export function dueWords(status: ReturnStatus, dueOn: IsoDate, today: IsoDate): string {
  if (status === 'submitted') return STATUSES.submitted
  return today > dueOn ? `${STATUSES[status]}: overdue` : STATUSES[status]
}

/** The standards a return still needs a rating for before it may be submitted. */
export const unrated = (standards: readonly Standard[], ratedIds: readonly string[]): Standard[] =>
  standards.filter((standard) => !ratedIds.includes(standard.id))
