// A referral to the multi-agency child exploitation (MACE) meeting as TypeBox: one schema for the
// form, the API and OpenAPI.

import { type Static, Type } from '@sinclair/typebox'
import { compileInput, Text, Uuid } from '../platform/http/schemas.ts'

export const MaceReferralInput = Type.Object({
  reason: Text({
    description: 'why the child should be discussed at MACE, in the referrer’s words',
    label: 'why you are referring the child',
    maxLength: 4000,
    missing: 'Enter why you are referring the child to MACE',
  }),
  screeningId: Type.Optional(
    Uuid('the exploitation screening whose next step is a MACE referral, when the referral comes from one'),
  ),
})
export type MaceReferralInput = Static<typeof MaceReferralInput>
export const maceReferralCheck = compileInput(MaceReferralInput)
