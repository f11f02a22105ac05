// A place or person of concern flagged for an LA's MACE meeting, with the reason (issue 13: "locations
// and persons flagged" join the MACE agenda). Flagged, and cleared by hand with a reason, by whoever
// records in VOLT for that LA (volt.record on the LA), of a place or a person they see; read by MACE
// (src/mace, through index.ts) inside its own audited reading of a meeting, a police-only person only
// by the police.

import { type Static, Type } from '@sinclair/typebox'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { Actor } from '../platform/access/actor.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { audited, authorize, authorizeGate, type Caller, consult } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, compileInput, InvalidInput, isUuid, Text } from '../platform/http/schemas.ts'
import { areaOf, by, notFound, type VoltContext, viewerOf } from './ends.ts'
import { LOCATION_TYPES, PERSON_KINDS, personVisible } from './rules.ts'
import * as store from './store.ts'

type Db = Kysely<DB> | Transaction<DB>
export type FlagSubject = 'person' | 'location'
/** Where a flag's subject lives in the URLs: /volt/locations/:id, /volt/persons/:id. */
export const SUBJECT_PATHS: Record<FlagSubject, string> = { location: 'locations', person: 'persons' }

export const MaceFlagInput = Type.Object({
  laId: Text({ description: 'the LA whose MACE should discuss it', missing: 'Select the local authority' }),
  reason: Text({
    description: 'why MACE should discuss the place or person',
    label: 'the reason',
    maxLength: 2000,
    missing: 'Enter why MACE should discuss it',
  }),
})
const flagCheck = compileInput(MaceFlagInput)

/** The place or person, when the caller sees it (a police-only person is not found by anyone else). */
async function subjectOf(trx: Db, actor: Actor, kind: FlagSubject, id: string) {
  if (!isUuid(id)) throw notFound()
  if (kind === 'location') {
    const place = await store.findLocation(trx, id)
    if (!place) throw notFound()
    return { name: place.name, kindLabel: LOCATION_TYPES[place.location_type] }
  }
  const person = await store.findPerson(trx, id)
  if (!person || !personVisible(viewerOf(actor), person)) throw notFound()
  return { name: person.name, kindLabel: `Person of concern: ${PERSON_KINDS[person.kind]}` }
}

/** The form's context: the place or person, and the LAs it may be flagged to. */
export const flagForm = (ctx: VoltContext, caller: Caller, kind: FlagSubject, id: string) =>
  audited(ctx.db, async (trx) => {
    authorizeGate(caller.actor, 'volt')
    const subject = { kind, id, ...(await subjectOf(trx, caller.actor, kind, id)) }
    authorize(trx, {
      ...caller,
      action: 'volt.record',
      resource: areaOf(caller.actor, 'volt.record'),
      detail: { step: 'mace-flag', [kind]: id },
    })
    const laIds = grantedLaIds(caller.actor, 'volt.record')
    return {
      subject,
      las: ctx.partnership.local_authorities.filter((la) => laIds === null || laIds.includes(la.id)),
    }
  })

export const ClearFlagInput = Type.Object({
  reason: Text({
    description: 'why MACE need not discuss the place or person',
    label: 'the reason',
    maxLength: 2000,
    missing: 'Enter why the flag is cleared',
  }),
})
const clearCheck = compileInput(ClearFlagInput)

const laName = (ctx: VoltContext, laId: string) =>
  ctx.partnership.local_authorities.find((la) => la.id === laId)?.name ?? laId

/**
 * A place's or person's flags, open and cleared, latest first, for its page (which has decided the
 * caller sees it): each open one may be cleared by whoever records in VOLT for its LA.
 */
export async function flagsFor(
  ctx: VoltContext,
  trx: Transaction<DB>,
  caller: Caller,
  kind: FlagSubject,
  id: string,
) {
  return (await store.flagsOf(trx, kind, id)).map((flag) => ({
    ...flag,
    laName: laName(ctx, flag.la_id),
    mayClear:
      flag.cleared_at === null &&
      consult(trx, { ...caller, action: 'volt.record', resource: { kind: 'la', laId: flag.la_id } }).allowed,
  }))
}

