// The front door asks the one access policy (platform/access) about the child a referral is for,
// or, until the child is matched to a record, about the referral's LA. authorize() audits each
// decision in the step's own transaction (opened with audited()).

import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { getActor } from '../identity/guards.ts'
import type { Actor } from '../platform/access/actor.ts'
import { authorize, findChildResource, type RequestOrigin } from '../platform/access/guard.ts'
import { type ChildResource, decide, type LaResource, type RecordAction } from '../platform/access/policy.ts'
import type { DB } from '../platform/db/schema.ts'
import type { ReferralRow } from './store.ts'

/** Who is asking, and from where (for the audit). */
export interface Caller {
  actor: Actor
  origin: RequestOrigin
  /** The agency system that carries this person's step through the API, if any. */
  via?: Actor
}

/** The signed-in user or calling system (401 without one), and where the request came from. */
export const callerOf = (request: FastifyRequest): Caller => ({
  actor: getActor(request),
  origin: { ip: request.ip, requestId: String(request.id) },
})

export type ReferralResource = ChildResource | LaResource

/** The child the referral is matched to, or its LA until then: one query either way (see viewReferral). */
export async function referralResource(
  trx: Transaction<DB>,
  referral: ReferralRow,
): Promise<ReferralResource> {
  return (await findChildResource(trx, referral.child_id)) ?? { kind: 'la', laId: referral.la_id }
}

const detailOf = (referral: ReferralRow, caller?: Caller) => ({
  referralId: referral.id,
  ...(caller?.via ? { via: caller.via.id } : {}),
})

export async function authorizeReferral(
  trx: Transaction<DB>,
  caller: Caller,
  action: RecordAction,
  referral: ReferralRow,
  lawfulBasis?: string,
): Promise<ReferralResource> {
  const resource = await referralResource(trx, referral)
  // A system carrying a person's step must be allowed it itself, and so must the person.
  if (caller.via)
    authorize(trx, { ...caller, actor: caller.via, action, resource, detail: detailOf(referral) })
  authorize(trx, { ...caller, action, resource, detail: detailOf(referral, caller), lawfulBasis })
  return resource
}

/**
 * Reading a referral. Whoever sent it (the same person, or the same agency system) may always read it
 * back, whether or not it is matched and whatever the child's record says: that read is authorized
 * (and audited) as part of the right to refer, with the referral named in the audit detail. A sender
 * is involved with their referral and its outcome, not with the child's record, so this opens only
 * what they sent and what they are told; the same answer for a child masa does not know, one it
 * knows, one hidden from them and one on a plan.
 */
export async function authorizeReferralRead(trx: Transaction<DB>, caller: Caller, referral: ReferralRow) {
  const resource = await referralResource(trx, referral)
  const sentByCaller = referral.client_id === `${caller.actor.kind}:${caller.actor.id}`
  if (sentByCaller && !decide(caller.actor, 'referral.view', resource).allowed) {
    authorize(trx, {
      ...caller,
      action: 'referral.create',
      resource: { kind: 'la', laId: referral.la_id },
      detail: { ...detailOf(referral), read: 'own referral' },
    })
    return resource
  }
  authorize(trx, { ...caller, action: 'referral.view', resource, detail: detailOf(referral) })
  return resource
}

/** Screeners work every queue of their LA; MAT practitioners (who may not screen) the MAT queue. */
export function queueAction(actor: Actor, laId: string): 'referral.screen' | 'mat.contribute' {
  return decide(actor, 'referral.screen', { kind: 'la', laId }).allowed ? 'referral.screen' : 'mat.contribute'
}

/** What the actor may do, for showing the right links and details: a question, not an access. */
export function may(actor: Actor, action: RecordAction, resource: ReferralResource): boolean {
  return decide(actor, action, resource).allowed
}
