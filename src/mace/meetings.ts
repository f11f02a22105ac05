// MACE meetings' use cases, each through the guard in one audited transaction: a MACE coordinator
// schedules their LA's meetings, reads the list of upcoming and past ones, opens a meeting (its
// agenda of children waiting to be discussed, longest waiting first, and the children discussed at
// it, each child asked of the policy) and records who attended and the minutes once it has started.

import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import { getChildResources } from '../children/index.ts'
import type { DB } from '../database.ts'
import { getActor } from '../identity/index.ts'
import { agenciesServing, londonInstant, notStartedProblem } from '../meetings/index.ts'
import { joinsAgendaOf, moveResource, movesInto } from '../moves/index.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { accessFrom, audited, authorize, authorizeGate, consult } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'
import { maceMeetingCheck, maceMeetingRecordCheck } from './meeting-schemas.ts'
import * as meetings from './meeting-store.ts'
import * as store from './store.ts'
import { InvalidMaceReferral, type MaceContext } from './workflow.ts'

type Caller = Pick<ReturnType<typeof accessFrom>, 'actor' | 'origin'>

const authorizeLa = (trx: Transaction<DB>, caller: Caller, laId: string, detail = {}) =>
  authorize(trx, { ...caller, action: 'mace.view', resource: { kind: 'la', laId }, detail })

/** The LAs whose meetings the actor may schedule: those their MACE grants cover. */
export function schedulableLas(ctx: MaceContext, request: FastifyRequest) {
  const actor = getActor(request)
  authorizeGate(actor, 'mace-list')
  const laIds = grantedLaIds(actor, 'mace.view')
  return ctx.partnership.local_authorities.filter((la) => laIds === null || laIds.includes(la.id))
}

/** Schedules a meeting of an LA's MACE: the day, the start time, in person or online and where. */
export async function scheduleMeeting(ctx: MaceContext, request: FastifyRequest, sent: unknown) {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    const problems = maceMeetingCheck.problems(sent)
    if (problems.length > 0 || !maceMeetingCheck.fits(sent)) throw new InvalidMaceReferral(problems)
    if (!ctx.partnership.local_authorities.some((la) => la.id === sent.laId))
      throw new InvalidMaceReferral([{ field: 'laId', text: 'Select the local authority' }])
    authorizeLa(trx, accessFrom(request), sent.laId)
    return meetings.insertMeeting(trx, {
      la_id: sent.laId,
      held_on: sent.date,
      start_time: sent.time,
      format: sent.format,
      venue: sent.venue.trim(),
      scheduled_by: `${actor.kind}:${actor.id}`,
      scheduled_by_name: actor.displayName,
    })
  })
}

const hasStarted = (meeting: meetings.MaceMeetingRow, now: Date) =>
  londonInstant(meeting.held_on, meeting.start_time).getTime() <= now.getTime()

/** The meetings of the LAs the actor is a MACE member for: upcoming (soonest first) and past (latest first). */
export async function meetingList(ctx: MaceContext, request: FastifyRequest, now = new Date()) {
  const actor = getActor(request)
  authorizeGate(actor, 'mace-list')
  const laIds = grantedLaIds(actor, 'mace.view')
  return audited(ctx.db, async (trx) => {
    const rows = await meetings.meetingsIn(trx, laIds)
    return {
      upcoming: rows.filter((m) => !hasStarted(m, now)),
      past: rows.filter((m) => hasStarted(m, now)).reverse(),
    }
  })
}

/** The children the reader may open at MACE, each asked of the policy (audited); the rest are left out. */
async function openable<T extends { child_id: string }>(trx: Transaction<DB>, caller: Caller, rows: T[]) {
  const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
  const opens = new Map<string, boolean>()
  for (const [childId, resource] of children)
    opens.set(childId, consult(trx, { ...caller, action: 'mace.view', resource }).allowed)
  return rows.filter((row) => opens.get(row.child_id))
}

