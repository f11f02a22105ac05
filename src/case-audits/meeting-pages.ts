// The moderation meeting's web routes and how the programme's and case's pages show it: booking it
// (or again), recording who attended, and its calendar file for the leads and for whoever may read a
// case of its round. Every read and change goes through meeting.ts (audited, decided by the policy).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { agencyName, sendCalendarInvitation } from '../meetings/index.ts'
import { formOf, postedFields } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import {
  bookMeeting,
  caseMeetingInvitation,
  meetingStarted,
  programmeMeetingInvitation,
  recordAttendance,
} from './meeting.ts'
import { MeetingAttendanceInput, MeetingInput } from './schemas.ts'
import type { MeetingRow } from './store.ts'
import { attendedWords, type CaseAuditsContext, type ProgrammeFile } from './workflow.ts'

type Id = { Params: { id: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
export const meetingForm = formOf(MeetingInput)
export const attendanceForm = formOf(MeetingAttendanceInput)

type ShowProgramme = (
  request: FastifyRequest<Id>,
  reply: FastifyReply,
  posted: { step?: string; form?: Record<string, string>; problems?: readonly FieldProblem[] },
) => Promise<unknown>

/** A booked meeting in words: when, where, how often booked, who attended. */
export const meetingWords = (ctx: CaseAuditsContext, meeting: MeetingRow) => ({
  meetsOn: meeting.meets_on,
  startsAt: meeting.starts_at,
  place: meeting.place,
  rebooked: meeting.scheduled > 1,
  started: meetingStarted(meeting, ctx.now()),
  attended: meeting.attended_agency_ids ? attendedWords(ctx.partnership, meeting) || 'None' : undefined,
})

/** The programme's rounds open to moderation, each with its meeting (if booked) and the agencies to mark. */
export function programmeMeetings(ctx: CaseAuditsContext, file: ProgrammeFile) {
  if (!file.programme.sampled_at) return []
  const rounds = file.cases.some((c) => c.row.round === 2) ? [1, 2] : [1]
  const latest = rounds.at(-1)
  return rounds.map((round) => {
    const meeting = file.meetings.find((m) => m.round === round)
    return {
      round,
      // One form of each kind on the page (their fields' ids are the error summary's targets): the
      // latest round's. An earlier round's meeting has its attendance by the time a case is re-audited.
      forms: round === latest,
      name: round === 1 ? 'The audit' : 'The re-audit',
      ...(meeting ? { meeting: meetingWords(ctx, meeting) } : {}),
      invited: file.invitations
        .filter((i) => i.meeting_id === meeting?.id)
        .map((i) => `${i.invitee_name} (${agencyName(ctx.partnership, i.agency_id)})`),
      agencies: file.programme.agency_ids.map((id) => ({
        value: id,
        text: agencyName(ctx.partnership, id),
        checked: meeting?.attended_agency_ids?.includes(id) ?? false,
      })),
    }
  })
}

export function registerMeetingRoutes(
  app: FastifyInstance,
  ctx: CaseAuditsContext,
  showProgramme: ShowProgramme,
) {
  const steps = {
    meeting: { read: meetingForm.read, run: bookMeeting, path: 'moderation-meeting' },
    attendance: { read: attendanceForm.read, run: recordAttendance, path: 'moderation-meeting/attendance' },
  } as const
  for (const [step, { read, run, path }] of Object.entries(steps))
    app.post<Id>(`/case-audits/programmes/:id/${path}`, signedIn, async (request, reply) => {
      try {
        await run(ctx, callerOf(request), request.params.id, read(request.body))
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error
        return showProgramme(request, reply.code(400), {
          step,
          form: postedFields(request.body),
          problems: error.problems,
        })
      }
      return reply.redirect(
        `/case-audits/programmes/${request.params.id}?done=${step}#moderation-meeting`,
        303,
      )
    })

  app.get<Id>('/case-audits/programmes/:id/moderation-meeting.ics', signedIn, async (request, reply) => {
    const round = (request.query as Record<string, string | undefined>).round
    const { fileName, invitation } = await programmeMeetingInvitation(
      ctx,
      callerOf(request),
      request.params.id,
      round,
    )
    return sendCalendarInvitation(reply, fileName, invitation)
  })
  app.get<Id>('/case-audits/cases/:id/moderation-meeting.ics', signedIn, async (request, reply) => {
    const { fileName, invitation } = await caseMeetingInvitation(ctx, callerOf(request), request.params.id)
    return sendCalendarInvitation(reply, fileName, invitation)
  })
}
