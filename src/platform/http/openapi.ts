import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'

const documented = (url: string) => url.startsWith('/api/v1/') || url === '/health'

/** The OpenAPI document is generated from the route schemas: the API cannot drift from it. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
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
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
