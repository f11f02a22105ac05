// The address a referral gave for the child, offered to the record where the record has none or
// another: shown to those who may update the record and read the referral, added in one step with
// its chronology event. The front door reads its referrals (the app wires it in: children knows
// none of it).

import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database, DB } from '../database.ts'
import { getActor, requireUser } from '../identity/index.ts'
import type { Actor } from '../platform/access/actor.ts'
import { accessFrom, audited, authorize } from '../platform/access/guard.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'
import { getChildResource } from './resources.ts'
import type { ChildRecord, Household } from './store.ts'

export interface ReferredAddress {
  referralId: string
  /** As people read it: 'FD-000123'. */
  referralNumber: string
  receivedAt: Date
  address: string
  postcode: string
}

/** The addresses a child's matched referrals gave, from the capability that holds referrals. */
export interface ReferredAddressSource {
  /**
   * Whether the child may have any, as a cheap test the record's statement asks (true whenever
   * `read` could find one): most children have none, and then `read` is not run for the page.
   */
  mayHave: (childId: RawBuilder<string>) => RawBuilder<boolean>
  /** Those referrals, latest first, that the actor may read; or just the one asked for. */
  read: (
    db: Kysely<DB>,
    actor: Actor,
    child: ChildResource,
    referralId?: string,
  ) => Promise<ReferredAddress[]>
}

/** Where no capability holds referrals: no child has a referred address. */
export const NO_REFERRED_ADDRESSES: ReferredAddressSource = {
  mayHave: () => sql<boolean>`false`,
  read: async () => [],
}

interface ReferredContext {
  db: Database['db']
  now: () => Date
  referredAddresses: ReferredAddressSource
}

export interface AddressOffer {
  referralId: string
  text: string
}

const squashed = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s,.]+/g, ' ')
    .trim()
const samePostcode = (a: string, b: string) =>
  a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase()

/** Whether the referral's address is one the record already holds. */
export function recordHolds(household: Household | null, referred: ReferredAddress): boolean {
  if (!household || !samePostcode(household.postcode, referred.postcode)) return false
  const held = [household.addressLine1, household.addressLine2, household.town].filter(Boolean).join(' ')
  return squashed(held) === squashed(referred.address)
}

/** The referral's free-text address as a household's lines: the last part after a comma is the town. */
export function householdFrom(referred: ReferredAddress): Household {
  const parts = referred.address
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const town = parts.length > 1 ? (parts.pop() ?? '') : ''
  return {
    addressLine1: parts[0] ?? referred.address.trim(),
    addressLine2: parts.length > 1 ? parts.slice(1).join(', ') : null,
    town,
    postcode: referred.postcode.trim().toUpperCase(),
  }
}

/**
 * The offer for the record's page: one query, only for those who may update the record, and only
 * where the record's statement found the child may have a referred address.
 */
export async function addressOfferFor(
  ctx: ReferredContext,
  actor: Actor,
  child: ChildResource,
  record: ChildRecord,
  mayHave: boolean,
): Promise<AddressOffer | undefined> {
  if (!mayHave || !decide(actor, 'child.update', child).allowed) return undefined
  const [latest] = await ctx.referredAddresses.read(ctx.db, actor, child)
  if (!latest || recordHolds(record.household, latest)) return undefined
  return {
    referralId: latest.referralId,
    text: `From referral ${latest.referralNumber} on ${govukDate(toIsoDate(latest.receivedAt))}: ${latest.address}, ${latest.postcode}`,
  }
}

async function addAddressFromReferral(
  ctx: ReferredContext,
  request: FastifyRequest,
  childId: string,
  referralId: string,
) {
  const actor = getActor(request)
  await audited(ctx.db, async (trx) => {
    const child = await getChildResource(trx, childId)
    authorize(trx, {
      ...accessFrom(request),
      action: 'child.update',
      resource: child,
      detail: { referralId },
    })
    const [referred] = isUuid(referralId)
      ? await ctx.referredAddresses.read(trx, actor, child, referralId)
      : []
    if (!referred) throw new RequestError(404, 'Not found')
    const household = householdFrom(referred)
    const { id } = await trx
      .insertInto('household')
      .values({
        la_id: child.laId,
        address_line1: household.addressLine1,
        address_line2: household.addressLine2,
        town: household.town,
        postcode: household.postcode,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('child')
      .set({ household_id: id, updated_at: ctx.now() })
      .where('id', '=', childId)
      .execute()
    await recordEvent(trx, {
      type: 'child.updated',
      childId,
      laId: child.laId,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `Address added from referral ${referred.referralNumber}`,
      payload: { referralId },
    })
  })
}

type AddRoute = { Params: { id: string }; Body: { referralId?: string } }

export function registerReferredAddress(app: FastifyInstance, ctx: ReferredContext): void {
  app.post<AddRoute>(
    '/children/:id/address-from-referral',
    { schema: { hide: true }, preHandler: requireUser },
    async (request, reply) => {
      await addAddressFromReferral(ctx, request, request.params.id, String(request.body?.referralId ?? ''))
      return reply.redirect(`/children/${request.params.id}?addressAdded=1`, 303)
    },
  )
}
