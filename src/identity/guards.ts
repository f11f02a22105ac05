// What routes use to know who is asking, and to refuse anyone who should not.

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../platform/access/actor.ts'
import { RequestError } from '../platform/http/errors.ts'
import type { CurrentSession } from './sessions.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: a fully signed-in user (pages) or an agency's system (API); null when nobody is. */
    actor: Actor | null
    /** The page session, even one still waiting for its second factor; null without one. */
    userSession: CurrentSession | null
  }
}

/** preHandler for pages: without a signed-in user, go to sign-in (or to the second factor) and come back. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor?.kind === 'user') return
  const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
  const next = request.userSession ? '/sign-in/two-factor' : '/sign-in'
  return reply.redirect(`${next}${returnTo}`, 303)
}

/** preHandler for the API. Every /api/v1 call is already refused without a key; this states it on the route too. */
export async function requireSystem(request: FastifyRequest) {
  if (request.actor?.kind !== 'system')
    throw new RequestError(401, 'Send a valid API key as "Authorization: Bearer <key>"')
}

/** The actor of a request that passed a guard; throws 401 if none (a route without its guard). */
export function getActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new RequestError(401, 'Sign in first')
  return request.actor
}
