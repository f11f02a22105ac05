// Identity as one Fastify plugin: who is asking (request.actor), CSRF on every form, rate limits,
// and the sign-in, administration and API identity routes.

import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { apiError } from '../platform/http/errors.ts'
import { sharedRateLimitStore } from '../platform/http/rate-limit-store.ts'
import { isApiPath, isPagePath, routePath } from '../platform/http/route-kind.ts'
import './guards.ts'
import { registerApiRoutes } from './api.ts'
import { registerApiClientRoutes } from './pages/api-clients.ts'
import { registerOidcRoutes } from './pages/oidc.ts'
import { registerSignInRoutes } from './pages/sign-in.ts'
import { registerUserRoutes } from './pages/users.ts'
import { type IdentityPluginOptions, type IdentityRuntime, runtimeFor } from './runtime.ts'
import { checkSecretKey } from './secret-key.ts'
import { newToken } from './secrets.ts'
import { actorForApiKey, actorForUser, resolveSession, SESSION_COOKIE } from './sessions.ts'
import { sealPlainTotpSecrets, sharedSecret } from './store.ts'
import { csrfWaitsForRoute } from './upload-csrf.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const isApi = (request: FastifyRequest) => isApiPath(routePath(request))
const isPage = (request: FastifyRequest) => isPagePath(routePath(request))

async function identity(app: FastifyInstance, options: IdentityPluginOptions): Promise<void> {
  const runtime = runtimeFor(options)
  await checkSecretKey(runtime.db)
  const sealed = await sealPlainTotpSecrets(runtime.db)
  if (sealed > 0) app.log.info({ sealed }, 'TOTP secrets stored in plain text are now sealed')
  await app.register(cookie, { secret: await sharedSecret(runtime.db, 'cookie_secret', newToken) })
  await app.register(csrf, { cookieOpts: { ...runtime.cookieOptions, signed: true } })
  const shared = options.sharedRateLimits ?? options.database.engine === 'postgres'
  await app.register(rateLimit, { global: false, ...(shared && { store: sharedRateLimitStore(runtime.db) }) })
  app.decorateRequest('actor', null)
  app.decorateRequest('userSession', null)
  const apiLimit = app.createRateLimit({
    max: runtime.apiRateLimit,
    timeWindow: '1 minute',
    keyGenerator: (request) => request.actor?.id ?? request.ip,
  })

  app.addHook('onRequest', async (request, reply) => {
    if (isApi(request)) return authenticateApiCall(runtime, apiLimit, request, reply)
    if (isPage(request)) await resolvePageSession(runtime, request, reply)
  })
  app.addHook('preValidation', (request, reply, done) => {
    if (!isPage(request) || SAFE_METHODS.has(request.method) || csrfWaitsForRoute(request)) return done()
    app.csrfProtection(request, reply, () => {
      // Checked here once, so route schemas need not know the field.
      if (request.body && typeof request.body === 'object')
        delete (request.body as Record<string, unknown>)._csrf
      done()
    })
  })
  app.addHook('preHandler', async (request, reply) => {
    if (!isPage(request)) return
    reply.locals = { ...reply.locals, csrfToken: reply.generateCsrf(), currentUser: request.actor }
  })

  registerSignInRoutes(app, runtime)
  registerOidcRoutes(app, runtime)
  registerUserRoutes(app, runtime)
  registerApiClientRoutes(app, runtime)
  registerApiRoutes(app)
}

type ApiLimiter = ReturnType<FastifyInstance['createRateLimit']>

/** Every call under /api/v1 needs an API key: checked here, before routing, so no route can forget it. */
async function authenticateApiCall(
  runtime: IdentityRuntime,
  limit: ApiLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  request.actor = await actorForApiKey(runtime, request.headers.authorization)
  if (!request.actor) {
    const message =
      'Send a valid API key as "Authorization: Bearer <key>"; this one is missing, unknown or revoked.'
    return reply.code(401).header('www-authenticate', 'Bearer realm="masa"').send(apiError(401, message))
  }
  const verdict = await limit(request)
  // isAllowed means on an allow list (none here); isExceeded is the verdict.
  if (!verdict.isAllowed && verdict.isExceeded) {
    const message = `Too many requests from this API client: try again in ${verdict.ttlInSeconds} seconds.`
    return reply.code(429).header('retry-after', String(verdict.ttlInSeconds)).send(apiError(429, message))
  }
}

async function resolvePageSession(runtime: IdentityRuntime, request: FastifyRequest, reply: FastifyReply) {
  const token = request.cookies[SESSION_COOKIE]
  if (!token) return
  request.userSession = await resolveSession(runtime, token)
  if (!request.userSession) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return
  }
  if (request.userSession.step === 'done') {
    const { user, grants, ...openings } = request.userSession
    request.actor = actorForUser(runtime.partnership, user, grants, openings)
  }
}

/** Registered on the app itself rather than in a child context, so its hooks cover every route. */
export const identityPlugin: FastifyPluginAsync<IdentityPluginOptions> = Object.assign(identity, {
  [Symbol.for('skip-override')]: true,
})
