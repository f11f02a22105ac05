// Matching a referral to the child's record when intake could not (no NHS number or UPN, one naming
// several children, or one the name and date of birth do not corroborate): a screener or MAT
// practitioner picks the record from the child search.
// The referral's events join the child's chronology; its route stays as intake decided it.

import type { Transaction } from 'kysely'
import {
  type ChildSearch,
  getChildResource,
  searchChildren,
  type VisibleMatch,
  visibleMatches,
} from '../children/index.ts'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { audited, authorize, authorizeAsking, type Caller } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { authorizeMatch, referralById, toMatch } from './access.ts'
import { awaitsMatch, formatReferralNumber } from './rules.ts'
import * as store from './store.ts'
import type { FrontDoorContext, ReferralRecord } from './workflow.ts'

/** Records that may be the referral's child, best first, as the actor may see them; the search is audited. */
export async function findChildCandidates(
  ctx: FrontDoorContext,
  caller: Caller,
  referral: store.ReferralRow,
): Promise<VisibleMatch[]> {
  const criteria: ChildSearch = {
    name: `${referral.child_first_name} ${referral.child_last_name}`,
    dateOfBirth: referral.child_date_of_birth ?? undefined,
    nhsNumber: referral.child_nhs_number ?? undefined,
    upn: referral.child_upn ?? undefined,
  }
  return audited(ctx.db, async (trx) => {
    const detail: Record<string, unknown> = { referralId: referral.id, criteria }
    authorize(trx, { ...caller, action: 'child.search', resource: { kind: 'partnership' }, detail })
    const matches = await visibleMatches(trx, caller.actor, await searchChildren(trx, criteria), detail)
    return matches.map((match) => withPostcode(match, referral.child_postcode))
  })
}

const postcodeKey = (postcode: string | null) => postcode?.replace(/\s+/g, '').toUpperCase()

/** The search does not weigh addresses, so the same postcode is a reason to show but not scored. */
function withPostcode(match: VisibleMatch, postcode: string | null): VisibleMatch {
  if (!postcode || postcodeKey(match.child.postcode) !== postcodeKey(postcode)) return match
  return { ...match, reasons: [...match.reasons, { text: 'same postcode', points: 0 }] }
}

/** The new-record form filled in from the referral, for a child who has no record yet. */
export function newChildLink(referral: store.ReferralRow): string {
  const [year = '', month = '', day = ''] = referral.child_date_of_birth?.split('-') ?? []
  const query = new URLSearchParams({
    givenName: referral.child_first_name,
    familyName: referral.child_last_name,
    'dob-day': day,
    'dob-month': month,
    'dob-year': year,
    laId: referral.la_id,
    nhs: referral.child_nhs_number ?? '',
    upn: referral.child_upn ?? '',
  })
  return `/children/new?${query}`
}

/**
 * Whether the actor may match this referral now: while it waits for a record (see awaitsMatch), as
 * the policy answers (`referral.match`: the LA's front door, and whoever books the strategy
 * discussion it was decided for). A question for the page's links, not an access.
 */
export function mayMatch(actor: Actor, record: Pick<ReferralRecord, 'referral' | 'resource' | 'decision'>) {
  const { referral, resource, decision } = record
  if (!awaitsMatch(referral, decision?.outcome)) return false
  return decide(actor, 'referral.match', toMatch(resource, decision?.outcome)).allowed
}

/** The page that asks for the match: 409 once nothing waits for it, else the policy's refusal (audited). */
export async function askToMatch(ctx: FrontDoorContext, caller: Caller, record: ReferralRecord) {
  const { referral, resource, decision } = record
  if (!awaitsMatch(referral, decision?.outcome))
    throw new RequestError(409, 'This referral no longer needs matching to a child’s record')
  await audited(ctx.db, async (trx) => {
    authorizeAsking(trx, {
      ...caller,
      action: 'referral.match',
      resource: toMatch(resource, decision?.outcome),
      detail: { referralId: referral.id },
    })
  })
}

/**
 * Links an unmatched referral to the child's record, while it waits for one (see awaitsMatch). Had a
 * live CP plan is recomputed for information only: the referral keeps its route and queue.
 */
export async function matchReferral(
  ctx: FrontDoorContext,
  caller: Caller,
  referralId: string,
  childId: string,
): Promise<store.ReferralRow> {
  const { actor } = caller
  return audited(ctx.db, async (trx) => {
    const referral = await referralById(trx, referralId, { lock: true })
    const decision = await store.findDecision(trx, referral.id)
    await authorizeMatch(trx, caller, referral, decision?.outcome)
    if (referral.child_id)
      throw new RequestError(409, 'This referral is already matched to a child’s record', 'childId')
    if (!awaitsMatch(referral, decision?.outcome))
      throw new RequestError(409, 'A decision has already been made on this referral', 'childId')
    const hadLiveCpPlan = await chosenChild(trx, caller, referral.id, childId, toIsoDate(ctx.now()))
    const matched = await store.setReferralChild(trx, referral.id, childId, hadLiveCpPlan)
    // Neither the referrer nor the agencies in its triage become involved with the child's record.
    const eventsMoved = await store.moveReferralEvents(trx, referral.id, childId)
    const number = formatReferralNumber(referral.number)
    await recordEvent(trx, {
      type: 'referral.matched',
      childId,
      laId: referral.la_id,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `${number} matched to this child’s record by ${actor.displayName}`,
      payload: { referralId: referral.id, number, hadLiveCpPlan, eventsMoved },
    })
    return matched
  })
}

const NOT_A_RECORD = [{ field: 'childId', text: 'Choose the child’s record from the list' }]

/** Checks the chosen record may be opened and is not merged away; returns whether a CP plan is live. */
async function chosenChild(
  trx: Transaction<DB>,
  caller: Caller,
  referralId: string,
  childId: string,
  today: IsoDate,
): Promise<boolean> {
  try {
    const resource = await getChildResource(trx, childId)
    authorize(trx, { ...caller, action: 'child.view', resource, detail: { referralId } })
  } catch (error) {
    // No such record, or one the policy hides: a wrong choice on the form, and the same answer for both.
    if (error instanceof RequestError && error.statusCode === 404) throw new InvalidInput(NOT_A_RECORD)
    throw error
  }
  const child = await store.findChildToMatch(trx, childId, today)
  if (child?.merged_into_id)
    throw new InvalidInput([
      { field: 'childId', text: 'This record was merged into another: choose the record it was merged into' },
    ])
  return Boolean(child?.live_plan)
}
