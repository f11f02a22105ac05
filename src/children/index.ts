// The public face of children: what the app and other capabilities may import.

export { refusable } from './break-glass.ts'
export { corroborates } from './corroboration.ts'
export {
  isValidNhsNumber,
  isValidUpn,
  nhsCheckDigit,
  nhsNumberProblem,
  normaliseNhsNumber,
  normaliseUpn,
  upnCheckLetter,
  upnProblem,
} from './identifiers.ts'
export { involveAgencies, type NewInvolvement, recordInvolvements } from './involvement.ts'
export { childrenPlugin } from './plugin.ts'
export type { ChildSearch } from './schemas.ts'
export { searchChildren, type VisibleMatch, visibleMatches } from './search.ts'
export {
  type ChildAliasTable,
  type ChildInvolvementTable,
  type ChildTable,
  ETHNICITIES,
  type Ethnicity,
  type HouseholdTable,
  type PersonTable,
  type ProfessionalTable,
  type RelationshipTable,
  type SchoolTable,
  SEXES,
  type Sex,
} from './tables.ts'
