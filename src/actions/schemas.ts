// An action agreed at a meeting about a child, as TypeBox (type, validation and OpenAPI in one).

import { type Static, Type } from '@sinclair/typebox'
import { CalendarDate, compileInput, Text } from '../platform/http/schemas.ts'

/** What is to be done, by which agency and which person there, and by when. */
export const ActionSchema = Type.Object({
  description: Text({ description: 'what is to be done', label: 'the action', maxLength: 20_000 }),
  ownerAgencyId: Type.String({ description: 'the owning agency’s id in the partnership configuration' }),
  ownerName: Text({ description: 'the person who owns it', label: 'the person’s name', maxLength: 200 }),
  dueBy: CalendarDate('when it is due', { invalid: 'Enter a real due date' }),
})
export type ActionInput = Static<typeof ActionSchema>

/** Closing an action: what was done, in words a reader of the meeting's record can check. */
export const ActionCompletion = Type.Object(
  {
    evidence: Text({
      description: 'what was done to complete the action, and when',
      label: 'what was done',
      missing: 'Enter what was done to complete the action',
      maxLength: 20_000,
    }),
  },
  { additionalProperties: false },
)
export type ActionCompletion = Static<typeof ActionCompletion>
export const actionCompletionCheck = compileInput(ActionCompletion)

const ActionStatusSchema = Type.Union(
  [Type.Literal('open'), Type.Literal('due-today'), Type.Literal('overdue'), Type.Literal('done')],
  { description: 'open (due later), due today, overdue, or done' },
)

/** An action as the API lists it for its owner agency. */
export const ActionView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  childId: Type.String({ format: 'uuid' }),
  agreedAt: Type.Object({
    kind: Type.Union([
      Type.Literal('strategy-discussion'),
      Type.Literal('mace-discussion'),
      Type.Literal('rapid-review'),
      Type.Literal('case-audit'),
    ]),
    id: Type.String({ format: 'uuid' }),
  }),
  description: Type.String(),
  ownerAgencyId: Type.String(),
  ownerName: Type.Union([Type.String(), Type.Null()]),
  dueBy: Type.String({ format: 'date' }),
  status: ActionStatusSchema,
  workingDaysRemaining: Type.Integer({
    description: 'working days until the due date; negative once overdue',
  }),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  completedBy: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Union([Type.String(), Type.Null()]),
})
export type ActionView = Static<typeof ActionView>
