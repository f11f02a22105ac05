// VOLT's changes, each one audited transaction decided by the policy as recording is: a person of
// concern edited or deleted by police public protection (volt.person); a place by whoever may record
// places (volt.record on their area); a link by whoever may record a link between its ends
// (volt.record on each child in it, else on their area) and sees it. A link the police graded is
// theirs to change: others are refused. A person or place is deleted only once nothing links to it:
// the links are deleted first, one by one, each decided on its own ends (removing them with the
// place would let a partner delete links they may not see: the police's, or a hidden child's).
// Deleting is for good: a deleted link is gone from every network, page and count. The audit keeps
// who changed or deleted what and when (the fields changed, not their words).

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, isUuid } from '../platform/http/schemas.ts'
import { areaOf, endOf, notFound, seeEnds, type VoltContext, viewerOf } from './ends.ts'
import { authorizeEnds, linkColumns, linkProblems } from './recording.ts'
import { linkVisible, type NodeKind, normalisePostcode, personVisible, postcodeSector } from './rules.ts'
import { linkChangeCheck, locationCheck, personCheck } from './schemas.ts'
import * as store from './store.ts'

/** The fields a change would alter, by name: compared as sent, before any check (for the audit). */
function changedFields(sent: unknown, now: Record<string, unknown>): string[] {
  const fields = (sent ?? {}) as Record<string, unknown>
  return Object.keys(now).filter((name) => String(fields[name] ?? '').trim() !== String(now[name] ?? ''))
}

// ---------------------------------------------------------------------------
// Persons of concern (police public protection)

const personDecision = (trx: Transaction<DB>, caller: Caller, detail: Record<string, unknown>) =>
  authorize(trx, { ...caller, action: 'volt.person', resource: areaOf(caller.actor, 'volt.person'), detail })

async function personFor(trx: Transaction<DB>, caller: Caller, id: string) {
  const person = isUuid(id) ? await store.findPerson(trx, id) : undefined
  if (!person || !personVisible(viewerOf(caller.actor), person)) throw notFound()
  return person
}

/** The person as the edit and delete pages show them, with how many links still join them. */
export const personToChange = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    personDecision(trx, caller, { step: 'open-person', person: id })
    const person = await personFor(trx, caller, id)
    return { person, links: await store.linkCount(trx, 'person', id) }
  })

export const editPerson = (ctx: VoltContext, caller: Caller, id: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    const before = isUuid(id) ? await store.findPerson(trx, id) : undefined
    const changed = before
      ? changedFields(input, {
          name: before.name,
          alsoKnownAs: before.also_known_as,
          kind: before.kind,
          description: before.description,
        })
      : []
    personDecision(trx, caller, { step: 'edit-person', person: id, changed })
    await personFor(trx, caller, id)
    const person = checkedInput(personCheck, input)
    await store.updatePerson(trx, id, {
      name: person.name.trim(),
      also_known_as: person.alsoKnownAs?.trim() || null,
      kind: person.kind,
      description: person.description?.trim() || null,
    })
  })

const stillLinked = (links: number, what: string) =>
  new RequestError(
    409,
    `${links === 1 ? 'One link still joins' : `${links} links still join`} ${what}: delete ${links === 1 ? 'it' : 'them'} first`,
  )

/** Deletes a person of concern once no link joins them (409 while any does). */
export const deletePerson = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    personDecision(trx, caller, { step: 'delete-person', person: id })
    await personFor(trx, caller, id)
    const links = await store.linkCount(trx, 'person', id)
    if (links > 0) throw stillLinked(links, 'this person')
    await store.clearFlagsOf(trx, 'person', id, caller.actor.displayName)
    await store.deletePerson(trx, id)
  })

// ---------------------------------------------------------------------------
// Places (whoever may record them)

const placeDecision = (trx: Transaction<DB>, caller: Caller, detail: Record<string, unknown>) =>
  authorize(trx, { ...caller, action: 'volt.record', resource: areaOf(caller.actor, 'volt.record'), detail })

async function placeFor(trx: Transaction<DB>, id: string) {
  const place = isUuid(id) ? await store.findLocation(trx, id) : undefined
  if (!place) throw notFound()
  return place
}

export const placeToChange = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    placeDecision(trx, caller, { step: 'open-location', location: id })
    const place = await placeFor(trx, id)
    return { place, links: await store.linkCount(trx, 'location', id) }
  })

