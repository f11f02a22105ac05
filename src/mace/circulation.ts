// A MACE meeting's minutes circulated to the agencies that attended, as strategy discussion records
// are: once the minutes are written (or changed) each attending agency gets a copy to acknowledge
// within 1 working day, and one of its MACE members acknowledges it once (409 after). MACE's
// coordinators see the copies not yet acknowledged, soonest due first, overdue marked. Each child
// discussed at an operational meeting has on their chronology that the minutes went out (the event's
// name only: never the minutes).

import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { getActor } from '../identity/index.ts'
import type { Actor } from '../platform/access/actor.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { accessFrom, audited, authorizeGate } from '../platform/access/guard.ts'
import { addWorkingDays, type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'
import * as agendaStore from './agenda-store.ts'
import { authorizeLa } from './meeting-access.ts'
import * as meetings from './meeting-store.ts'
import type { MaceContext } from './workflow.ts'

/** Copies are acknowledged within 1 working day of the day the minutes are written (bank holidays skipped). */
export const minutesDueBy = (writtenOn: IsoDate): IsoDate => addWorkingDays(writtenOn, 1)

/** Inside recording the minutes: each attending agency gets its copy, and each child discussed the event. */
export async function circulateMinutes(
  trx: Transaction<DB>,
  actor: Actor,
  meeting: meetings.MaceMeetingRow,
  agencyIds: readonly string[],
  now: Date,
) {
  const dueBy = minutesDueBy(toIsoDate(now))
  await agendaStore.circulate(trx, meeting.id, agencyIds, dueBy)
  if (meeting.kind === 'strategic' || agencyIds.length === 0) return
  const children = new Map(
    (await meetings.discussionsAt(trx, meeting.id)).map((d) => [d.child_id, d] as const),
  )
  if (children.size === 0) return
  const las = await trx
    .selectFrom('child')
    .select(['id', 'la_id'])
    .where('id', 'in', [...children.keys()])
    .execute()
  const agencies = agencyIds.length === 1 ? '1 attending agency' : `${agencyIds.length} attending agencies`
  for (const child of las)
    await recordEvent(trx, {
      type: 'mace.minutes-circulated',
      childId: child.id,
      laId: child.la_id,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `Minutes of the MACE meeting on ${govukDate(meeting.held_on)} sent to ${agencies}`,
      payload: { meetingId: meeting.id, agencyIds: [...agencyIds], acknowledgeBy: dueBy },
    })
}

/** The caller's agency acknowledges its copy of the minutes: once. */
export async function acknowledgeMinutes(ctx: MaceContext, request: FastifyRequest, id: string) {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    const meeting = isUuid(id) ? await meetings.findMeeting(trx, id) : undefined
    if (!meeting) throw new RequestError(404, 'Not found')
    authorizeLa(trx, accessFrom(request), meeting.la_id, { meetingId: id, step: 'acknowledge' })
    const done = await agendaStore.acknowledge(trx, id, actor.agencyId, {
      id: `${actor.kind}:${actor.id}`,
      name: actor.displayName,
    })
    if (!done) throw new RequestError(409, 'Your agency has no unacknowledged copy of these minutes')
  })
}

/**
 * The copies of minutes not yet acknowledged in the LAs the actor is a MACE member for, soonest due
 * first, each marked overdue after its day and whether it is the actor's own agency's to acknowledge.
 */
export async function minutesAwaiting(ctx: MaceContext, request: FastifyRequest, now = new Date()) {
  const actor = getActor(request)
  authorizeGate(actor, 'mace-list')
  const laIds = grantedLaIds(actor, 'mace.view')
  const today = toIsoDate(now)
  return audited(ctx.db, async (trx) =>
    (await agendaStore.minutesAwaiting(trx, laIds)).map((row) => ({
      ...row,
      overdue: row.due_by < today,
      ours: row.agency_id === actor.agencyId,
    })),
  )
}
