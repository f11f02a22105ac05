import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerIntelligencePages } from './pages.ts'

/** The partnership's performance dashboard: its standards, per LA and month, and the lists behind them. */
export const intelligencePlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerIntelligencePages(app, { db: database.db, partnership, now })
}
