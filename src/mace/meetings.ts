// MACE meetings' use cases, each through the guard in one audited transaction: a MACE coordinator
// schedules their LA's meetings (or, a coordinator for the whole partnership, the partnership's),
// reads the list of upcoming and past ones, opens a meeting (its agenda of children waiting to be
// discussed, longest waiting first, and the children discussed at it, each child asked of the policy)
// and records who attended and the minutes once it has started.

import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { getActor } from '../identity/index.ts'
import { notStartedProblem } from '../meetings/index.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { accessFrom, audited, authorizeGate } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'
import { agendaOf, flagsAt, openable } from './agenda.ts'
import * as agendaStore from './agenda-store.ts'
import { circulateMinutes } from './circulation.ts'
import { agenciesOf, authorizeMeeting, authorizeWhole, hasStarted } from './meeting-access.ts'
import { maceMeetingCheck, maceMeetingRecordCheck, WHOLE_PARTNERSHIP } from './meeting-schemas.ts'
import * as meetings from './meeting-store.ts'
import { themesAndTrends } from './strategic.ts'
import { InvalidMaceReferral, type MaceContext } from './workflow.ts'

/** The LAs whose meetings the actor may schedule: those their MACE grants cover, and the whole partnership's when they cover it. */
export function schedulableLas(ctx: MaceContext, request: FastifyRequest) {
  const actor = getActor(request)
  authorizeGate(actor, 'mace-list')
  const laIds = grantedLaIds(actor, 'mace.view')
  const las = ctx.partnership.local_authorities.filter((la) => laIds === null || laIds.includes(la.id))
  return laIds === null
    ? [...las, { id: WHOLE_PARTNERSHIP, name: 'The whole partnership (every local authority)' }]
    : las
}

/** Schedules a meeting of an LA's MACE, or the whole partnership's: the day, the start time, in person or online and where. */
export async function scheduleMeeting(ctx: MaceContext, request: FastifyRequest, sent: unknown) {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    const problems = maceMeetingCheck.problems(sent)
    if (problems.length > 0 || !maceMeetingCheck.fits(sent)) throw new InvalidMaceReferral(problems)
    const laId = sent.laId === WHOLE_PARTNERSHIP ? null : sent.laId
    if (laId && !ctx.partnership.local_authorities.some((la) => la.id === laId))
      throw new InvalidMaceReferral([{ field: 'laId', text: 'Select the local authority' }])
    authorizeWhole(trx, accessFrom(request), laId)
    return meetings.insertMeeting(trx, {
      la_id: laId,
      held_on: sent.date,
      start_time: sent.time,
      format: sent.format,
      venue: sent.venue.trim(),
      kind: sent.kind ?? 'operational',
      scheduled_by: `${actor.kind}:${actor.id}`,
      scheduled_by_name: actor.displayName,
    })
  })
}

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

/**
 * A meeting: when and where; an operational meeting's agenda (every item due, soonest first), the
 * children, places and persons discussed at it; a strategic meeting's themes and trends (counts only);
 * who attended, the minutes and their circulation. Children are named only to a reader the policy
 * lets read each one; a police-only person only to the police.
 */
export async function readMeeting(ctx: MaceContext, request: FastifyRequest, id: string, now = new Date()) {
  return audited(ctx.db, async (trx) => {
    const meeting = isUuid(id) ? await meetings.findMeeting(trx, id) : undefined
    if (!meeting) throw new RequestError(404, 'Not found')
    const caller = accessFrom(request)
    const laIds = authorizeMeeting(trx, caller, ctx.partnership, meeting, { meetingId: id })
    const strategic = meeting.kind === 'strategic'
    const flags = strategic ? [] : await flagsAt(trx, caller, meeting, laIds)
    const circulation = await agendaStore.circulationOf(trx, id)
    const today = toIsoDate(now)
    return {
      meeting,
      las: laIds,
      started: hasStarted(meeting, now),
      agenda: strategic ? [] : await agendaOf(trx, caller, meeting, laIds, flags),
      trends: strategic ? await themesAndTrends(trx, ctx.partnership, meeting, laIds) : undefined,
      discussed: strategic ? [] : await openable(trx, caller, await meetings.discussionsAt(trx, id)),
      flagsDiscussed: flags.filter((f) => f.discussedHere),
      attendance: await meetings.attendanceOf(trx, id),
      agencies: agenciesOf(ctx.partnership, meeting),
      circulation: circulation.map((c) => ({ ...c, overdue: !c.acknowledged_at && c.due_by < today })),
      canAcknowledge: circulation.some((c) => c.agency_id === caller.actor?.agencyId && !c.acknowledged_at),
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
    authorizeWhole(trx, accessFrom(request), meeting.la_id, { meetingId: id })
    const notStarted = notStartedProblem(
      { date: meeting.held_on, time: meeting.start_time },
      now,
      'The meeting',
    )
    if (notStarted) throw new RequestError(409, notStarted)
    const problems = maceMeetingRecordCheck.problems(sent)
    if (problems.length > 0 || !maceMeetingRecordCheck.fits(sent)) throw new InvalidMaceReferral(problems)
    const serving = new Set(agenciesOf(ctx.partnership, meeting).map((a) => a.id))
    const stranger = sent.attending.find((a) => !serving.has(a.agencyId))
    if (stranger)
      throw new InvalidMaceReferral([
        { field: 'attending', text: 'Select only agencies that serve this area' },
      ])
    await meetings.recordMeeting(trx, id, {
      attending: sent.attending,
      minutes: sent.minutes.trim(),
      actionsAgreed: meeting.kind === 'strategic' ? sent.actionsAgreed?.trim() || null : null,
      by: actor.displayName,
    })
    await circulateMinutes(
      trx,
      ctx.partnership,
      actor,
      meeting,
      sent.attending.map((a) => a.agencyId),
      now,
    )
  })
}

/** The meetings a child's discussion may belong to (the LA's and the partnership's): operational ones that have started, latest first. */
export async function meetingsToDiscussAt(trx: Transaction<DB>, laId: string, now = new Date()) {
  return (await meetings.meetingsIn(trx, [laId]))
    .filter((m) => m.kind === 'operational' && hasStarted(m, now))
    .reverse()
}
