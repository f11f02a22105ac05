// VOLT's inputs as TypeBox: a person of concern, a location, and a link between two ends (with the
// police's 3x5x2 grading when police enter it). One schema for the forms and any API.

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, compileInput, keysOf, literals, Text } from '../platform/http/schemas.ts'
import {
  HANDLING_CODES,
  INTELLIGENCE_ASSESSMENTS,
  LINK_TYPES,
  LOCATION_TYPES,
  PERSON_KINDS,
} from './rules.ts'

export const PersonInput = Type.Object({
  name: Text({
    description: 'the person’s name as known',
    label: 'the name',
    maxLength: 200,
    missing: 'Enter the person’s name as known',
  }),
  alsoKnownAs: Type.Optional(
    Text({ description: 'other names or nicknames', label: 'other names', maxLength: 200 }),
  ),
  kind: literals(keysOf(PERSON_KINDS), 'an adult or a peer (under 18)', {
    missing: 'Select whether the person is an adult or a peer',
  }),
  description: Type.Optional(
    Text({ description: 'what is known of the person', label: 'what is known', maxLength: 4000 }),
  ),
})
export type PersonInput = Static<typeof PersonInput>
export const personCheck = compileInput(PersonInput)

export const LocationInput = Type.Object({
  name: Text({
    description: 'the place’s name, or the address’s first line',
    label: 'the name',
    maxLength: 200,
    missing: 'Enter the name of the place',
  }),
  locationType: literals(keysOf(LOCATION_TYPES), 'what kind of place', {
    missing: 'Select what kind of place it is',
  }),
  address: Type.Optional(Text({ description: 'the address', label: 'the address', maxLength: 500 })),
  postcode: Type.Optional(
    Text({
      description: 'a UK postcode',
      maxLength: 10,
      pattern: '^\\s*[A-Za-z]{1,2}\\d[A-Za-z\\d]?\\s*\\d[A-Za-z]{2}\\s*$',
      invalid: 'Enter a real postcode, like LE1 5AB',
      tooLong: 'Enter a real postcode, like LE1 5AB',
    }),
  ),
})
export type LocationInput = Static<typeof LocationInput>
export const locationCheck = compileInput(LocationInput)

/** An end as the form names it: 'child:<id>', 'person:<id>', 'location:<id>' or 'theme:<code>'. */
const End = (description: string, missing: string) =>
  Text({
    description,
    maxLength: 100,
    pattern: '^(child|person|location|theme):[A-Za-z0-9-]+$',
    missing,
    invalid: missing,
  })

export const LinkInput = Type.Object({
  from: End('the first end', 'Select what the link is from'),
  to: End('the other end', 'Select a person, place or theme to link to'),
  linkType: literals(keysOf(LINK_TYPES), 'how they are linked', { missing: 'Select how they are linked' }),
  sourceAgencyId: Text({
    description: 'the agency the information came from',
    maxLength: 100,
    missing: 'Select the agency the information came from',
  }),
  seenOn: CalendarDate('the date it was seen or known', {
    missing: 'Enter the date it was seen or known',
    invalid: 'The date it was seen or known must be a real date',
  }),
  sourceEvaluation: Type.Optional(
    literals(['1', '2', '3'], 'the 3x5x2 source evaluation', { invalid: 'Select the source evaluation' }),
  ),
  intelligenceAssessment: Type.Optional(
    literals(keysOf(INTELLIGENCE_ASSESSMENTS), 'the 3x5x2 intelligence assessment', {
      invalid: 'Select the intelligence assessment',
    }),
  ),
  handlingCode: Type.Optional(
    literals(keysOf(HANDLING_CODES), 'the 3x5x2 handling code', { invalid: 'Select the handling code' }),
  ),
  handlingConditions: Type.Optional(
    Text({ description: 'the conditions of a C handling code', label: 'the conditions', maxLength: 1000 }),
  ),
})
export type LinkInput = Static<typeof LinkInput>
export const linkCheck = compileInput(LinkInput)

/** A link's change: everything but its ends (to link other ends, delete it and add another). */
export const LinkChangeInput = Type.Omit(LinkInput, ['from', 'to'])
export type LinkChangeInput = Static<typeof LinkChangeInput>
export const linkChangeCheck = compileInput(LinkChangeInput)
