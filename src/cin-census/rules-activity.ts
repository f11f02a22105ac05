// Rules on what follows a referral: Assessments, Section47 enquiries, CIN plans, child
// protection plans and their reviews.

import type { Assessment, CensusChild, Episode, ProtectionPlan } from './census.ts'
import { isTrue } from './census.ts'
import { isWeekend } from './dates.ts'
import { before, type CensusRule, countEach, outsidePeriod, reviewsAtPlace } from './rule.ts'

const CATEGORIES: ReadonlySet<string> = new Set(['NEG', 'PHY', 'SAB', 'EMO', 'MUL'])
const FACTORS: ReadonlySet<string> = new Set([
  ...'1A 1B 1C 2A 2B 2C 3A 3B 3C 4A 4B 4C 5A 5B 5C 6A 6B 6C 7A 8B 8C 8D 8E 8F 9A 10A 11A 12A 13A 14A'.split(
    ' ',
  ),
  ...'15A 16A 17A 18A 18B 18C 19A 19B 19C 20 21 22A 23A 24A'.split(' '),
])

const assessments = (e: Episode) => e.assessments
const section47s = (e: Episode) => e.section47s
const cinPlans = (e: Episode) => e.cinPlans
const plans = (e: Episode) => e.protectionPlans
const eachAssessment = (child: CensusChild, test: (a: Assessment, e: Episode) => boolean) =>
  countEach(child.episodes, assessments, test)
const eachPlan = (child: CensusChild, test: (p: ProtectionPlan, e: Episode) => boolean) =>
  countEach(child.episodes, plans, test)
const onWeekend = (date: string | undefined) => date !== undefined && isWeekend(date)
const hasFactor = (a: Assessment, code: string) => a.factors.some((f) => f.toUpperCase() === code)

