// The rule breaches `masa demo cin-census` can seed: each turns a clean synthetic child into one
// that breaks exactly one CIN census rule, so a validator must find that rule and nothing else.

import { addDays, type CensusChild, type Episode, type ProtectionPlan } from '../cin-census/index.ts'

/** Which synthetic children a breach fits: any, those with a CIN plan, or those on a CP plan. */
export type ChildShape = 'any' | 'cin-plan' | 'protection'

export interface Breach {
  code: string
  /** Rules the change cannot help breaking as well (for example two open plans always overlap). */
  also?: readonly string[]
  shape: ChildShape
  apply(child: CensusChild): void
}

const episodeOf = (child: CensusChild) => child.episodes[0] as Episode
const planOf = (child: CensusChild) => episodeOf(child).protectionPlans[0] as ProtectionPlan
const assessmentOf = (child: CensusChild) => episodeOf(child).assessments[0] as Episode['assessments'][number]
const cinPlanOf = (child: CensusChild) => episodeOf(child).cinPlans[0] as Episode['cinPlans'][number]
const section47Of = (child: CensusChild) => episodeOf(child).section47s[0] as Episode['section47s'][number]

/** 30 days after the referral, or the last date of the episode's work if later (rule 8565). */
function closingAfterWork(e: Episode): string {
  const dates = [
    addDays(e.referralDate as string, 30),
    e.dateOfInitialCPC,
    ...e.assessments.flatMap((a) => [a.startDate, a.authorisationDate]),
    ...e.section47s.flatMap((s) => [s.startDate, s.dateOfInitialCPC]),
    ...e.protectionPlans.map((p) => p.endDate),
    ...e.cinPlans.flatMap((p) => [p.startDate, p.endDate]),
  ]
  return dates
    .filter((d) => d !== undefined)
    .sort()
    .at(-1) as string
}

/** The Saturday on or after a date. */
function saturdayFrom(date: string): string {
  let day = date
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 6) day = addDays(day, 1)
  return day
}

const any = (code: string, apply: (child: CensusChild) => void): Breach => ({ code, shape: 'any', apply })
const onCinPlan = (code: string, apply: (child: CensusChild) => void): Breach => ({
  code,
  shape: 'cin-plan',
  apply,
})
const onProtection = (code: string, apply: (child: CensusChild) => void): Breach => ({
  code,
  shape: 'protection',
  apply,
})