export const editPlace = (ctx: VoltContext, caller: Caller, id: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    const before = isUuid(id) ? await store.findLocation(trx, id) : undefined
    const changed = before
      ? changedFields(input, {
          name: before.name,
          locationType: before.location_type,
          address: before.address,
          postcode: before.postcode,
        })
      : []
    placeDecision(trx, caller, { step: 'edit-location', location: id, changed })
    await placeFor(trx, id)
    const place = checkedInput(locationCheck, input)
    const postcode = place.postcode ? normalisePostcode(place.postcode) : undefined
    await store.updateLocation(trx, id, {
      name: place.name.trim(),
      location_type: place.locationType,
      address: place.address?.trim() || null,
      postcode: postcode ?? null,
      postcode_sector: postcode ? postcodeSector(postcode) : null,
    })
  })

/** Deletes a place once no link joins it, including links the deleter may not see (409 while any does). */
export const deletePlace = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    placeDecision(trx, caller, { step: 'delete-location', location: id })
    await placeFor(trx, id)
    const links = await store.linkCount(trx, 'location', id)
    if (links > 0) throw stillLinked(links, 'this place')
    await store.clearFlagsOf(trx, 'location', id, caller.actor.displayName)
    await store.deleteLocation(trx, id)
  })

// ---------------------------------------------------------------------------
// Links

const endText = (kind: NodeKind, ref: string) => `${kind}:${ref}`

/**
 * A link the caller may change: decided on its ends as recording it would be (a hidden child: 404),
 * and only one they see (a C-coded link, or one to a person restricted from them, is not found). A
 * link the police graded is theirs alone to change (403 for others).
 */
async function linkFor(
  ctx: VoltContext,
  trx: Transaction<DB>,
  caller: Caller,
  id: string,
  detail: Record<string, unknown>,
) {
  const link = isUuid(id) ? await store.lockLink(trx, id) : undefined
  if (!link) throw notFound()
  await authorizeEnds(
    ctx,
    trx,
    caller,
    [endText(link.a_kind, link.a_ref), endText(link.b_kind, link.b_ref)],
    // The form asks (a refusal alone is recorded); the change is decided and recorded again.
    { asking: detail.step === 'open-link', detail: { ...detail, link: id } },
  )
  const seen = await seeEnds(trx, caller, [link])
  for (const end of ['a', 'b'] as const)
    if (link[`${end}_kind`] === 'child') seen.readable.add(link[`${end}_ref`])
  const police = viewerOf(caller.actor).police
  const visible = (kind: NodeKind, ref: string) =>
    kind === 'person'
      ? personVisible(seen.viewer, seen.persons.get(ref) ?? { police_restricted: true })
      : true
  if (!linkVisible(seen.viewer, link, visible)) throw notFound()
  if (link.handling_code && !police) throw new RequestError(403, 'Only the police change a link they graded')
  return {
    link,
    police,
    from: endOf(ctx, seen, link.a_kind, link.a_ref),
    to: endOf(ctx, seen, link.b_kind, link.b_ref),
  }
}

export const linkToChange = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(ctx.db, (trx) => linkFor(ctx, trx, caller, id, { step: 'open-link' }))

export const editLink = (ctx: VoltContext, caller: Caller, id: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    const before = isUuid(id) ? await store.findLink(trx, id) : undefined
    const changed = before
      ? changedFields(input, {
          linkType: before.link_type,
          sourceAgencyId: before.source_agency_id,
          seenOn: before.seen_on,
          sourceEvaluation: before.source_evaluation,
          intelligenceAssessment: before.intelligence_assessment,
          handlingCode: before.handling_code,
          handlingConditions: before.handling_conditions,
        })
      : []
    const { police, from } = await linkFor(ctx, trx, caller, id, { step: 'edit-link', changed })
    const sent = (input ?? {}) as Record<string, unknown>
    const link = checkedInput(linkChangeCheck, input, linkProblems(ctx, police, sent))
    await store.updateLink(trx, id, linkColumns(police, link))
    return { from }
  })

/** Deletes a link for good: gone from every network, page and count. */
export const deleteLink = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    const { from } = await linkFor(ctx, trx, caller, id, { step: 'delete-link' })
    await store.deleteLink(trx, id)
    return { from }
  })
