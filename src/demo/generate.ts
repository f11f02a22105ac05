// Deterministic synthetic households, children and the adults around them, made in batches so
// any number of children streams through bounded memory. Only synthetic people, ever: names from
// hand-made lists, NHS numbers from the range reserved for testing, postcodes marked as made up.

import { type Ethnicity, nhsCheckDigit, type Sex, upnCheckLetter } from '../children/index.ts'
import type { Agency, LocalAuthority, PartnershipConfig } from '../partnership/config.ts'
import { type Background, HERITAGES, type Heritage, KNOWN_AS } from './names.ts'
import {
  DECLARED_BASIS,
  type DemoPhase,
  demoProfessionals,
  demoSchools,
  healthVisitingAgency,
  hospitalAgency,
  NO_SCHOOLS_IN_USE,
  partnerAgency,
  type SchoolsInUse,
  schoolsAgency,
  socialCareAgency,
} from './organisations.ts'
import { demoAddress, demoPostcodes, type PostcodeMaker } from './places.ts'
import { createRandom, type Random } from './random.ts'
import type {
  AliasRow,
  ChildRow,
  HouseholdRow,
  InvolvementRow,
  PersonRow,
  ProfessionalRow,
  RelationshipRow,
  SchoolRow,
} from './rows.ts'

export interface DemoOptions {
  children: number
  seed: number
  /** Ages and school years are worked out at this date ('YYYY-MM-DD'); default today. */
  referenceDate?: string
  /** Children per batch (a household is never split): bounds memory. */
  batchSize?: number
  /** Numbering already used by earlier demo loads, when appending. */
  continueFrom?: DemoContinuation
}

export interface DemoContinuation {
  /** The highest child number in use (la_child_id 'D00000042' is number 42). */
  lastChildNumber: number
  schools: SchoolsInUse
}

export interface DemoBatch {
  households: HouseholdRow[]
  children: ChildRow[]
  adults: PersonRow[]
  aliases: AliasRow[]
  relationships: RelationshipRow[]
  involvements: InvolvementRow[]
}

export interface DemoData {
  schools: SchoolRow[]
  professionals: ProfessionalRow[]
  /** Each call starts again from the same seed and yields the same batches. */
  batches(): Generator<DemoBatch>
}

/** Small enough that a batch's rows die young: garbage collection costs twice as much at 10,000. */
const DEFAULT_BATCH_SIZE = 1_000

export function demoData(partnership: PartnershipConfig, options: DemoOptions): DemoData {
  if (!Number.isInteger(options.children) || options.children < 0) {
    throw new RangeError(`children must be a whole number, not ${options.children}`)
  }
  const start = options.continueFrom ?? { lastChildNumber: 0, schools: NO_SCHOOLS_IN_USE }
  const childrenByLa = shareByLa(partnership, options.children)
  const random = createRandom(options.seed, start.lastChildNumber, 1)
  const schools = demoSchools(random, childrenByLa, start.schools)
  const professionals = demoProfessionals(random, partnership, childrenByLa, schools)
  const context: FamilyContext = {
    postcode: demoPostcodes(partnership),
    referenceDay: toDay(options.referenceDate ?? new Date().toISOString().slice(0, 10)),
    areas: partnership.local_authorities.map((la) => localArea(partnership, la, schools)),
  }
  return {
    schools,
    professionals,
    *batches() {
      const families = new FamilyMaker(createRandom(options.seed, start.lastChildNumber, 2), context)
      yield* householdBatches(families, start.lastChildNumber + 1, options.children, options.batchSize)
    },
  }
}

/** Children shared between LAs by how many postcode prefixes each has (a rough size). */
function shareByLa(partnership: PartnershipConfig, children: number): Map<string, number> {
  const total = partnership.local_authorities.reduce((sum, la) => sum + laWeight(la), 0)
  return new Map(
    partnership.local_authorities.map((la) => [la.id, Math.round((children * laWeight(la)) / total)]),
  )
}

const laWeight = (la: LocalAuthority) => la.postcode_prefixes.length
const areaWeight = (area: LocalArea) => laWeight(area.la)
const byWeight = (item: { weight: number }) => item.weight

