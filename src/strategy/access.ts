// Strategy discussions and conferences ask the one access policy about the child a meeting is for,
// through platform/access/guard.ts: each decision is audited in the step's own transaction.

import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { getChildResource } from '../children/index.ts'
import type { DB } from '../database.ts'
import { getActor } from '../identity/guards.ts'
import type { Actor } from '../platform/access/actor.ts'
import { authorize, type RequestOrigin } from '../platform/access/guard.ts'
import {
  type ChildResource,
  type DecideOptions,
  decide,
  type MeetingResource,
  type PartMarking,
  type PartResource,
  type RecordAction,
} from '../platform/access/policy.ts'

/** Who is asking, and from where (for the audit). */
export interface Caller {
  actor: Actor
  origin: RequestOrigin
}

/** The signed-in user or calling system (401 without one), and where the request came from. */
export const callerOf = (request: FastifyRequest): Caller => ({
  actor: getActor(request),
  origin: { ip: request.ip, requestId: String(request.id) },
})

export async function authorizeForChild(
  trx: Transaction<DB>,
  caller: Caller,
  action: RecordAction,
  childId: string,
  detail: Record<string, unknown> = {},
): Promise<ChildResource> {
  const resource = await getChildResource(trx, childId)
  authorize(trx, { ...caller, action, resource, detail })
  return resource
}

/** Who took part in a meeting, as its invitations record it. */
export interface Invited {
  agency_id: string
  attended: boolean | null
}

/** A meeting about a child as the policy sees it: the child, who was invited and attended, who is named on it. */
export function meetingResource(
  child: ChildResource,
  meeting: { id: string; laId: string; invitations: readonly Invited[]; named: readonly (string | null)[] },
): MeetingResource {
  return {
    kind: 'meeting',
    meetingId: meeting.id,
    child,
    laId: meeting.laId,
    invitedAgencyIds: meeting.invitations.map((i) => i.agency_id),
    attendedAgencyIds: meeting.invitations.filter((i) => i.attended).map((i) => i.agency_id),
    userIds: [...new Set(meeting.named.filter((id): id is string => Boolean(id)))],
  }
}

/** Reading a meeting's record: authorized (and audited) as a read of the meeting. */
export function authorizeMeeting(
  trx: Transaction<DB>,
  caller: Caller,
  meeting: MeetingResource,
  detail: Record<string, unknown> = {},
): void {
  authorize(trx, { ...caller, action: 'meeting.view', resource: meeting, detail })
}

/** One agency's part of a meeting's record, with its marking. */
export interface Part {
  agency_id: string
  marking: PartMarking
}

/**
 * The parts of a meeting's record the actor may read, and those withheld from them by their marking
 * (shown only as withheld, so a reader knows to ask).
 */
export function partsFor<T extends Part>(
  actor: Actor,
  meeting: MeetingResource,
  parts: readonly T[],
  options: DecideOptions = {},
): { readable: T[]; withheld: T[] } {
  const readable: T[] = []
  const withheld: T[] = []
  for (const part of parts) {
    const resource: PartResource = {
      kind: 'part',
      of: { action: 'meeting.view', resource: meeting },
      agencyId: part.agency_id,
      marking: part.marking,
    }
    ;(decide(actor, 'part.view', resource, options).allowed ? readable : withheld).push(part)
  }
  return { readable, withheld }
}

/** Lists and diaries: the LA (or, with null, the whole partnership) the list covers. */
export function authorizeForLa(
  trx: Transaction<DB>,
  caller: Caller,
  action: RecordAction,
  laId: string | null,
  detail: Record<string, unknown> = {},
): void {
  authorize(trx, {
    ...caller,
    action,
    resource: laId ? { kind: 'la', laId } : { kind: 'partnership' },
    detail,
  })
}

/** What the actor may do, for showing the right links and forms: a question, not an access. */
export function may(
  actor: Actor,
  action: RecordAction,
  resource: ChildResource | { kind: 'la'; laId: string },
) {
  return decide(actor, action, resource).allowed
}
