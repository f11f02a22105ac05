// The yearly report's forms as TypeBox (type and validation in one): starting a year's report, and a
// section's narrative.

import { type Static, Type } from '@sinclair/typebox'
import { compileInput, Text } from '../platform/http/schemas.ts'

export const StartInput = Type.Object({
  startYear: Text({
    description: 'the year the reporting year starts in (1 April), four digits',
    missing: 'Enter the year the reporting year starts in',
    invalid: 'Enter the year as four digits, like 2025',
    pattern: '^20\\d\\d$',
  }),
})
export type StartInput = Static<typeof StartInput>
export const startCheck = compileInput(StartInput)

export const NarrativeInput = Type.Object({
  body: Text({
    description: 'the business unit’s narrative for the section',
    label: 'the narrative',
    missing: 'Enter the narrative for this section',
    maxLength: 20_000,
  }),
})
export type NarrativeInput = Static<typeof NarrativeInput>
export const narrativeCheck = compileInput(NarrativeInput)
