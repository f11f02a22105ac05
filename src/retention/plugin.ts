import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { retentionYears } from '../partnership/retention-schema.ts'
import { registerRetentionPages } from './pages.ts'

/** The retention schedule's page for the partnership administrator. */
export const retentionPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerRetentionPages(app, { db: database.db, years: retentionYears(partnership.retention), now })
}