function* householdBatches(
  families: FamilyMaker,
  firstChildNumber: number,
  children: number,
  batchSize = DEFAULT_BATCH_SIZE,
): Generator<DemoBatch> {
  const end = firstChildNumber + children
  let next = firstChildNumber
  while (next < end) {
    const batch: DemoBatch = {
      households: [],
      children: [],
      adults: [],
      aliases: [],
      relationships: [],
      involvements: [],
    }
    while (batch.children.length < batchSize && next < end) {
      next += families.addHousehold(batch, next, end - next)
    }
    yield batch
  }
}

// ---------------------------------------------------------------------------
// Dates, as days since 1970-01-01 (UTC), so arithmetic needs no Date objects

const DAY_MS = 86_400_000
const YEAR_DAYS = 365.25

function toDay(isoDate: string): number {
  const day = Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || !Number.isInteger(day)) {
    throw new RangeError(`referenceDate must be a date like 2026-03-31, not "${isoDate}"`)
  }
  return day
}

const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)
const years = (random: Random, min: number, max: number) => Math.floor(random.between(min, max) * YEAR_DAYS)

/** The calendar year of the September a child born on this day starts reception. */
function receptionYear(birthDay: number): number {
  const born = new Date(birthDay * DAY_MS)
  return born.getUTCFullYear() + (born.getUTCMonth() >= 8 ? 5 : 4)
}

/** The calendar year the school year containing this day began. */
function schoolYearStart(day: number): number {
  const date = new Date(day * DAY_MS)
  return date.getUTCFullYear() - (date.getUTCMonth() >= 8 ? 0 : 1)
}

// ---------------------------------------------------------------------------
// Identifiers

const NHS_TEST_RANGE = 1_000_000
/** Child n gets test-range number 999 + body(n): a fixed bijection, so appends never collide. */
const nhsBody = (childNumber: number) => ((childNumber - 1) * 370_241 + 48_611) % NHS_TEST_RANGE

/**
 * An NHS number from 999 000 0000 - 999 999 9999, reserved for testing and never issued to
 * anyone. About one child in eleven has none: those nine digits would need check digit 10.
 */
function demoNhsNumber(childNumber: number): string | null {
  if (childNumber > NHS_TEST_RANGE) return null
  const nine = `999${String(nhsBody(childNumber)).padStart(6, '0')}`
  const check = nhsCheckDigit(nine)
  return check === undefined ? null : `${nine}${check}`
}

const laChildId = (childNumber: number) => `D${String(childNumber).padStart(8, '0')}`

// ---------------------------------------------------------------------------
// Households

interface LocalArea {
  la: LocalAuthority
  primaries: SchoolRow[]
  secondaries: SchoolRow[]
  socialCare: Agency
  schoolsAgency: Agency | undefined
  healthVisiting: Agency | undefined
  police: Agency | undefined
  hospitals: Agency | undefined
  /** The health agency for GP practices (in LLR, the integrated care board). */
  primaryCare: Agency | undefined
  probation: Agency | undefined
}

function localArea(partnership: PartnershipConfig, la: LocalAuthority, schools: SchoolRow[]): LocalArea {
  const ofPhase = (phase: DemoPhase) => schools.filter((s) => s.la_id === la.id && s.phase === phase)
  return {
    la,
    primaries: ofPhase('primary'),
    secondaries: ofPhase('secondary'),
    socialCare: socialCareAgency(partnership, la),
    schoolsAgency: schoolsAgency(partnership, la),
    healthVisiting: healthVisitingAgency(partnership, la),
    police: partnerAgency(partnership, la, 'police'),
    hospitals: hospitalAgency(partnership, la),
    primaryCare: partnerAgency(partnership, la, 'health'),
    probation: partnerAgency(partnership, la, 'other'),
  }
}

interface FamilyContext {
  postcode: PostcodeMaker
  referenceDay: number
  areas: LocalArea[]
}

type AdultRole = 'mother' | 'father' | 'step-parent' | 'grandparent' | 'carer'