export const ACTIVITY_RULES: readonly CensusRule[] = [
  {
    code: '1103',
    fields: ['AssessmentActualStartDate', 'CINreferralDate'],
    breaches: (child) => eachAssessment(child, (a, e) => before(a.startDate, e.referralDate)),
  },
  {
    code: '1105',
    fields: ['CPPstartDate', 'CINreferralDate'],
    breaches: (child) => eachPlan(child, (p, e) => before(p.startDate, e.referralDate)),
  },
  {
    code: '2889',
    fields: ['S47ActualStartDate', 'CINreferralDate'],
    breaches: ({ episodes }) =>
      countEach(episodes, section47s, (s, e) => before(s.startDate, e.referralDate)),
  },
  {
    code: '4000',
    fields: ['CINPlanStartDate', 'ReferralNFA'],
    breaches: ({ episodes }) => countEach(episodes, cinPlans, (_, e) => isTrue(e.referralNFA)),
  },
  {
    code: '4009Q',
    fields: ['CINPlanEndDate', 'PersonDeathDate'],
    breaches: ({ episodes, deathDate }) => countEach(episodes, cinPlans, (p) => before(deathDate, p.endDate)),
  },
  {
    code: '4011',
    fields: ['CINPlanStartDate', 'CINPlanEndDate'],
    breaches: ({ episodes }) => countEach(episodes, cinPlans, (p) => before(p.endDate, p.startDate)),
  },
  {
    code: '4012Q',
    fields: ['CINPlanStartDate', 'CINPlanEndDate'],
    breaches: ({ episodes }) =>
      countEach(episodes, cinPlans, (p) => p.startDate !== undefined && p.startDate === p.endDate),
  },
  {
    code: '4013',
    fields: ['CINPlanEndDate'],
    breaches: ({ episodes }, period) =>
      countEach(episodes, cinPlans, (p) => outsidePeriod(p.endDate, period)),
  },
  {
    code: '4015',
    fields: ['CINPlanStartDate', 'CINreferralDate'],
    breaches: ({ episodes }) => countEach(episodes, cinPlans, (p, e) => before(p.startDate, e.referralDate)),
  },
  {
    code: '8608',
    fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
    breaches: (child) => eachAssessment(child, (a) => before(a.authorisationDate, a.startDate)),
  },
  {
    code: '8614',
    fields: ['AssessmentFactors', 'AssessmentAuthorisationDate'],
    breaches: (child) =>
      eachAssessment(child, (a) => a.factors.length > 0 && a.authorisationDate === undefined),
  },
  {
    code: '8670Q',
    fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
    breaches: (child, period) =>
      eachAssessment(
        child,
        (a) => a.authorisationDate === undefined && before(a.startDate, period.workingDaysBeforeEnd(45)),
      ),
  },
  {
    code: '8675Q',
    fields: ['DateOfInitialCPC', 'S47ActualStartDate'],
    // As the reference validator has it: a start within the last 15 working days is queried.
    breaches: ({ episodes }, period) =>
      countEach(
        episodes,
        section47s,
        (s) =>
          s.dateOfInitialCPC === undefined &&
          s.icpcNotRequired === 'false' &&
          before(period.workingDaysBeforeEnd(15), s.startDate),
      ),
  },
  {
    code: '8696',
    fields: ['AssessmentAuthorisationDate'],
    breaches: (child, period) => eachAssessment(child, (a) => outsidePeriod(a.authorisationDate, period)),
  },
  {
    code: '8720',
    fields: ['CPPstartDate'],
    breaches: (child, period) =>
      eachPlan(child, (p) => p.startDate === undefined || p.startDate > period.end),
  },
  {
    code: '8730',
    fields: ['NumberOfPreviousCPP'],
    breaches: (child) => eachPlan(child, (p) => p.numberOfPreviousCPP === undefined),
  },
  {
    code: '8736',
    fields: ['AssessmentActualStartDate', 'AssessmentAuthorisationDate'],
    breaches: (child, period) =>
      eachAssessment(child, (a) => a.authorisationDate === undefined && outsidePeriod(a.startDate, period)),
  },
  {
    code: '8832',
    fields: ['CPPstartDate', 'ReferralNFA'],
    breaches: (child) =>
      eachPlan(child, (_, e) => e.referralNFA?.toLowerCase() === 'true' || e.referralNFA === '1'),
  },
  {
    code: '8840',
    fields: ['CPPstartDate', 'CPPendDate'],
    breaches: (child) => eachPlan(child, (p) => p.startDate !== undefined && p.startDate === p.endDate),
  },
  {
    code: '8841',
    fields: ['CPPstartDate', 'CPPreviewDate'],
    // Reviews matched to plans by their place in their episode, as the reference validator does.
    breaches: (child) =>
      countEach(child.episodes, plans, (p, e) => {
        const start = p.startDate
        return (
          start !== undefined && reviewsAtPlace(child, e.protectionPlans.indexOf(p)).some((r) => r <= start)
        )
      }),
  },
  {
    code: '8842Q',
    fields: ['CPPreviewDate'],
    breaches: (child) => eachPlan(child, (p) => p.reviewDates.includes(undefined)),
  },
  {
    code: '8869',
    fields: ['AssessmentFactors'],
    breaches: (child) => eachAssessment(child, (a) => a.factors.includes('21') && a.factors.length > 1),
  },
  {
    code: '8870Q',
    fields: ['InitialCPCtarget'],
    breaches: ({ episodes }) => countEach(episodes, section47s, (s) => onWeekend(s.initialCPCtarget)),
  },
  {
    code: '8875',
    fields: ['DateOfInitialCPC'],
    breaches: ({ episodes }) => countEach(episodes, section47s, (s) => onWeekend(s.dateOfInitialCPC)),
  },
  {
    code: '8897Q',
    fields: ['AssessmentFactors', 'AssessmentAuthorisationDate'],
    // Checked for an assessment completed on or after the start of the census year.
    breaches: (child, period) =>
      eachAssessment(
        child,
        (a) =>
          a.authorisationDate !== undefined &&
          a.authorisationDate >= period.start &&
          (a.factors.length === 0 || a.factors.some((f) => !FACTORS.has(f))),
      ),
  },
  {
    code: '8898',
    fields: ['AssessmentFactors'],
    breaches: (child) => eachAssessment(child, (a) => new Set(a.factors).size < a.factors.length),
  },
  {
    code: '8905',
    fields: ['InitialCategoryOfAbuse'],
    breaches: (child) => eachPlan(child, (p) => !CATEGORIES.has(p.initialCategoryOfAbuse ?? '')),
  },
  {
    code: '8910',
    fields: ['LatestCategoryOfAbuse'],
    breaches: (child) => eachPlan(child, (p) => !CATEGORIES.has(p.latestCategoryOfAbuse ?? '')),
  },
  {
    code: '8915',
    fields: ['CPPstartDate', 'PersonDeathDate'],
    breaches: (child) => eachPlan(child, (p) => before(child.deathDate, p.startDate)),
  },
  {
    code: '8920',
    fields: ['CPPendDate', 'PersonDeathDate'],
    breaches: (child) => eachPlan(child, (p) => before(child.deathDate, p.endDate)),
  },
  {
    code: '8925',
    fields: ['CPPstartDate', 'CPPendDate'],
    breaches: (child) => eachPlan(child, (p) => before(p.endDate, p.startDate)),
  },
  {
    code: '8930',
    fields: ['CPPendDate'],
    breaches: (child, period) => eachPlan(child, (p) => outsidePeriod(p.endDate, period)),
  },
  {
    code: '8935',
    fields: ['CPPendDate'],
    // As the reference validator groups them: open plans at the same place in different episodes.
    breaches: ({ episodes }) => {
      const openAt = new Map<number, number>()
      for (const e of episodes) {
        e.protectionPlans.forEach((p, index) => {
          if (p.endDate === undefined) openAt.set(index, (openAt.get(index) ?? 0) + 1)
        })
      }
      return [...openAt.values()].reduce((n, open) => n + (open > 1 ? open : 0), 0)
    },
  },
  {
    code: '8945Q',
    fields: ['AssessmentFactors'],
    breaches: (child) => eachAssessment(child, (a) => hasFactor(a, '18A')),
  },
  {
    code: '8950Q',
    fields: ['AssessmentFactors'],
    breaches: (child) => eachAssessment(child, (a) => hasFactor(a, '19A')),
  },
]
