// MACE meetings' pages: the list of upcoming and past meetings, the form that schedules one, a
// meeting's page (agenda, children discussed, attendance, minutes) and the form recording who
// attended and the minutes, each form with the GOV.UK error summary keeping what was typed.

import type { FastifyInstance, FastifyReply } from 'fastify'
import { requireUser } from '../identity/index.ts'
import { formOf, listField, type PostedForm, postedFields, textField } from '../platform/http/forms.ts'
import { MaceMeetingInput, MEETING_FORMATS } from './meeting-schemas.ts'
import { meetingList, readMeeting, recordMeeting, schedulableLas, scheduleMeeting } from './meetings.ts'
import { InvalidMaceReferral, type MaceContext } from './workflow.ts'

const VIEWS = 'mace/views'
const form = formOf(MaceMeetingInput)
type Route = { Params: { id: string } }

/** The record form: each ticked agency, with the person it sent. */
function readRecord(body: unknown) {
  const posted = (body ?? {}) as PostedForm
  return {
    attending: listField(posted, 'attending').map((agencyId) => ({
      agencyId,
      name: textField(posted, `name-${agencyId}`) ?? '',
    })),
    minutes: textField(posted, 'minutes') ?? '',
  }
}

export function registerMeetingPages(app: FastifyInstance, ctx: MaceContext): void {
  const page = { schema: { hide: true }, preHandler: requireUser }
  const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  const laName = (id: string) => ctx.partnership.local_authorities.find((la) => la.id === id)?.name ?? id
  const renderNew = (
    reply: FastifyReply,
    request: Parameters<typeof schedulableLas>[1],
    values = {},
    errors = {},
  ) =>
    reply.view(`${VIEWS}/meeting-new.njk`, {
      las: schedulableLas(ctx, request),
      formats: MEETING_FORMATS,
      form: values,
      ...errors,
    })

  app.get('/mace/meetings', page, async (request, reply) =>
    reply.view(`${VIEWS}/meetings.njk`, {
      ...(await meetingList(ctx, request)),
      laName,
      formats: MEETING_FORMATS,
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
      ...extra,
    })
  app.get<Route>('/mace/meetings/:id', page, async (request, reply) =>
    renderMeeting(reply, request, request.params.id, 'meeting.njk'),
  )
  app.get<Route>('/mace/meetings/:id/record', page, async (request, reply) => {
    const read = await readMeeting(ctx, request, request.params.id)
    const values: Record<string, unknown> = { minutes: read.meeting.minutes ?? '' }
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
}
