// The rapid review meeting on the meetings block, as use cases (each one audited transaction through
// the guard): scheduling it (its invitees emailed with the calendar invitation attached), its
// calendar file for whoever may read the incident, and who attended once it has started.

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { peopleWithRoles } from '../identity/index.ts'
import {
  agencyName,
  agencyOf,
  type CalendarInvitation,
  calendarAttachment,
  notStartedProblem,
  queueMeetingEmails,
  serviceLink,
} from '../meetings/index.ts'
import { getLa } from '../partnership/config.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { checkedInput, isUuid } from '../platform/http/schemas.ts'
import { attendanceCheck, meetingCheck } from './schemas.ts'
import * as store from './store.ts'
import {
  conflict,
  field,
  laAgencyId,
  notFound,
  type ReviewsContext,
  recordStep,
  reviewResource,
} from './workflow.ts'

/** The agencies invited to the rapid review meeting: those invited to the review, and the child's LA. */
async function meetingAgencies(trx: Transaction<DB>, ctx: ReviewsContext, row: store.IncidentRow) {
  const invited = (await store.invitedAgencies(trx, [row.id])).get(row.id) ?? []
  const la = laAgencyId(ctx, row.la_id)
  return [...new Set([...(la ? [la] : []), ...invited])]
}

/** The people invited: the safeguarding managers of those agencies. */
const meetingInvitees = async (trx: Transaction<DB>, ctx: ReviewsContext, row: store.IncidentRow) =>
  peopleWithRoles(trx, { roles: ['safeguarding-manager'], agencyIds: await meetingAgencies(trx, ctx, row) })

/**
 * The meeting's calendar invitation, the same in its email and its download: one UID per incident,
 * SEQUENCE the times it was rescheduled. Its words are the incident's reference and a link, never the
 * child or what happened.
 */
function rapidReviewInvitation(
  ctx: ReviewsContext,
  row: store.IncidentRow,
  invitees: readonly { agencyId: string; email: string }[],
): CalendarInvitation {
  const la = getLa(ctx.partnership, row.la_id)
  return {
    uid: `rapid-review-${row.id}@masa`,
    date: row.rapid_review_meeting_on as string,
    time: row.rapid_review_meeting_time ?? '10:00',
    durationMinutes: 120,
    summary: `Rapid review ${row.reference}`,
    location: '',
    description: `Rapid review meeting on serious incident ${row.reference}: ${serviceLink(`/reviews/${row.id}`, ctx.publicUrl)}`,
    organizer: { name: la.name, email: la.front_door.email },
    attendees: invitees.map((person) => ({
      name: agencyName(ctx.partnership, person.agencyId),
      email: person.email,
    })),
    sequence: Math.max(0, row.rapid_review_meeting_scheduled - 1),
    stamp: ctx.now(),
  }
}

/** Schedules (or reschedules) the meeting: its invitees are emailed with the calendar invitation. */
export const recordMeeting = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'meeting', async (trx, row) => {
    if (!row.notified_on) throw conflict('The rapid review is not open')
    const { meetingOn, meetingTime = '10:00' } = checkedInput(meetingCheck, input)
    const scheduled = {
      rapid_review_meeting_on: meetingOn,
      rapid_review_meeting_time: meetingTime,
      rapid_review_attended: null,
      rapid_review_meeting_scheduled: row.rapid_review_meeting_scheduled + 1,
    }
    await store.updateIncident(trx, row.id, scheduled)
    const invitees = await meetingInvitees(trx, ctx, row)
    await queueMeetingEmails(
      trx,
      invitees.map((person) => person.email),
      {
        templateId: 'rapid-review-meeting',
        reference: row.reference,
        fields: {
          date: meetingOn,
          time: meetingTime,
          link: `/reviews/${row.id}`,
          calendar_link: `/reviews/${row.id}/invitation.ics`,
        },
        attachments: [
          calendarAttachment(row.reference, rapidReviewInvitation(ctx, { ...row, ...scheduled }, invitees)),
        ],
      },
    )
  })

/**
 * The scheduled rapid review meeting's calendar invitation: to whoever may read the incident (the
 * invited agencies too), audited; 404 for anyone else, and before it is scheduled.
 */
export async function rapidReviewMeeting(ctx: ReviewsContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findIncident(trx, id) : undefined
    if (!row) throw notFound()
    const resource = await reviewResource(trx, row)
    authorize(trx, { ...caller, action: 'review.view', resource, detail: { calendar: true } })
    if (!row.rapid_review_meeting_on || !row.rapid_review_meeting_time) throw notFound()
    const invitation = rapidReviewInvitation(ctx, row, await meetingInvitees(trx, ctx, row))
    return { reference: row.reference, invitation }
  })
}

/** Who attended the rapid review meeting, of its invitees, once it has started. */
export const recordAttendance = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'attendance', async (trx, row) => {
    if (!row.rapid_review_meeting_on) throw conflict('Schedule the rapid review meeting first')
    const started = notStartedProblem(
      { date: row.rapid_review_meeting_on, time: row.rapid_review_meeting_time ?? '10:00' },
      ctx.now(),
      'The rapid review meeting',
    )
    if (started) throw conflict(started)
    const invitees = new Set(await meetingAgencies(trx, ctx, row))
    const asked = field(input, 'agencyIds')
    const outside =
      Array.isArray(asked) && asked.some((agencyId) => !invitees.has(String(agencyId)))
        ? [{ field: 'agencyIds', text: 'Select agencies invited to the meeting' }]
        : []
    const { agencyIds } = checkedInput(attendanceCheck, input, outside)
    await store.updateIncident(trx, row.id, {
      rapid_review_attended: [...new Set(agencyIds)].filter((a) => agencyOf(ctx.partnership, a)),
    })
  })
