// The child's LA sees who is involved with a child and why, and ends an involvement with a reason.
// Both go through the one policy (involvement.view, involvement.end: the child's LA's own staff),
// audited with the child; ending keeps the involvement as history.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { getActor, requireUser } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { accessFrom, audited, authorize, getChildResource } from '../platform/access/guard.ts'
import type { DB } from '../platform/db/schema.ts'
import { RequestError } from '../platform/http/errors.ts'
import { endInvolvement, listInvolvements } from './involvement.ts'
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
}

const MAX_REASON = 500

export function registerInvolvementPages(app: FastifyInstance, ctx: Context): void {
  const signedIn = { schema: { hide: true }, preHandler: requireUser }
  const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`children/views/${view}.njk`, { agencyName, kindLabels: INVOLVEMENT_KIND_LABELS, ...context })

  app.get<{ Params: { id: string } }>('/children/:id/involvements', signedIn, async (request, reply) =>
    render(reply, 'involvements', await involvements(ctx, request, request.params.id)),
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
      notice: (request.query as Form).ended ? 'Involvement ended. It stays in the history below.' : undefined,
    }
  })
}

async function endPage(
  ctx: Context,
  request: FastifyRequest,
  params: Params,
  form: Form,
  problems: Problem[],
) {
  const { child, current } = await involvements(ctx, request, params.id)
  const involvement = current.find((row) => row.id === params.involvementId)
  if (!involvement) throw new RequestError(404, 'Not found')
  return {
    child,
    involvement,
    form,
    errors: problems.map((problem) => ({ text: problem.text, href: '#reason' })),
    fieldErrors: Object.fromEntries(problems.map((problem) => [problem.field, { text: problem.text }])),
  }
}

async function end(ctx: Context, request: FastifyRequest, params: Params, reason: string) {
  await audited(ctx.db, async (trx) => {
    const resource = await getChildResource(trx, params.id)
    const detail = { involvementId: params.involvementId, endReason: reason }
    authorize(trx, { ...accessFrom(request), action: 'involvement.end', resource, detail })
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

interface Problem {
  field: 'reason'
  text: string
}

function endProblems(reason: string | undefined): Problem[] {
  const text = reason?.trim() ?? ''
  if (!text) return [{ field: 'reason', text: 'Enter why this involvement is ending' }]
  if (text.length > MAX_REASON)
    return [{ field: 'reason', text: `Reason must be ${MAX_REASON} characters or fewer` }]
  return []
}
