// A synthetic region: several partnership files (config/partnerships/*.yaml's shape) for a region of
// many LAs, grouped about three to a partnership, with a mix of operating models and agency sets.
// Everything is invented and marked so: LA names no English place has, DfE codes 101 and up (the
// DfE's LA codes start at 201, so none is any real LA's, the demo's included), postcode areas
// beginning Q, V or X (no UK postcode area does), Ofcom's drama phone range and .example addresses.

import { Document, isScalar, visit } from 'yaml'
import type {
  Agency,
  LocalAuthority,
  OperatingModel,
  PartnershipConfig,
  Weekday,
} from '../partnership/config.ts'
import { parsePartnershipConfig } from '../partnership/config.ts'
import { createRandom, type Random } from './random.ts'

export interface RegionOptions {
  /** Partnerships in the region (1 to `las`). */
  partnerships: number
  /** Local authorities in the region (1 to MAX_REGION_LAS). */
  las: number
  seed: number
}

export interface RegionPartnership {
  config: PartnershipConfig
  /** The file's text: YAML with a header saying it is synthetic. */
  yaml: string
}

/** A postcode area of its own for each LA: Q, V or X then a letter. */
const AREA_FIRSTS = ['Q', 'V', 'X']
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
export const MAX_REGION_LAS = AREA_FIRSTS.length * LETTERS.length
/** The first synthetic DfE LA code: below the DfE's range (201 to 938). */
const FIRST_DFE_CODE = 101

/** Beginnings no English place name has, and common endings: 'Zelmoor', 'Quorby', 'Vexholt'. */
const NAME_STARTS = [
  'Zel',
  'Quor',
  'Vex',
  'Xan',
  'Zorr',
  'Quil',
  'Vey',
  'Yxen',
  'Zab',
  'Quav',
  'Vorn',
  'Xel',
  'Zim',
  'Qual',
  'Vask',
  'Zun',
  'Quen',
  'Vyr',
]
const NAME_ENDS = [
  'moor',
  'by',
  'ton',
  'wick',
  'mere',
  'holt',
  'stead',
  'dale',
  'ford',
  'ham',
  'well',
  'combe',
]

const LEVEL_LABELS: readonly (readonly [string, string, string, string])[] = [
  ['Universal', 'Early help', 'Child in need', 'Child protection'],
  ['Universal', 'Additional', 'Targeted', 'Specialist'],
  ['Universal', 'Emerging needs', 'Complex needs', 'Acute needs'],
]
const LEVEL_DESCRIPTIONS = [
  'Needs met by universal services such as schools, GPs and health visitors',
  'Early help from a single agency or a team around the family',
  'Targeted early help or child in need (s17), multi-agency',
  'Statutory intervention, child protection (s47), care (s20, s31)',
]
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']

interface RegionLa {
  id: string
  name: string
  dfeCode: string
  area: string
  /** Postcode districts: the LA's size (the demo loader shares children by them). */
  districts: number
  /** Its place in the region, for phone numbers. */
  index: number
}

/** The region's partnership files; the same options give the same files. */
export function syntheticRegion(options: RegionOptions): RegionPartnership[] {
  const { partnerships, las, seed } = options
  if (!Number.isInteger(las) || las < 1 || las > MAX_REGION_LAS)
    throw new RangeError(`A region has 1 to ${MAX_REGION_LAS} local authorities`)
  if (!Number.isInteger(partnerships) || partnerships < 1 || partnerships > las)
    throw new RangeError(`A region of ${las} local authorities has 1 to ${las} partnerships`)
  const random = createRandom(seed, 17)
  const regionLas = inventLas(random, las)
  // Every model in turn, from a seeded start, so a region of three or more partnerships has all three.
  const models: OperatingModel[] = ['1a', '1b', '2']
  const firstModel = random.below(models.length)
  return groups(regionLas, partnerships).map((group, index) => {
    const model = models[(firstModel + index) % models.length] as OperatingModel
    const config = partnershipConfig(random, index + 1, group, model, regionLas)
    const yaml = fileText(config)
    // What is written must be a valid file: checked as masa will read it.
    parsePartnershipConfig(yaml, `${config.partnership.id}.yaml`)
    return { config, yaml }
  })
}

function inventLas(random: Random, count: number): RegionLa[] {
  const names = new Set<string>()
  while (names.size < count) names.add(`${random.pick(NAME_STARTS)}${random.pick(NAME_ENDS)}`)
  return [...names].map((name, index) => ({
    id: name.toLowerCase(),
    name,
    dfeCode: String(FIRST_DFE_CODE + index),
    area: `${AREA_FIRSTS[Math.floor(index / LETTERS.length)]}${LETTERS[index % LETTERS.length]}`,
    // England's LAs range from a few thousand children to a few hundred thousand: a long tail.
    districts: Math.min(40, Math.max(2, Math.round(Math.exp(2 + random.next() * 1.7)))),
    index,
  }))
}

/** LAs split into `count` groups as evenly as they go, in order. */
function groups<T>(items: readonly T[], count: number): T[][] {
  return Array.from({ length: count }, (_, i) =>
    items.slice(Math.round((i * items.length) / count), Math.round(((i + 1) * items.length) / count)),
  )
}

