// VOLT's reads, each one audited transaction decided by the policy: a child's network to two hops
// within what the viewer may see; a place's, theme's and person's linked children and persons; the
// person search and the places (the hotspots are hotspots.ts).
//
// What the viewer may see: a child only where the policy lets them read the child's VOLT profile
// (volt.view, asked per child and audited), so a hidden child never appears, not even as a count; a
// person restricted to the police only by the police; a link only when both its ends are seen and,
// with handling code C, only by the police.

import type { Transaction } from 'kysely'
import { getChildResource } from '../children/index.ts'
import type { DB } from '../database.ts'
import { audited, authorize, authorizeGate, type Caller, consult } from '../platform/access/guard.ts'
import { isUuid } from '../platform/http/schemas.ts'
import {
  areaOf,
  type End,
  endVisible,
  HOP_LIMIT,
  type LinkView,
  linkView,
  notFound,
  seeEnds,
  type VoltContext,
  viewerOf,
} from './ends.ts'
import { flagsFor } from './mace-flag.ts'
import {
  LOCATION_TYPES,
  linkVisible,
  type NodeKind,
  nodeKey,
  otherEnd,
  PERSON_KINDS,
  personVisible,
  themesOf,
  traversable,
} from './rules.ts'
import * as store from './store.ts'

// ---------------------------------------------------------------------------
// A child's network to two hops

export interface Network {
  child: { childId: string; name: string }
  links: LinkView[]
  /** Every end in the network but the child, once each, nearest first. */
  ends: (End & { hop: 1 | 2 })[]
  mayRecord: boolean
}

/** The child's exploitation profile: their network to two hops, within what the caller may see. */
export const childNetwork = (ctx: VoltContext, caller: Caller, childId: string): Promise<Network> =>
  audited(ctx.db, async (trx) => {
    if (!isUuid(childId)) throw notFound()
    const child = await getChildResource(trx, childId)
    authorize(trx, { ...caller, action: 'volt.view', resource: child, detail: { view: 'network' } })
    const mayRecord = consult(trx, { ...caller, action: 'volt.record', resource: child }).allowed
    const detail = { via: 'network', ofChild: childId }
    const first = await store.linksAt(trx, 'child', [childId], HOP_LIMIT)
    const seen = await seeEnds(trx, caller, first, undefined, detail)
    seen.readable.add(childId)
    seen.childNames.set(childId, (await store.childNames(trx, [childId])).get(childId) ?? '')
    const visible = endVisible(ctx, seen)
    const hop1 = first.filter((link) => linkVisible(seen.viewer, link, visible))
    const near = new Map<string, { kind: NodeKind; ref: string }>()
    for (const link of hop1) {
      const end = otherEnd(link, 'child', childId)
      near.set(nodeKey(end.kind, end.ref), end)
    }
    const onward = [...near.values()].filter((end) => traversable(end.kind))
    const second: { link: store.LinkRow; from: { kind: NodeKind; ref: string } }[] = []
    const hop1Ids = new Set(hop1.map((link) => link.id))
    for (const kind of ['child', 'person', 'location'] as const) {
      const refs = onward.filter((end) => end.kind === kind).map((end) => end.ref)
      for (const link of await store.linksAt(trx, kind, refs, HOP_LIMIT)) {
        if (hop1Ids.has(link.id)) continue
        const from =
          refs.includes(link.a_ref) && link.a_kind === kind
            ? { kind, ref: link.a_ref }
            : { kind, ref: link.b_ref }
        second.push({ link, from })
      }
    }
    await seeEnds(
      trx,
      caller,
      second.map(({ link }) => link),
      seen,
      detail,
    )
    const hop2 = second.filter(({ link }) => linkVisible(seen.viewer, link, endVisible(ctx, seen)))
    const links = [
      ...hop1.map((link) => linkView(ctx, seen, link, 'child', childId, 1)),
      ...hop2.map(({ link, from }) => linkView(ctx, seen, link, from.kind, from.ref, 2)),
    ]
    const ends = new Map<string, End & { hop: 1 | 2 }>()
    for (const link of links) {
      const key = nodeKey(link.to.kind, link.to.ref)
      if (link.to.kind === 'child' && link.to.ref === childId) continue
      if (!ends.has(key)) ends.set(key, { ...link.to, hop: link.hop })
    }
    return {
      child: { childId, name: seen.childNames.get(childId) ?? '' },
      links,
      ends: [...ends.values()],
      mayRecord,
    }
  })

// ---------------------------------------------------------------------------
// Places, themes and persons: what is linked to them

export interface Linked {
  links: LinkView[]
  children: End[]
  persons: End[]
}

