// A MACE meeting's minutes circulated to the agencies that attended, as strategy discussion records
// are: once the minutes are written (or changed) each attending agency gets a copy to acknowledge
// within 1 working day, and one of its MACE members acknowledges it once (409 after); its MACE
// coordinators for the LA are emailed and its system gets the event where it has a webhook, both only
// a link to the meeting (whose page asks the policy), never a child's name or the minutes. MACE's
// coordinators see the copies not yet acknowledged, soonest due first, overdue marked. Each child
// discussed at an operational meeting has on their chronology that the minutes went out (the event's
// name only: never the minutes).

import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { getActor, peopleWithRoles } from '../identity/index.ts'
import { queueMeetingEmails } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { accessFrom, audited, authorizeGate } from '../platform/access/guard.ts'
import { addWorkingDays, type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'
import { enqueueWebhook } from '../platform/webhooks/store.ts'
import * as agendaStore from './agenda-store.ts'
import { authorizeMeeting } from './meeting-access.ts'
import * as meetings from './meeting-store.ts'
import type { MaceContext } from './workflow.ts'

/** Copies are acknowledged within 1 working day of the day the minutes are written (bank holidays skipped). */
export const minutesDueBy = (writtenOn: IsoDate): IsoDate => addWorkingDays(writtenOn, 1)

export const MINUTES_CIRCULATED = 'mace.minutes-circulated'

/**
 * Inside recording the minutes: each attending agency gets its copy, its coordinators the email and
 * its system the webhook, and each child discussed the event.
 */
export async function circulateMinutes(
  trx: Transaction<DB>,
  partnership: PartnershipConfig,
  actor: Actor,
  meeting: meetings.MaceMeetingRow,
  agencyIds: readonly string[],
  now: Date,
) {
  const dueBy = minutesDueBy(toIsoDate(now))
  await agendaStore.circulate(trx, meeting.id, agencyIds, dueBy)
  if (agencyIds.length === 0) return
  await announceMinutes(trx, partnership, meeting, agencyIds, dueBy, now)
  if (meeting.kind === 'strategic') return
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
      type: MINUTES_CIRCULATED,
      childId: child.id,
      laId: child.la_id,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `Minutes of the MACE meeting on ${govukDate(meeting.held_on)} sent to ${agencies}`,
      payload: { meetingId: meeting.id, agencyIds: [...agencyIds], acknowledgeBy: dueBy },
    })
}

/**
 * The minutes' notice to the attending agencies, through the outbox and webhooks strategy discussions
 * use: an email to each one's MACE coordinators for the LA, and the event to each one's system. Both
 * carry the meeting and a link to it, never the minutes (free text that may name a child) nor a child.
 */
async function announceMinutes(
  trx: Transaction<DB>,
  partnership: PartnershipConfig,
  meeting: meetings.MaceMeetingRow,
  agencyIds: readonly string[],
  acknowledgeBy: IsoDate,
  now: Date,
) {
  const link = `/mace/meetings/${meeting.id}`
  const la = partnership.local_authorities.find((each) => each.id === meeting.la_id)
  // A partnership's meeting: each attending agency's coordinators of any LA.
  const coordinators = await peopleWithRoles(trx, {
    roles: ['mace-coordinator'],
    agencyIds,
    ...(meeting.la_id ? { laId: meeting.la_id } : {}),
  })
  await queueMeetingEmails(
    trx,
    coordinators.map((person) => person.email),
    {
      templateId: 'mace-minutes',
      reference: `mace-minutes-${meeting.id}`,
      fields: {
        meeting: `${la?.name ?? partnership.partnership.name} MACE meeting on ${govukDate(meeting.held_on)}`,
        minutes_link: link,
        acknowledge_by: govukDate(acknowledgeBy),
      },
    },
  )
  // One event per sending (the minutes changed are sent again): its id is the receiver's idempotency key.
  await enqueueWebhook(trx, {
    eventId: randomUUID(),
    type: MINUTES_CIRCULATED,
    occurredAt: now,
    agencyIds,
    data: {
      meetingId: meeting.id,
      laId: meeting.la_id,
      laDfeCode: la?.dfe_code ?? null,
      kind: meeting.kind,
      heldOn: meeting.held_on,
      acknowledgeBy,
      link,
    },
  })
}

/** The caller's agency acknowledges its copy of the minutes: once. */
export async function acknowledgeMinutes(ctx: MaceContext, request: FastifyRequest, id: string) {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    const meeting = isUuid(id) ? await meetings.findMeeting(trx, id) : undefined
    if (!meeting) throw new RequestError(404, 'Not found')
    authorizeMeeting(trx, accessFrom(request), ctx.partnership, meeting, {
      meetingId: id,
      step: 'acknowledge',
    })
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
