// VOLT's records, each one audited transaction decided by the policy: persons of concern (police
// public protection only, restricted to the police until they share them), places, and links between
// a child, persons, places and themes, graded 3x5x2 where the police enter them.

import type { Transaction } from 'kysely'
import { getChildResource } from '../children/index.ts'
import type { DB } from '../database.ts'
import { audited, authorize, authorizeAsking, type Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, InvalidInput, isUuid } from '../platform/http/schemas.ts'
import { areaOf, by, endOf, notFound, seeEnds, type VoltContext, viewerOf } from './ends.ts'
import {
  type HandlingCode,
  type IntelligenceAssessment,
  type NodeKind,
  normalisePostcode,
  personVisible,
  postcodeSector,
  themesOf,
} from './rules.ts'
import { type LinkInput, linkCheck, locationCheck, personCheck } from './schemas.ts'
import * as store from './store.ts'

// ---------------------------------------------------------------------------
// Recording

/** A person of concern, recorded by police public protection: restricted to the police until shared. */
export const recordPerson = (ctx: VoltContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    const { actor } = caller
    authorize(trx, {
      ...caller,
      action: 'volt.person',
      resource: areaOf(actor, 'volt.person'),
      detail: { step: 'person' },
    })
    const person = checkedInput(personCheck, input)
    return store.insertPerson(trx, {
      name: person.name.trim(),
      also_known_as: person.alsoKnownAs?.trim() || null,
      kind: person.kind,
      description: person.description?.trim() || null,
      police_restricted: true,
      agency_id: actor.agencyId,
      recorded_by: by(actor),
      recorded_by_name: actor.displayName,
      shared_by: null,
      shared_at: null,
    })
  })

/** A police user lets the agencies who see VOLT see this person (and the links they see with them). */
export const sharePerson = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...caller,
      action: 'volt.person',
      resource: areaOf(caller.actor, 'volt.person'),
      detail: { step: 'share', person: id },
    })
    if (!isUuid(id) || !(await store.findPerson(trx, id))) throw notFound()
    await store.markShareable(trx, id, by(caller.actor))
  })

export const recordLocation = (ctx: VoltContext, caller: Caller, input: unknown) =>
  audited(ctx.db, async (trx) => {
    const { actor } = caller
    authorize(trx, {
      ...caller,
      action: 'volt.record',
      resource: areaOf(actor, 'volt.record'),
      detail: { step: 'location' },
    })
    const place = checkedInput(locationCheck, input)
    const postcode = place.postcode ? normalisePostcode(place.postcode) : undefined
    return store.insertLocation(trx, {
      name: place.name.trim(),
      location_type: place.locationType,
      address: place.address?.trim() || null,
      postcode: postcode ?? null,
      postcode_sector: postcode ? postcodeSector(postcode) : null,
      agency_id: actor.agencyId,
      recorded_by: by(actor),
      recorded_by_name: actor.displayName,
    })
  })

const parseEnd = (text: string) => {
  const at = text.indexOf(':')
  return { kind: text.slice(0, at) as NodeKind, ref: text.slice(at + 1) }
}

/**
 * What a link may be made from, and to: the form. From a child, the policy decides on the child
 * (404 if hidden); from a person or place, on the recorder's area.
 */
export const linkForm = (ctx: VoltContext, caller: Caller, from: string) =>
  audited(ctx.db, async (trx) => {
    const end = await authorizeEnds(ctx, trx, caller, [from], { asking: true })
    const persons = await store.searchPersons(trx, '', { withRestricted: viewerOf(caller.actor).police })
    const places = await store.allLocations(trx)
    const seen = await seeEnds(trx, caller, [])
    for (const person of persons) seen.persons.set(person.id, person)
    for (const place of places) seen.locations.set(place.id, place)
    const fromEnd = end[0] as { kind: NodeKind; ref: string }
    if (fromEnd.kind === 'child') seen.childNames = await store.childNames(trx, [fromEnd.ref])
    const option = (kind: NodeKind, ref: string) => ({
      value: `${kind}:${ref}`,
      text: endOf(ctx, seen, kind, ref).name,
    })
    return {
      from: { value: from, ...endOf(ctx, seen, fromEnd.kind, fromEnd.ref) },
      police: viewerOf(caller.actor).police,
      persons: persons.filter((p) => `person:${p.id}` !== from).map((p) => option('person', p.id)),
      places: places.filter((p) => `location:${p.id}` !== from).map((p) => option('location', p.id)),
      themes: themesOf(ctx.partnership).map((t) => option('theme', t.id)),
    }
  })

