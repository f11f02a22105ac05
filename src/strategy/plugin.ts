import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerStrategyPages } from './pages.ts'
import { registerStrategyApi } from './routes.ts'

/** Strategy discussions: the API for agencies' systems and the pages for business support, agencies and chairs. */
export const strategyPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
}> = async (app, { database, partnership }) => {
  const ctx = { db: database.db, partnership, now: () => new Date() }
  registerStrategyApi(app, ctx)
  registerStrategyPages(app, ctx)
}
