// Learning briefings' forms as TypeBox (type and validation in one): a briefing (the 7-minute
// briefing's sections, themes and the review it draws on), and sending it (agencies, roles, when to
// remind).

import { type Static, Type } from '@sinclair/typebox'
import { compileInput, fieldMessages, Text } from '../platform/http/schemas.ts'

const section = (description: string, label: string, missing: string) =>
  Text({ description, label, missing, maxLength: 5_000 })
const choices = (description: string, missing: string) =>
  fieldMessages(Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, description }), {
    missing,
    invalid: missing,
  })

export const BriefingInput = Type.Object({
  title: Text({
    description: 'the briefing’s title',
    label: 'the title',
    missing: 'Enter a title',
    maxLength: 200,
  }),
  background: section(
    'why this briefing: the review or audit it comes from',
    'the background',
    'Enter the background',
  ),
  keyFindings: section(
    'what happened and the key findings',
    'what happened',
    'Enter what happened and the key findings',
  ),
  learning: section('the learning for practice', 'the learning', 'Enter the learning'),
  doDifferently: section(
    'what practitioners should do differently',
    'what to do differently',
    'Enter what to do differently',
  ),
  reflectionQuestions: section(
    'questions for practitioners to reflect on',
    'the questions',
    'Enter questions for reflection',
  ),
  furtherReading: Type.Optional(
    Text({ description: 'further reading and links', label: 'further reading', maxLength: 2_000 }),
  ),
  themes: choices(
    'the themes of the briefing (ids of the partnership’s learning themes)',
    'Select at least one theme',
  ),
  incidentId: Type.Optional(
    Type.String({ maxLength: 100, description: 'the serious incident whose review it draws on, if any' }),
  ),
})
export type BriefingInput = Static<typeof BriefingInput>
export const briefingCheck = compileInput(BriefingInput)

export const PublishInput = Type.Object({
  agencyIds: choices(
    'the agencies to send it to (ids in the partnership configuration)',
    'Select the agencies to send it to',
  ),
  roles: choices(
    'the roles, in those agencies, of the people to send it to',
    'Select the roles to send it to',
  ),
})
export type PublishInput = Static<typeof PublishInput>
export const publishCheck = compileInput(PublishInput)

/** Sending a briefing again: an optional word from the lead to go with it (it names no child). */
export const ResendInput = Type.Object({
  note: Type.Optional(
    Text({
      description: 'a message to go with the briefing sent again',
      label: 'the message',
      maxLength: 500,
      tooLong: 'The message must be 500 characters or fewer',
    }),
  ),
})
export type ResendInput = Static<typeof ResendInput>
export const resendCheck = compileInput(ResendInput)
