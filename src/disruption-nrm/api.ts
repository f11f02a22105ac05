// The JSON routes for agencies' systems (a police force's, with `events:write`, for children their
// agency is involved with): record a disruption tactic used about a child, or several at once.
import { type Static, Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { callerOf } from '../identity/index.ts'
import { IdParams, Uuid } from '../platform/http/schemas.ts'
import { DisruptionInput } from './schemas.ts'
import { type DisruptionNrmContext, recordDisruption, recordDisruptions } from './workflow.ts'

const DisruptionBatch = Type.Object({
  items: Type.Array(
    Type.Composite([Type.Object({ childId: Uuid('the child it was used about') }), DisruptionInput]),
    {
      minItems: 1,
      maxItems: 100,
      description: 'the tactics used, one to a hundred: all kept, or none',
    },
  ),
})
type DisruptionBatch = Static<typeof DisruptionBatch>

const Recorded = Type.Object({ id: Type.String({ format: 'uuid' }), childId: Type.String() })

export function registerDisruptionNrmApi(app: FastifyInstance, ctx: DisruptionNrmContext): void {
  app.post<{ Params: IdParams; Body: DisruptionInput }>(
    '/api/v1/children/:id/disruptions',
    {
      schema: {
        summary:
          'Record a disruption tactic used about a child (one of the partnership’s configured tactics)',
        params: IdParams,
        body: DisruptionInput,
        response: { 201: Recorded },
      },
    },
    async (request, reply) => {
      const row = await recordDisruption(ctx, callerOf(request), request.params.id, request.body)
      return reply.code(201).send({ id: row.id, childId: row.child_id })
    },
  )
  app.post<{ Body: DisruptionBatch }>(
    '/api/v1/disruptions',
    {
      schema: {
        summary: 'Record several disruption tactics used, about one or more children, all or none',
        body: DisruptionBatch,
        response: { 201: Type.Object({ recorded: Type.Array(Recorded) }) },
      },
    },
    async (request, reply) => {
      const rows = await recordDisruptions(ctx, callerOf(request), request.body.items)
      return reply.code(201).send({ recorded: rows.map((row) => ({ id: row.id, childId: row.child_id })) })
    },
  )
}
