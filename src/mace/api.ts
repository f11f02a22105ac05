// MACE's JSON route for agencies' systems: refer a child to MACE.
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { IdParams } from '../platform/http/schemas.ts'
import { MaceReferralInput } from './schemas.ts'
import { type MaceContext, referToMace } from './workflow.ts'

export function registerMaceApi(app: FastifyInstance, ctx: MaceContext): void {
  app.post<{ Params: IdParams; Body: MaceReferralInput }>(
    '/api/v1/children/:id/mace-referrals',
    {
      schema: {
        summary: 'Refer a child to their LA’s multi-agency child exploitation (MACE) meeting',
        params: IdParams,
        body: MaceReferralInput,
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), childId: Type.String() }) },
      },
    },
    async (request, reply) => {
      const referral = await referToMace(ctx, request, request.params.id, request.body)
      return reply.code(201).send({ id: referral.id, childId: referral.child_id })
    },
  )
}
