// The moderation meeting of a programme's round on the meetings block, as use cases (each one audited
// transaction through the guard): booking it, or booking it again (the auditing agencies' safeguarding
// managers emailed with the calendar invitation attached), its calendar file for the leads and for
// whoever may read a case of the round, and which agencies attended once it has started. Each case's
// moderated outcome is then recorded at it (workflow.ts `moderate` takes its date and attendance).

import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { emailOfPerson, holdersOfRoles } from '../identity/index.ts'
import {
  agencyName,
  agencyOf,
  type CalendarInvitation,
  calendarAttachment,
  type Invitee,
  notStartedProblem,
  queueMeetingEmails,
  serviceLink,
} from '../meetings/index.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, isUuid } from '../platform/http/schemas.ts'
import { meetingAttendanceCheck, meetingCheck } from './schemas.ts'
import * as store from './store.ts'
import { type CaseAuditsContext, caseResource } from './workflow.ts'

const PARTNERSHIP = { kind: 'partnership' } as const
const notFound = () => new RequestError(404, 'Not found')
const conflict = (text: string) => new RequestError(409, text)
const field = (input: unknown, name: string) => (input as Record<string, unknown> | null)?.[name]
const ISO = /^\d{4}-\d{2}-\d{2}$/

const roundWords = (round: number) => (round === 1 ? 'the audit' : 'the re-audit')
const started = (meeting: store.MeetingRow, now: Date) =>
  notStartedProblem({ date: meeting.meets_on, time: meeting.starts_at }, now, 'The moderation meeting')

/** The people to invite: the safeguarding managers of the programme's auditing agencies. */
async function invitees(trx: Transaction<DB>, ctx: CaseAuditsContext, programme: store.ProgrammeRow) {
  const people = await holdersOfRoles(trx, {
    roles: ['safeguarding-manager'],
    agencyIds: programme.agency_ids,
  })
  return people.flatMap((person): Invitee[] => {
    const agency = agencyOf(ctx.partnership, person.agencyId)
    return agency
      ? [{ agencyId: agency.id, agencyKind: agency.kind, name: person.name, email: person.email }]
      : []
  })
}

/** The people a booked meeting invited, as its calendar invitation lists them. */
const invited = async (trx: Transaction<DB>, meeting: store.MeetingRow) =>
  (await store.invitationsOf(trx, [meeting.id])).map((i) => ({
    agencyId: i.agency_id,
    email: i.invitee_email,
  }))

/**
 * The meeting's calendar invitation, the same in its email and its download: one UID per meeting,
 * SEQUENCE the times it was booked again. Its words are the programme's reference, the place and a
 * link, never a child.
 */
function invitation(
  ctx: CaseAuditsContext,
  programme: store.ProgrammeRow,
  meeting: store.MeetingRow,
  people: readonly { agencyId: string; email: string }[],
): CalendarInvitation {
  return {
    uid: `case-audit-moderation-${meeting.id}@masa`,
    date: meeting.meets_on,
    time: meeting.starts_at,
    durationMinutes: 180,
    summary: `Case audit ${programme.reference}: moderation of ${roundWords(meeting.round)}`,
    location: meeting.place,
    description: `Moderation meeting of case audit ${programme.reference}: ${serviceLink('/case-audits', ctx.publicUrl)}`,
    organizer: { name: meeting.organizer_name, email: meeting.organizer_email },
    attendees: people.map((person) => ({
      name: agencyName(ctx.partnership, person.agencyId),
      email: person.email,
    })),
    sequence: meeting.scheduled - 1,
    stamp: ctx.now(),
  }
}

async function programmeFor(trx: Transaction<DB>, id: string) {
  const programme = isUuid(id) ? await store.lockProgramme(trx, id) : undefined
  if (!programme) throw notFound()
  return programme
}

/**
 * A lead books the moderation meeting of a round (today or later), or books it again before any case
 * is moderated at it: the auditing agencies' safeguarding managers are emailed with the `.ics`.
 */
