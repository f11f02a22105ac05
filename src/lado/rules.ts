// Pure decisions about allegations against people who work with children: the harm test, the words
// for each answer, when the LADO must be told (1 working day), the queue's order, and the yearly
// figures with their timeliness. No I/O.

import { clockStatus, ladoInformedBy } from '../platform/calendar/clocks.ts'
import { addCalendarMonths, type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'

/** The harm test (Working Together; Keeping Children Safe in Education): any one limb met is enough. */
export const HARM_TEST = {
  harmed: 'Behaved in a way that has harmed a child, or may have harmed a child',
  offence: 'Possibly committed a criminal offence against or related to a child',
  'risk-of-harm': 'Behaved towards a child or children in a way that indicates they may pose a risk of harm',
  unsuitable: 'Behaved in a way that indicates they may not be suitable to work with children',
} as const
export type HarmTestLimb = keyof typeof HARM_TEST

export const HARM_CATEGORIES = {
  physical: 'Physical abuse',
  sexual: 'Sexual abuse',
  emotional: 'Emotional abuse',
  neglect: 'Neglect',
  suitability: 'Suitability to work with children',
} as const
export type HarmCategory = keyof typeof HARM_CATEGORIES

/** The sectors the yearly LADO figures are counted by. */
export const EMPLOYER_SECTORS = {
  education: 'Education (schools and colleges)',
  'early-years': 'Early years and childminding',
  health: 'Health',
  'social-care': 'Children’s social care',
  residential: 'Residential care',
  fostering: 'Foster care',
  police: 'Police',
  faith: 'Faith groups',
  'sport-leisure': 'Sport and leisure',
  transport: 'Transport',
  voluntary: 'Voluntary and community sector',
  other: 'Other',
} as const
export type EmployerSector = keyof typeof EMPLOYER_SECTORS

export const CONSIDERATIONS = {
  'threshold-met': 'Threshold met: the allegation will be managed by the LADO',
  'threshold-not-met': 'Threshold not met: the employer deals with it',
  'advice-only': 'Advice only',
} as const
export type Consideration = keyof typeof CONSIDERATIONS

/** The outcomes of an allegation, as Keeping Children Safe in Education defines them. */
export const OUTCOMES = {
  substantiated: 'Substantiated: there is sufficient evidence to prove the allegation',
  malicious: 'Malicious: there is sufficient evidence to disprove it, and a deliberate act to deceive',
  false: 'False: there is sufficient evidence to disprove the allegation',
  unsubstantiated: 'Unsubstantiated: there is insufficient evidence either to prove or disprove it',
  unfounded: 'Unfounded: there is no evidence or proper basis which supports the allegation',
} as const
export type Outcome = keyof typeof OUTCOMES

export const EMPLOYER_ACTIONS = {
  suspension: 'Suspension',
  investigation: 'Investigation',
  dismissal: 'Dismissal',
  resignation: 'Resignation',
} as const
export type EmployerAction = keyof typeof EMPLOYER_ACTIONS

/** The first words of a label: "Substantiated" of "Substantiated: there is ...". */
export const shortLabel = (label: string): string => label.split(':')[0] ?? label

/** The working day by which the LADO must be told of an allegation referred at this instant. */
export const informedBy = (referredAt: Date): IsoDate => ladoInformedBy(toIsoDate(referredAt))

/** Where an allegation stands on the LADO's queue, in words and as the tag's colour. */
export function queueStatus(
  allegation: { lado_informed_by: IsoDate; considered_at: Date | null },
  today: IsoDate,
): { words: string; tag: string } {
  if (allegation.considered_at) return { words: 'Being managed', tag: 'govuk-tag--blue' }
  const { state } = clockStatus(allegation.lado_informed_by, today)
  if (state === 'overdue') return { words: 'Overdue: not yet considered', tag: 'govuk-tag--red' }
  if (state === 'due-today') return { words: 'Consider today', tag: 'govuk-tag--yellow' }
  return { words: 'Consider by next working day', tag: 'govuk-tag--grey' }
}

/** The queue's order: not yet considered first, soonest due first; then by when each was referred. */
export function byWhatIsDue<
  T extends { lado_informed_by: IsoDate; considered_at: Date | null; referred_at: Date },
>(allegations: readonly T[]): T[] {
  const rank = (a: T) => (a.considered_at ? 1 : 0)
  return [...allegations].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.lado_informed_by.localeCompare(b.lado_informed_by) ||
      a.referred_at.getTime() - b.referred_at.getTime(),
  )
}

// ---------------------------------------------------------------------------
// The yearly figures

/** A reporting year: 1 April to 31 March, named by the year it starts. */
export const reportingYear = (startYear: number) => ({
  from: `${startYear}-04-01`,
  to: `${startYear + 1}-03-31`,
  name: `April ${startYear} to March ${startYear + 1}`,
})

/** The reporting year a date falls in. */
export const reportingYearOf = (date: IsoDate): number => {
  const year = Number(date.slice(0, 4))
  return date.slice(5) >= '04-01' ? year : year - 1
}

export interface Counted {
  referredOn: IsoDate
  employerSector: EmployerSector
  harmCategory: HarmCategory
  outcome: Outcome | null
  outcomeOn: IsoDate | null
}

export interface Tally<K extends string> {
  key: K
  label: string
  count: number
}

export interface Timeliness {
  months: number
  resolved: number
  /** Of all the allegations referred in the year, as a whole percentage. */
  percent: number
}

export interface YearlyFigures {
  referred: number
  resolved: number
  bySector: Tally<EmployerSector>[]
  byCategory: Tally<HarmCategory>[]
  byOutcome: Tally<Outcome | 'open'>[]
  timeliness: Timeliness[]
}

const tally = <K extends string>(labels: Record<K, string>, keys: readonly K[]): Tally<K>[] =>
  (Object.keys(labels) as K[])
    .map((key) => ({ key, label: shortLabel(labels[key]), count: keys.filter((k) => k === key).length }))
    .filter((row) => row.count > 0)

/** Resolved within this many calendar months of the referral (an outcome recorded by then). */
const resolvedWithin = (allegation: Counted, months: number): boolean =>
  allegation.outcomeOn !== null && allegation.outcomeOn <= addCalendarMonths(allegation.referredOn, months)

const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100))

/** The yearly LADO figures of the allegations referred in a year: by sector, category and outcome, and how soon they were resolved. */
export function yearlyFigures(allegations: readonly Counted[]): YearlyFigures {
  const referred = allegations.length
  return {
    referred,
    resolved: allegations.filter((a) => a.outcome !== null).length,
    bySector: tally(
      EMPLOYER_SECTORS,
      allegations.map((a) => a.employerSector),
    ),
    byCategory: tally(
      HARM_CATEGORIES,
      allegations.map((a) => a.harmCategory),
    ),
    byOutcome: tally(
      { ...OUTCOMES, open: 'Not yet concluded' },
      allegations.map((a) => a.outcome ?? 'open'),
    ),
    timeliness: [1, 3, 12].map((months) => {
      const resolved = allegations.filter((a) => resolvedWithin(a, months)).length
      return { months, resolved, percent: percentOf(resolved, referred) }
    }),
  }
}
