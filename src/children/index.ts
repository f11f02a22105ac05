// The public face of children: what the app and other capabilities may import.

export { refusable } from './break-glass.ts'
export { corroborates } from './corroboration.ts'
export { DECLARED_REASON, type DeclarationKind } from './declarations.ts'
export type { ChildFlag, ChildFlagSource } from './flags.ts'
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
export {
  endCaseInvolvements,
  endInvitationsAfterNoFurtherAction,
  endRecheckInvolvement,
  involveAgencies,
  type NewInvolvement,
  recordInvolvements,
} from './involvement.ts'
export { childrenPlugin } from './plugin.ts'
export type { ReferredAddress, ReferredAddressSource } from './referred-address.ts'
export {
  type ChildNames,
  childFromPath,
  childIdsInLa,
  childNamesOf,
  findChildResource,
  findChildResources,
  getChildResource,
  getChildResources,
  openableItems,
} from './resources.ts'
export { type ChildSearch, checkChildSearch, dateFromParts } from './schemas.ts'
export { searchChildren, type VisibleMatch, visibleMatches } from './search.ts'
export { ETHNICITIES, type Ethnicity, SEXES, type Sex } from './tables.ts'