export const bookMeeting = (ctx: CaseAuditsContext, caller: Caller, programmeId: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...caller,
      action: 'case-audit.manage',
      resource: PARTNERSHIP,
      detail: { programmeId, step: 'moderation meeting' },
    })
    const programme = await programmeFor(trx, programmeId)
    const day = field(input, 'meetsOn')
    const past =
      typeof day === 'string' && ISO.test(day) && day < toIsoDate(ctx.now())
        ? [{ field: 'meetsOn', text: 'Enter a date that is today or in the future' }]
        : []
    const round = field(input, 'round')
    const unopened =
      (round === '1' || round === '2') && !(await store.roundOpened(trx, programme.id, Number(round)))
        ? [{ field: 'round', text: round === '1' ? 'Draw the sample first' : 'Start a re-audit first' }]
        : []
    const m = checkedInput(meetingCheck, input, [...past, ...unopened])
    const current = await store.meetingOf(trx, programme.id, Number(m.round))
    if (current && (await store.moderatedAt(trx, current.id)))
      throw conflict('Cases have been moderated at this meeting: it can no longer be moved')
    const { actor } = caller
    const meeting = await store.bookMeeting(trx, {
      programmeId: programme.id,
      round: Number(m.round),
      meetsOn: m.meetsOn,
      startsAt: m.startsAt,
      place: m.place.trim(),
      organizer: {
        name: actor.displayName,
        email: (await emailOfPerson(trx, `${actor.kind}:${actor.id}`)) ?? 'case-audits@masa.invalid',
      },
      at: ctx.now(),
    })
    const people = await invitees(trx, ctx, programme)
    await store.replaceInvitations(trx, meeting.id, people, ctx.now())
    await queueMeetingEmails(
      trx,
      people.map((person) => person.email),
      {
        templateId: 'case-audit-moderation-meeting',
        reference: programme.reference,
        fields: {
          date: govukDate(meeting.meets_on),
          time: meeting.starts_at,
          place: meeting.place,
          link: '/case-audits',
        },
        attachments: [
          calendarAttachment(
            `${programme.reference}-moderation`,
            invitation(ctx, programme, meeting, people),
          ),
        ],
      },
    )
    return meeting
  })

/** Which of the auditing agencies attended, once the meeting has started. */
export const recordAttendance = (
  ctx: CaseAuditsContext,
  caller: Caller,
  programmeId: string,
  input: unknown,
) =>
  audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...caller,
      action: 'case-audit.manage',
      resource: PARTNERSHIP,
      detail: { programmeId, step: 'moderation attendance' },
    })
    const programme = await programmeFor(trx, programmeId)
    const asked = field(input, 'agencyIds')
    const outside: FieldProblem[] =
      Array.isArray(asked) && asked.some((id) => !programme.agency_ids.includes(String(id)))
        ? [{ field: 'agencyIds', text: 'Select agencies invited to the meeting' }]
        : []
    const a = checkedInput(meetingAttendanceCheck, input, outside)
    const meeting = await store.meetingOf(trx, programme.id, Number(a.round))
    if (!meeting) throw conflict('Book the moderation meeting first')
    const notYet = started(meeting, ctx.now())
    if (notYet) throw conflict(notYet)
    if (await store.moderatedAt(trx, meeting.id))
      throw conflict('Cases have been moderated at this meeting: its attendance is kept as it was')
    await store.recordMeetingAttendance(
      trx,
      meeting.id,
      [...new Set(a.agencyIds)],
      ctx.now(),
      caller.actor.displayName,
    )
  })

/** The calendar file of a round's meeting, for the leads (audited); 404 before it is booked. */
export const programmeMeetingInvitation = (
  ctx: CaseAuditsContext,
  caller: Caller,
  programmeId: string,
  round: string | undefined,
) =>
  audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...caller,
      action: 'case-audit.manage',
      resource: PARTNERSHIP,
      detail: { programmeId, calendar: true },
    })
    const programme = isUuid(programmeId) ? await store.findProgramme(trx, programmeId) : undefined
    const meeting = programme && (await store.meetingOf(trx, programme.id, round === '2' ? 2 : 1))
    if (!programme || !meeting) throw notFound()
    return {
      fileName: `${programme.reference}-moderation`,
      invitation: invitation(ctx, programme, meeting, await invited(trx, meeting)),
    }
  })

/** The calendar file of the meeting moderating a case's open round, for whoever may read the case (audited). */
export const caseMeetingInvitation = (ctx: CaseAuditsContext, caller: Caller, caseId: string) =>
  audited(ctx.db, async (trx) => {
    const row = isUuid(caseId) ? await store.findCase(trx, caseId) : undefined
    if (!row) throw notFound()
    const resource = await caseResource(trx, row, ctx.now())
    authorize(trx, { ...caller, action: 'case-audit.view', resource, detail: { calendar: true } })
    const programme = await store.findProgramme(trx, row.programme_id)
    const meeting = await store.meetingOf(trx, row.programme_id, row.round)
    if (!programme || !meeting) throw notFound()
    return {
      fileName: `${programme.reference}-moderation`,
      invitation: invitation(ctx, programme, meeting, await invited(trx, meeting)),
    }
  })

/** Whether the meeting has started by now (its attendance, then the cases' outcomes, can be recorded). */
export const meetingStarted = (meeting: store.MeetingRow, now: Date) => started(meeting, now) === null