/**
 * An open flag the caller may clear: of a place or person they see (else not found, as a missing one
 * is), for an LA they record in VOLT for (audited); a flag already cleared is 409.
 */
async function flagToClearIn(ctx: VoltContext, trx: Transaction<DB>, caller: Caller, flagId: string) {
  authorizeGate(caller.actor, 'volt')
  const flag = isUuid(flagId) ? await store.findFlag(trx, flagId) : undefined
  if (!flag) throw notFound()
  const subject = await subjectOf(trx, caller.actor, flag.subject_kind, flag.subject_id)
  authorize(trx, {
    ...caller,
    action: 'volt.record',
    resource: { kind: 'la', laId: flag.la_id },
    detail: { step: 'clear-mace-flag', flag: flagId, [flag.subject_kind]: flag.subject_id },
  })
  if (flag.cleared_at) throw new RequestError(409, 'This flag has already been cleared')
  return {
    flag,
    subject: { kind: flag.subject_kind, id: flag.subject_id, ...subject },
    laName: laName(ctx, flag.la_id),
  }
}

/** The clearing form's context: the flag, its place or person, and its LA. */
export const flagToClear = (ctx: VoltContext, caller: Caller, flagId: string) =>
  audited(ctx.db, (trx) => flagToClearIn(ctx, trx, caller, flagId))

/** Clears an open flag by hand, with the reason: it leaves the agenda of the LA's next MACE meeting. */
export const clearMaceFlag = (ctx: VoltContext, caller: Caller, flagId: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    const { flag } = await flagToClearIn(ctx, trx, caller, flagId)
    const { reason } = checkedInput(clearCheck, input) as Static<typeof ClearFlagInput>
    const cleared = await store.clearFlag(trx, flag.id, {
      by: by(caller.actor),
      name: caller.actor.displayName,
      agencyId: caller.actor.agencyId,
      reason: reason.trim(),
    })
    if (!cleared) throw new RequestError(409, 'This flag has already been cleared')
    return flag
  })

