import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerCaseAuditPages } from './pages.ts'

/** Multi-agency case audits: the pages. */
export const caseAuditsPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerCaseAuditPages(app, { db: database.db, partnership, now })
}