/** Who looks after the children, with rough shares among households. */
const CARE_ARRANGEMENTS: readonly { adults: readonly AdultRole[]; weight: number }[] = [
  { adults: ['mother', 'father'], weight: 52 },
  { adults: ['mother', 'step-parent'], weight: 14 },
  { adults: ['mother'], weight: 24 },
  { adults: ['father'], weight: 4 },
  { adults: ['mother', 'grandparent'], weight: 2 },
  { adults: ['grandparent'], weight: 3 },
  { adults: ['carer'], weight: 1 },
]

const FEMALE_SHARE: Record<AdultRole, number> = {
  mother: 1,
  father: 0,
  'step-parent': 0.15,
  grandparent: 0.75,
  carer: 0.75,
}

const MALE_OR_FEMALE = ['M', 'F'] as const

const CHILDREN_IN_HOUSEHOLD = [
  { count: 1, weight: 40 },
  { count: 2, weight: 35 },
  { count: 3, weight: 17 },
  { count: 4, weight: 8 },
]

interface Family {
  area: LocalArea
  heritage: Heritage
  mothers: Background
  fathers: Background
  familyName: string
  householdId: string
  primary: SchoolRow | undefined
  secondary: SchoolRow | undefined
}

/** A child's birth (or expected birth, when unborn) as a day number. */
interface Birth {
  day: number
  unborn: boolean
}

class FamilyMaker {
  /** The next 3-digit UPN serial, by the 9 digits before it (LA code, establishment, year). */
  private readonly upnSerials = new Map<string, number>()

  constructor(
    private readonly random: Random,
    private readonly context: FamilyContext,
  ) {}

  /** Adds one household to the batch and returns how many children it has (at most `room`). */
  addHousehold(batch: DemoBatch, firstChildNumber: number, room: number): number {
    const family = this.family()
    batch.households.push(this.household(family))
    const births = this.births(Math.min(room, this.random.weighted(CHILDREN_IN_HOUSEHOLD, byWeight).count))
    const eldest = births[0]?.day ?? this.context.referenceDay
    const adults = this.random
      .weighted(CARE_ARRANGEMENTS, byWeight)
      .adults.map((role) => ({ role, person: this.adult(family, role, eldest) }))
    batch.adults.push(...adults.map((a) => a.person))
    const stepFamily = adults.find((a) => a.role === 'step-parent')?.person
    const children = births.map((birth, i) =>
      this.child(batch, family, birth, firstChildNumber + i, stepFamily),
    )
    for (const child of children) {
      for (const { role, person } of adults) batch.relationships.push(this.link(child, role, person.id))
      for (const sibling of children) {
        if (sibling !== child) batch.relationships.push(this.link(child, 'sibling', null, sibling.id))
      }
    }
    return children.length
  }

  private family(): Family {
    const random = this.random
    const area = random.weighted(this.context.areas, areaWeight)
    const heritage = random.weighted(HERITAGES, byWeight)
    const [mothers, fathers] = random.chance(0.5)
      ? heritage.parents
      : [heritage.parents[1], heritage.parents[0]]
    return {
      area,
      heritage,
      mothers,
      fathers,
      familyName: random.pick(fathers.family),
      householdId: random.orderedUuid(),
      primary: area.primaries.length > 0 ? random.pick(area.primaries) : undefined,
      secondary: area.secondaries.length > 0 ? random.pick(area.secondaries) : undefined,
    }
  }

  private household(family: Family): HouseholdRow {
    const { la } = family.area
    const postcode = this.context.postcode(this.random, la)
    const address = demoAddress(this.random, postcode, la)
    return {
      id: family.householdId,
      la_id: la.id,
      address_line1: address.line1,
      address_line2: address.line2,
      town: address.town,
      postcode: address.postcode,
    }
  }

