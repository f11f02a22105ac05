// Synthetic addresses, postcodes and school names for demo data.

import { type LocalAuthority, laForPostcode, type PartnershipConfig } from '../partnership/config.ts'
import type { Random } from './random.ts'

const STREET_NAMES =
  `Albert, Alexandra, Ash, Beech, Belgrave, Birch, Brook, Cavendish, Cedar, Chapel, Charnwood,
  Chestnut, Church, Clarendon, Coronation, Cromwell, Dale, Elm, Fosse, Glebe, Granby, Green, Grove, Hawthorn,
  Highfield, Holly, Kingfisher, Lancaster, Laurel, Lime, Linden, Manor, Maple, Meadow, Mill, Nelson, Oak,
  Orchard, Park, Primrose, Queens, Regent, Rowan, St Peter's, Saxby, School, Spencer, Station, Stanley,
  Sycamore, Tudor, Upperton, Victoria, Welford, Westcotes, Willow, Windsor, Woodland, York`
    .trim()
    .split(/,\s*/)

const STREET_KINDS = [
  'Road',
  'Street',
  'Avenue',
  'Close',
  'Lane',
  'Way',
  'Drive',
  'Crescent',
  'Grove',
  'Gardens',
]

const BUILDING_NAMES = ['Clarence', 'Rutland', 'Belvoir', 'Abbey', 'Castle', 'Hastings', 'Jubilee', 'Newarke']

export interface Address {
  line1: string
  line2: string | null
  town: string
  postcode: string
}

/** A made-up street address in the LA; about one in seven is a flat. */
export function demoAddress(random: Random, postcode: string, la: LocalAuthority): Address {
  const street = `${random.between(1, 180)} ${random.pick(STREET_NAMES)} ${random.pick(STREET_KINDS)}`
  if (random.chance(0.15)) {
    const flat = `Flat ${random.between(1, 24)}, ${random.pick(BUILDING_NAMES)} House`
    return { line1: flat, line2: street, town: la.name, postcode }
  }
  return { line1: street, line2: null, town: la.name, postcode }
}

/**
 * Every demo postcode's unit starts with Z ('LE2 9ZA', 'PE9 3ZY'), which marks it as made up,
 * and it always routes back to the LA it was made for under the partnership's own prefixes.
 */
export const DEMO_UNIT_FIRST_LETTER = 'Z'
const UNIT_SECOND_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ']

export type PostcodeMaker = (random: Random, la: LocalAuthority) => string

/** Makes postcodes for any LA of the partnership, remembering which outward-and-sector stems route where. */
export function demoPostcodes(partnership: PartnershipConfig): PostcodeMaker {
  const routesTo = new Map<string, string | undefined>()
  const laOf = (stem: string) => {
    if (!routesTo.has(stem)) routesTo.set(stem, laForPostcode(partnership, `${stem}ZA`)?.id)
    return routesTo.get(stem)
  }
  return (random, la) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      const stem = postcodeStem(random, random.pick(la.postcode_prefixes))
      if (laOf(stem) === la.id) return `${stem}${DEMO_UNIT_FIRST_LETTER}${random.pick(UNIT_SECOND_LETTERS)}`
    }
    throw new Error(`Cannot make a postcode that routes to ${la.id} from its prefixes`)
  }
}

/** Outward code and sector digit inside a prefix: an area ('LE'), a district ('LE15') or a sector ('PE9 3'). */
function postcodeStem(random: Random, prefix: string): string {
  const [outwardPart, sector] = prefix.split(' ')
  const outward = /\d/.test(outwardPart ?? '') ? outwardPart : `${outwardPart}${random.between(1, 99)}`
  return `${outward} ${sector ?? random.below(10)}`
}

const SCHOOL_NAME_FIRSTS =
  `Oak, Ash, Elm, Beech, Willow, Birch, Holly, Hazel, Rowan, Cedar, Brook, Mill, Church,
  Castle, Bridge, Meadow, Fern, Heather, Kings, Queens, Priory, Abbey, Green, Red, White, Stone, Wood,
  Spring, Rose, Thorn`
    .trim()
    .split(/,\s*/)
const SCHOOL_NAME_SECONDS = [
  'field',
  'wood',
  'hill',
  'dale',
  'brook',
  'lands',
  'mead',
  'side',
  'gate',
  'croft',
  'well',
  'ley',
]

const SCHOOL_KINDS = {
  primary: ['Primary School', 'Community Primary School', 'Primary Academy', 'Infant and Junior School'],
  secondary: ['Academy', 'School', 'College', 'High School'],
} as const

/**
 * The n-th school name of a phase in an LA: unique for the first 1,440 of each, spread
 * through the name space by a stride so neighbours do not look alike.
 */
export function demoSchoolName(phase: keyof typeof SCHOOL_KINDS, n: number): string {
  const kinds = SCHOOL_KINDS[phase]
  const size = SCHOOL_NAME_FIRSTS.length * SCHOOL_NAME_SECONDS.length * kinds.length
  const index = (n * 149) % size // 149 is prime and does not divide 1,440: a full cycle
  const first = SCHOOL_NAME_FIRSTS[index % SCHOOL_NAME_FIRSTS.length]
  const rest = Math.floor(index / SCHOOL_NAME_FIRSTS.length)
  const second = SCHOOL_NAME_SECONDS[rest % SCHOOL_NAME_SECONDS.length]
  const kind = kinds[Math.floor(rest / SCHOOL_NAME_SECONDS.length)]
  return `${first}${second} ${kind}`
}