const listInWords = (names: readonly string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`

function partnershipConfig(
  random: Random,
  number: number,
  group: readonly RegionLa[],
  model: OperatingModel,
  region: readonly RegionLa[],
): PartnershipConfig {
  const id = `region-${String(number).padStart(2, '0')}`
  const names = listInWords(group.map((la) => la.name))
  const labels = random.pick(LEVEL_LABELS)
  return {
    partnership: {
      id,
      name: `${names} Safeguarding Children Partnership (synthetic)`,
      short_name: `SRP${number}`,
    },
    operating_model: model,
    local_authorities: group.map((la) => localAuthority(random, la, model, group)),
    agencies: agencies(random, id, group, model),
    levels_of_need: labels.map((label, i) => ({
      level: (i + 1) as 1 | 2 | 3 | 4,
      label,
      description: LEVEL_DESCRIPTIONS[i] as string,
    })),
    cross_border_contacts: region.map((la) => ({
      dfe_code: la.dfeCode,
      la_name: la.name,
      contact_name: `${la.name} exploitation lead`,
      email: `exploitation@${la.id}.example`,
    })),
  }
}

/** Ofcom's range for drama: 01632 960000 to 960999, ten numbers per LA. */
const phone = (la: RegionLa, n: number) => `01632 960${String(la.index * 10 + n).padStart(3, '0')}`

function localAuthority(
  random: Random,
  la: RegionLa,
  model: OperatingModel,
  group: readonly RegionLa[],
): LocalAuthority {
  const open = random.pick(['08:00', '08:30', '09:00'])
  const friday = random.pick(['16:30', '17:00'])
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => [day, { open, close: day === 'fri' ? friday : '17:00' }]),
  )
  // Model 2's one front door shares an out-of-hours team; local MACPTs keep their own.
  const ooh = model === '2' ? (group[0] as RegionLa) : la
  return {
    id: la.id,
    name: la.name,
    dfe_code: la.dfeCode,
    operating_hours: hours,
    out_of_hours: { team_name: `${ooh.name} Emergency Duty Team`, phone: phone(ooh, 9) },
    front_door: {
      team_name: random.pick([
        `${la.name} Front Door`,
        `${la.name} Multi-Agency Safeguarding Hub`,
        `${la.name} Children's Duty and Advice`,
      ]),
      phone: phone(la, 0),
      email: `frontdoor@${la.id}.example`,
      professionals_url: `https://${la.id}.example/safeguarding/professionals`,
      public_url: `https://${la.id}.example/worried-about-a-child`,
    },
    postcode_prefixes: Array.from({ length: la.districts }, (_, i) => `${la.area}${i + 1}`),
  }
}

/**
 * Social care and schools per LA; police, the integrated care board and probation for all. Model
 * 1a aligns community health with each LA's MACPT; 1b and 2 pool it. Some partnerships straddle two
 * police forces or two hospital trusts, and some name their colleges.
 */
function agencies(random: Random, id: string, group: readonly RegionLa[], model: OperatingModel): Agency[] {
  const ids = group.map((la) => la.id)
  const first = group[0] as RegionLa
  const rest = ids.slice(1)
  const split = rest.length > 0 && random.chance(0.3)
  const forces: Agency[] = split
    ? [
        { id: `${first.id}-police`, name: `${first.name} Police`, kind: 'police', serves: [first.id] },
        {
          id: `${id}-police`,
          name: `${listInWords(group.slice(1).map((la) => la.name))} Police`,
          kind: 'police',
          serves: rest,
        },
      ]
    : [{ id: `${id}-police`, name: `${first.name} and District Police`, kind: 'police', serves: 'all' }]
  const community: Agency[] =
    model === '1a'
      ? group.map((la) => ({
          id: `${la.id}-community-health`,
          name: `${la.name} Community Health`,
          kind: 'health',
          description: `Health visiting and school nursing in ${la.name}`,
          serves: [la.id],
        }))
      : [
          {
            id: `${id}-community-health`,
            name: `${first.name} Community Health Trust`,
            kind: 'health',
            description: 'Health visiting and school nursing provider',
            serves: 'all',
          },
        ]
  const hospitals: Agency[] = (
    random.chance(0.25) && rest.length > 0 ? [[first.id], rest] : ['all' as const]
  ).map((serves, i) => ({
    id: `${id}-hospitals-${i + 1}`,
    name: `${(group[i === 0 ? 0 : 1] as RegionLa).name} Hospitals Trust`,
    kind: 'health',
    description: 'Acute hospitals, emergency departments and maternity',
    serves,
  }))
  const colleges: Agency[] = random.chance(0.7)
    ? [
        {
          id: `${id}-colleges`,
          name: `${first.name} further education colleges`,
          kind: 'education',
          serves: 'all',
        },
      ]
    : []
  return [
    ...group.map(
      (la): Agency => ({
        id: `${la.id}-council`,
        name: `${la.name} Council Children's Services`,
        kind: 'local-authority',
        la: la.id,
      }),
    ),
    ...forces,
    { id: `${id}-icb`, name: `${first.name} Integrated Care Board`, kind: 'health', serves: 'all' },
    ...community,
    ...hospitals,
    ...group.map(
      (la): Agency => ({
        id: `${la.id}-schools`,
        name: `${la.name} schools`,
        kind: 'education',
        serves: [la.id],
      }),
    ),
    ...colleges,
    { id: `${id}-probation`, name: `Probation Service (${first.name})`, kind: 'other', serves: 'all' },
  ]
}

function fileText(config: PartnershipConfig): string {
  return [
    `# Synthetic partnership of a synthetic region (masa demo region): every name, code, phone`,
    `# number, address and postcode area is invented. DfE codes from ${FIRST_DFE_CODE} and postcode`,
    `# areas starting Q, V or X belong to no real LA; phones are Ofcom's drama range.`,
    '',
    compact(new Document(config)).toString({ lineWidth: 0 }),
  ].join('\n')
}

/** Opening hours and lists of plain values on one line each, as the demo files write them. */
function compact(document: Document): Document {
  visit(document, {
    Map(_, node) {
      if (node.items.length <= 2 && node.items.every((pair) => isScalar(pair.value))) node.flow = true
    },
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true
    },
  })
  return document
}
