// The child's LA sees who is involved with a child and why, adds an agency, and ends an involvement
// with a reason. Each goes through the one policy (involvement.view, involvement.manage: the child's
// LA's own staff), audited with the child; ending keeps the involvement as history.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import { getActor, requireUser } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { accessFrom, audited, authorize } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { govukErrors } from '../platform/http/forms.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import { refusable } from './break-glass.ts'
import { endInvolvement, listInvolvements, recordInvolvements } from './involvement.ts'
import { getChildResource } from './resources.ts'
import { findChildRecord } from './store.ts'
import type { InvolvementKind } from './tables.ts'

interface Context {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

type Form = Record<string, string | undefined>
type Params = { id: string; involvementId: string }

export const INVOLVEMENT_KIND_LABELS: Readonly<Record<InvolvementKind, string>> = {
  referral: 'Made or triaged a referral (history only)',
  meeting: 'Invited to a meeting about the child',
  action: 'Owns an action',
  'shared-event': 'Sent or received a shared event',
  roll: 'On its roll',
  caseload: 'On its caseload',
  'added-by-la': 'Added by the local authority',
  'created-record': 'Created the child’s record',
  'exploitation-screening': 'Screened the child for exploitation',
  'missing-episode': 'Recorded a missing episode',
  move: 'A child moved into its area',
}

const MAX_REASON = 500

export function registerInvolvementPages(app: FastifyInstance, ctx: Context): void {
  const signedIn = { schema: { hide: true }, preHandler: requireUser }
  const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`children/views/${view}.njk`, { agencyName, kindLabels: INVOLVEMENT_KIND_LABELS, ...context })

  app.get<{ Params: { id: string } }>(
    '/children/:id/involvements',
    signedIn,
    refusable(
      ctx.partnership,
      'record',
    )(async (request: FastifyRequest<{ Params: { id: string } }>, reply) =>
      render(reply, 'involvements', await involvements(ctx, request, request.params.id)),
    ),
  )

  app.post<{ Params: { id: string }; Body: Form }>(
    '/children/:id/involvements',
    signedIn,
    async (request, reply) => {
      const form = request.body ?? {}
      const problems = addProblems(form, ctx)
      if (problems.length > 0) {
        const page = await involvements(ctx, request, request.params.id)
        return render(reply.code(400), 'involvements', { ...page, ...formContext(form, problems) })
      }
      await add(ctx, request, request.params.id, form)
      return reply.redirect(`/children/${request.params.id}/involvements?added=1`, 303)
    },
  )

  app.get<{ Params: Params }>(
    '/children/:id/involvements/:involvementId/end',
    signedIn,
    async (request, reply) =>
      render(reply, 'end-involvement', await endPage(ctx, request, request.params, {}, [])),
  )

  app.post<{ Params: Params; Body: Form }>(
    '/children/:id/involvements/:involvementId/end',
    signedIn,
    async (request, reply) => {
      const form = request.body ?? {}
      const problems = endProblems(form.reason)
      if (problems.length > 0)
        return render(
          reply.code(400),
          'end-involvement',
          await endPage(ctx, request, request.params, form, problems),
        )
      await end(ctx, request, request.params, (form.reason as string).trim())
      return reply.redirect(`/children/${request.params.id}/involvements?ended=1`, 303)
    },
  )
}

/** Every involvement with the child, current and ended, for the child's LA (audited as a read). */
async function involvements(ctx: Context, request: FastifyRequest, childId: string) {
  return audited(ctx.db, async (trx) => {
    const resource = await getChildResource(trx, childId)
    authorize(trx, { ...accessFrom(request), action: 'involvement.view', resource })
    const child = await findChildRecord(trx, childId)
    if (!child) throw new RequestError(404, 'Not found')
    const rows = await listInvolvements(trx, childId)
    return {
      child,
      current: rows.filter((row) => !row.ended_at),
      ended: rows.filter((row) => row.ended_at),
      notice: noticeFor(request.query as Form),
      partners: ctx.partnership.agencies.filter((agency) => agency.kind !== 'local-authority'),
      form: {},
    }
  })
}

function noticeFor(query: Form): string | undefined {
  if (query.ended) return 'Involvement ended. It stays in the history below.'
  if (query.added) return 'Agency added. Its staff can now open this child’s record.'
  return undefined
}

const formContext = (form: Form, problems: FieldProblem[]) => ({ form, ...govukErrors(problems) })

async function add(ctx: Context, request: FastifyRequest, childId: string, form: Form) {
  await audited(ctx.db, async (trx) => {
    const resource = await getChildResource(trx, childId)
    const agencyId = form.agencyId as string
    const reason = (form.reason as string).trim()
    const detail = { added: { agencyId, reason } }
    authorize(trx, { ...accessFrom(request), action: 'involvement.manage', resource, detail })
    const addedBy = getActor(request).id
    await recordInvolvements(trx, [{ childId, agencyId, kind: 'added-by-la', reason, addedBy }])
  })
}

async function endPage(
  ctx: Context,
  request: FastifyRequest,
  params: Params,
  form: Form,
  problems: FieldProblem[],
) {
  const { child, current } = await involvements(ctx, request, params.id)
  const involvement = current.find((row) => row.id === params.involvementId)
  if (!involvement) throw new RequestError(404, 'Not found')
  return {
    child,
    involvement,
    ...formContext(form, problems),
  }
}

async function end(ctx: Context, request: FastifyRequest, params: Params, reason: string) {
  await audited(ctx.db, async (trx) => {
    const resource = await getChildResource(trx, params.id)
    const detail = { involvementId: params.involvementId, endReason: reason }
    authorize(trx, { ...accessFrom(request), action: 'involvement.manage', resource, detail })
    const ended = await endInvolvement(trx, {
      childId: params.id,
      involvementId: params.involvementId,
      reason,
      endedBy: getActor(request).id,
      at: ctx.now(),
    })
    if (!ended) throw new RequestError(409, 'This involvement has already ended', 'involvementId')
  })
}

function reasonProblems(reason: string | undefined, missing: string): FieldProblem[] {
  const text = reason?.trim() ?? ''
  if (!text) return [{ field: 'reason', text: missing }]
  if (text.length > MAX_REASON)
    return [{ field: 'reason', text: `Reason must be ${MAX_REASON} characters or fewer` }]
  return []
}

const endProblems = (reason: string | undefined) =>
  reasonProblems(reason, 'Enter why this involvement is ending')

function addProblems(form: Form, ctx: Context): FieldProblem[] {
  const partner = ctx.partnership.agencies.some(
    (agency) => agency.id === form.agencyId && agency.kind !== 'local-authority',
  )
  return [
    ...(partner ? [] : [{ field: 'agencyId', text: 'Choose the agency to add' }]),
    ...reasonProblems(form.reason, 'Enter why this agency needs to be involved'),
  ]
}