/** Flags a place or person for an LA's MACE: the caller must record in VOLT for that LA. */
export const flagForMace = (
  ctx: VoltContext,
  caller: Caller,
  kind: FlagSubject,
  id: string,
  input: unknown,
) =>
  audited(ctx.db, async (trx) => {
    await subjectOf(trx, caller.actor, kind, id)
    const las = ctx.partnership.local_authorities
    const sent = input as { laId?: unknown } | null
    const unknownLa =
      typeof sent?.laId === 'string' && sent.laId !== '' && !las.some((la) => la.id === sent.laId)
    const flag = checkedInput(
      flagCheck,
      input,
      unknownLa ? [{ field: 'laId', text: 'Select the local authority' }] : [],
    ) as Static<typeof MaceFlagInput>
    authorize(trx, {
      ...caller,
      action: 'volt.record',
      resource: { kind: 'la', laId: flag.laId },
      detail: { step: 'mace-flag', [kind]: id },
    })
    return trx
      .insertInto('volt_mace_flag')
      .values({
        subject_kind: kind,
        subject_id: id,
        la_id: flag.laId,
        reason: flag.reason.trim(),
        agency_id: caller.actor.agencyId,
        flagged_by: by(caller.actor),
        flagged_by_name: caller.actor.displayName,
        cleared_at: null,
        cleared_by: null,
        cleared_by_name: null,
        cleared_agency_id: null,
        cleared_reason: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  })

export interface MaceFlag {
  id: string
  subject_kind: FlagSubject
  subject_id: string
  name: string
  reason: string
  agency_id: string
  /** The London day it was flagged. */
  flagged_on: string
}

type NamedFlag = Awaited<ReturnType<ReturnType<typeof store.namedFlags>['execute']>>[number]

/** Whether the reader sees the flag's subject: a police-only person (or one deleted) only the police. */
const subjectSeen = (actor: Actor, row: NamedFlag) =>
  row.subject_kind === 'location' ||
  personVisible(viewerOf(actor), { police_restricted: row.police_restricted ?? true })

/**
 * The open flags of an LA's MACE made on or before a day, oldest first, as this reader may see them:
 * a police-only person is left out for anyone outside the police. For MACE's reading of a meeting,
 * which authorises and audits it.
 */
export async function maceFlagsIn(
  db: Db,
  reader: Actor,
  laId: string,
  onOrBefore: string,
): Promise<MaceFlag[]> {
  const rows = await store
    .namedFlags(db)
    .select(sql<string>`((f.flagged_at AT TIME ZONE 'Europe/London')::date)::text`.as('day'))
    .where('f.la_id', '=', laId)
    .where('f.cleared_at', 'is', null)
    .orderBy('f.flagged_at')
    .orderBy('f.id')
    .execute()
  return rows
    .filter((row) => row.day <= onOrBefore && subjectSeen(reader, row))
    .flatMap((row) => {
      const name = row.subject_kind === 'location' ? row.place : row.person
      return name === null
        ? []
        : [
            {
              id: row.id,
              subject_kind: row.subject_kind,
              subject_id: row.subject_id,
              name,
              reason: row.reason,
              agency_id: row.agency_id,
              flagged_on: row.day,
            },
          ]
    })
}

// ---------------------------------------------------------------------------
// The flags as an agency's system reads them (api.ts): decided and audited as the pages are.

export interface FlagRead extends NamedFlag {
  name: string | null
}
const read = (rows: NamedFlag[], actor: Actor): FlagRead[] =>
  rows
    .filter((row) => subjectSeen(actor, row))
    .map((row) => ({ ...row, name: row.subject_kind === 'location' ? row.place : row.person }))

/**
 * An LA's flags for MACE, latest first: open ones, or with those cleared. Decided as `volt.view` on
 * the LA (an LA outside the partnership is a bad input); a police-only person only for the police.
 */
export const laFlags = (ctx: VoltContext, caller: Caller, laId: string, withCleared: boolean) =>
  audited(ctx.db, async (trx) => {
    authorizeGate(caller.actor, 'volt')
    if (!ctx.partnership.local_authorities.some((la) => la.id === laId))
      throw new InvalidInput([{ field: 'laId', text: 'Select a local authority of the partnership' }])
    authorize(trx, {
      ...caller,
      action: 'volt.view',
      resource: { kind: 'la', laId },
      detail: { view: 'mace-flags', withCleared },
    })
    let query = store.namedFlags(trx).where('f.la_id', '=', laId)
    if (!withCleared) query = query.where('f.cleared_at', 'is', null)
    return read(await query.orderBy('f.flagged_at', 'desc').orderBy('f.id').execute(), caller.actor)
  })

/**
 * A place's or person's flags, open and cleared, latest first, as its page lists them and decided as
 * its page is: a police-only person is not found by anyone else, as a missing one.
 */
export const subjectFlags = (ctx: VoltContext, caller: Caller, kind: FlagSubject, id: string) =>
  audited(
    ctx.db,
    async (trx) => {
      authorizeGate(caller.actor, 'volt')
      await subjectOf(trx, caller.actor, kind, id)
      authorize(trx, {
        ...caller,
        action: 'volt.view',
        resource: areaOf(caller.actor, 'volt.view'),
        detail: { [kind]: id, view: 'mace-flags' },
      })
      const rows = await store
        .namedFlags(trx)
        .where('f.subject_kind', '=', kind)
        .where('f.subject_id', '=', id)
        .orderBy('f.flagged_at', 'desc')
        .orderBy('f.id')
        .execute()
      return read(rows, caller.actor)
    },
    { uniformTiming: true },
  )
