// VOLT's pure rules: the code lists (themes from the partnership's configuration, location types,
// link types), the police's 3x5x2 intelligence grading in words, postcode sectors, and who sees a
// person or a link. No I/O.

import type { PartnershipConfig } from '../partnership/config.ts'

export const NODE_KINDS = ['child', 'person', 'location', 'theme'] as const
export type NodeKind = (typeof NODE_KINDS)[number]

export const PERSON_KINDS = { adult: 'Adult', peer: 'Peer (under 18)' } as const
export type PersonKind = keyof typeof PERSON_KINDS

export const LOCATION_TYPES = {
  address: 'Address',
  park: 'Park',
  shop: 'Shop',
  hotel: 'Hotel',
  'transport-hub': 'Transport hub',
  school: 'School',
  'online-platform': 'Online platform',
  other: 'Other place',
} as const
export type LocationType = keyof typeof LOCATION_TYPES

/** How two ends are linked, in words read from the first end to the second. */
export const LINK_TYPES = {
  'associates-with': 'Associates with',
  'seen-with': 'Seen with',
  'seen-at': 'Seen at',
  'lives-or-stays-at': 'Lives or stays at',
  'found-at': 'Found at when missing',
  'in-contact-online': 'In contact online with',
  'suspected-of-exploiting': 'Suspected of exploiting',
  'concern-about': 'Concern about',
} as const
export type LinkType = keyof typeof LINK_TYPES

/** The themes a partnership uses when its configuration names none (issue 13's list). */
export const DEFAULT_THEMES: readonly { id: string; label: string }[] = [
  { id: 'cse', label: 'Child sexual exploitation' },
  { id: 'cce', label: 'Child criminal exploitation' },
  { id: 'county-lines', label: 'County lines' },
  { id: 'child-on-child-abuse', label: 'Child-on-child abuse' },
  { id: 'trafficking-modern-slavery', label: 'Trafficking and modern slavery' },
  { id: 'online-exploitation', label: 'Online exploitation' },
  { id: 'serious-youth-violence', label: 'Serious youth violence' },
]

/** The partnership's own themes (`exploitation_themes`), else the defaults. */
export const themesOf = (partnership: Pick<PartnershipConfig, 'exploitation_themes'>) =>
  partnership.exploitation_themes ?? DEFAULT_THEMES

// ---------------------------------------------------------------------------
// The 3x5x2 intelligence grading (College of Policing, Authorised Professional Practice:
// intelligence management), which police officers give each item of intelligence they record.

export const SOURCE_EVALUATIONS = {
  1: 'Reliable',
  2: 'Untested',
  3: 'Not reliable',
} as const
export type SourceEvaluation = 1 | 2 | 3

export const INTELLIGENCE_ASSESSMENTS = {
  A: 'Known directly to the source',
  B: 'Known indirectly to the source but corroborated',
  C: 'Known indirectly to the source',
  D: 'Not known',
  E: 'Suspected to be false',
} as const
export type IntelligenceAssessment = keyof typeof INTELLIGENCE_ASSESSMENTS

export const HANDLING_CODES = {
  P: 'Lawful sharing permitted',
  C: 'Lawful sharing permitted with conditions',
} as const
export type HandlingCode = keyof typeof HANDLING_CODES

export interface Grading {
  sourceEvaluation: SourceEvaluation
  intelligenceAssessment: IntelligenceAssessment
  handlingCode: HandlingCode
}

/** "1A P: Reliable; known directly to the source; lawful sharing permitted". */
export function gradingInWords(grading: Grading): string {
  const { sourceEvaluation: s, intelligenceAssessment: i, handlingCode: h } = grading
  const assessment = INTELLIGENCE_ASSESSMENTS[i]
  return `${s}${i}${h}: ${SOURCE_EVALUATIONS[s]}; ${assessment.charAt(0).toLowerCase()}${assessment.slice(1)}; ${HANDLING_CODES[h].toLowerCase()}`
}

// ---------------------------------------------------------------------------
// Postcodes

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d)([A-Z]{2})$/

/** 'le1 5ab' -> 'LE1 5AB'; undefined when it is not a UK postcode's shape. */
export function normalisePostcode(text: string): string | undefined {
  const match = POSTCODE.exec(text.trim().toUpperCase().replace(/\s+/g, ' '))
  return match ? `${match[1]} ${match[2]}${match[3]}` : undefined
}

/** The postcode sector (outward code and the inward code's digit): 'LE1 5AB' -> 'LE1 5'. */
export function postcodeSector(postcode: string): string {
  return postcode.slice(0, postcode.length - 2)
}

// ---------------------------------------------------------------------------
// Who sees what

/** The viewer as VOLT's restrictions need them: whether their agency is a police force. */
export interface Viewer {
  police: boolean
}

/** A person of concern is police intelligence: restricted ones are seen by the police only. */
export const personVisible = (viewer: Viewer, person: { police_restricted: boolean }) =>
  viewer.police || !person.police_restricted

export interface LinkEnds {
  handling_code: HandlingCode | null
  a_kind: NodeKind
  a_ref: string
  b_kind: NodeKind
  b_ref: string
}

/**
 * Whether the viewer sees a link: a handling code with conditions keeps it to the police; each end
 * must be one the viewer sees (`endVisible`: a child they may read, a person not restricted from
 * them; places and themes are seen by all who see VOLT).
 */
export function linkVisible(
  viewer: Viewer,
  link: LinkEnds,
  endVisible: (kind: NodeKind, ref: string) => boolean,
): boolean {
  if (link.handling_code === 'C' && !viewer.police) return false
  return endVisible(link.a_kind, link.a_ref) && endVisible(link.b_kind, link.b_ref)
}

/** The other end of a link, from one end. */
export function otherEnd(link: LinkEnds, kind: NodeKind, ref: string): { kind: NodeKind; ref: string } {
  return link.a_kind === kind && link.a_ref === ref
    ? { kind: link.b_kind, ref: link.b_ref }
    : { kind: link.a_kind, ref: link.a_ref }
}

/** Ends the network goes on through to its second hop: themes are categories, not places people meet. */
export const traversable = (kind: NodeKind) => kind !== 'theme'

export const nodeKey = (kind: NodeKind, ref: string) => `${kind}:${ref}`
