// A calendar invitation (RFC 5545) for a strategy discussion or conference: one VEVENT, times in
// UTC so no VTIMEZONE block is needed, text escaped and lines folded at 75 octets.

import type { FastifyReply } from 'fastify'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { EmailAttachment } from '../platform/notify/email.ts'

export interface CalendarInvitation {
  uid: string
  /** Europe/London wall-clock date and time of the start. */
  date: IsoDate
  time: string
  durationMinutes: number
  summary: string
  location: string
  description: string
  url?: string
  organizer: { name: string; email: string }
  attendees: readonly { name: string; email: string }[]
  /** Bumped each time the meeting is rescheduled, so calendars replace the earlier invitation. */
  sequence: number
  stamp: Date
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** Splits a content line into lines of at most 75 octets, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = Buffer.byteLength(char)
    const limit = parts.length === 0 ? 75 : 74
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

const utcStamp = (instant: Date) => `${instant.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`

/** The instant at which it is `time` on `date` in London (GMT or BST). */
export function londonInstant(date: IsoDate, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`)
  const shown = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(guess)
  const [h, m] = shown.split(':').map(Number)
  const [wantH, wantM] = time.split(':').map(Number)
  let offsetMinutes = ((h ?? 0) - (wantH ?? 0)) * 60 + ((m ?? 0) - (wantM ?? 0))
  if (offsetMinutes < -720) offsetMinutes += 1440
  if (offsetMinutes > 720) offsetMinutes -= 1440
  return new Date(guess.getTime() - offsetMinutes * 60_000)
}

const mailto = (person: { name: string; email: string }) =>
  `CN=${quoteParam(person.name)}:mailto:${person.email}`
const quoteParam = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`

export function calendarInvitation(invite: CalendarInvitation): string {
  const start = londonInstant(invite.date, invite.time)
  const end = new Date(start.getTime() + invite.durationMinutes * 60_000)
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//masa//safeguarding meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${invite.uid}`,
    `SEQUENCE:${invite.sequence}`,
    `DTSTAMP:${utcStamp(invite.stamp)}`,
    `DTSTART:${utcStamp(start)}`,
    `DTEND:${utcStamp(end)}`,
    `SUMMARY:${escapeText(invite.summary)}`,
    `LOCATION:${escapeText(invite.location)}`,
    `DESCRIPTION:${escapeText(invite.description)}`,
    ...(invite.url ? [`URL:${invite.url}`] : []),
    `ORGANIZER;${mailto(invite.organizer)}`,
    ...invite.attendees.map(
      (a) => `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;${mailto(a)}`,
    ),
    'CLASS:CONFIDENTIAL',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}

/** A link into the service in an invitation: absolute under the service's public URL when it is given. */
export const serviceLink = (path: string, publicUrl: string | undefined) =>
  publicUrl ? new URL(path, publicUrl).href : path

const CALENDAR_TYPE = 'text/calendar; charset=utf-8; method=REQUEST'

/** Answers with the invitation as a calendar file (`<fileName>.ics`) for the reader to add to their calendar. */
export const sendCalendarInvitation = (reply: FastifyReply, fileName: string, invite: CalendarInvitation) =>
  reply
    .header('content-type', CALENDAR_TYPE)
    .header('content-disposition', `attachment; filename="${fileName}.ics"`)
    .send(calendarInvitation(invite))

/** The same invitation as a meeting's email carries it (`<fileName>.ics`), so a calendar offers to add it. */
export const calendarAttachment = (fileName: string, invite: CalendarInvitation): EmailAttachment => ({
  fileName: `${fileName}.ics`,
  contentType: CALENDAR_TYPE,
  content: calendarInvitation(invite),
})
