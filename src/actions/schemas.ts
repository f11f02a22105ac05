// An action agreed at a meeting about a child, as TypeBox (type, validation and OpenAPI in one).

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, Text } from '../platform/http/schemas.ts'

/** What is to be done, by which agency and which person there, and by when. */
export const ActionSchema = Type.Object({
  description: Text({ description: 'what is to be done', label: 'the action', maxLength: 20_000 }),
  ownerAgencyId: Type.String({ description: 'the owning agency’s id in the partnership configuration' }),
  ownerName: Text({ description: 'the person who owns it', label: 'the person’s name', maxLength: 200 }),
  dueBy: CalendarDate('when it is due', { invalid: 'Enter a real due date' }),
})
export type ActionInput = Static<typeof ActionSchema>
