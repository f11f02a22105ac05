// Strategy discussions' API under /api/v1: the same steps as the pages (workflow/), described by
// the TypeBox schemas (schemas.ts) that also give the OpenAPI document.

import type { Static } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf } from '../identity/index.ts'
import { InvitationReplyBody } from '../meetings/index.ts'
import type { Caller } from '../platform/access/guard.ts'
import { IdParams } from '../platform/http/schemas.ts'
import { recordDocument } from './rules/record-document.ts'
import {
  type ContributionInput,
  type ScheduleRequest,
  StrategyContribution,
  StrategyRecord,
  StrategyRequest,
  StrategySchedule,
} from './schemas.ts'
import type { ChildProtectionContext } from './workflow/context.ts'
import * as workflow from './workflow/strategy-discussion.ts'

const Id = IdParams

const tags = ['Strategy discussions']

/** A step on one discussion, taken by the caller with the request's body: 204 once it is done. */
const step =
  <Body>(take: (caller: Caller, id: string, body: Body) => Promise<unknown>) =>
  async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as Static<typeof Id>
    await take(callerOf(request), id, request.body as Body)
    return reply.code(204).send()
  }

export function registerStrategyApi(app: FastifyInstance, ctx: ChildProtectionContext): void {
  const base = '/api/v1/strategy-discussions'

  app.post(base, { schema: { tags, body: StrategyRequest } }, async (request, reply) => {
    const caller = callerOf(request)
    const body = request.body as StrategyRequest
    const id =
      'referralId' in body
        ? await workflow.requestFromReferral(ctx, caller, body.referralId)
        : await workflow.requestDirect(ctx, caller, body)
    return reply.code(201).send({ id })
  })

  app.get(`${base}/:id`, { schema: { tags, params: Id } }, async (request) => {
    const { id } = request.params as Static<typeof Id>
    const file = await workflow.readFile(ctx, callerOf(request), id)
    return recordDocument(file, ctx.partnership)
  })

  app.put(
    `${base}/:id/schedule`,
    { schema: { tags, params: Id, body: StrategySchedule } },
    step<ScheduleRequest>((caller, id, body) => workflow.schedule(ctx, caller, id, body)),
  )

  app.post(
    `${base}/:id/replies`,
    { schema: { tags, params: Id, body: InvitationReplyBody } },
    step<Static<typeof InvitationReplyBody>>((caller, id, body) =>
      workflow.reply(ctx, caller, id, body.agencyId, body.reply),
    ),
  )

  app.put(
    `${base}/:id/contribution`,
    { schema: { tags, params: Id, body: StrategyContribution } },
    step<ContributionInput>((caller, id, body) => workflow.contribute(ctx, caller, id, body)),
  )

  app.put(
    `${base}/:id/record`,
    { schema: { tags, params: Id, body: StrategyRecord } },
    step<StrategyRecord>((caller, id, body) => workflow.saveRecord(ctx, caller, id, body)),
  )

  app.post(
    `${base}/:id/sign-off`,
    { schema: { tags, params: Id } },
    step((caller, id) => workflow.signOff(ctx, caller, id)),
  )

  app.post(
    `${base}/:id/acknowledgements`,
    { schema: { tags, params: Id } },
    step((caller, id) => workflow.acknowledge(ctx, caller, id)),
  )
}
