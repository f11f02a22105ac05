// Strategy discussions and conferences ask the one access policy about the child a meeting is for.
// Stands in for platform/access/guard.ts `authorize(trx, ...)` until it lands: swap the body of
// authorizeForChild for that call (it adds the audit entry in the same transaction).

import type { Transaction } from 'kysely'
import type { Actor } from '../platform/access/actor.ts'
import { type ChildResource, decide, type RecordAction, type Sensitivity } from '../platform/access/policy.ts'
import type { DB } from '../platform/db/schema.ts'
import { RequestError } from '../platform/http/errors.ts'

export async function loadChildResource(
  trx: Transaction<DB>,
  childId: string,
): Promise<ChildResource | undefined> {
  const child = await trx
    .selectFrom('child')
    .select(['id', 'la_id', 'sensitivity'])
    .where('id', '=', childId)
    .executeTakeFirst()
  if (!child) return undefined
  const involved = await trx
    .selectFrom('child_involvement')
    .select(['agency_id', 'user_id'])
    .where('child_id', '=', childId)
    .where('ended_at', 'is', null)
    .execute()
  return {
    kind: 'child',
    childId,
    laId: child.la_id,
    sensitivity: child.sensitivity as Sensitivity,
    involvement: {
      agencyIds: [...new Set(involved.map((row) => row.agency_id))],
      userIds: involved.flatMap((row) => (row.user_id ? [row.user_id] : [])),
    },
  }
}

export async function authorizeForChild(
  trx: Transaction<DB>,
  actor: Actor,
  action: RecordAction,
  childId: string,
): Promise<ChildResource> {
  const resource = await loadChildResource(trx, childId)
  if (!resource) throw new RequestError(404, 'No such record')
  const decision = decide(actor, action, resource)
  if (!decision.allowed) {
    if (decision.hideExistence) throw new RequestError(404, 'No such record')
    throw new RequestError(403, decision.reason)
  }
  return resource
}

export function authorizeForLa(actor: Actor, action: RecordAction, laId: string | null): void {
  const decision = decide(actor, action, laId ? { kind: 'la', laId } : { kind: 'partnership' })
  if (!decision.allowed) throw new RequestError(403, decision.reason)
}

/** A meeting's invited agencies become involved with the child, so their staff can open it. */
export async function recordInvolvement(
  trx: Transaction<DB>,
  childId: string,
  agencyIds: readonly string[],
  reason: string,
): Promise<void> {
  if (agencyIds.length === 0) return
  await trx
    .insertInto('child_involvement')
    .values(agencyIds.map((agencyId) => ({ child_id: childId, agency_id: agencyId, reason })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}
