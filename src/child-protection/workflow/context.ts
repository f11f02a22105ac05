// What every child protection step shares: its context, how bad input stops it, and the event it
// records on the child's chronology.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../database.ts'
import type { Problem } from '../../meetings/index.ts'
import type { PartnershipConfig } from '../../partnership/config.ts'
import type { Actor } from '../../platform/access/actor.ts'
import { type IsoDate, toIsoDate } from '../../platform/calendar/working-days.ts'
import { recordEvent } from '../../platform/events/event.ts'
import { RequestError } from '../../platform/http/errors.ts'
import { type ConferenceRow, conferenceReference } from '../store/conference.ts'

export interface ChildProtectionContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

/** Bad input: the API reports the first problem (with its field), a form shows them all. */
export class InvalidInput extends RequestError {
  constructor(readonly problems: Problem[]) {
    super(400, problems[0]?.text ?? 'Invalid input', problems[0]?.field)
  }
}

/** Stops the step with the problems found, if there are any. */
export const check = (problems: Problem[]) => {
  if (problems.length > 0) throw new InvalidInput(problems)
}

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
