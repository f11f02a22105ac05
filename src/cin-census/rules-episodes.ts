// Rules on CINdetails (each referral episode) and the child's Disabilities.

import { workingDayOnOrAfter } from '../platform/calendar/working-days.ts'
import { type Episode, isFalse, isTrue } from './census.ts'
import { before, type CensusRule, countWhere } from './rule.ts'

const flag = (test: boolean) => (test ? 1 : 0)

const REFERRAL_SOURCES: ReadonlySet<string> = new Set(
  '1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10'.split(' '),
)
const CLOSURE_REASONS: ReadonlySet<string> = new Set('RC1 RC2 RC3 RC4 RC5 RC6 RC7 RC8 RC9'.split(' '))
const PRIMARY_NEEDS: ReadonlySet<string> = new Set('N0 N1 N2 N3 N4 N5 N6 N7 N8 N9'.split(' '))
const DISABILITIES: ReadonlySet<string> = new Set(
  'NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA'.split(' '),
)
const NFA_FLAGS: ReadonlySet<string> = new Set(['true', 'false', '1', '0'])

const openFurtherAction = (e: Episode) => e.closureDate === undefined && isFalse(e.referralNFA)

export const EPISODE_RULES: readonly CensusRule[] = [
  {
    code: '8540',
    fields: ['Disability'],
    // Checked for a born child with a referral that went on to further action.
    breaches: ({ birthDate, episodes, disabilities }) => {
      if (birthDate === undefined || !episodes.some((e) => isFalse(e.referralNFA))) return 0
      return disabilities.length === 0 ? 1 : countWhere(disabilities, (code) => !DISABILITIES.has(code))
    },
  },
  {
    code: '8555Q',
    fields: ['CINreferralDate', 'PersonDeathDate'],
    breaches: ({ episodes, deathDate }) => countWhere(episodes, (e) => before(deathDate, e.referralDate)),
  },
  {
    code: '8568',
    fields: ['ReferralNFA'],
    breaches: ({ episodes }) =>
      countWhere(episodes, (e) => e.referralNFA === undefined || !NFA_FLAGS.has(e.referralNFA.toLowerCase())),
  },
  {
    code: '8569Q',
    fields: ['CINreferralDate', 'ReferralNFA'],
    breaches: ({ episodes }, period) => {
      const firstWorkingDay = period.derived('first-working-day', (p) => workingDayOnOrAfter(p.start))
      return countWhere(episodes, (e) => before(e.referralDate, firstWorkingDay) && !isFalse(e.referralNFA))
    },
  },
  {
    code: '8585Q',
    fields: ['ReasonForClosure', 'PersonDeathDate'],
    breaches: ({ episodes, deathDate }) =>
      deathDate === undefined ? countWhere(episodes, (e) => e.reasonForClosure === 'RC2') : 0,
  },
  {
    code: '8600',
    fields: ['CINreferralDate'],
    breaches: ({ episodes }, period) =>
      countWhere(episodes, (e) => e.referralDate === undefined || e.referralDate > period.end),
  },
  {
    code: '8606',
    fields: ['CINreferralDate', 'PersonBirthDate', 'ExpectedPersonBirthDate'],
    breaches: ({ episodes, birthDate, expectedBirthDate }) =>
      countWhere(
        episodes,
        (e) => tooEarly(e.referralDate, birthDate) || tooEarly(e.referralDate, expectedBirthDate),
      ),
  },
  {
    code: '8610',
    fields: ['ReferralNFA', 'PrimaryNeedCode'],
    breaches: ({ episodes }) =>
      countWhere(episodes, (e) => isFalse(e.referralNFA) && e.primaryNeedCode === undefined),
  },
  {
    code: '8620',
    fields: ['CINclosureDate'],
    // The reference validator counts a closure on either end of the year as outside it.
    breaches: ({ episodes }, period) =>
      countWhere(
        episodes,
        (e) => e.closureDate !== undefined && !(e.closureDate > period.start && e.closureDate < period.end),
      ),
  },
  {
    code: '8630',
    fields: ['CINreferralDate', 'CINclosureDate'],
    breaches: ({ episodes }) => countWhere(episodes, (e) => before(e.closureDate, e.referralDate)),
  },
  {
    code: '8640',
    fields: ['ReasonForClosure'],
    breaches: ({ episodes }) =>
      countWhere(
        episodes,
        (e) => e.reasonForClosure !== undefined && !CLOSURE_REASONS.has(e.reasonForClosure),
      ),
  },
  {
    code: '8650',
    fields: ['PrimaryNeedCode'],
    breaches: ({ episodes }) =>
      countWhere(episodes, (e) => e.primaryNeedCode !== undefined && !PRIMARY_NEEDS.has(e.primaryNeedCode)),
  },
  {
    code: '8790',
    fields: ['Disability'],
    breaches: ({ disabilities }) =>
      flag(disabilities.includes('NONE') && disabilities.some((d) => d !== 'NONE')),
  },
  {
    code: '8794',
    fields: ['Disability'],
    breaches: ({ disabilities }) => flag(new Set(disabilities).size < disabilities.length),
  },
  {
    code: '8805',
    fields: ['CINclosureDate', 'ReasonForClosure'],
    breaches: ({ episodes }) =>
      countWhere(episodes, (e) => e.closureDate !== undefined && e.reasonForClosure === undefined),
  },
  {
    code: '8810',
    fields: ['CINclosureDate', 'ReasonForClosure'],
    breaches: ({ episodes }) =>
      countWhere(episodes, (e) => e.reasonForClosure !== undefined && e.closureDate === undefined),
  },
  {
    code: '8815',
    fields: ['CINclosureDate', 'ReferralNFA'],
    breaches: ({ episodes }) => {
      const open = countWhere(episodes, openFurtherAction)
      return open > 1 ? countWhere(episodes, (e) => e.closureDate === undefined) : 0
    },
  },
  {
    code: '8816',
    fields: ['CINreferralDate', 'ReferralNFA'],
    breaches: ({ episodes }) => {
      const latest = latestDate(episodes.map((e) => e.referralDate))
      return countWhere(episodes, (e) => openFurtherAction(e) && e.referralDate !== latest)
    },
  },
  {
    code: '8820',
    fields: ['CINreferralDate', 'CINclosureDate'],
    breaches: ({ episodes }, period) => countOverlappingEpisodes(episodes, period.end),
  },
  {
    code: '8825Q',
    fields: ['ReasonForClosure'],
    breaches: ({ episodes }) =>
      countWhere(
        episodes,
        (e) => ['RC8', 'RC9'].includes(e.reasonForClosure ?? '') && e.assessments.length === 0,
      ),
  },
  {
    code: '8831',
    fields: [
      'AssessmentActualStartDate',
      'AssessmentAuthorisationDate',
      'S47ActualStartDate',
      'DateOfInitialCPC',
    ],
    breaches: ({ episodes }) => countWhere(episodes, (e) => isTrue(e.referralNFA) && hasActivity(e)),
  },
  {
    code: '8866',
    fields: ['CINreferralDate', 'ReferralSource'],
    breaches: ({ episodes }) =>
      countWhere(
        episodes,
        (e) =>
          e.referralDate !== undefined &&
          e.referralDate >= '2013-04-01' &&
          (e.referralSource === undefined || !REFERRAL_SOURCES.has(e.referralSource)),
      ),
  },
]

