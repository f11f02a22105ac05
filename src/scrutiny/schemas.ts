// Independent scrutiny's forms as TypeBox (type and validation in one): a lead's grant to the
// scrutineer (who, which child, what for, until when) and its revocation.

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, compileInput, Text, Uuid } from '../platform/http/schemas.ts'

export const GrantInput = Type.Object({
  granteeId: Uuid('the independent scrutineer the grant is given to', {
    missing: 'Select the independent scrutineer',
    invalid: 'Select the independent scrutineer',
  }),
  childId: Type.Optional(
    Uuid('the child, when the grant is started from the child’s record', {
      missing: 'Start the grant again from the child’s record',
      invalid: 'Start the grant again from the child’s record',
    }),
  ),
  nhsNumber: Type.Optional(
    Text({
      description: 'the child’s NHS number (10 digits); or give a serious incident’s reference instead',
      label: 'the NHS number',
      maxLength: 20,
    }),
  ),
  incidentReference: Type.Optional(
    Text({
      description:
        'the reference of the serious incident whose review the grant opens with the child’s identity (SI-…)',
      label: 'the serious incident’s reference',
      maxLength: 20,
    }),
  ),
  purpose: Text({
    description: 'why the scrutineer needs the child’s record: the scrutiny it is for',
    label: 'the purpose',
    missing: 'Enter the purpose of the grant',
    minLength: 10,
    tooLong: 'Keep the purpose to 2,000 characters or fewer',
    invalid: 'Say what the grant is for in at least 10 characters',
    maxLength: 2_000,
  }),
  endsOn: CalendarDate('the last day the grant opens the child’s record', {
    missing: 'Enter the last day of the grant',
    invalid: 'Enter a real date',
  }),
})
export type GrantInput = Static<typeof GrantInput>
export const grantCheck = compileInput(GrantInput)

export const RevokeInput = Type.Object({
  reason: Text({
    description: 'why the grant ends early',
    label: 'the reason',
    missing: 'Enter why the grant ends early',
    maxLength: 2_000,
  }),
})
export type RevokeInput = Static<typeof RevokeInput>
export const revokeCheck = compileInput(RevokeInput)
