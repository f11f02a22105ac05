// What routes use to know who is asking, and to refuse anyone who should not.

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import type { SignInStep } from './rules.ts'
import type { CurrentSession } from './sessions.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking: a fully signed-in user (pages) or an agency's system (API); null when nobody is. */
    actor: Actor | null
    /** The page session, even one still waiting for its second factor; null without one. */
    userSession: CurrentSession | null
  }
}

/** The page of each step a session may still have to do. */
export const SIGN_IN_STEP_PAGES: Record<Exclude<SignInStep, 'done'>, string> = {
  'second-factor': '/sign-in/two-factor',
  'new-password': '/sign-in/new-password',
}

/** preHandler for pages: without a signed-in user, go to sign-in (or to the step left to do) and come back. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor?.kind === 'user') return
  const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
  const step = request.userSession?.step
  const next = step && step !== 'done' ? SIGN_IN_STEP_PAGES[step] : '/sign-in'
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

/** Who is asking and from where, as a use case takes them: someone signed in (401 otherwise). */
export function callerOf(request: FastifyRequest): Caller {
  return { actor: getActor(request), origin: { ip: request.ip, requestId: String(request.id) } }
}
