// An action agreed at a meeting about a child, as TypeBox (type, validation and OpenAPI in one).

import { type Static, Type } from '@sinclair/typebox'

/** What is to be done, by which agency and which person there, and by when. */
export const ActionSchema = Type.Object({
  description: Type.String({ maxLength: 20_000 }),
  ownerAgencyId: Type.String(),
  ownerName: Type.String({ maxLength: 200 }),
  dueBy: Type.String({ format: 'date', description: 'a calendar date, YYYY-MM-DD' }),
})
export type ActionInput = Static<typeof ActionSchema>
