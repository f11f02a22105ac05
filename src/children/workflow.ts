// Children's use cases: search before anything else, create only after searching, read the record
// with its chronology, merge a duplicate. Every read and change goes through the one access policy
// (authorize) inside an audited transaction.
import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { Database, DB } from '../database.ts'
import { getActor } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { accessFrom, audited, authorize, authorizeAsking } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { rememberOpening } from './break-glass.ts'
import { type ChildFlagSource, flagsFor } from './flags.ts'
import { recordInvolvements } from './involvement.ts'
import { mergeChildren } from './merge.ts'
import type { ReferredAddressSource } from './referred-address.ts'
import { getChildResource } from './resources.ts'
import type { ChildSearch, NewChildInput } from './schemas.ts'
import { searchChildren, type VisibleMatch, visibleMatches } from './search.ts'
import { findChildPage, insertChild } from './store.ts'

/** What children's pages and API work with. */
export interface Context {
  db: Database['db']
  partnership: PartnershipConfig
  now: () => Date
  today: () => string
  /** What the record flags, from the capabilities that own each step. */
  flags: readonly ChildFlagSource[]
  /** The addresses the child's referrals gave, from the front door. */
  referredAddresses: ReferredAddressSource
}

/** Searches as the actor: children whose existence the policy would hide are left out. */
export async function search(
  ctx: Context,
  request: FastifyRequest,
  criteria: ChildSearch,
): Promise<VisibleMatch[]> {
  return audited(ctx.db, async (trx) => {
    const detail: Record<string, unknown> = { criteria }
    authorize(trx, {
      ...accessFrom(request),
      action: 'child.search',
      resource: { kind: 'partnership' },
      detail,
    })
    return visibleMatches(trx, getActor(request), await searchChildren(trx, criteria), detail)
  })
}

export async function createChild(
  ctx: Context,
  request: FastifyRequest,
  input: NewChildInput,
): Promise<string> {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...accessFrom(request),
      action: 'child.create',
      resource: { kind: 'la', laId: input.laId },
    })
    const childId = await insertChild(trx, input)
    // A partner that creates a record (to match a referral, or an event it shares) may open it.
    await recordInvolvements(trx, [
      { childId, agencyId: actor.agencyId, kind: 'created-record', reason: 'created the record' },
    ])
    await recordEvent(trx, {
      type: 'child.created',
      childId,
      laId: input.laId,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `Record created for ${input.givenName} ${input.familyName}`,
    })
    return childId
  })
}

/**
 * The record as the actor may see it: the chronology only with its own permission, each event by its
 * marking. A break-glass reason (pages only) opens reads outside the actor's usual access, and is
 * remembered for the session; without one, the step only reads.
 */
export async function viewChild(
  ctx: Context,
  request: FastifyRequest,
  childId: string,
  breakGlassReason?: string,
) {
  const actor = getActor(request)
  const options = { breakGlassReason }
  const read = async (trx: Transaction<DB>) => {
    // The record is read with the child as the policy sees it, in one statement, and shown only if allowed.
    const page = await findChildPage(trx, childId, {
      chronology: true,
      // The referred address's test rides last with the flags' own, in the same statement.
      mayHaveFlags: [...ctx.flags.map((source) => source.mayHave), ctx.referredAddresses.mayHave],
    })
    if (!page) throw new RequestError(404, 'Not found')
    const { record, resource } = page
    const mayHaveFlags = page.mayHaveFlags.slice(0, ctx.flags.length)
    const mayHaveReferredAddress = page.mayHaveFlags[ctx.flags.length] ?? false
    const permit = authorize(trx, { ...accessFrom(request), action: 'child.view', resource, ...options })
    const brokeGlass = permit.basis === 'break-glass'
    await rememberOpening(trx, request, {
      permit,
      child: resource,
      reason: breakGlassReason?.trim(),
      now: ctx.now(),
      partnership: ctx.partnership,
    })
    const mayReadChronology = decide(actor, 'chronology.view', resource, options).allowed
    const viewed = { record, resource, brokeGlass, mayHaveReferredAddress }
    if (record.mergedIntoId) return { ...viewed, flags: [], chronology: undefined }
    const flags = await flagsFor(ctx.flags, mayHaveFlags, trx, actor, resource, ctx.today)
    if (!mayReadChronology) return { ...viewed, flags, chronology: undefined }
    authorize(trx, { ...accessFrom(request), action: 'chronology.view', resource, ...options })
    const events = page.chronology ?? []
    const chronology = events.filter(
      (event) =>
        decide(actor, 'event.view', { ...resource, sensitivity: event.sensitivity }, options).allowed,
    )
    return { ...viewed, flags, chronology }
  }
  return audited(ctx.db, read, breakGlassReason === undefined ? { readOnly: true } : {})
}

/** The record a duplicate would be merged into, for the merge form: only for whoever may merge it. */
export async function viewChildToMerge(ctx: Context, request: FastifyRequest, childId: string) {
  const viewed = await viewChild(ctx, request, childId)
  await audited(ctx.db, async (trx) =>
    authorizeAsking(trx, { ...accessFrom(request), action: 'child.merge', resource: viewed.resource }),
  )
  return viewed
}

export async function merge(
  ctx: Context,
  request: FastifyRequest,
  survivorId: string,
  duplicateId: string,
  reason: string,
) {
  return audited(ctx.db, async (trx) => {
    for (const id of [survivorId, duplicateId]) {
      const resource = await getChildResource(trx, id)
      authorize(trx, {
        ...accessFrom(request),
        action: 'child.merge',
        resource,
        detail: { survivorId, duplicateId },
      })
    }
    return mergeChildren(trx, survivorId, duplicateId, getActor(request), reason)
  })
}

export const laIds = (ctx: Context) => ctx.partnership.local_authorities.map((la) => la.id)

/** The search a new record is checked against for likely duplicates. */
export const searchFor = (input: NewChildInput): ChildSearch => ({
  name: `${input.givenName} ${input.familyName}`,
  dateOfBirth: input.dateOfBirth ?? input.expectedDateOfBirth ?? undefined,
  nhsNumber: input.nhsNumber ?? undefined,
  upn: input.upn ?? undefined,
})
