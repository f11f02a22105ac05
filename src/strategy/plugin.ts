import type { FastifyPluginAsync } from 'fastify'
import { conferencesPlugin } from '../conferences/plugin.ts'
import type { AppDeps } from '../platform/http/app.ts'
import { registerStrategyPages } from './pages.ts'
import { registerStrategyApi } from './routes.ts'

/** Strategy discussions: the API for agencies' systems and the pages for business support, agencies and chairs. */
export const strategyPlugin: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  const ctx = { db: deps.database.db, partnership: deps.partnership, now: () => new Date() }
  registerStrategyApi(app, ctx)
  registerStrategyPages(app, ctx)
  // Conferences follow from a discussion's s47; registered here until app.ts registers conferencesPlugin itself.
  await app.register(conferencesPlugin, { deps })
}
