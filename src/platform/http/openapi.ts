import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { isHealthPath, isJsonPath } from './route-kind.ts'

const documented = (url: string) => url.startsWith('/api/v1/') || isHealthPath(url)

const OPENAPI_DOCUMENT = '/api/openapi.json'

const jsonRoutes = new WeakMap<FastifyInstance, string[]>()

/**
 * Every JSON route registered on the app but the document itself, as '<method> <path>' the way the
 * document names it ('get /api/v1/referrals/{id}'): each must be in the document.
 */
export const registeredJsonRoutes = (app: FastifyInstance): readonly string[] => jsonRoutes.get(app) ?? []

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}')

/** The OpenAPI document is generated from the route schemas: the API cannot drift from it. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const routes: string[] = []
  jsonRoutes.set(app, routes)
  app.addHook('onRoute', ({ method, url }) => {
    if (!isJsonPath(url) || url === OPENAPI_DOCUMENT) return
    for (const each of [method].flat())
      if (each !== 'HEAD') routes.push(`${each.toLowerCase()} ${openApiPath(url)}`)
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'masa API',
        version: '1',
        description:
          'Multi-agency safeguarding arrangements: the versioned JSON API for partner agencies’ systems. ' +
          'Errors are JSON objects with statusCode, error, message and, where one input is at fault, field.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API key issued to one agency system by its administrator (Administration > API credentials).',
          },
        },
      },
      security: [{ apiKey: [] }],
    },
    transform: ({ schema, url }) => ({
      schema: documented(url) ? schema : { ...schema, hide: true },
      url,
    }),
  })
  app.get(OPENAPI_DOCUMENT, { schema: { hide: true } }, async () => app.swagger())
}
