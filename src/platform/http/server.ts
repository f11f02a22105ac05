import { randomBytes } from 'node:crypto'
import formbody from '@fastify/formbody'
import helmet from '@fastify/helmet'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import { registerAssets } from './assets.ts'
import { registerErrorPages } from './errors.ts'
import { registerInputRules } from './input.ts'
import { registerOpenApi } from './openapi.ts'
import { registerNoStore } from './route-kind.ts'
import { SCHEMA_ANNOTATIONS } from './schemas.ts'
import { registerViews, type ViewContext } from './views.ts'

export interface ServerOptions extends ViewContext {
  logLevel?: string
  /** Where log lines (JSON, one a line) go; standard output when none is given. */
  logStream?: { write(line: string): void }
  /**
   * The reverse proxies (addresses, CIDR ranges or proxy-addr names such as 'loopback') whose
   * X-Forwarded-For and X-Forwarded-Proto are believed: the client's address and https come from them.
   */
  trustedProxies?: readonly string[]
}

export type App = import('fastify').FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  TypeBoxTypeProvider
>

/** Requests larger than this are refused with 413 before they are parsed. */
const BODY_LIMIT_BYTES = 1024 * 1024

/**
 * The HTTP server before any capability: security headers, body parsing, input rules, OpenAPI,
 * assets, views and error pages. The composition root (src/app.ts) adds the capabilities to it.
 */
export async function createServer(options: ServerOptions): Promise<App> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustedProxies?.length ? [...options.trustedProxies] : false,
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

  // First of all hooks: every answer carries the reference its log lines carry (pages show it: views.ts).
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

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
  await registerViews(app, options)
  // Before any route: a route keeps the error handler its context had when it was added.
  registerErrorPages(app)
  return app
}
