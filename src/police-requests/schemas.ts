// A request to the police for information about a child (the Met's form 87a) as TypeBox: one schema
// for the form, the API and OpenAPI; and the police's answer.

import { type Static, Type } from '@sinclair/typebox'
import { compileInput, keysOf, literals, Text } from '../platform/http/schemas.ts'

/** The lawful bases a partner gives for asking, in people's words. */
export const LAWFUL_BASES = {
  'children-act-1989-s47': 'Children Act 1989, section 47 (enquiries about significant harm)',
  'children-act-1989-s17': 'Children Act 1989, section 17 (a child in need)',
  'crime-and-disorder-act-1998-s115': 'Crime and Disorder Act 1998, section 115',
  'uk-gdpr-6-1-e-dpa-2018-sch-8':
    'UK GDPR Article 6(1)(e) and Data Protection Act 2018, Schedule 8 (safeguarding of children)',
  consent: 'Consent',
} as const
export type LawfulBasis = keyof typeof LAWFUL_BASES

export const PoliceRequestInput = Type.Object({
  request: Text({
    description: 'what the requester asks the police to share about the child',
    label: 'what you are asking for',
    maxLength: 4000,
    missing: 'Enter what you are asking the police for',
  }),
  reason: Text({
    description: 'why the information is needed to safeguard the child',
    label: 'why you need it',
    maxLength: 4000,
    missing: 'Enter why you need the information',
  }),
  lawfulBasis: literals(keysOf(LAWFUL_BASES), 'the lawful basis for sharing', {
    missing: 'Select the lawful basis for sharing',
  }),
})
export type PoliceRequestInput = Static<typeof PoliceRequestInput>
export const policeRequestCheck = compileInput(PoliceRequestInput)

export const OUTCOMES = { disclosed: 'Information disclosed', refused: 'Refused' } as const
export type Outcome = keyof typeof OUTCOMES

export const PoliceAnswerInput = Type.Object({
  outcome: literals(keysOf(OUTCOMES), 'whether the police disclose information or refuse', {
    missing: 'Select whether you disclose information or refuse',
  }),
  answer: Text({
    description: 'the information disclosed, or the reason for refusing',
    label: 'the answer',
    maxLength: 20_000,
    missing: 'Enter the information disclosed, or the reason for refusing',
  }),
})
export type PoliceAnswerInput = Static<typeof PoliceAnswerInput>
export const policeAnswerCheck = compileInput(PoliceAnswerInput)
