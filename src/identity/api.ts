// The API's own identity operation: an agency's system can check which credential it is using.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { getActor, requireSystem } from './guards.ts'

const Caller = Type.Object({
  kind: Type.Literal('system'),
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ description: 'the name given to the credential' }),
  agencyId: Type.String(),
  scopes: Type.Array(Type.String()),
})

export function registerApiRoutes(app: FastifyInstance): void {
  app.get(
    '/api/v1/whoami',
    {
      preHandler: requireSystem,
      schema: {
        summary: 'The agency system this API key belongs to, and its scopes',
        tags: ['identity'],
        response: { 200: Caller },
      },
    },
    async (request) => {
      const actor = getActor(request)
      return {
        kind: 'system',
        id: actor.id,
        name: actor.displayName,
        agencyId: actor.agencyId,
        scopes: actor.scopes ?? [],
      }
    },
  )
}
