// VOLT's ends and links as people read them, and who sees each: a child through the policy
// (volt.view, asked once per child and audited), a person by their marking, a place or theme by all.

import type { Kysely, Transaction } from 'kysely'
import { getChildResources } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { type Caller, consult } from '../platform/access/guard.ts'
import type { ChildResource, LaResource, PartnershipResource } from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'
import {
  gradingInWords,
  LINK_TYPES,
  type LinkType,
  LOCATION_TYPES,
  type NodeKind,
  otherEnd,
  PERSON_KINDS,
  personVisible,
  type SourceEvaluation,
  themesOf,
  type Viewer,
} from './rules.ts'
import * as store from './store.ts'

export interface VoltContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
}

/** At most this many links are read at each hop (a busy place or person could have thousands). */
export const HOP_LIMIT = 500

export const notFound = () => new RequestError(404, 'Not found')
export const viewerOf = (actor: Actor): Viewer => ({ police: actor.agencyKind === 'police' })
export const by = (actor: Actor) => `${actor.kind}:${actor.id}`

/**
 * The area the actor's grants for this action cover: their LA's lists, or the partnership's; for an
 * agency's system, the areas its agency serves.
 */
export function areaOf(
  actor: Actor,
  action: 'volt.view' | 'volt.record' | 'volt.person',
): LaResource | PartnershipResource {
  const laIds =
    actor.kind === 'system'
      ? actor.serves === 'all'
        ? null
        : [...(actor.serves ?? [])]
      : grantedLaIds(actor, action)
  if (laIds === null) return { kind: 'partnership' }
  return { kind: 'la', laId: laIds[0] ?? '' }
}

// ---------------------------------------------------------------------------
// Ends: what a link joins, as people read it

export interface End {
  kind: NodeKind
  ref: string
  name: string
  /** What kind of person or place, in words. */
  detail: string
  href: string
}

interface Seen {
  viewer: Viewer
  children: Map<string, ChildResource>
  /** Children the viewer may read (decided and audited once each). */
  readable: Set<string>
  persons: Map<string, store.PersonRow>
  locations: Map<string, store.LocationRow>
  childNames: Map<string, string>
}

/** Loads and decides every end of these links: children through the policy (audited), persons by their marking. */
export async function seeEnds(
  trx: Transaction<DB>,
  caller: Caller,
  links: readonly store.LinkRow[],
  seen?: Seen,
  detail: Record<string, unknown> = {},
): Promise<Seen> {
  const into: Seen = seen ?? {
    viewer: viewerOf(caller.actor),
    children: new Map(),
    readable: new Set(),
    persons: new Map(),
    locations: new Map(),
    childNames: new Map(),
  }
  const refs = (kind: NodeKind) => [
    ...new Set(
      links.flatMap((link) => [
        ...(link.a_kind === kind ? [link.a_ref] : []),
        ...(link.b_kind === kind ? [link.b_ref] : []),
      ]),
    ),
  ]
  const childIds = refs('child').filter((id) => !into.children.has(id) && isUuid(id))
  for (const [id, resource] of await getChildResources(trx, childIds)) {
    into.children.set(id, resource)
    if (consult(trx, { ...caller, action: 'volt.view', resource, detail }).allowed) into.readable.add(id)
  }
  for (const [id, name] of await store.childNames(
    trx,
    [...into.readable].filter((id) => !into.childNames.has(id)),
  ))
    into.childNames.set(id, name)
  const personIds = refs('person').filter((id) => !into.persons.has(id) && isUuid(id))
  for (const [id, row] of await store.personsById(trx, personIds)) into.persons.set(id, row)
  const locationIds = refs('location').filter((id) => !into.locations.has(id) && isUuid(id))
  for (const [id, row] of await store.locationsById(trx, locationIds)) into.locations.set(id, row)
  return into
}

export function endVisible(ctx: VoltContext, seen: Seen) {
  return (kind: NodeKind, ref: string): boolean => {
    if (kind === 'child') return seen.readable.has(ref)
    if (kind === 'person') {
      const person = seen.persons.get(ref)
      return person !== undefined && personVisible(seen.viewer, person)
    }
    if (kind === 'location') return seen.locations.has(ref)
    return themesOf(ctx.partnership).some((theme) => theme.id === ref)
  }
}

export function endOf(ctx: VoltContext, seen: Seen, kind: NodeKind, ref: string): End {
  switch (kind) {
    case 'child':
      return {
        kind,
        ref,
        name: seen.childNames.get(ref) ?? '',
        detail: 'Child',
        href: `/children/${ref}/exploitation-profile`,
      }
    case 'person': {
      const person = seen.persons.get(ref)
      const name = person
        ? `${person.name}${person.also_known_as ? ` (also known as ${person.also_known_as})` : ''}`
        : ''
      return {
        kind,
        ref,
        name,
        detail: person ? PERSON_KINDS[person.kind] : '',
        href: `/volt/persons/${ref}`,
      }
    }
    case 'location': {
      const place = seen.locations.get(ref)
      const name = place ? `${place.name}${place.postcode ? `, ${place.postcode}` : ''}` : ''
      return {
        kind,
        ref,
        name,
        detail: place ? LOCATION_TYPES[place.location_type] : '',
        href: `/volt/locations/${ref}`,
      }
    }
    case 'theme': {
      const theme = themesOf(ctx.partnership).find((t) => t.id === ref)
      return { kind, ref, name: theme?.label ?? ref, detail: 'Theme', href: `/volt/themes/${ref}` }
    }
  }
}

export interface LinkView {
  id: string
  hop: 1 | 2
  from: End
  to: End
  type: string
  sourceAgency: string
  seenOn: string
  /** The 3x5x2 grading in words, where the police entered one. */
  grading: string | null
  conditions: string | null
  /** As kept, for the API: the link's type and source agency by code, and the grading's parts. */
  codes: Pick<
    store.LinkRow,
    'link_type' | 'source_agency_id' | 'source_evaluation' | 'intelligence_assessment' | 'handling_code'
  >
}

export function linkView(
  ctx: VoltContext,
  seen: Seen,
  link: store.LinkRow,
  fromKind: NodeKind,
  fromRef: string,
  hop: 1 | 2,
): LinkView {
  const to = otherEnd(link, fromKind, fromRef)
  const grading =
    link.source_evaluation && link.intelligence_assessment && link.handling_code
      ? gradingInWords({
          sourceEvaluation: link.source_evaluation as SourceEvaluation,
          intelligenceAssessment: link.intelligence_assessment,
          handlingCode: link.handling_code,
        })
      : null
  const forward = link.a_kind === fromKind && link.a_ref === fromRef
  const type = LINK_TYPES[link.link_type as LinkType] ?? link.link_type
  return {
    id: link.id,
    hop,
    from: endOf(ctx, seen, fromKind, fromRef),
    to: endOf(ctx, seen, to.kind, to.ref),
    type: forward ? type : `${type} (from the other end)`,
    sourceAgency:
      ctx.partnership.agencies.find((agency) => agency.id === link.source_agency_id)?.name ??
      link.source_agency_id,
    seenOn: link.seen_on,
    grading,
    conditions: link.handling_conditions,
    codes: {
      link_type: link.link_type,
      source_agency_id: link.source_agency_id,
      source_evaluation: link.source_evaluation,
      intelligence_assessment: link.intelligence_assessment,
      handling_code: link.handling_code,
    },
  }
}
