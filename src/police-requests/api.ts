// Form 87a's JSON route for agencies' systems: ask the police for information about a child.
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { IdParams } from '../platform/http/schemas.ts'
import { PoliceRequestInput } from './schemas.ts'
import { type PoliceRequestContext, requestInformation } from './workflow.ts'

export function registerPoliceRequestApi(app: FastifyInstance, ctx: PoliceRequestContext): void {
  app.post<{ Params: IdParams; Body: PoliceRequestInput }>(
    '/api/v1/children/:id/police-requests',
    {
      schema: {
        summary: 'Ask the police force serving a child’s area for information about the child (form 87a)',
        params: IdParams,
        body: PoliceRequestInput,
        response: {
          201: Type.Object({
            id: Type.String({ format: 'uuid' }),
            childId: Type.String(),
            dueBy: Type.String({ format: 'date', description: 'the last day for the police’s answer' }),
          }),
        },
      },
    },
    async (request, reply) => {
      const row = await requestInformation(ctx, request, request.params.id, request.body)
      return reply.code(201).send({ id: row.id, childId: row.child_id, dueBy: row.due_by })
    },
  )
}
