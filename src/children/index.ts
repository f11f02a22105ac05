// What other capabilities may use of children: the child as the access policy sees it, the
// identifiers' check digits, and the vocabulary of a child's record.
export { isValidNhsNumber, isValidUpn, nhsCheckDigit, upnCheckLetter } from './identifiers.ts'
export {
  findChildResource,
  findChildResources,
  getChildResource,
  getChildResources,
  openableItems,
} from './resources.ts'
export { ETHNICITIES, type Ethnicity, SEXES, type Sex } from './tables.ts'
