// MACE meetings' pages: the list of upcoming and past meetings, the form that schedules one, a
// meeting's page (agenda, children discussed, attendance, minutes) and the form recording who
// attended and the minutes, each form with the GOV.UK error summary keeping what was typed.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireUser } from '../identity/index.ts'
import {
  changeOrShowAgain,
  formOf,
  listField,
  type PostedForm,
  postedFields,
  textField,
} from '../platform/http/forms.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import { AGENDA_REASONS } from './agenda.ts'
import { acknowledgeMinutes, minutesAwaiting } from './circulation.ts'
import { FlagDiscussionInput, flagToDiscuss, recordFlagDiscussion } from './flag-discussion.ts'
import { MaceMeetingInput, MEETING_FORMATS, MEETING_KINDS } from './meeting-schemas.ts'
import { meetingList, readMeeting, recordMeeting, schedulableLas, scheduleMeeting } from './meetings.ts'
import { InvalidMaceReferral, type MaceContext } from './workflow.ts'

const VIEWS = 'mace/views'
const form = formOf(MaceMeetingInput)
const flagForm = formOf(FlagDiscussionInput)
type Route = { Params: { id: string } }
type FlagRoute = { Params: { id: string; flagId: string } }

/** The record form: each ticked agency, with the person it sent. */
function readRecord(body: unknown) {
  const posted = (body ?? {}) as PostedForm
  return {
    attending: listField(posted, 'attending').map((agencyId) => ({
      agencyId,
      name: textField(posted, `name-${agencyId}`) ?? '',
    })),
    minutes: textField(posted, 'minutes') ?? '',
    ...(textField(posted, 'actionsAgreed') ? { actionsAgreed: textField(posted, 'actionsAgreed') } : {}),
  }
}

export function registerMeetingPages(app: FastifyInstance, ctx: MaceContext): void {
  const page = { schema: { hide: true }, preHandler: requireUser }
  const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  const laName = (id: string | null) =>
    id === null
      ? 'The whole partnership'
      : (ctx.partnership.local_authorities.find((la) => la.id === id)?.name ?? id)
  const renderNew = (
    reply: FastifyReply,
    request: Parameters<typeof schedulableLas>[1],
    values = {},
    errors = {},
  ) =>
    reply.view(`${VIEWS}/meeting-new.njk`, {
      las: schedulableLas(ctx, request),
      formats: MEETING_FORMATS,
      kinds: MEETING_KINDS,
      form: values,
      ...errors,
    })

  app.get('/mace/meetings', page, async (request, reply) =>
    reply.view(`${VIEWS}/meetings.njk`, {
      ...(await meetingList(ctx, request)),
      awaiting: await minutesAwaiting(ctx, request),
      laName,
      agencyName,
      formats: MEETING_FORMATS,
      kinds: MEETING_KINDS,
    }),
  )
  app.get('/mace/meetings/new', page, async (request, reply) => renderNew(reply, request))
  app.post('/mace/meetings', page, async (request, reply) => {
    try {
      const meeting = await scheduleMeeting(ctx, request, form.read(request.body))
      return reply.redirect(`/mace/meetings/${meeting.id}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidMaceReferral)) throw error
      return renderNew(reply.code(400), request, postedFields(request.body), form.errors(error.problems))
    }
  })
  const renderMeeting = async (
    reply: FastifyReply,
    request: Parameters<typeof readMeeting>[1],
    id: string,
    view: string,
    extra: object = {},
  ) =>
    reply.view(`${VIEWS}/${view}`, {
      ...(await readMeeting(ctx, request, id)),
      laName,
      agencyName,
      formats: MEETING_FORMATS,
      kinds: MEETING_KINDS,
      reasons: AGENDA_REASONS,
      ...extra,
    })
  app.get<Route>('/mace/meetings/:id', page, async (request, reply) =>
    renderMeeting(reply, request, request.params.id, 'meeting.njk'),
  )
  app.get<Route>('/mace/meetings/:id/record', page, async (request, reply) => {
    const read = await readMeeting(ctx, request, request.params.id)
    const values: Record<string, unknown> = {
      minutes: read.meeting.minutes ?? '',
      actionsAgreed: read.meeting.actions_agreed ?? '',
    }
    for (const a of read.attendance) values[`name-${a.agency_id}`] = a.attendee_name ?? ''
    return renderMeeting(reply, request, request.params.id, 'meeting-record.njk', {
      form: values,
      ticked: read.attendance.map((a) => a.agency_id),
    })
  })
  app.post<Route>('/mace/meetings/:id/record', page, async (request, reply) => {
    const id = request.params.id
    try {
      await recordMeeting(ctx, request, id, readRecord(request.body))
      return reply.redirect(`/mace/meetings/${id}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidMaceReferral)) throw error
      return renderMeeting(reply.code(400), request, id, 'meeting-record.njk', {
        form: postedFields(request.body),
        ticked: listField((request.body ?? {}) as PostedForm, 'attending'),
        ...form.errors(error.problems),
      })
    }
  })
  app.post<Route>('/mace/meetings/:id/acknowledgement', page, async (request, reply) => {
    await acknowledgeMinutes(ctx, request, request.params.id)
    return reply.redirect(`/mace/meetings/${request.params.id}`, 303)
  })

  const renderFlag = async (
    request: FastifyRequest<FlagRoute>,
    reply: FastifyReply,
    values: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) =>
    reply.view(`${VIEWS}/flag-discussion.njk`, {
      ...(await flagToDiscuss(ctx, request, request.params.id, request.params.flagId)),
      form: values,
      ...flagForm.errors(problems),
    })
  const flagPath = '/mace/meetings/:id/flags/:flagId'
  app.get<FlagRoute>(flagPath, page, async (request, reply) => renderFlag(request, reply))
  app.post<FlagRoute>(flagPath, page, async (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        const { id, flagId } = request.params
        await recordFlagDiscussion(ctx, request, id, flagId, flagForm.read(request.body))
        return `/mace/meetings/${id}`
      },
      ({ form: values, problems }) => renderFlag(request, reply, values, problems),
    ),
  )
}
