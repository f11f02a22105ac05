// Actions' API under /api/v1, for the owner agency's system: its actions, and closing one with
// evidence. The TypeBox schemas (schemas.ts) give the OpenAPI document.

import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { callerOf } from '../identity/index.ts'
import { IdParams } from '../platform/http/schemas.ts'
import { ActionCompletion, ActionView } from './schemas.ts'
import { type ActionsContext, actionView, completeAction, listOwnActions } from './workflow.ts'

const tags = ['Actions']

export function registerActionsApi(app: FastifyInstance, ctx: ActionsContext): void {
  app.get(
    '/api/v1/actions',
    {
      schema: {
        tags,
        description:
          'The actions the calling agency owns, agreed at meetings about children it is involved with: open ones by due date, soonest first, then those done.',
        response: { 200: Type.Array(ActionView) },
      },
    },
    async (request) => (await listOwnActions(ctx, callerOf(request))).map(actionView),
  )

  app.post(
    '/api/v1/actions/:id/completion',
    {
      schema: {
        tags,
        description: 'Closes one of the agency’s actions with evidence of what was done: once.',
        params: IdParams,
        body: ActionCompletion,
      },
    },
    async (request, reply) => {
      const { id } = request.params as Static<typeof IdParams>
      await completeAction(ctx, callerOf(request), id, request.body as ActionCompletion)
      return reply.code(204).send()
    },
  )
}
