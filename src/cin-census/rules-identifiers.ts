// Rules on ChildIdentifiers, ChildCharacteristics and Disabilities: one child's own details.

import type { CensusChild } from './census.ts'
import { addDays, addMonths, addYears } from './dates.ts'
import { before, type CensusPeriod, type CensusRule, countEach, countWhere } from './rule.ts'

const flag = (test: boolean) => (test ? 1 : 0)

/** The UPN check letter for weights 2..13 over characters 2-13, as the DfE computes it. */
const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWX'
function upnCheckLetter(upn: string): string | undefined {
  let sum = 0
  for (let i = 1; i < 13; i += 1) sum += Number(upn[i]) * (i + 1)
  return CHECK_LETTERS[sum % 23]
}

/** Post-1998 LA codes and pseudo-LA codes that characters 2-4 of a UPN may carry (2023-24 list). */
const UPN_LA_CODES: ReadonlySet<string> = new Set([
  ...['001', '002', '003', '004', '005', '420', '815', '816', '825', '826', '830', '831', '840', '841'],
  ...['845', '846', '860', '861', '908', '909', '916', '919', '921', '925', '926', '928', '929', '931'],
  ...['933', '942', '943'],
  ...[
    [201, 213],
    [301, 320],
    [330, 336],
    [340, 344],
    [350, 359],
    [370, 373],
    [380, 384],
    [390, 394],
    [660, 681],
    [701, 708],
    [800, 803],
    [805, 808],
    [810, 813],
    [820, 823],
    [835, 839],
    [850, 852],
    [855, 857],
    [865, 896],
    [935, 938],
    [940, 941],
  ].flatMap(([from, to]) => range(from as number, to as number)),
])

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i))
}

const UPN_LAST = /^[A-HJ-NP-RT-Z0-9]$/
const ETHNICITIES: ReadonlySet<string> = new Set(
  'ABAN AIND AOTH APKN BAFR BCRB BOTH CHNE MOTH MWAS MWBA MWBC NOBT OOTH REFU WBRI WIRI WIRT WOTH WROM'.split(
    ' ',
  ),
)
const ALPHANUMERIC = /^[\p{L}\p{N}]+$/u
const SCHOOL_AGE_UPN_UNKNOWN: ReadonlySet<string> = new Set(['UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7'])

const thirteen = (upn: string | undefined): upn is string => upn !== undefined && upn.length === 13

