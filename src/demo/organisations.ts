// Schools and professionals for demo data, sized to the number of children, and the agencies
// a demo child is involved with (school, health visiting, social care).

import type { Agency, LocalAuthority, PartnershipConfig } from '../partnership/config.ts'
import { ALL_BACKGROUNDS } from './names.ts'
import { demoSchoolName } from './places.ts'
import type { Random } from './random.ts'
import type { ProfessionalRow, SchoolRow } from './rows.ts'

/** Roughly England's ratios: a primary school per 700 children aged 0-17, a secondary per 3,500. */
const CHILDREN_PER_SCHOOL = { primary: 700, secondary: 3_500 } as const
/** DfE establishment numbers: 2xxx for primary schools, 4xxx for secondary schools. */
const FIRST_ESTABLISHMENT = { primary: 2000, secondary: 4000 } as const
const ESTABLISHMENTS_PER_PHASE = 2000

export type DemoPhase = keyof typeof CHILDREN_PER_SCHOOL

/** Schools already in the database, so appended demo data numbers its own after them. */
export interface SchoolsInUse {
  /** By `${la_id}:${phase}`. */
  byLaAndPhase: ReadonlyMap<string, number>
  total: number
}

export const NO_SCHOOLS_IN_USE: SchoolsInUse = { byLaAndPhase: new Map(), total: 0 }

export function demoSchools(
  random: Random,
  childrenByLa: ReadonlyMap<string, number>,
  inUse: SchoolsInUse,
): SchoolRow[] {
  const schools: SchoolRow[] = []
  for (const [laId, children] of childrenByLa) {
    for (const phase of ['primary', 'secondary'] as const) {
      const already = inUse.byLaAndPhase.get(`${laId}:${phase}`) ?? 0
      const count = Math.max(1, Math.ceil(children / CHILDREN_PER_SCHOOL[phase]))
      if (already + count > ESTABLISHMENTS_PER_PHASE) {
        throw new Error(`Too many demo ${phase} schools for ${laId}: load fewer children`)
      }
      for (let n = already; n < already + count; n++) {
        schools.push({
          id: random.orderedUuid(),
          la_id: laId,
          name: demoSchoolName(phase, n),
          urn: String(900_000 + inUse.total + schools.length),
          establishment_number: String(FIRST_ESTABLISHMENT[phase] + n),
          phase,
        })
      }
    }
  }
  return schools
}

const serves = (agency: Agency, la: LocalAuthority) =>
  agency.kind === 'local-authority'
    ? agency.la === la.id
    : agency.serves === 'all' || agency.serves.includes(la.id)

/** The LA's own children's social care agency (the configuration guarantees one). */
export function socialCareAgency(partnership: PartnershipConfig, la: LocalAuthority): Agency {
  const agency = partnership.agencies.find((a) => a.kind === 'local-authority' && a.la === la.id)
  if (!agency) throw new Error(`No local-authority agency for ${la.id}`)
  return agency
}

/** The education agency for the LA's schools: one serving that LA by name before one serving all. */
export function schoolsAgency(partnership: PartnershipConfig, la: LocalAuthority): Agency | undefined {
  const education = partnership.agencies.filter((a) => a.kind === 'education' && serves(a, la))
  return education.find((a) => a.kind !== 'local-authority' && a.serves !== 'all') ?? education[0]
}

/** The further education colleges, if the partnership names them: where most 16 and 17 year olds not in a sixth form study. */
export function collegesAgency(partnership: PartnershipConfig, la: LocalAuthority): Agency | undefined {
  return partnership.agencies.find(
    (a) => a.kind === 'education' && serves(a, la) && /college|further education/i.test(agencyText(a)),
  )
}

const HEALTH_VISITING = /health visit|community/i
const HOSPITAL = /hospital|acute|maternity/i

const agencyText = (agency: Agency) => `${agency.name} ${agency.description ?? ''}`

/** The health agency that visits young children: one described as health visiting or community health. */
export function healthVisitingAgency(partnership: PartnershipConfig, la: LocalAuthority): Agency | undefined {
  const health = partnership.agencies.filter((a) => a.kind === 'health' && serves(a, la))
  return health.find((a) => HEALTH_VISITING.test(agencyText(a))) ?? health[0]
}

/** The first agency of a kind serving the LA (police, probation ...). */
export function partnerAgency(
  partnership: PartnershipConfig,
  la: LocalAuthority,
  kind: Agency['kind'],
): Agency | undefined {
  return partnership.agencies.find((a) => a.kind === kind && serves(a, la))
}

/** The acute hospitals' agency, if the partnership names one. */
export function hospitalAgency(partnership: PartnershipConfig, la: LocalAuthority): Agency | undefined {
  return partnership.agencies.find(
    (a) => a.kind === 'health' && serves(a, la) && HOSPITAL.test(agencyText(a)),
  )
}

/** The lawful basis an agency declares a child on its roll or caseload with (illustrative). */
export const DECLARED_BASIS: Readonly<Record<Agency['kind'], string>> = {
  'local-authority': 'UK GDPR Art 6(1)(e); Children Act 1989 s17',
  police: 'UK GDPR Art 6(1)(e); Police and Criminal Evidence Act 1984',
  health: 'UK GDPR Art 6(1)(e) and Art 9(2)(h); Children Act 2004 s11',
  education: 'UK GDPR Art 6(1)(e); Education Act 2002 s175',
  other: 'UK GDPR Art 6(1)(e); Offender Management Act 2007',
}

