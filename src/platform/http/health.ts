import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Database } from '../db/database.ts'

const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Object({
    engine: Type.String(),
    reachable: Type.Boolean(),
    migrations: Type.Optional(Type.Integer()),
  }),
})

export function registerHealth(app: FastifyInstance, database: Database): void {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Service and database health',
        tags: ['operations'],
        security: [],
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      try {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM masa_migration`.execute(
          database.db,
        )
        return {
          status: 'ok',
          database: { engine: database.engine, reachable: true, migrations: rows[0]?.n },
        }
      } catch {
        return reply
          .code(503)
          .send({ status: 'unavailable', database: { engine: database.engine, reachable: false } })
      }
    },
  )
}