/** Referred more than 280 days (40 weeks) before the (expected) birth. */
function tooEarly(referral: string | undefined, birth: string | undefined): boolean {
  if (referral === undefined || birth === undefined) return false
  return Date.parse(birth) - Date.parse(referral) > 280 * 86_400_000
}

function latestDate(dates: readonly (string | undefined)[]): string | undefined {
  let latest: string | undefined
  for (const date of dates) if (date !== undefined && (latest === undefined || date > latest)) latest = date
  return latest
}

function hasActivity(e: Episode): boolean {
  return (
    e.dateOfInitialCPC !== undefined ||
    e.section47s.some((s) => s.startDate !== undefined) ||
    e.assessments.some((a) => a.startDate !== undefined || a.authorisationDate !== undefined)
  )
}

// An episode's referral may not fall on or after another episode's referral and on or before its
// closure (or, for an open further-action episode written 'False' or '0', its reference date).
function countOverlappingEpisodes(episodes: readonly Episode[], referenceDate: string): number {
  return countWhere(episodes, (e) =>
    episodes.some((other) => {
      if (other === e || e.referralDate === undefined || other.referralDate === undefined) return false
      if (e.referralDate < other.referralDate) return false
      if (other.closureDate !== undefined) return e.referralDate <= other.closureDate
      return e.referralDate <= referenceDate && (other.referralNFA === 'False' || other.referralNFA === '0')
    }),
  )
}
