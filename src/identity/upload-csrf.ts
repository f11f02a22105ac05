// A file upload (a multipart form, read as it streams) brings its CSRF token as the form's first
// part, so it cannot be checked before the route runs as every other form is (plugin.ts). A route
// taking one says so (`csrfInFirstPart` in its config) and checks the token with `formTokenHolds`
// before it reads anything else; any other route's multipart post fails the usual check.

import type { FastifyReply, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads a multipart form as it streams and checks its first part, `_csrf`, itself. */
    csrfInFirstPart?: boolean
  }
}

/** Whether the request's CSRF check waits for its route (a multipart form on a route that takes one). */
export const csrfWaitsForRoute = (request: FastifyRequest): boolean =>
  request.routeOptions.config.csrfInFirstPart === true &&
  String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')

/**
 * Whether the form's token holds for this person's session, checked as every form's is; when it does
 * not, the refusal (403) has been sent and the route returns the reply.
 */
export function formTokenHolds(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
): boolean {
  const body = request.body
  request.body = { _csrf: token ?? '' }
  let holds = false
  request.server.csrfProtection(request, reply, () => {
    holds = true
  })
  request.body = body
  return holds
}
