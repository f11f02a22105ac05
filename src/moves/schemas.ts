// Moves' forms as TypeBox (type and validation in one): a move recorded, and its acknowledgement.

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, compileInput, keysOf, literals, Text } from '../platform/http/schemas.ts'
import { RISK_LEVELS, WHO_MOVED } from './rules.ts'

export const MoveInput = Type.Object({
  whoMoved: literals(keysOf(WHO_MOVED), 'child (placed) or family (relocated)', {
    missing: 'Select whether the child was placed or their family relocated',
    invalid: 'Select whether the child was placed or their family relocated',
  }),
  hostDfeCode: Text({
    description: 'the host local authority, by its 3-digit DfE LA code',
    missing: 'Select the local authority the child moved to',
    invalid: 'Select the local authority the child moved to',
    pattern: '^\\d{3}$',
  }),
  movedOn: CalendarDate('the day of the move', {
    missing: 'Enter the date of the move',
    invalid: 'Enter a real date for the move',
  }),
  reason: Text({
    description: 'why the child or family moved',
    label: 'the reason',
    missing: 'Enter why the child or family moved',
    maxLength: 2_000,
  }),
  riskLevel: literals(keysOf(RISK_LEVELS), 'the exploitation risk: low, medium or high', {
    missing: 'Select the level of exploitation risk',
    invalid: 'Select the level of exploitation risk',
  }),
  riskSummary: Text({
    description: 'the exploitation risk assessment in brief',
    label: 'the risk assessment',
    missing: 'Enter a summary of the exploitation risk assessment',
    maxLength: 5_000,
  }),
})
export type MoveInput = Static<typeof MoveInput>
export const moveCheck = compileInput(MoveInput)

export const AcknowledgementInput = Type.Object({
  note: Type.Optional(
    Text({
      description: 'what the host LA will do, in brief',
      label: 'the note',
      maxLength: 2_000,
    }),
  ),
})
export type AcknowledgementInput = Static<typeof AcknowledgementInput>
export const acknowledgementCheck = compileInput(AcknowledgementInput)
