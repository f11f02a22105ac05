// MACE's pages: the form that refers a child (from a screening, or directly; the GOV.UK error summary
// keeping what was typed) and the MACE list for the next meeting.

import type { FastifyInstance, FastifyReply } from 'fastify'
import { requireUser } from '../identity/index.ts'
import { formOf, postedFields } from '../platform/http/forms.ts'
import { MaceReferralInput } from './schemas.ts'
import { childToRefer, InvalidMaceReferral, type MaceContext, maceList, referToMace } from './workflow.ts'

const VIEWS = 'mace/views'
const form = formOf(MaceReferralInput)
type ChildRoute = { Params: { id: string }; Querystring: { screening?: string } }

export function registerMacePages(app: FastifyInstance, ctx: MaceContext): void {
  const page = { schema: { hide: true }, preHandler: requireUser }
  const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  app.get('/mace', page, async (request, reply) =>
    reply.view(`${VIEWS}/list.njk`, { referrals: await maceList(ctx, request), agencyName }),
  )
  app.get<ChildRoute>('/children/:id/mace-referrals/new', page, async (request, reply) =>
    renderForm(reply, await childToRefer(ctx, request, request.params.id), {
      screeningId: request.query.screening ?? '',
    }),
  )
  app.post<ChildRoute>('/children/:id/mace-referrals', page, async (request, reply) => {
    const childId = request.params.id
    try {
      await referToMace(ctx, request, childId, form.read(request.body))
      return reply.redirect(`/children/${childId}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidMaceReferral)) throw error
      const child = await childToRefer(ctx, request, childId)
      return renderForm(reply.code(400), child, postedFields(request.body), form.errors(error.problems))
    }
  })
}

function renderForm(
  reply: FastifyReply,
  child: { childId: string; name: string },
  values: Record<string, string>,
  errors = {},
) {
  return reply.view(`${VIEWS}/refer.njk`, { child, form: values, ...errors })
}