export const IDENTIFIER_RULES: readonly CensusRule[] = [
  {
    code: '1510',
    fields: ['UPN'],
    breaches: ({ upn }) =>
      flag(thirteen(upn) && /^\d{12}$/.test(upn.slice(1)) && upnCheckLetter(upn) !== upn[0]),
  },
  {
    code: '1530',
    fields: ['UPN'],
    breaches: ({ upn }) => flag(thirteen(upn) && !UPN_LA_CODES.has(upn.slice(1, 4))),
  },
  {
    code: '1540',
    fields: ['UPN'],
    breaches: ({ upn }) => flag(upn !== undefined && upn.slice(4, 12).replace(/^\d+|\d+$/g, '') !== ''),
  },
  {
    code: '1550',
    fields: ['UPN'],
    breaches: ({ upn }) => flag(thirteen(upn) && !UPN_LAST.test(upn[12] as string)),
  },
  {
    code: '1560Q',
    fields: ['FormerUPN'],
    breaches: ({ formerUpn: former }) =>
      flag(former !== undefined && !(former.length === 13 && /^\p{L}\d{12}$/u.test(former))),
  },
  {
    code: '1570',
    fields: ['LAchildID'],
    breaches: ({ laChildId }) => flag(laChildId !== undefined && laChildId.length > 20),
  },
  {
    code: '1580',
    fields: ['LAchildID'],
    breaches: ({ laChildId }) => flag(laChildId !== undefined && !ALPHANUMERIC.test(laChildId)),
  },
  {
    code: '4008',
    fields: ['PersonDeathDate', 'CINPlanStartDate'],
    breaches: ({ deathDate, episodes }) =>
      countEach(
        episodes,
        (e) => e.cinPlans,
        (plan) => before(deathDate, plan.startDate),
      ),
  },
  {
    code: '4180',
    fields: ['Sex'],
    breaches: ({ sex }) => flag(sex !== 'M' && sex !== 'F' && sex !== 'U'),
  },
  {
    code: '4220',
    fields: ['Ethnicity'],
    breaches: ({ ethnicity }) => flag(ethnicity === undefined || !ETHNICITIES.has(ethnicity)),
  },
  {
    code: '8500',
    fields: ['LAchildID'],
    breaches: ({ laChildId }) => flag(laChildId === undefined),
  },
  {
    code: '8520',
    fields: ['PersonBirthDate'],
    breaches: ({ birthDate }, period) => flag(before(period.end, birthDate)),
  },
  {
    code: '8525Q',
    fields: ['PersonBirthDate', 'ExpectedPersonBirthDate'],
    breaches: ({ birthDate, expectedBirthDate }) =>
      flag((birthDate === undefined) === (expectedBirthDate === undefined)),
  },
  {
    code: '8530Q',
    fields: ['ExpectedPersonBirthDate'],
    breaches: ({ expectedBirthDate: expected }, period) =>
      flag(
        expected !== undefined &&
          (expected >= period.derived('plus-9-months', (p) => addMonths(p.end, 9)) ||
            expected <= period.derived('minus-30-days', (p) => addDays(p.end, -30))),
      ),
  },
  {
    code: '8535Q',
    fields: ['PersonDeathDate', 'PersonBirthDate'],
    breaches: ({ deathDate, birthDate, expectedBirthDate }) =>
      flag(
        deathDate !== undefined &&
          !before(deathDate, expectedBirthDate) &&
          (birthDate === undefined || birthDate > deathDate),
      ),
  },
  {
    code: '8545Q',
    fields: ['PersonDeathDate'],
    breaches: ({ deathDate }, period) =>
      flag(deathDate !== undefined && (deathDate < period.start || deathDate > period.end)),
  },
  {
    code: '8590',
    fields: ['LAchildID'],
    breaches: ({ episodes }) => flag(episodes.length === 0),
  },
  {
    code: '8750',
    fields: ['Sex', 'PersonBirthDate', 'ExpectedPersonBirthDate'],
    breaches: ({ birthDate, expectedBirthDate, sex }) =>
      flag(birthDate === undefined && expectedBirthDate !== undefined && sex !== 'U'),
  },
  {
    code: '8770Q',
    fields: ['UPN', 'UPNunknown'],
    breaches: (child, period) => flag(schoolAgeWithoutUpn(child, period)),
  },
  {
    code: '8772',
    fields: ['UPNunknown', 'ReferralNFA'],
    breaches: ({ upnUnknown, episodes }) =>
      upnUnknown === 'UN7'
        ? countWhere(
            episodes,
            (e) => e.referralNFA !== undefined && !['true', '1'].includes(e.referralNFA.toLowerCase()),
          )
        : 0,
  },
  {
    code: '8775Q',
    fields: ['PersonBirthDate', 'CINclosureDate'],
    breaches: (child, period) => flag(over25AndOpen(child, period)),
  },
]

// The child was born on or before the last birthday that puts them in school by the September
// after the census (reference date + 4 months + 31 days - 4 years), is referred with further
// action, and has neither a UPN nor a reason other than UN1.
function schoolAgeWithoutUpn(child: CensusChild, period: CensusPeriod): boolean {
  const schoolAgeBirthDate = period.derived('school-age', (p) =>
    addYears(addDays(addMonths(p.end, 4), 31), -4),
  )
  const furtherAction = child.episodes.some(
    (e) => e.referralNFA === '0' || e.referralNFA?.toLowerCase() === 'false',
  )
  return (
    child.birthDate !== undefined &&
    child.birthDate <= schoolAgeBirthDate &&
    furtherAction &&
    child.upn === undefined &&
    !SCHOOL_AGE_UPN_UNKNOWN.has(child.upnUnknown?.toUpperCase() ?? '')
  )
}

// Born before the reference date minus 25 years, with an episode still open or closed after the
// 25th birthday (a child with no episode counts as open, as the reference validator's join does).
function over25AndOpen(child: CensusChild, period: CensusPeriod): boolean {
  const { birthDate, episodes } = child
  if (
    !before(
      birthDate,
      period.derived('minus-25-years', (p) => addYears(p.end, -25)),
    ) ||
    birthDate === undefined
  )
    return false
  const twentyFifth = addYears(birthDate, 25)
  return (
    episodes.length === 0 || episodes.some((e) => e.closureDate === undefined || e.closureDate > twentyFifth)
  )
}
