// The home page: for a signed-in person their work; for anyone else the public start page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type HomeDeps, homeFor } from './workflow.ts'

export function registerHomePage(app: FastifyInstance, deps: HomeDeps) {
  app.get('/', { schema: { hide: true } }, showHome(deps))
}

const showHome = (deps: HomeDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  if (request.actor?.kind !== 'user') return reply.view('platform/views/start.njk')
  const sections = await homeFor(deps, request)
  return reply.view('home/views/home.njk', { name: request.actor.displayName, sections })
}
