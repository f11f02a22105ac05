// Rules that compare a record with the others of its episode or of the child: open and
// overlapping assessments, enquiries and plans, and closed episodes with work still open.

import type { CensusChild, Episode } from './census.ts'
import {
  before,
  type CensusPeriod,
  type CensusRule,
  countEach,
  countWhere,
  outsidePeriod,
  reviewsAtPlace,
} from './rule.ts'

/** A dated record in its episode (group) at its place (index); without an end it runs to the reference date unless `closed`. */
type Span = { start?: string; end?: string; closed?: boolean; group: number; index: number }

/** Counts the spans whose start falls on or after another span's start and on or before that span's end. */
function countStartsInside(
  spans: readonly Span[],
  referenceDate: string,
  compared: (a: Span, b: Span) => boolean,
): number {
  const dated = spans.filter((s) => s.start !== undefined)
  return countWhere(dated, (a) =>
    dated.some((b) => {
      if (a === b || !compared(a, b) || (a.start as string) < (b.start as string)) return false
      if (b.end !== undefined) return (a.start as string) <= b.end
      return (a.start as string) <= referenceDate && !b.closed
    }),
  )
}

function eachOfChild<T>(
  child: CensusChild,
  items: (e: Episode) => readonly T[],
  span: (item: T) => Omit<Span, 'group' | 'index'>,
) {
  return child.episodes.flatMap((e, group) =>
    items(e).map((item, index) => ({ ...span(item), group, index })),
  )
}

// Rule 2885 as the reference validator joins it: each plan starting in the year against every s47
// of its episode (or none) and the episode's own conference date; rows with no date at all are
// dropped when the child has some rows with a date; a plan fails when a row has neither date equal.
function plansNotStartingAtConference(child: CensusChild, period: CensusPeriod): number {
  const rows = child.episodes.flatMap((e) =>
    e.protectionPlans
      .filter((p) => p.startDate !== undefined && !outsidePeriod(p.startDate, period))
      .flatMap((plan) =>
        (e.section47s.length > 0 ? e.section47s.map((s) => s.dateOfInitialCPC) : [undefined]).map((s47) => ({
          plan,
          dates: [s47, e.dateOfInitialCPC],
        })),
      ),
  )
  const undated = (row: (typeof rows)[number]) => row.dates.every((d) => d === undefined)
  const mixed = rows.some(undated) && rows.some((row) => !undated(row))
  const failing = new Set(
    rows
      .filter((row) => !(mixed && undated(row)) && !row.dates.includes(row.plan.startDate))
      .map((row) => row.plan),
  )
  return failing.size
}

/** A date of the episode's work after its closure date (rule 8565). */
function activityAfterClosure(e: Episode): boolean {
  const closed = e.closureDate
  if (closed === undefined) return false
  const dates = [
    e.dateOfInitialCPC,
    ...e.assessments.flatMap((a) => [a.startDate, a.authorisationDate]),
    ...e.section47s.flatMap((s) => [s.startDate, s.dateOfInitialCPC]),
    ...e.protectionPlans.map((p) => p.endDate),
    ...e.cinPlans.flatMap((p) => [p.startDate, p.endDate]),
  ]
  return dates.some((date) => before(closed, date))
}

/** A start on or after the other's start and before its end (or on or before the reference date when open). */
function startsDuring(
  start: string | undefined,
  other: { startDate?: string; endDate?: string },
  end: string,
): boolean {
  if (start === undefined || other.startDate === undefined || start < other.startDate) return false
  return other.endDate === undefined ? start <= end : start < other.endDate
}

const allCinPlans = (child: CensusChild) => child.episodes.flatMap((e) => e.cinPlans)
const allProtectionPlans = (child: CensusChild) => child.episodes.flatMap((e) => e.protectionPlans)

