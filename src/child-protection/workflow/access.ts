// Strategy discussions and conferences ask the one access policy about the child a meeting is for,
// through platform/access/guard.ts: each decision is audited in the step's own transaction.

import type { Kysely, Transaction } from 'kysely'
import { getChildResource } from '../../children/index.ts'
import type { DB } from '../../database.ts'
import { activeUserActors } from '../../identity/index.ts'
import { meetingResource } from '../../meetings/index.ts'
import type { PartnershipConfig } from '../../partnership/config.ts'
import type { Actor } from '../../platform/access/actor.ts'
import { authorize, type Caller } from '../../platform/access/guard.ts'
import {
  type ChildResource,
  decide,
  type OwnPartResource,
  type RecordAction,
} from '../../platform/access/policy.ts'
import type { Chair } from '../rules/chair.ts'
import type { ConferenceFile } from '../store/conference.ts'
import type { StrategyDiscussionFile } from '../store/strategy-discussion.ts'

/** The signed-in user or calling system (401 without one), and where the request came from. */

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

/**
 * The caller's agency writes its own part of a shared record (its contribution or report to a
 * meeting, its answer to a re-check) only where it was asked for one: the policy's part.write, which
 * first asks whatever opens the step on the child's record.
 */
export function authorizeOwnPart(
  trx: Transaction<DB>,
  caller: Caller,
  part: Omit<OwnPartResource, 'kind'>,
  detail: Record<string, unknown> = {},
): void {
  authorize(trx, { ...caller, action: 'part.write', resource: { kind: 'own-part', ...part }, detail })
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

/** Everyone the policy lets chair this child's meetings (the step's action), by name. */
export async function chairsFor(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  action: 'strategy.chair' | 'conference.chair',
  child: ChildResource,
): Promise<Chair[]> {
  const actors = await activeUserActors({ db, partnership })
  return actors
    .filter((actor) => decide(actor, action, child).allowed)
    .map((actor) => ({ id: actor.id, name: actor.displayName }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** A strategy discussion as the policy sees it: who was invited and attended, and who is named on it. */
export function discussionMeeting(child: ChildResource, file: StrategyDiscussionFile) {
  const d = file.discussion
  return meetingResource(child, {
    id: d.id,
    laId: d.la_id,
    invitations: file.invitations,
    named: [
      d.requested_by,
      d.scheduled_by,
      d.signed_off_by,
      d.chair_user_id,
      file.record?.recorded_by ?? null,
      ...file.contributions.map((c) => c.contributed_by),
    ],
  })
}

/** A conference as the policy sees it: the agencies invited and attending, who booked and chaired it. */
export function conferenceMeeting(child: ChildResource, file: ConferenceFile) {
  const c = file.conference
  return meetingResource(child, {
    id: c.id,
    laId: c.la_id,
    invitations: file.invitations,
    named: [c.booked_by, c.chair_user_id, c.decided_by],
  })
}
