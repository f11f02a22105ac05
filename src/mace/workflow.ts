// MACE's use cases, each through the guard in one audited transaction: refer a child (from a
// screening whose next step is a MACE referral, or directly), and the MACE list of the LAs the
// reader is a MACE member for, each child asked of the policy.

import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { getChildResource, getChildResources } from '../children/index.ts'
import type { DB } from '../database.ts'
import { getActor } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { accessFrom, audited, authorize, authorizeGate, consult } from '../platform/access/guard.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { type FieldProblem, isUuid } from '../platform/http/schemas.ts'
import { type MaceReferralInput, maceReferralCheck } from './schemas.ts'
import * as store from './store.ts'

export interface MaceContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
}

/** Bad input: the API reports the first problem (with its field), the form shows them all. */
export class InvalidMaceReferral extends RequestError {
  constructor(override readonly problems: FieldProblem[]) {
    super(400, problems[0]?.text ?? 'Invalid input', problems[0]?.field)
  }
}

const agencyName = (ctx: MaceContext, id: string) =>
  ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id

/** Refers the child to their LA's MACE as the actor: checked, authorised, kept, on the chronology. */
export async function referToMace(
  ctx: MaceContext,
  request: FastifyRequest,
  childId: string,
  sent: unknown,
): Promise<store.MaceReferralRow> {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    if (!isUuid(childId)) throw new RequestError(404, 'Not found')
    const child = await getChildResource(trx, childId)
    authorize(trx, { ...accessFrom(request), action: 'mace.refer', resource: child })
    const problems = maceReferralCheck.problems(sent)
    if (problems.length > 0 || !maceReferralCheck.fits(sent)) throw new InvalidMaceReferral(problems)
    const input: MaceReferralInput = sent
    if (input.screeningId) {
      const screening = await store.screeningNextStep(trx, childId, input.screeningId)
      if (screening?.next_step !== 'mace-referral')
        throw new InvalidMaceReferral([
          {
            field: 'screeningId',
            text: 'The screening must be one of this child’s that suggests a MACE referral',
          },
        ])
    }
    const referral = await store.insertReferral(trx, {
      child_id: childId,
      la_id: child.laId,
      agency_id: actor.agencyId,
      referred_by: `${actor.kind}:${actor.id}`,
      referred_by_name: actor.displayName,
      screening_id: input.screeningId ?? null,
      reason: input.reason.trim(),
    })
    await recordEvent(trx, {
      type: 'mace.referred',
      childId,
      laId: child.laId,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `Referred to the multi-agency child exploitation (MACE) meeting by ${agencyName(ctx, actor.agencyId)}`,
      payload: { referralId: referral.id },
    })
    return referral
  })
}

/** Whether the actor may refer this child to MACE: for the form. */
export async function childToRefer(ctx: MaceContext, request: FastifyRequest, childId: string) {
  return audited(ctx.db, async (trx) => {
    if (!isUuid(childId)) throw new RequestError(404, 'Not found')
    const child = await getChildResource(trx, childId)
    authorize(trx, { ...accessFrom(request), action: 'mace.refer', resource: child })
    const row = await trx
      .selectFrom('child')
      .select(['given_name', 'family_name'])
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    return { childId, name: `${row.given_name} ${row.family_name}` }
  })
}

/**
 * The MACE list for the next meeting: the children referred in the LAs the actor is a MACE member for,
 * longest waiting first, each child asked of the policy (audited), so a child they may not open is left out.
 */
export async function maceList(ctx: MaceContext, request: FastifyRequest): Promise<store.ListedReferral[]> {
  const actor = getActor(request)
  authorizeGate(actor, 'mace-list')
  const laIds = grantedLaIds(actor, 'mace.view')
  return audited(ctx.db, async (trx) => {
    const rows = await store.referralsIn(trx, laIds)
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const opens = new Map<string, boolean>()
    for (const [childId, resource] of children)
      opens.set(childId, consult(trx, { ...accessFrom(request), action: 'mace.view', resource }).allowed)
    return rows.filter((row) => opens.get(row.child_id))
  })
}
