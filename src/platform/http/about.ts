// The pages every footer links to, written for this service: its accessibility statement, privacy
// notice and cookies. Open to everyone, signed in or not.

import type { FastifyInstance } from 'fastify'

const ABOUT_PAGES = {
  '/accessibility': 'platform/views/about/accessibility.njk',
  '/privacy': 'platform/views/about/privacy.njk',
  '/cookies': 'platform/views/about/cookies.njk',
} as const

export function registerAboutPages(app: FastifyInstance): void {
  for (const [path, view] of Object.entries(ABOUT_PAGES))
    app.get(path, { schema: { hide: true } }, (_request, reply) => reply.view(view))
}
