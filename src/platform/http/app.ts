import { randomBytes } from 'node:crypto'
import formbody from '@fastify/formbody'
import helmet from '@fastify/helmet'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import { childrenPlugin } from '../../children/routes.ts'
import { frontDoorPlugin } from '../../front-door/index.ts'
import { type IdentityOptions, identityPlugin, requireUser } from '../../identity/index.ts'
import type { PartnershipConfig } from '../../partnership/config-schema.ts'
import { sharingPlugin } from '../../sharing/routes.ts'
import { strategyPlugin } from '../../strategy/plugin.ts'
import { thresholdToolPlugin } from '../../threshold/index.ts'
import { auditRoutes } from '../audit/routes.ts'
import type { Database } from '../db/database.ts'
import { maintenancePlugin } from '../maintenance/plugin.ts'
import { type EmailSender, LogEmailSender, withServiceLinks } from '../notify/email.ts'
import { emailDeliveryPlugin } from '../notify/plugin.ts'
import { webhooksPlugin } from '../webhooks/plugin.ts'
import { registerAssets } from './assets.ts'
import { registerErrorPages } from './errors.ts'
import { registerHealth } from './health.ts'
import { registerInputRules } from './input.ts'
import { navigationFor } from './navigation.ts'
import { registerOpenApi } from './openapi.ts'
import { registerNoStore } from './route-kind.ts'
import { SCHEMA_ANNOTATIONS } from './schemas.ts'
import { registerViews } from './views.ts'

export interface AppDeps {
  database: Database
  partnership: PartnershipConfig
  logLevel?: string
  demo?: boolean
  identity?: IdentityOptions
  /** Where emails go; each is written to the log when none is given. */
  emailSender?: EmailSender
  /** The address people reach the service at, for links in emails, e.g. 'https://masa.example'. */
  publicUrl?: string
  /** How often the embedded engine's planner statistics are checked (0: never; benchmarks measuring without them). */
  maintenanceEveryMs?: number
  /**
   * The reverse proxies (addresses, CIDR ranges or proxy-addr names such as 'loopback') whose
   * X-Forwarded-For and X-Forwarded-Proto are believed: the client's address and https come from them.
   */
  trustedProxies?: readonly string[]
}

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  TypeBoxTypeProvider
>

/** Where email links point when no public URL is given: tests and a developer's own machine. */
const LOCAL_PUBLIC_URL = 'http://localhost:3000'

/** Requests larger than this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 1024 * 1024

/** Builds the whole service from its dependencies; nothing here reads the environment. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: deps.trustedProxies?.length ? [...deps.trustedProxies] : false,
    genReqId: () => randomBytes(8).toString('hex'),
    ajv: {
      customOptions: {
        allErrors: false,
        coerceTypes: 'array',
        removeAdditional: false,
        keywords: SCHEMA_ANNOTATIONS,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        // As X-Frame-Options DENY says: no page is shown in a frame, not even our own.
        'frame-ancestors': ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    frameguard: { action: 'deny' },
  })
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES })
  // Before any route is added: it gives id-addressed routes their params schema.
  registerInputRules(app)
  registerNoStore(app)
  await registerOpenApi(app)
  await registerAssets(app)
  await registerViews(app, deps)
  // Before any route: a route keeps the error handler its context had when it was added.
  registerErrorPages(app)
  // Before every capability's routes: its hooks (who is asking, CSRF) must cover them all.
  await app.register(identityPlugin, {
    database: deps.database,
    partnership: deps.partnership,
    secureCookies: deps.publicUrl?.startsWith('https:') ? true : 'auto',
    ...deps.identity,
  })
  app.addHook('preHandler', async (request, reply) => {
    reply.locals = { ...reply.locals, navigation: navigationFor(request.actor, request.url) }
  })
  registerHealth(app, deps.database)
  const emailSender = withServiceLinks(
    deps.emailSender ?? new LogEmailSender(app.log),
    deps.publicUrl ?? LOCAL_PUBLIC_URL,
  )
  await app.register(frontDoorPlugin, { database: deps.database, partnership: deps.partnership, emailSender })
  await app.register(emailDeliveryPlugin, { database: deps.database, emailSender })
  await app.register(webhooksPlugin, { deps })
  await app.register(strategyPlugin, { deps })
  await app.register(sharingPlugin, { database: deps.database, partnership: deps.partnership })
  await app.register(thresholdToolPlugin, { partnership: deps.partnership })
  await app.register(childrenPlugin, { database: deps.database, partnership: deps.partnership })
  await app.register(auditRoutes, { database: deps.database, preHandler: requireUser })
  await app.register(maintenancePlugin, {
    database: deps.database,
    preHandler: requireUser,
    everyMs: deps.maintenanceEveryMs,
  })

  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.view('platform/views/start.njk'))
  return app
}