interface Role {
  title: string
  /** One per this many children served. */
  childrenEach: number
  atLeast: number
}

const role = (title: string, childrenEach: number, atLeast = 1): Role => ({ title, childrenEach, atLeast })
const ONE_PER_AGENCY = Number.POSITIVE_INFINITY

const SOCIAL_CARE_ROLES = [
  role('Social worker', 1_500, 3),
  role('Senior social worker', 6_000),
  role('Team manager', 10_000),
  role('Child protection conference chair', 25_000),
  role('Early help practitioner', 4_000),
  role('Local authority designated officer (LADO)', ONE_PER_AGENCY),
]
const POLICE_ROLES = [
  role('Police constable', 5_000, 2),
  role('Detective constable', 5_000, 2),
  role('Detective sergeant', 20_000),
  role('Detective inspector', 100_000),
]
const COMMUNITY_HEALTH_ROLES = [
  role('Health visitor', 3_000, 2),
  role('School nurse', 6_000),
  role('Named nurse for safeguarding children', ONE_PER_AGENCY),
]
const HOSPITAL_ROLES = [
  role('Paediatrician', 20_000),
  role('Emergency department nurse', 20_000),
  role('Midwife', 10_000),
  role('Named doctor for safeguarding children', ONE_PER_AGENCY),
]
const PRIMARY_CARE_ROLES = [
  role('GP', 2_000, 2),
  role('Designated nurse for safeguarding children', ONE_PER_AGENCY),
  role('Designated doctor for safeguarding children', ONE_PER_AGENCY),
]
const COLLEGE_ROLES = [role('Designated safeguarding lead', 20_000), role('Student support tutor', 10_000)]
const SCHOOL_STAFF = {
  primary: ['Designated safeguarding lead', 'Deputy designated safeguarding lead', 'Class teacher'],
  secondary: ['Designated safeguarding lead', 'Deputy designated safeguarding lead', 'Head of year'],
} as const

function rolesFor(agency: Agency): Role[] {
  switch (agency.kind) {
    case 'local-authority':
      return SOCIAL_CARE_ROLES
    case 'police':
      return POLICE_ROLES
    case 'health':
      if (HOSPITAL.test(agencyText(agency))) return HOSPITAL_ROLES
      return HEALTH_VISITING.test(agencyText(agency)) ? COMMUNITY_HEALTH_ROLES : PRIMARY_CARE_ROLES
    case 'education':
      return COLLEGE_ROLES
    default:
      return [role(/probation/i.test(agency.name) ? 'Probation officer' : 'Practitioner', 20_000)]
  }
}

/**
 * Professionals for every agency: school staff for each school (in the agency that runs the
 * LA's schools), and for other agencies roles in proportion to the children they serve.
 */
export function demoProfessionals(
  random: Random,
  partnership: PartnershipConfig,
  childrenByLa: ReadonlyMap<string, number>,
  schools: readonly SchoolRow[],
): ProfessionalRow[] {
  const people = new ProfessionalMaker(random)
  const schoolRunners = new Set<string>()
  for (const school of schools) {
    const la = partnership.local_authorities.find((candidate) => candidate.id === school.la_id)
    const agency = la && schoolsAgency(partnership, la)
    if (!agency) continue
    schoolRunners.add(agency.id)
    for (const title of SCHOOL_STAFF[school.phase as DemoPhase]) {
      people.add({ agency, laId: school.la_id, schoolId: school.id, title })
    }
  }
  for (const agency of partnership.agencies) {
    if (schoolRunners.has(agency.id)) continue
    const served = partnership.local_authorities.filter((la) => serves(agency, la))
    const children = served.reduce((sum, la) => sum + (childrenByLa.get(la.id) ?? 0), 0)
    const laId = served.length === 1 ? (served[0]?.id ?? null) : null
    for (const { title, childrenEach, atLeast } of rolesFor(agency)) {
      const count = Math.max(atLeast, Math.round(children / childrenEach))
      for (let i = 0; i < count; i++) people.add({ agency, laId, schoolId: null, title })
    }
  }
  return people.rows
}

interface Post {
  agency: Agency
  laId: string | null
  schoolId: string | null
  title: string
}

class ProfessionalMaker {
  readonly rows: ProfessionalRow[] = []
  private readonly emails = new Set<string>()

  constructor(private readonly random: Random) {}

  add({ agency, laId, schoolId, title }: Post): void {
    const background = this.random.pick(ALL_BACKGROUNDS)
    const givenNames = this.random.chance(0.5) ? background.girls : background.boys
    const given = this.random.pick(givenNames)
    const family = this.random.pick(background.family)
    this.rows.push({
      id: this.random.orderedUuid(),
      agency_id: agency.id,
      la_id: laId,
      school_id: schoolId,
      given_name: given,
      family_name: family,
      job_title: title,
      email: this.uniqueEmail(`${emailPart(given)}.${emailPart(family)}`, agency.id),
      // Ofcom's range for drama and examples: never a real line.
      phone: `07700 900${String(this.random.below(1000)).padStart(3, '0')}`,
    })
  }

  private uniqueEmail(local: string, agencyId: string): string {
    for (let n = 1; ; n++) {
      const email = `${local}${n === 1 ? '' : n}@${agencyId}.example`
      if (!this.emails.has(email)) {
        this.emails.add(email)
        return email
      }
    }
  }
}

/** 'Róisín' -> 'roisin', "O'Brien" -> 'obrien'. */
const emailPart = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()
