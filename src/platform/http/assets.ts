import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

const require = createRequire(import.meta.url)
const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk')
const mojDist = join(dirname(require.resolve('@ministryofjustice/frontend/package.json')), 'moj')
const masaPublic = new URL('../views/public', import.meta.url).pathname

/** Serves GOV.UK and MoJ Frontend from the installed packages: no CDN, no build step. */
export async function registerAssets(app: FastifyInstance): Promise<void> {
  const mounts = [
    { prefix: '/assets/govuk/', root: govukDist },
    { prefix: '/assets/moj/', root: mojDist },
    { prefix: '/assets/masa/', root: masaPublic },
    // Fonts, images and the manifest are referenced by GOV.UK Frontend as /assets/...
    { prefix: '/assets/', root: join(govukDist, 'assets') },
  ]
  for (const [index, mount] of mounts.entries()) {
    await app.register(fastifyStatic, {
      ...mount,
      decorateReply: index === 0,
      index: false,
      maxAge: '1d',
      schemaHide: true,
    })
  }
}
