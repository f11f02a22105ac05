// Form 87a's pages: the request form on a child (the GOV.UK error summary keeping what was typed),
// the police's queue, the requester's own requests, and a request's page with the police's answer
// form (disclose or refuse with the reason).

import type { FastifyInstance, FastifyReply } from 'fastify'
import { requireUser } from '../identity/index.ts'
import { formOf, postedFields } from '../platform/http/forms.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { LAWFUL_BASES, OUTCOMES, PoliceAnswerInput, PoliceRequestInput } from './schemas.ts'
import {
  answerRequest,
  childToAsk,
  type PoliceRequestContext,
  policeQueue,
  readRequest,
  requestInformation,
  requestsMade,
} from './workflow.ts'

const VIEWS = 'police-requests/views'
const requestForm = formOf(PoliceRequestInput)
const answerForm = formOf(PoliceAnswerInput)
type Route = { Params: { id: string } }

export function registerPoliceRequestPages(app: FastifyInstance, ctx: PoliceRequestContext): void {
  const page = { schema: { hide: true }, preHandler: requireUser }
  const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  const shared = { agencyName, lawfulBases: LAWFUL_BASES, outcomes: OUTCOMES }

  const renderNew = async (
    reply: FastifyReply,
    request: Parameters<typeof childToAsk>[1],
    form = {},
    errors = {},
  ) =>
    reply.view(`${VIEWS}/new.njk`, {
      child: await childToAsk(ctx, request, (request.params as { id: string }).id),
      ...shared,
      form,
      ...errors,
    })
  app.get<Route>('/children/:id/police-requests/new', page, async (request, reply) =>
    renderNew(reply, request),
  )
  app.post<Route>('/children/:id/police-requests', page, async (request, reply) => {
    try {
      const row = await requestInformation(ctx, request, request.params.id, requestForm.read(request.body))
      return reply.redirect(`/police-requests/${row.id}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return renderNew(
        reply.code(400),
        request,
        postedFields(request.body),
        requestForm.errors(error.problems),
      )
    }
  })

  app.get('/police-requests', page, async (request, reply) =>
    reply.view(`${VIEWS}/queue.njk`, { ...(await policeQueue(ctx, request)), ...shared }),
  )
  app.get('/police-requests/mine', page, async (request, reply) =>
    reply.view(`${VIEWS}/mine.njk`, { requests: await requestsMade(ctx, request), ...shared }),
  )

  const renderRequest = async (
    reply: FastifyReply,
    request: Parameters<typeof readRequest>[1],
    id: string,
    form = {},
    errors = {},
  ) =>
    reply.view(`${VIEWS}/request.njk`, {
      ...(await readRequest(ctx, request, id)),
      ...shared,
      form,
      ...errors,
    })
  app.get<Route>('/police-requests/:id', page, async (request, reply) =>
    renderRequest(reply, request, request.params.id),
  )
  app.post<Route>('/police-requests/:id/answer', page, async (request, reply) => {
    try {
      await answerRequest(ctx, request, request.params.id, answerForm.read(request.body))
      return reply.redirect(`/police-requests/${request.params.id}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return renderRequest(
        reply.code(400),
        request,
        request.params.id,
        postedFields(request.body),
        answerForm.errors(error.problems),
      )
    }
  })
}