/** Decides each end: a child through the policy on the child; a person or place must be one the caller sees. */
export async function authorizeEnds(
  ctx: VoltContext,
  trx: Transaction<DB>,
  caller: Caller,
  ends: string[],
  { asking = false, detail = {} }: { asking?: boolean; detail?: Record<string, unknown> } = {},
): Promise<({ kind: NodeKind; ref: string } | undefined)[]> {
  const decideOn = asking ? authorizeAsking : authorize
  const parsed = ends.map((text) =>
    /^(child|person|location|theme):[A-Za-z0-9-]+$/.test(text) ? parseEnd(text) : undefined,
  )
  const children = parsed.filter((end) => end?.kind === 'child')
  for (const end of children) {
    if (!end || !isUuid(end.ref)) throw notFound()
    const resource = await getChildResource(trx, end.ref)
    decideOn(trx, { ...caller, action: 'volt.record', resource, detail })
  }
  if (children.length === 0)
    decideOn(trx, {
      ...caller,
      action: 'volt.record',
      resource: areaOf(caller.actor, 'volt.record'),
      detail,
    })
  const viewer = viewerOf(caller.actor)
  const results: ({ kind: NodeKind; ref: string } | undefined)[] = []
  for (const end of parsed) {
    if (!end) results.push(undefined)
    else if (end.kind === 'child') results.push(end)
    else if (end.kind === 'theme')
      results.push(themesOf(ctx.partnership).some((t) => t.id === end.ref) ? end : undefined)
    else if (!isUuid(end.ref)) results.push(undefined)
    else if (end.kind === 'person') {
      const person = await store.findPerson(trx, end.ref)
      results.push(person && personVisible(viewer, person) ? end : undefined)
    } else results.push((await store.findLocation(trx, end.ref)) ? end : undefined)
  }
  if (asking && !results[0]) throw notFound()
  return results
}

/**
 * A link between two ends, as the caller's agency knows it. The police grade theirs (3x5x2: all
 * three parts, and the conditions of a C handling code); others' links carry no grading.
 */
export const recordLink = (ctx: VoltContext, caller: Caller, input: unknown) =>
  audited(ctx.db, (trx) => linkIn(ctx, trx, caller, input))

/**
 * Several links at once (an agency's system, up to a hundred), kept whole or not at all: each item is
 * decided and checked as one link would be; the problems of every item are named by its place
 * (`items[3].linkType`), and a refusal of any item refuses the whole batch, naming the item.
 */
export const recordLinks = (ctx: VoltContext, caller: Caller, items: readonly unknown[]) =>
  audited(ctx.db, async (trx) => {
    const rows: store.LinkRow[] = []
    const problems: FieldProblem[] = []
    for (const [i, item] of items.entries()) {
      try {
        rows.push(await linkIn(ctx, trx, caller, item))
      } catch (error) {
        if (error instanceof InvalidInput)
          problems.push(...error.problems.map((p) => ({ ...p, field: `items[${i}].${p.field}` })))
        else if (error instanceof RequestError)
          throw new RequestError(error.statusCode, error.message, `items[${i}].${error.field ?? 'from'}`)
        else throw error
      }
    }
    if (problems.length > 0) throw new InvalidInput(problems)
    return rows
  })

async function linkIn(ctx: VoltContext, trx: Transaction<DB>, caller: Caller, input: unknown) {
  const { actor } = caller
  const sent = (input ?? {}) as Record<string, unknown>
  const [from, to] = await authorizeEnds(ctx, trx, caller, [String(sent.from ?? ''), String(sent.to ?? '')])
  const police = viewerOf(actor).police
  const problems: FieldProblem[] = []
  if (!from) problems.push({ field: 'from', text: 'Select what the link is from' })
  if (!to || (from && to.kind === from.kind && to.ref === from.ref))
    problems.push({ field: 'to', text: 'Select a person, place or theme to link to' })
  problems.push(...linkProblems(ctx, police, sent))
  const link = checkedInput(linkCheck, input, problems)
  if (!from || !to) throw notFound()
  return store.insertLink(trx, {
    a_kind: from.kind,
    a_ref: from.ref,
    b_kind: to.kind,
    b_ref: to.ref,
    ...linkColumns(police, link),
    recorded_by: by(actor),
    recorded_by_name: actor.displayName,
  })
}

/** What a link's form or item says beyond its schema: a known agency, and the police's grading whole. */
export function linkProblems(
  ctx: VoltContext,
  police: boolean,
  sent: Record<string, unknown>,
): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (sent.sourceAgencyId && !ctx.partnership.agencies.some((agency) => agency.id === sent.sourceAgencyId))
    problems.push({ field: 'sourceAgencyId', text: 'Select the agency the information came from' })
  if (police) {
    if (!sent.sourceEvaluation)
      problems.push({ field: 'sourceEvaluation', text: 'Select the source evaluation' })
    if (!sent.intelligenceAssessment)
      problems.push({ field: 'intelligenceAssessment', text: 'Select the intelligence assessment' })
    if (!sent.handlingCode) problems.push({ field: 'handlingCode', text: 'Select the handling code' })
    if (sent.handlingCode === 'C' && !String(sent.handlingConditions ?? '').trim())
      problems.push({ field: 'handlingConditions', text: 'Enter the conditions of sharing' })
  }
  return problems
}

/** A link's columns as kept: graded only where the police entered it (others' grading is ignored). */
export function linkColumns(police: boolean, link: Omit<LinkInput, 'from' | 'to'>) {
  const graded = police && link.sourceEvaluation && link.intelligenceAssessment && link.handlingCode
  return {
    link_type: link.linkType,
    source_agency_id: link.sourceAgencyId,
    seen_on: link.seenOn,
    source_evaluation: graded ? Number(link.sourceEvaluation) : null,
    intelligence_assessment: graded ? (link.intelligenceAssessment as IntelligenceAssessment) : null,
    handling_code: graded ? (link.handlingCode as HandlingCode) : null,
    handling_conditions:
      graded && link.handlingCode === 'C' ? (link.handlingConditions?.trim() ?? null) : null,
  }
}
