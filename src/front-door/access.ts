// The front door asks the one access policy (platform/access) about a referral: its referrer, its
// triage and the child it is matched to. authorize() audits each decision in the step's own
// transaction (opened with audited()).

import type { Transaction } from 'kysely'
import { findChildResource } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { authorize, type Caller } from '../platform/access/guard.ts'
import {
  type ChildResource,
  decide,
  type LaResource,
  type ReferralAction,
  type ReferralResource,
  type ReferralToMatch,
  type ResourceFor,
} from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'
import type { Outcome } from './schemas.ts'
import * as store from './store.ts'

/** A caller whose step an agency system may carry through the API: both must be allowed it. */
export interface RelayedCaller extends Caller {
  /** The agency system that carries this person's step through the API, if any. */
  via?: Actor
}

/** The signed-in user or calling system (401 without one), and where the request came from. */

/**
 * The referral as the policy sees it: its LA, who sent it, whether its multi-agency triage is open,
 * and the child it is matched to (whose marking and involvement apply).
 */
export async function referralResource(
  trx: Transaction<DB>,
  referral: store.ReferralRow,
): Promise<ReferralResource> {
  // One query whether or not the referral is matched, so its time tells a sender nothing.
  return referralAbout(referral, (await findChildResource(trx, referral.child_id)) ?? null)
}

/** The referral as the policy sees it, about the child already read as the policy sees it (or none). */
export const referralAbout = (
  referral: Pick<store.ReferralRow, 'id' | 'la_id' | 'client_id' | 'queue' | 'status'>,
  child: ChildResource | null,
): ReferralResource => ({
  kind: 'referral',
  referralId: referral.id,
  laId: referral.la_id,
  referrer: referral.client_id,
  triageOpen: referral.queue === 'mat' && referral.status !== 'decided',
  child,
})

const detailOf = (referral: store.ReferralRow, caller?: RelayedCaller) => ({
  referralId: referral.id,
  ...(caller?.via ? { via: caller.via.id } : {}),
})

export async function authorizeReferral(
  trx: Transaction<DB>,
  caller: RelayedCaller,
  action: Exclude<ReferralAction, 'referral.match'>,
  referral: store.ReferralRow,
  lawfulBasis?: string,
): Promise<ReferralResource> {
  const resource = await referralResource(trx, referral)
  authorizeOn(trx, caller, action, resource, referral, lawfulBasis)
  return resource
}

/** Matching a referral to a record: the policy asks whether it was decided for a strategy discussion. */
export async function authorizeMatch(
  trx: Transaction<DB>,
  caller: Caller,
  referral: store.ReferralRow,
  decided: Outcome | undefined,
): Promise<void> {
  const resource = toMatch(await referralResource(trx, referral), decided)
  authorizeOn(trx, caller, 'referral.match', resource, referral)
}

/** The referral as matching asks the policy about it. */
export const toMatch = (resource: ReferralResource, decided: Outcome | undefined): ReferralToMatch => ({
  ...resource,
  decidedForStrategyDiscussion: decided === 'strategy-discussion-s47',
})

function authorizeOn<A extends ReferralAction>(
  trx: Transaction<DB>,
  caller: RelayedCaller,
  action: A,
  resource: ResourceFor<A>,
  referral: store.ReferralRow,
  lawfulBasis?: string,
) {
  // A system carrying a person's step must be allowed it itself, and so must the person.
  if (caller.via)
    authorize(trx, { ...caller, actor: caller.via, action, resource, detail: detailOf(referral) })
  authorize(trx, { ...caller, action, resource, detail: detailOf(referral, caller), lawfulBasis })
}

/**
 * The referral with this id, locked for the step's transaction when `lock`; 404 when there is none.
 * Whether the caller may see it is the policy's answer (authorizeReferral), asked next.
 */
export async function referralById(
  trx: Transaction<DB>,
  id: string,
  { lock = false } = {},
): Promise<store.ReferralRow> {
  const referral = isUuid(id)
    ? await (lock ? store.lockReferral(trx, id) : store.findReferral(trx, id))
    : undefined
  if (!referral) throw new RequestError(404, 'There is no referral with this id', 'id')
  return referral
}

/** Reading a referral: its referrer, the triage while open, or whoever the child's record allows. */
export async function authorizeReferralRead(
  trx: Transaction<DB>,
  caller: Caller,
  referral: store.ReferralRow,
) {
  return authorizeReferral(trx, caller, 'referral.view', referral)
}

/** Screeners work every queue of their LA; MAT practitioners (who may not screen) the MAT queue. */
export function queueAction(actor: Actor, laId: string): 'referral.screen' | 'mat.contribute' {
  return decide(actor, 'referral.screen', { kind: 'la', laId }).allowed ? 'referral.screen' : 'mat.contribute'
}

/** What the actor may do, for showing the right links and details: a question, not an access. */
export function may(actor: Actor, action: ReferralAction, resource: ReferralResource | LaResource): boolean {
  return decide(actor, action, resource).allowed
}
