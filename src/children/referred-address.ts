// The address and the school a referral gave for the child, offered to the record where the record
// has none or another: shown to those who may update the record and read the referral, added in one
// step with its chronology event. A school is offered only when it names one the service knows. The front door reads its referrals (the app wires it in: children knows
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
  /** Null when the referral gave no address and postcode. */
  address: { text: string; postcode: string } | null
  /** The known school the referral named; null when it named none, or none the service knows. */
  school: { id: string; name: string } | null
}

/** What a child's matched referrals gave, from the capability that holds referrals. */
export interface ReferredAddressSource {
  /**
   * Whether the child may have any, as a cheap test the record's statement asks (true whenever
   * `read` could find one): most children have none, and then `read` is not run for the page.
   */
  mayHave: (childId: RawBuilder<string>) => RawBuilder<boolean>
  /**
   * The referrals that gave an address or a known school, latest first, that the actor may read; or
   * just the one asked for.
   */
  read: (
    db: Kysely<DB>,
    actor: Actor,
    child: ChildResource,
    referralId?: string,
  ) => Promise<ReferredAddress[]>
}

/** Where no capability holds referrals: no child has a referred address or school. */
export const NO_REFERRED_ADDRESSES: ReferredAddressSource = {
  mayHave: () => sql<boolean>`false`,
  read: async () => [],
}

interface ReferredContext {
  db: Database['db']
  now: () => Date
  referredAddresses: ReferredAddressSource
}

export interface ReferralOffer {
  referralId: string
  text: string
}

/** What the record's page offers from the child's referrals. */
export interface ReferralOffers {
  address?: ReferralOffer
  school?: ReferralOffer
}

const squashed = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\s,.]+/g, ' ')
    .trim()
const samePostcode = (a: string, b: string) =>
  a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase()

/** Whether the referral's address is one the record already holds. */
export function recordHolds(
  household: Household | null,
  referred: NonNullable<ReferredAddress['address']>,
): boolean {
  if (!household || !samePostcode(household.postcode, referred.postcode)) return false
  const held = [household.addressLine1, household.addressLine2, household.town].filter(Boolean).join(' ')
  return squashed(held) === squashed(referred.text)
}

/** The referral's free-text address as a household's lines: the last part after a comma is the town. */
export function householdFrom(referred: NonNullable<ReferredAddress['address']>): Household {
  const parts = referred.text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const town = parts.length > 1 ? (parts.pop() ?? '') : ''
  return {
    addressLine1: parts[0] ?? referred.text.trim(),
    addressLine2: parts.length > 1 ? parts.slice(1).join(', ') : null,
    town,
    postcode: referred.postcode.trim().toUpperCase(),
  }
}

const fromReferral = (referred: ReferredAddress, what: string) =>
  `From referral ${referred.referralNumber} on ${govukDate(toIsoDate(referred.receivedAt))}: ${what}`

/**
 * The offers for the record's page: one query, only for those who may update the record, and only
 * where the record's statement found the child may have a referred address or school.
 */
export async function referralOffersFor(
  ctx: ReferredContext,
  actor: Actor,
  child: ChildResource,
  record: ChildRecord,
  mayHave: boolean,
): Promise<ReferralOffers> {
  if (!mayHave || !decide(actor, 'child.update', child).allowed) return {}
  const referred = await ctx.referredAddresses.read(ctx.db, actor, child)
  const withAddress = referred.find((one) => one.address)
  const withSchool = referred.find((one) => one.school)
  const offers: ReferralOffers = {}
  if (withAddress?.address && !recordHolds(record.household, withAddress.address)) {
    const { text, postcode } = withAddress.address
    offers.address = {
      referralId: withAddress.referralId,
      text: fromReferral(withAddress, `${text}, ${postcode}`),
    }
  }
  if (withSchool?.school && squashed(withSchool.school.name) !== squashed(record.schoolName ?? '')) {
    offers.school = {
      referralId: withSchool.referralId,
      text: fromReferral(withSchool, withSchool.school.name),
    }
  }
  return offers
}

type Taken = 'address' | 'school'

/** Writes what the referral gave onto the record; returns the chronology's words for it. */
async function takeUp(
  trx: Kysely<DB>,
  child: ChildResource,
  referred: ReferredAddress,
  taken: Taken,
  now: Date,
) {
  if (taken === 'school' && referred.school) {
    await trx
      .updateTable('child')
      .set({ school_id: referred.school.id, updated_at: now })
      .where('id', '=', child.childId)
      .execute()
    return `School added from referral ${referred.referralNumber}`
  }
  if (taken !== 'address' || !referred.address) throw new RequestError(404, 'Not found')
  const household = householdFrom(referred.address)
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
    .set({ household_id: id, updated_at: now })
    .where('id', '=', child.childId)
    .execute()
  return `Address added from referral ${referred.referralNumber}`
}

async function addFromReferral(
  ctx: ReferredContext,
  request: FastifyRequest,
  childId: string,
  referralId: string,
  taken: Taken,
) {
  const actor = getActor(request)
  await audited(ctx.db, async (trx) => {
    const child = await getChildResource(trx, childId)
    authorize(trx, {
      ...accessFrom(request),
      action: 'child.update',
      resource: child,
      detail: { referralId, taken },
    })
    const [referred] = isUuid(referralId)
      ? await ctx.referredAddresses.read(trx, actor, child, referralId)
      : []
    if (!referred) throw new RequestError(404, 'Not found')
    const summary = await takeUp(trx, child, referred, taken, ctx.now())
    await recordEvent(trx, {
      type: 'child.updated',
      childId,
      laId: child.laId,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary,
      payload: { referralId },
    })
  })
}

type AddRoute = { Params: { id: string }; Body: { referralId?: string } }

export function registerReferredAddress(app: FastifyInstance, ctx: ReferredContext): void {
  const route = (path: string, taken: Taken, notice: string) =>
    app.post<AddRoute>(path, { schema: { hide: true }, preHandler: requireUser }, async (request, reply) => {
      await addFromReferral(ctx, request, request.params.id, String(request.body?.referralId ?? ''), taken)
      return reply.redirect(`/children/${request.params.id}?${notice}=1`, 303)
    })
  route('/children/:id/address-from-referral', 'address', 'addressAdded')
  route('/children/:id/school-from-referral', 'school', 'schoolAdded')
}
