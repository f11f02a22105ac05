import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerYearlyReportPages } from './pages.ts'

/** The partnership's yearly report: live sections, narrative versions, sign-off, publishing as HTML and PDF. */
export const yearlyReportPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerYearlyReportPages(app, { db: database.db, partnership, now })
}
