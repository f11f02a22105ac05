// The self-assessment's forms as TypeBox (type and validation in one): a round, one standard's rating,
// a challenge and the agency's response.

import { type Static, Type } from '@sinclair/typebox'
import {
  CalendarDate,
  compileInput,
  fieldMessages,
  keysOf,
  literals,
  Text,
} from '../platform/http/schemas.ts'
import { RATINGS } from './rules.ts'

export const RoundInput = Type.Object({
  year: fieldMessages(
    Type.Integer({ minimum: 2000, maximum: 2100, description: 'the year the returns cover' }),
    { missing: 'Enter the year', invalid: 'Enter the year as 4 digits, like 2026' },
  ),
  dueOn: CalendarDate('the day returns are due', {
    missing: 'Enter the date returns are due',
    invalid: 'Enter a real date for when returns are due',
  }),
})
export type RoundInput = Static<typeof RoundInput>
export const roundCheck = compileInput(RoundInput)

export const RatingInput = Type.Object({
  rating: literals(keysOf(RATINGS), 'the agency’s rating of itself against the standard, 1 to 4', {
    missing: 'Select how well you meet the standard',
    invalid: 'Select how well you meet the standard',
  }),
  evidence: Text({
    description: 'the evidence for the rating',
    label: 'the evidence',
    missing: 'Enter the evidence for your rating',
    maxLength: 10_000,
  }),
  actions: Type.Optional(
    Text({
      description: 'what the agency will do to improve, one action a line',
      label: 'the actions',
      maxLength: 5_000,
    }),
  ),
  actionsDueOn: Type.Optional(
    CalendarDate('when the actions are to be done by', {
      invalid: 'Enter a real date for when the actions are to be done by',
    }),
  ),
})
export type RatingInput = Static<typeof RatingInput>
export const ratingCheck = compileInput(RatingInput)

export const ChallengeInput = Type.Object({
  challenge: Text({
    description: 'the partnership’s challenge to the rating or its evidence',
    label: 'the challenge',
    missing: 'Enter the challenge',
    maxLength: 5_000,
  }),
})
export type ChallengeInput = Static<typeof ChallengeInput>
export const challengeCheck = compileInput(ChallengeInput)

export const ResponseInput = Type.Object({
  response: Text({
    description: 'the agency’s response to the challenge',
    label: 'the response',
    missing: 'Enter your response to the challenge',
    maxLength: 5_000,
  }),
})
export type ResponseInput = Static<typeof ResponseInput>
export const responseCheck = compileInput(ResponseInput)
