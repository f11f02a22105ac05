// The health checks a load balancer or orchestrator asks: /health/live (the process answers: restart
// it when not), /health/ready (the database is reachable and every migration is applied: send it
// requests only when so). /health is the readiness check by its older address.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Database } from '../db/database.ts'
import { pendingMigrations } from '../db/migrate.ts'

const Status = Type.Union([Type.Literal('ok'), Type.Literal('unavailable')])

const LiveResponse = Type.Object({ status: Type.Literal('ok') })

const ReadyResponse = Type.Object({
  status: Status,
  database: Type.Object({
    engine: Type.String(),
    reachable: Type.Boolean(),
    migrations: Type.Optional(Type.Integer({ description: 'migrations applied' })),
    pending: Type.Optional(Type.Array(Type.String(), { description: 'migrations not yet applied' })),
  }),
})

export function registerHealth(app: FastifyInstance, database: Database): void {
  app.get(
    '/health/live',
    {
      schema: {
        summary: 'Liveness: the process answers',
        tags: ['operations'],
        security: [],
        response: { 200: LiveResponse },
      },
    },
    async () => ({ status: 'ok' as const }),
  )
  for (const [url, summary] of [
    ['/health/ready', 'Readiness: the database is reachable and every migration is applied'],
    ['/health', 'Readiness (the older address of /health/ready)'],
  ] as const)
    app.get(
      url,
      {
        schema: {
          summary,
          tags: ['operations'],
          security: [],
          response: { 200: ReadyResponse, 503: ReadyResponse },
        },
      },
      async (_request, reply) => readiness(database, reply),
    )
}

async function readiness(database: Database, reply: FastifyReply) {
  const { engine } = database
  try {
    const { applied, pending } = await pendingMigrations(database)
    const body = { database: { engine, reachable: true, migrations: applied, pending } }
    if (pending.length > 0) return reply.code(503).send({ status: 'unavailable', ...body })
    return { status: 'ok', ...body }
  } catch {
    return reply.code(503).send({ status: 'unavailable', database: { engine, reachable: false } })
  }
}