export const GROUP_RULES: readonly CensusRule[] = [
  {
    code: '4016',
    fields: ['CINPlanStartDate', 'CPPstartDate', 'CPPendDate'],
    // A CIN plan starting while any CP plan of the child is open (starting on its end day is allowed).
    breaches: (child, period) =>
      countWhere(allCinPlans(child), (cin) =>
        allProtectionPlans(child).some((cpp) => startsDuring(cin.startDate, cpp, period.end)),
      ),
  },
  {
    code: '4017',
    fields: ['CPPstartDate', 'CINPlanStartDate', 'CINPlanEndDate'],
    // A CP plan starting while any CIN plan of the child is open (starting on its end day is allowed).
    breaches: (child, period) =>
      countWhere(allProtectionPlans(child), (cpp) =>
        allCinPlans(child).some((cin) => startsDuring(cpp.startDate, cin, period.end)),
      ),
  },
  {
    code: '1104',
    fields: ['CINreferralDate', 'DateOfInitialCPC'],
    breaches: ({ episodes }) =>
      countEach(
        episodes,
        (e) => e.section47s,
        (s, e) => before(s.dateOfInitialCPC, e.referralDate),
      ),
  },
  {
    code: '2884',
    fields: ['DateOfInitialCPC'],
    // Any s47 conference date equal to a CINdetails conference date of the child, in any episode.
    breaches: ({ episodes }) => {
      const atEpisode = new Set(episodes.map((e) => e.dateOfInitialCPC).filter((d) => d !== undefined))
      return countEach(
        episodes,
        (e) => e.section47s,
        (s) => s.dateOfInitialCPC !== undefined && atEpisode.has(s.dateOfInitialCPC),
      )
    },
  },
  {
    code: '2885',
    fields: ['CPPstartDate', 'DateOfInitialCPC'],
    breaches: plansNotStartingAtConference,
  },
  {
    code: '2991Q',
    fields: ['CINdetailsID'],
    // The DfE's definition (the reference validator compares s47s with the episodes, so never fires).
    breaches: ({ episodes }) =>
      countWhere(episodes, (e) => e.section47s.length > 0 && e.assessments.length === 0),
  },
  {
    code: '4001',
    fields: ['CINPlanEndDate', 'CPPendDate'],
    breaches: ({ episodes }) =>
      countWhere(
        episodes,
        (e) =>
          e.protectionPlans.some((p) => p.endDate === undefined) &&
          e.cinPlans.some((p) => p.endDate === undefined),
      ),
  },
  {
    code: '4003',
    fields: ['CPPreviewDate', 'CINPlanStartDate', 'CINPlanEndDate'],
    // As the reference validator has it: only a plan with an end date is checked, against CIN plans
    // with an end date; a review on the plan's end day is allowed.
    breaches: (child) =>
      countEach(
        child.episodes,
        (e) => e.protectionPlans,
        (p, e) => {
          const end = p.endDate
          if (end === undefined) return false
          return reviewsAtPlace(child, e.protectionPlans.indexOf(p)).some(
            (r) =>
              r !== end &&
              allCinPlans(child).some(
                (c) =>
                  c.startDate !== undefined && c.endDate !== undefined && r >= c.startDate && r < c.endDate,
              ),
          )
        },
      ),
  },
  {
    code: '4004',
    fields: ['CINPlanEndDate'],
    breaches: ({ episodes }) =>
      episodes.reduce((n, e) => {
        const open = countWhere(e.cinPlans, (p) => p.endDate === undefined)
        return n + (open > 1 ? open : 0)
      }, 0),
  },
  {
    code: '4010',
    fields: ['CINPlanStartDate'],
    breaches: ({ episodes }, period) =>
      countEach(
        episodes,
        (e) => e.cinPlans,
        (p) => p.startDate === undefined || p.startDate > period.end,
      ),
  },
  {
    code: '4014',
    fields: ['CINPlanStartDate', 'CINPlanEndDate'],
    breaches: (child, period) =>
      countStartsInside(
        eachOfChild(
          child,
          (e) => e.cinPlans,
          (p) => ({ start: p.startDate, end: p.endDate }),
        ),
        period.end,
        () => true,
      ),
  },
  {
    code: '8615',
    fields: ['S47ActualStartDate', 'DateOfInitialCPC'],
    breaches: ({ episodes }) =>
      countEach(
        episodes,
        (e) => e.section47s,
        (s) =>
          before(s.dateOfInitialCPC, s.startDate) ||
          (s.dateOfInitialCPC !== undefined && s.startDate === undefined),
      ),
  },
  {
    code: '8715',
    fields: ['DateOfInitialCPC'],
    breaches: ({ episodes }, period) =>
      countEach(
        episodes,
        (e) => e.section47s,
        (s) => outsidePeriod(s.dateOfInitialCPC, period),
      ),
  },
  {
    code: '8740',
    fields: ['S47ActualStartDate', 'DateOfInitialCPC', 'ICPCnotRequired'],
    // As the reference validator reads it: only an ICPCnotRequired written '0' counts as false.
    breaches: ({ episodes }, period) =>
      countEach(
        episodes,
        (e) => e.section47s,
        (s) =>
          s.dateOfInitialCPC === undefined && s.icpcNotRequired === '0' && outsidePeriod(s.startDate, period),
      ),
  },
  {
    code: '8839',
    fields: ['DateOfInitialCPC'],
    breaches: ({ episodes }) =>
      episodes.reduce((n, e) => {
        const open = countWhere(e.section47s, (s) => s.dateOfInitialCPC === undefined)
        return n + (open > 1 ? open : 0)
      }, 0),
  },
  {
    code: '8863Q',
    fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
    breaches: ({ episodes }, period) =>
      episodes.reduce(
        (n, e) =>
          n +
          countStartsInside(
            e.assessments.map((a, index) => ({
              start: a.startDate,
              end: a.authorisationDate,
              group: 0,
              index,
            })),
            period.end,
            (a, b) => !(a.start === b.start && a.end === b.end),
          ),
        0,
      ),
  },
  {
    code: '8867',
    fields: ['CINclosureDate', 'AssessmentAuthorisationDate'],
    // A closed episode with no assessment counts too, as the reference validator's join has it.
    breaches: ({ episodes }) =>
      countWhere(
        episodes,
        (e) =>
          e.closureDate !== undefined &&
          (e.assessments.length === 0 || e.assessments.some((a) => a.authorisationDate === undefined)),
      ),
  },
  {
    code: '8868',
    fields: ['ICPCnotRequired', 'CINclosureDate', 'DateOfInitialCPC'],
    // A closed episode with no s47 counts too, as the reference validator's join has it.
    breaches: ({ episodes }) =>
      countWhere(
        episodes,
        (e) =>
          e.closureDate !== undefined &&
          (e.section47s.length === 0 ||
            e.section47s.some(
              (s) => (s.dateOfInitialCPC === undefined) !== ['1', 'true'].includes(s.icpcNotRequired ?? ''),
            )),
      ),
  },
  {
    code: '2990',
    fields: ['ReasonForClosure', 'DateOfInitialCPC'],
    // An episode closed after assessment (RC8, or RC9 referred to early help) with a conference
    // date, an s47, a CP plan or a CIN plan: one finding per episode.
    breaches: ({ episodes }) =>
      countWhere(
        episodes,
        (e) =>
          ['RC8', 'RC9'].includes(e.reasonForClosure ?? '') &&
          (e.dateOfInitialCPC !== undefined ||
            e.section47s.length > 0 ||
            e.protectionPlans.length > 0 ||
            e.cinPlans.length > 0),
      ),
  },
  {
    code: '8565',
    fields: [
      'CINclosureDate',
      'DateOfInitialCPC',
      'AssessmentActualStartDate',
      'S47ActualStartDate',
      'CPPendDate',
    ],
    // The written definition: a closure date on or after every date of the episode's work. (The
    // reference validator compares plan end dates with a fixed row left from its own test.)
    breaches: ({ episodes }) => countWhere(episodes, (e) => activityAfterClosure(e)),
  },
  {
    code: '8873Q',
    fields: ['ReasonForClosure', 'AssessmentFactors'],
    // One assessment in the episode, a factor containing '21', and no closure reason RC8 or RC9.
    breaches: ({ episodes }) =>
      countWhere(
        episodes,
        (e) =>
          e.assessments.length === 1 &&
          (e.assessments[0]?.factors ?? []).some((f) => f.includes('21')) &&
          !['RC8', 'RC9'].includes(e.reasonForClosure ?? ''),
      ),
  },
  {
    code: '8890',
    fields: ['S47ActualStartDate'],
    // Compared across the child's episodes (an enquiry is not compared with its own episode's).
    breaches: (child, period) =>
      countStartsInside(
        eachOfChild(
          child,
          (e) => e.section47s,
          (s) => ({ start: s.startDate, end: s.dateOfInitialCPC, closed: s.icpcNotRequired === '1' }),
        ),
        period.end,
        (a, b) => a.group !== b.group,
      ),
  },
  {
    code: '8896',
    fields: ['AssessmentAuthorisationDate'],
    breaches: ({ episodes }) =>
      episodes.reduce((n, e) => {
        const open = countWhere(e.assessments, (a) => a.authorisationDate === undefined)
        return n + (open > 1 ? open : 0)
      }, 0),
  },
  {
    code: '8940',
    fields: ['CPPstartDate', 'CPPendDate'],
    // Plans are told apart by their place in their episode, as the reference validator's CPPID.
    breaches: (child, period) =>
      countStartsInside(
        eachOfChild(
          child,
          (e) => e.protectionPlans,
          (p) => ({ start: p.startDate, end: p.endDate }),
        ),
        period.end,
        (a, b) => a.index !== b.index,
      ),
  },
]
