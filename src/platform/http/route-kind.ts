// What kind of address a request reached, judged by the route that serves it (decoded and
// normalised by the router), never by the raw URL: '/%61pi/v1/…' is the API, and is treated so.

import type { FastifyInstance, FastifyRequest } from 'fastify'

/** The route's path pattern ('/children/:id'); with no route (not found), the decoded path. */
export function routePath(request: FastifyRequest): string {
  const route = request.routeOptions.url
  if (route) return route
  const path = request.url.split('?')[0] ?? '/'
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/** Agencies' systems, with an API key. */
export const isApiPath = (path: string) => path === '/api/v1' || path.startsWith('/api/v1/')

/** The health checks: /health, /health/live, /health/ready. */
export const isHealthPath = (path: string) => path === '/health' || path.startsWith('/health/')

/** JSON answers: the API, the OpenAPI document and the health checks. */
export const isJsonPath = (path: string) => path.startsWith('/api/') || isHealthPath(path)

/** Pages people use in a browser, with a session and CSRF on forms: not the API, assets, health or metrics. */
export const isPagePath = (path: string) =>
  !path.startsWith('/api/') && !path.startsWith('/assets/') && !isHealthPath(path) && path !== '/metrics'

/**
 * Nothing masa answers is kept by a browser or proxy cache (pages and JSON may carry personal data,
 * and even the sign-in page carries a CSRF token), except the static assets, which carry none.
 */
export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (!routePath(request).startsWith('/assets/')) reply.header('cache-control', 'no-store')
  })
}