  /** Siblings' births, eldest first: 1-5 years apart (sometimes twins); the next may be unborn. */
  private births(count: number): Birth[] {
    const { random } = this
    const today = this.context.referenceDay
    if (random.chance(0.012)) return [{ day: today + random.between(14, 250), unborn: true }]
    const births: Birth[] = [{ day: today - random.below(Math.floor(18 * YEAR_DAYS)), unborn: false }]
    while (births.length < count) {
      const previous = births[births.length - 1] as Birth
      const day = previous.day + (random.chance(0.02) ? 0 : random.between(330, 1800))
      if (day <= today) births.push({ day, unborn: false })
      else {
        if (day - today <= 250 && random.chance(0.5)) births.push({ day, unborn: true })
        break
      }
    }
    return births
  }

  private adult(family: Family, role: AdultRole, eldestBirth: number): PersonRow {
    const { random } = this
    const sex: Sex = random.chance(FEMALE_SHARE[role]) ? 'F' : 'M'
    const background =
      role === 'father' ? family.fathers : role === 'step-parent' ? this.anyBackground() : family.mothers
    const ageAtEldestBirth = role === 'grandparent' ? years(random, 38, 62) : years(random, 18, 42)
    return {
      id: random.orderedUuid(),
      given_name: random.pick(sex === 'F' ? background.girls : background.boys),
      family_name: this.adultFamilyName(family, role, background),
      date_of_birth: isoDate(eldestBirth - ageAtEldestBirth - random.below(365)),
      sex,
      nhs_number: null,
      household_id: family.householdId,
    }
  }

  private adultFamilyName(family: Family, role: AdultRole, background: Background): string {
    if (role === 'father') return family.familyName
    const sharesName = role === 'mother' ? 0.6 : role === 'grandparent' ? 0.4 : 0
    return this.random.chance(sharesName) ? family.familyName : this.random.pick(background.family)
  }

  private anyBackground(): Background {
    return this.random.pick(this.random.weighted(HERITAGES, byWeight).parents)
  }

  private child(
    batch: DemoBatch,
    family: Family,
    birth: Birth,
    childNumber: number,
    stepParent: PersonRow | undefined,
  ): ChildRow {
    const { random } = this
    const sexKnown = !birth.unborn || random.chance(0.3)
    const sex: Sex = sexKnown ? random.pick(MALE_OR_FEMALE) : 'U'
    const background = random.chance(0.5) ? family.mothers : family.fathers
    const takesStepName = stepParent !== undefined && !birth.unborn && random.chance(0.25)
    const child: ChildRow = {
      id: random.orderedUuid(),
      la_id: family.area.la.id,
      la_child_id: laChildId(childNumber),
      given_name: birth.unborn ? 'Unborn' : random.pick(sex === 'F' ? background.girls : background.boys),
      family_name: takesStepName ? stepParent.family_name : family.familyName,
      date_of_birth: birth.unborn ? null : isoDate(birth.day),
      expected_date_of_birth: birth.unborn ? isoDate(birth.day) : null,
      sex,
      ethnicity: this.ethnicity(family.heritage, birth),
      nhs_number: birth.unborn ? null : demoNhsNumber(childNumber),
      upn: null,
      upn_unknown: null,
      household_id: family.householdId,
      school_id: null,
    }
    if (takesStepName) {
      batch.aliases.push(this.alias(child, child.given_name, family.familyName, 'previous name'))
    }
    this.schooling(batch, child, family, birth)
    this.involvements(batch, child, family, birth)
    if (!birth.unborn && random.chance(0.02)) {
      const knownAs = random.pick(sex === 'F' ? KNOWN_AS.girls : KNOWN_AS.boys)
      batch.aliases.push(this.alias(child, knownAs, child.family_name, 'known as'))
    }
    batch.children.push(child)
    return child
  }

  private ethnicity(heritage: Heritage, birth: Birth): Ethnicity {
    const notYetAsked = birth.unborn ? 0.5 : 0.03
    if (this.random.chance(notYetAsked)) return 'NOBT'
    return this.random.chance(0.005) ? 'REFU' : heritage.ethnicity
  }