export const BREACHES: readonly Breach[] = [
  any('1510', (c) => {
    const upn = c.upn as string
    c.upn = `${upn[0] === 'A' ? 'B' : 'A'}${upn.slice(1)}`
  }),
  any('1540', (c) => {
    const upn = c.upn as string
    c.upn = `${upn.slice(0, 6)}X${upn.slice(7)}`
  }),
  any('1550', (c) => {
    c.upn = `${(c.upn as string).slice(0, 12)}I`
  }),
  any('1560Q', (c) => {
    c.formerUpn = 'X123'
  }),
  any('1570', (c) => {
    c.laChildId = (c.laChildId as string).padEnd(21, 'X')
  }),
  any('1580', (c) => {
    c.laChildId = `${c.laChildId}-1`
  }),
  any('4180', (c) => {
    c.sex = 'Z'
  }),
  any('4220', (c) => {
    c.ethnicity = 'XXXX'
  }),
  any('8500', (c) => {
    c.laChildId = undefined
  }),
  any('8520', (c) => {
    c.birthDate = '2025-04-01'
  }),
  any('8525Q', (c) => {
    c.expectedBirthDate = '2025-04-05'
  }),
  any('8545Q', (c) => {
    c.deathDate = '2025-04-05'
  }),
  any('8540', (c) => {
    c.disabilities = ['XYZ']
  }),
  any('8590', (c) => {
    c.episodes = []
  }),
  any('8600', (c) => {
    episodeOf(c).referralDate = undefined
  }),
  any('8610', (c) => {
    episodeOf(c).primaryNeedCode = undefined
  }),
  any('8650', (c) => {
    episodeOf(c).primaryNeedCode = 'N99'
  }),
  any('8866', (c) => {
    episodeOf(c).referralSource = 'ZZ'
  }),
  any('8568', (c) => {
    episodeOf(c).referralNFA = 'maybe'
  }),
  onProtection('8620', (c) => {
    Object.assign(episodeOf(c), { closureDate: '2025-03-31', reasonForClosure: 'RC1' })
  }),
  {
    ...onProtection('8630', (c) => {
      const e = episodeOf(c)
      Object.assign(e, { closureDate: addDays(e.referralDate as string, -1), reasonForClosure: 'RC1' })
    }),
    also: ['8565'],
  },
  onProtection('8640', (c) => {
    const e = episodeOf(c)
    Object.assign(e, { closureDate: closingAfterWork(e), reasonForClosure: 'RC0' })
  }),
  onProtection('8805', (c) => {
    episodeOf(c).closureDate = closingAfterWork(episodeOf(c))
  }),
  any('8810', (c) => {
    episodeOf(c).reasonForClosure = 'RC1'
  }),
  any('8775Q', (c) => {
    c.birthDate = '1995-06-01'
  }),
  any('8770Q', (c) => {
    Object.assign(c, { birthDate: '2012-05-05', upn: undefined })
  }),
  any('8772', (c) => {
    c.upnUnknown = 'UN7'
  }),
  any('8790', (c) => {
    c.disabilities = ['NONE', 'MOB']
  }),
  any('8794', (c) => {
    c.disabilities = ['MOB', 'MOB']
  }),
  any('1103', (c) => {
    assessmentOf(c).startDate = addDays(episodeOf(c).referralDate as string, -1)
  }),
  any('8608', (c) => {
    const a = assessmentOf(c)
    a.authorisationDate = addDays(a.startDate as string, -1)
  }),
  any('8696', (c) => {
    assessmentOf(c).authorisationDate = '2025-04-10'
  }),
  {
    ...any('8869', (c) => {
      assessmentOf(c).factors = ['21', '3A']
    }),
    also: ['8873Q'],
  },
  any('8897Q', (c) => {
    assessmentOf(c).factors = []
  }),
  any('8898', (c) => {
    assessmentOf(c).factors = ['3A', '3A']
  }),
  any('8945Q', (c) => {
    assessmentOf(c).factors = ['18A']
  }),
  any('8950Q', (c) => {
    assessmentOf(c).factors = ['19A']
  }),
  onCinPlan('4008', (c) => {
    c.deathDate = addDays(cinPlanOf(c).startDate as string, -1)
  }),
  onCinPlan('4011', (c) => {
    const p = cinPlanOf(c)
    p.endDate = addDays(p.startDate as string, -1)
  }),
  onCinPlan('4012Q', (c) => {
    const p = cinPlanOf(c)
    p.endDate = p.startDate
  }),
  onCinPlan('4015', (c) => {
    cinPlanOf(c).startDate = addDays(episodeOf(c).referralDate as string, -1)
  }),
  {
    ...onProtection('1105', (c) => {
      planOf(c).startDate = addDays(episodeOf(c).referralDate as string, -1)
    }),
    also: ['2885'],
  },
  onProtection('2889', (c) => {
    section47Of(c).startDate = addDays(episodeOf(c).referralDate as string, -1)
  }),
  onProtection('8720', (c) => {
    planOf(c).startDate = undefined
  }),
  onProtection('8730', (c) => {
    planOf(c).numberOfPreviousCPP = undefined
  }),
  onProtection('8840', (c) => {
    planOf(c).endDate = planOf(c).startDate
  }),
  onProtection('8841', (c) => {
    planOf(c).reviewDates = [planOf(c).startDate]
  }),
  onProtection('8842Q', (c) => {
    planOf(c).reviewDates = [undefined]
  }),
  onProtection('8870Q', (c) => {
    section47Of(c).initialCPCtarget = saturdayFrom(section47Of(c).startDate as string)
  }),
  onProtection('8875', (c) => {
    const saturday = saturdayFrom(section47Of(c).startDate as string)
    section47Of(c).dateOfInitialCPC = saturday
    planOf(c).startDate = saturday
  }),
  onProtection('8905', (c) => {
    planOf(c).initialCategoryOfAbuse = 'XXX'
  }),
  onProtection('8910', (c) => {
    planOf(c).latestCategoryOfAbuse = 'XXX'
  }),
  onProtection('8915', (c) => {
    c.deathDate = addDays(planOf(c).startDate as string, -1)
  }),
  onProtection('8925', (c) => {
    planOf(c).endDate = addDays(planOf(c).startDate as string, -1)
  }),
  {
    ...onProtection('8940', (c) => {
      const plan = planOf(c)
      plan.endDate = addDays(plan.startDate as string, 10)
      episodeOf(c).protectionPlans.push({
        ...plan,
        startDate: addDays(plan.startDate as string, 5),
        endDate: undefined,
      })
    }),
    also: ['2885'],
  },
  {
    ...onProtection('8715', (c) => {
      section47Of(c).dateOfInitialCPC = '2025-04-02'
    }),
    also: ['2885'],
  },
  onProtection('8615', (c) => {
    const s = section47Of(c)
    s.startDate = addDays(s.dateOfInitialCPC as string, 1)
  }),
  {
    ...onProtection('8839', (c) => {
      const s = { ...section47Of(c), dateOfInitialCPC: undefined }
      episodeOf(c).section47s = [s, { ...s }]
    }),
    also: ['2885'],
  },
  onProtection('8868', (c) => {
    Object.assign(episodeOf(c), {
      closureDate: closingAfterWork(episodeOf(c)),
      reasonForClosure: 'RC1',
    })
    section47Of(c).icpcNotRequired = 'true'
  }),
  onProtection('2991Q', (c) => {
    episodeOf(c).assessments = []
  }),
  any('8863Q', (c) => {
    const a = assessmentOf(c)
    episodeOf(c).assessments.push({
      ...a,
      startDate: addDays(a.startDate as string, 1),
      authorisationDate: addDays(a.authorisationDate as string, 1),
    })
  }),
  {
    ...any('8896', (c) => {
      const open = { ...assessmentOf(c), authorisationDate: undefined, factors: [] }
      episodeOf(c).assessments = [open, { ...open }]
    }),
    also: ['8670Q'],
  },
  onCinPlan('4010', (c) => {
    cinPlanOf(c).startDate = undefined
  }),
  onCinPlan('4014', (c) => {
    const plan = cinPlanOf(c)
    plan.endDate = addDays(plan.startDate as string, 10)
    episodeOf(c).cinPlans.push({ startDate: addDays(plan.startDate as string, 5) })
  }),
  {
    ...onCinPlan('4004', (c) => {
      episodeOf(c).cinPlans.push({ startDate: addDays(cinPlanOf(c).startDate as string, 5) })
    }),
    also: ['4014'],
  },
]
