// What every child protection step shares: its context, how bad input stops it, and the event it
// records on the child's chronology.

import type { Static, TSchema } from '@sinclair/typebox'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../database.ts'
import type { PartnershipConfig } from '../../partnership/config.ts'
import type { Actor } from '../../platform/access/actor.ts'
import { type IsoDate, toIsoDate } from '../../platform/calendar/working-days.ts'
import { recordEvent } from '../../platform/events/event.ts'
import {
  type FieldProblem,
  type InputCheck,
  InvalidInput,
  mergeProblems,
} from '../../platform/http/schemas.ts'
import { type ConferenceRow, conferenceReference } from '../store/conference.ts'

export interface ChildProtectionContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
  /** The address people reach the service at (the root always gives it): links in a calendar invitation are absolute. */
  publicUrl?: string
}

/** Stops the step with the problems found, if there are any. */
export const check = (problems: FieldProblem[]) => {
  if (problems.length > 0) throw new InvalidInput(problems)
}

/**
 * Stops the step unless the input fits the schema the API runs (its limits, in people's words) and
 * its rules' problems are none; for a field both name, the schema's words are kept, in the rules'
 * order. The API's body has its shape checked by then, and a page builds the same shape, so the rules
 * read typed values. `formField` names a schema problem's field as the form does where it differs
 * from the API ('actions[0].dueBy' is 'actions-1-due').
 */
export function checkInput<T extends TSchema>(
  inputCheck: InputCheck<T>,
  input: Static<T>,
  ruleProblems: readonly FieldProblem[] = [],
  formField: (field: string) => string = (field) => field,
): void {
  const schema = inputCheck.problems(input).map((p) => ({ ...p, field: formField(p.field) }))
  check(
    mergeProblems(
      ruleProblems.map((p) => p.field),
      schema,
      ruleProblems,
    ),
  )
}

/** A problem the schema finds in a list's item, named as the form names it ('participants[0].views' is 'views-1'). */
export const listItemField = (list: string, item: string, formName: string) => (field: string) =>
  field.replace(new RegExp(`^${list}\\[(\\d+)\\]\\.${item}$`), (_, i) => `${formName}-${Number(i) + 1}`)

export const today = (ctx: ChildProtectionContext): IsoDate => toIsoDate(ctx.now())

/** Who took a step, as records name them. */
export const by = (actor: Actor) => ({ id: actor.id, name: actor.displayName })

/** The child and LA an event is about. */
export interface Subject {
  childId: string
  laId: string
}

export const subjectOf = (row: { child_id: string; la_id: string }): Subject => ({
  childId: row.child_id,
  laId: row.la_id,
})

/** Records a step's event on the child's chronology, in the step's transaction. */
export async function recordChildEvent(
  trx: Transaction<DB>,
  actor: Actor,
  subject: Subject,
  type: string,
  summary: string,
  payload: Record<string, unknown>,
) {
  return recordEvent(trx, {
    type,
    childId: subject.childId,
    laId: subject.laId,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary,
    payload,
  })
}

/** What every event about a conference carries. */
export const conferencePayload = (c: ConferenceRow) => ({
  conferenceId: c.id,
  reference: conferenceReference(c.number),
  kind: c.kind,
})

/** The chair's step on a conference: who attended, whether it was quorate. */
export interface ChairStep {
  trx: Transaction<DB>
  ctx: ChildProtectionContext
  actor: Actor
  conference: ConferenceRow
  attendingIds: string[]
  quorate: boolean
}