/** Children moved into the meeting's LA (src/moves) whose next MACE meeting after the move is this one. */
async function movedInFor(trx: Transaction<DB>, meeting: meetings.MaceMeetingRow) {
  const held = await meetings.meetingsIn(trx, [meeting.la_id])
  return (await movesInto(trx, meeting.la_id)).filter((move) =>
    joinsAgendaOf(toIsoDate(move.recorded_at), meeting.id, held),
  )
}

/** Whether the reader may open each move itself (its page), or sees only that the child moved in. */
async function opensMove<T extends { child_id: string } & Parameters<typeof moveResource>[0]>(
  trx: Transaction<DB>,
  caller: Caller,
  rows: T[],
) {
  const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
  return rows.map((row) => {
    const child = children.get(row.child_id)
    const resource = child ? moveResource(row, child) : undefined
    return {
      ...row,
      opens: resource ? consult(trx, { ...caller, action: 'move.view', resource }).allowed : false,
    }
  })
}

/**
 * A meeting: when and where, its agenda (the LA's children waiting to be discussed, longest waiting
 * first), the children discussed at it, who attended and the minutes. Children are named only to a
 * reader the policy lets read each one.
 */
export async function readMeeting(ctx: MaceContext, request: FastifyRequest, id: string, now = new Date()) {
  return audited(ctx.db, async (trx) => {
    const meeting = isUuid(id) ? await meetings.findMeeting(trx, id) : undefined
    if (!meeting) throw new RequestError(404, 'Not found')
    const caller = accessFrom(request)
    authorizeLa(trx, caller, meeting.la_id, { meetingId: id })
    return {
      meeting,
      started: hasStarted(meeting, now),
      agenda: await openable(trx, caller, await store.referralsIn(trx, [meeting.la_id])),
      movedIn: await opensMove(trx, caller, await openable(trx, caller, await movedInFor(trx, meeting))),
      screenedNotReferred: await openable(
        trx,
        caller,
        await store.screenedNotReferred(trx, meeting.la_id, meeting.held_on),
      ),
      discussed: await openable(trx, caller, await meetings.discussionsAt(trx, id)),
      attendance: await meetings.attendanceOf(trx, id),
      agencies: agenciesServing(ctx.partnership, meeting.la_id),
    }
  })
}

/** Records the agencies that attended and the minutes, once the meeting has started (409 before). */
export async function recordMeeting(
  ctx: MaceContext,
  request: FastifyRequest,
  id: string,
  sent: unknown,
  now = new Date(),
) {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    const meeting = isUuid(id) ? await meetings.lockMeeting(trx, id) : undefined
    if (!meeting) throw new RequestError(404, 'Not found')
    authorizeLa(trx, accessFrom(request), meeting.la_id, { meetingId: id })
    const notStarted = notStartedProblem(
      { date: meeting.held_on, time: meeting.start_time },
      now,
      'The meeting',
    )
    if (notStarted) throw new RequestError(409, notStarted)
    const problems = maceMeetingRecordCheck.problems(sent)
    if (problems.length > 0 || !maceMeetingRecordCheck.fits(sent)) throw new InvalidMaceReferral(problems)
    const serving = new Set(agenciesServing(ctx.partnership, meeting.la_id).map((a) => a.id))
    const stranger = sent.attending.find((a) => !serving.has(a.agencyId))
    if (stranger)
      throw new InvalidMaceReferral([
        { field: 'attending', text: 'Select only agencies that serve this area' },
      ])
    await meetings.recordMeeting(trx, id, {
      attending: sent.attending,
      minutes: sent.minutes.trim(),
      by: actor.displayName,
    })
  })
}

/** The LA's meetings a discussion may belong to: those that have started, latest first. */
export async function meetingsToDiscussAt(trx: Transaction<DB>, laId: string, now = new Date()) {
  return (await meetings.meetingsIn(trx, [laId])).filter((m) => hasStarted(m, now)).reverse()
}
