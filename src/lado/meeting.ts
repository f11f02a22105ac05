// Allegation management meetings on the meetings block, as use cases (each one audited transaction
// through the guard): the LADO books one (its invitees emailed with the calendar invitation
// attached), its calendar file for whoever reads that meeting, and its record once it has started
// (who of those invited attended, and what was agreed).

import {
  agenciesServing,
  type CalendarInvitation,
  calendarAttachment,
  checkInvitees,
  inviteeFormField,
  notStartedProblem,
  queueMeetingEmails,
  serviceLink,
} from '../meetings/index.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, InvalidInput, isUuid } from '../platform/http/schemas.ts'
import { type MeetingBooking, meetingBookingCheck, meetingRecordCheck } from './schemas.ts'
import * as store from './store.ts'
import { allegationResource, byName, type LadoContext, meetingsFor, recordStep } from './workflow.ts'

/** The agencies a LADO may invite: those serving the allegation's LA (its police and social care among them). */
export const invitableAgencies = (ctx: LadoContext, laId: string) => agenciesServing(ctx.partnership, laId)

/**
 * The meeting's calendar invitation, the same in its emails and its download: one UID per meeting.
 * Its words are the allegation's reference, the place and a link, never the adult, the children or
 * what happened.
 */
function ladoInvitation(
  ctx: LadoContext,
  allegation: { id: string; reference: string },
  meeting: Pick<
    store.MeetingRow,
    'id' | 'held_on' | 'meeting_time' | 'location' | 'booked_by_name' | 'booked_by_email'
  >,
  invitees: readonly { invitee_name: string; invitee_email: string }[],
): CalendarInvitation {
  return {
    uid: `lado-meeting-${meeting.id}@masa`,
    date: meeting.held_on,
    time: meeting.meeting_time ?? '10:00',
    durationMinutes: 90,
    summary: `Allegation management meeting ${allegation.reference}`,
    location: meeting.location ?? '',
    description: `Allegation management meeting on ${allegation.reference}: ${serviceLink(`/lado/allegations/${allegation.id}`, ctx.publicUrl)}`,
    organizer: { name: meeting.booked_by_name ?? '', email: meeting.booked_by_email ?? '' },
    attendees: invitees
      .map((i) => ({ name: i.invitee_name, email: i.invitee_email }))
      .sort((a, b) => a.email.localeCompare(b.email)),
    sequence: 0,
    stamp: ctx.now(),
  }
}

/** What is wrong with a booking beyond its shape: a day gone by, an agency not serving the LA, an address. */
function bookingProblems(ctx: LadoContext, laId: string, booking: Partial<MeetingBooking>) {
  const requested = Array.isArray(booking.invitees) ? booking.invitees : []
  const { invitees, problems } = checkInvitees(ctx.partnership, laId, requested)
  const past: FieldProblem[] =
    typeof booking.date === 'string' && booking.date < toIsoDate(ctx.now())
      ? [{ field: 'date', text: 'Enter a date from today: a meeting is booked before it is held' }]
      : []
  const named = inviteeFormField(requested)
  const all = [...meetingBookingCheck.problems(booking), ...past, ...problems]
  return { invitees, problems: all.map((p) => ({ ...p, field: named(p.field) })) }
}

/** The LADO books a meeting: its invitees are emailed with the calendar invitation attached. */
export const bookMeeting = (ctx: LadoContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'meeting-booked', async (trx, row, at) => {
    const { invitees, problems } = bookingProblems(ctx, row.la_id, input as Partial<MeetingBooking>)
    if (problems.length > 0 || !meetingBookingCheck.fits(input)) throw new InvalidInput(problems)
    const booking = input
    const by = { name: byName(caller), email: (await store.userEmail(trx, caller.actor.id)) ?? '' }
    const meetingId = await store.insertMeeting(trx, row.id, { ...booking, invitees, at, by })
    const meeting = {
      id: meetingId,
      held_on: booking.date,
      meeting_time: booking.time,
      location: booking.location,
      booked_by_name: by.name,
      booked_by_email: by.email,
    }
    const invited = invitees.map((i) => ({ invitee_name: i.name, invitee_email: i.email }))
    await queueMeetingEmails(
      trx,
      invitees.map((i) => i.email),
      {
        templateId: 'lado-meeting-invitation',
        reference: row.reference,
        fields: {
          date: booking.date,
          time: booking.time,
          location: booking.location,
          link: `/lado/allegations/${row.id}`,
          calendar_link: `/lado/allegations/${row.id}/meetings/${meetingId}/invitation.ics`,
        },
        attachments: [calendarAttachment(row.reference, ladoInvitation(ctx, row, meeting, invited))],
      },
    )
    return meetingId
  })

/**
 * A booked meeting's calendar invitation: for whoever reads that meeting (the LADO, the scrutineer,
 * the agencies invited to it), audited; 404 for anyone else.
 */
export async function meetingCalendar(ctx: LadoContext, caller: Caller, id: string, meetingId: string) {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findAllegation(trx, id) : undefined
    if (!row) throw new RequestError(404, 'Not found')
    const resource = await allegationResource(trx, row)
    const detail = { meetingId, calendar: true }
    const permit = authorize(trx, { ...caller, action: 'allegation.view', resource, detail })
    const meeting = (await meetingsFor(trx, caller, row.id, permit.basis)).find((m) => m.id === meetingId)
    if (!meeting?.booked_at) throw new RequestError(404, 'Not found')
    const invitations = await store.invitationsOf(trx, [meeting.id])
    return { reference: row.reference, invitation: ladoInvitation(ctx, row, meeting, invitations) }
  })
}

/** Once the meeting has started, the LADO records who of those invited attended and what was agreed (once). */
export const recordMeetingHeld = (
  ctx: LadoContext,
  caller: Caller,
  id: string,
  meetingId: string,
  input: unknown,
) =>
  recordStep(ctx, caller, id, 'meeting-record', async (trx, row, at) => {
    const meeting = isUuid(meetingId) ? await store.lockMeeting(trx, row.id, meetingId) : undefined
    if (!meeting?.booked_at) throw new RequestError(404, 'Not found')
    if (meeting.recorded_at) throw new RequestError(409, 'The meeting’s record is already written')
    const started = notStartedProblem(
      { date: meeting.held_on, time: meeting.meeting_time ?? '00:00' },
      at,
      'The meeting',
    )
    if (started) throw new RequestError(409, started)
    const invited = new Set((await store.invitationsOf(trx, [meeting.id])).map((i) => i.agency_id))
    const asked = (input as { attendedAgencyIds?: unknown })?.attendedAgencyIds
    const outside =
      Array.isArray(asked) && asked.some((agencyId) => !invited.has(String(agencyId)))
        ? [{ field: 'attendedAgencyIds', text: 'Select agencies invited to the meeting' }]
        : []
    const record = checkedInput(meetingRecordCheck, input, outside)
    await store.writeMeetingRecord(trx, meeting.id, {
      attendedAgencyIds: [...new Set(record.attendedAgencyIds ?? [])],
      minutes: record.minutes,
      at,
      byName: byName(caller),
    })
  })