async function linkedTo(
  ctx: VoltContext,
  trx: Transaction<DB>,
  caller: Caller,
  kind: NodeKind,
  ref: string,
): Promise<Linked> {
  const rows = await store.linksAt(trx, kind, [ref], HOP_LIMIT)
  const seen = await seeEnds(trx, caller, rows, undefined, { via: kind, [kind]: ref })
  const visible = endVisible(ctx, seen)
  const links = rows
    .filter((link) => linkVisible(seen.viewer, link, visible))
    .map((link) => linkView(ctx, seen, link, kind, ref, 1))
  const unique = (ends: End[]) => [...new Map(ends.map((end) => [end.ref, end])).values()]
  return {
    links,
    children: unique(links.map((link) => link.to).filter((end) => end.kind === 'child')),
    persons: unique(links.map((link) => link.to).filter((end) => end.kind === 'person')),
  }
}

const gate = (caller: Caller) => authorizeGate(caller.actor, 'volt')

/** Whether the caller may take this step in their area (the links' and places' change links). */
const mayIn = (trx: Transaction<DB>, caller: Caller, action: 'volt.record' | 'volt.person') =>
  consult(trx, { ...caller, action, resource: areaOf(caller.actor, action) }).allowed

export const readLocation = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(
    ctx.db,
    async (trx) => {
      gate(caller)
      if (!isUuid(id)) throw notFound()
      const place = await store.findLocation(trx, id)
      if (!place) throw notFound()
      authorize(trx, {
        ...caller,
        action: 'volt.view',
        resource: areaOf(caller.actor, 'volt.view'),
        detail: { location: id },
      })
      return {
        place,
        mayRecord: mayIn(trx, caller, 'volt.record'),
        typeLabel: LOCATION_TYPES[place.location_type],
        flags: await flagsFor(ctx, trx, caller, 'location', id),
        ...(await linkedTo(ctx, trx, caller, 'location', id)),
      }
    },
    { uniformTiming: true },
  )

export const readTheme = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    gate(caller)
    const theme = themesOf(ctx.partnership).find((t) => t.id === id)
    if (!theme) throw notFound()
    authorize(trx, {
      ...caller,
      action: 'volt.view',
      resource: areaOf(caller.actor, 'volt.view'),
      detail: { theme: id },
    })
    return {
      theme,
      mayRecord: mayIn(trx, caller, 'volt.record'),
      ...(await linkedTo(ctx, trx, caller, 'theme', id)),
    }
  })

/** A person of concern: a restricted one is not found by anyone outside the police. */
export const readPerson = (ctx: VoltContext, caller: Caller, id: string) =>
  audited(
    ctx.db,
    async (trx) => {
      gate(caller)
      if (!isUuid(id)) throw notFound()
      const person = await store.findPerson(trx, id)
      if (!person || !personVisible(viewerOf(caller.actor), person)) throw notFound()
      authorize(trx, {
        ...caller,
        action: 'volt.view',
        resource: areaOf(caller.actor, 'volt.view'),
        detail: { person: id },
      })
      const mayChange = mayIn(trx, caller, 'volt.person')
      return {
        person,
        kindLabel: PERSON_KINDS[person.kind],
        mayShare: person.police_restricted && mayChange,
        mayChange,
        mayRecord: mayIn(trx, caller, 'volt.record'),
        flags: await flagsFor(ctx, trx, caller, 'person', id),
        ...(await linkedTo(ctx, trx, caller, 'person', id)),
      }
    },
    { uniformTiming: true },
  )

/** Persons by name: restricted ones only for the police. */
export const findPersons = (ctx: VoltContext, caller: Caller, words: string) =>
  audited(ctx.db, async (trx) => {
    gate(caller)
    authorize(trx, {
      ...caller,
      action: 'volt.view',
      resource: areaOf(caller.actor, 'volt.view'),
      detail: { search: words.slice(0, 100) },
    })
    const mayRecord = consult(trx, {
      ...caller,
      action: 'volt.person',
      resource: areaOf(caller.actor, 'volt.person'),
    }).allowed
    const rows = await store.searchPersons(trx, words, { withRestricted: viewerOf(caller.actor).police })
    return { persons: rows.map((row) => ({ ...row, kindLabel: PERSON_KINDS[row.kind] })), mayRecord }
  })

export const listPlaces = (ctx: VoltContext, caller: Caller) =>
  audited(ctx.db, async (trx) => {
    gate(caller)
    authorize(trx, {
      ...caller,
      action: 'volt.view',
      resource: areaOf(caller.actor, 'volt.view'),
      detail: { view: 'places' },
    })
    const mayRecord = consult(trx, {
      ...caller,
      action: 'volt.record',
      resource: areaOf(caller.actor, 'volt.record'),
    }).allowed
    const places = (await store.allLocations(trx)).map((place) => ({
      ...place,
      typeLabel: LOCATION_TYPES[place.location_type],
    }))
    return { places, themes: themesOf(ctx.partnership), mayRecord }
  })