  /** The school for the child's year group and the UPN given when they started reception. */
  private schooling(batch: DemoBatch, child: ChildRow, family: Family, birth: Birth): void {
    const started = receptionYear(birth.day)
    const yearGroup = schoolYearStart(this.context.referenceDay) - started
    if (birth.unborn || yearGroup < 0 || !family.primary) {
      // UN1: under six and not yet at school.
      child.upn_unknown = 'UN1'
      return
    }
    child.upn = this.upn(family.area.la, family.primary, started)
    const inSixthForm = yearGroup >= 12 ? this.random.chance(0.6) : true
    const homeEducated = this.random.chance(0.01)
    if (!inSixthForm || homeEducated) return
    const school = yearGroup <= 6 ? family.primary : family.secondary
    if (!school) return
    child.school_id = school.id
    const since = `${yearGroup <= 6 ? started : started + 7}-09-01`
    const agency = family.area.schoolsAgency
    if (agency) batch.involvements.push(this.involvement(child, agency, 'roll', 'school', since))
  }

  private upn(la: LocalAuthority, primary: SchoolRow, startedYear: number): string {
    const stem = `${la.dfe_code}${primary.establishment_number}${String(startedYear % 100).padStart(2, '0')}`
    const serial = this.upnSerials.get(stem) ?? 0
    if (serial > 999) throw new Error(`More than 1,000 demo UPNs for ${stem}: add schools`)
    this.upnSerials.set(stem, serial + 1)
    const twelve = `${stem}${String(serial).padStart(3, '0')}`
    return `${upnCheckLetter(twelve)}${twelve}`
  }

  /**
   * Each partner agency's reasons to read a child: health visiting for the under-fives and the unborn;
   * for a few, an allocated social worker, a domestic abuse notification shared by the police, an
   * emergency department attendance, a GP practice's safeguarding register, or a parent supervised
   * by probation.
   */
  private involvements(batch: DemoBatch, child: ChildRow, family: Family, birth: Birth): void {
    const today = this.context.referenceDay
    const { healthVisiting, socialCare, police, hospitals, primaryCare, probation } = family.area
    if (healthVisiting && today - birth.day < 5 * YEAR_DAYS) {
      const since = birth.unborn ? today - this.random.between(7, 60) : birth.day
      batch.involvements.push(
        this.involvement(child, healthVisiting, 'caseload', 'health visitor', isoDate(since)),
      )
    }
    const recently = () => isoDate(today - this.random.below(365))
    if (this.random.chance(0.02))
      batch.involvements.push(this.involvement(child, socialCare, 'added-by-la', 'allocated', recently()))
    if (police && this.random.chance(0.03))
      batch.involvements.push(
        this.involvement(child, police, 'shared-event', 'domestic abuse notification', recently()),
      )
    if (hospitals && !birth.unborn && this.random.chance(0.02))
      batch.involvements.push(
        this.involvement(child, hospitals, 'caseload', 'emergency department attendance', recently()),
      )
    if (primaryCare && !birth.unborn && this.random.chance(0.03))
      batch.involvements.push(
        this.involvement(child, primaryCare, 'caseload', 'GP practice safeguarding register', recently()),
      )
    if (probation && !birth.unborn && this.random.chance(0.01))
      batch.involvements.push(
        this.involvement(child, probation, 'caseload', 'a parent under probation supervision', recently()),
      )
  }

  private involvement(
    child: ChildRow,
    agency: Agency,
    kind: InvolvementRow['kind'],
    reason: string,
    since: string,
  ): InvolvementRow {
    const lawfulBasis = kind === 'roll' || kind === 'caseload' ? DECLARED_BASIS[agency.kind] : null
    return {
      id: this.random.orderedUuid(),
      child_id: child.id,
      agency_id: agency.id,
      kind,
      reason,
      lawful_basis: lawfulBasis,
      since,
    }
  }

  private alias(child: ChildRow, givenName: string, familyName: string, kind: string): AliasRow {
    return {
      id: this.random.orderedUuid(),
      child_id: child.id,
      given_name: givenName,
      family_name: familyName,
      kind,
    }
  }

  private link(
    child: ChildRow,
    kind: string,
    personId: string | null,
    relatedChildId: string | null = null,
  ): RelationshipRow {
    return {
      id: this.random.orderedUuid(),
      child_id: child.id,
      person_id: personId,
      related_child_id: relatedChildId,
      kind,
    }
  }
}
