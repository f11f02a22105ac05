import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerAnnexPages } from './pages.ts'
import { registerPartnershipPages } from './partnership-pages.ts'

/** Ofsted's Annex A lists for an LA and period, for those who prepare its statutory returns; the partnership view of them. */
export const annexAPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
}> = async (app, { database, partnership }) => {
  registerAnnexPages(app, { db: database.db, partnership })
  registerPartnershipPages(app, { db: database.db, partnership })
}
