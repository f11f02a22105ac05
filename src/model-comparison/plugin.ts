import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerComparisonPages } from './pages.ts'

/** The comparison of operating models: this partnership's figures beside other partnerships' files. */
export const modelComparisonPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerComparisonPages(app, { db: database.db, partnership, now })
}
