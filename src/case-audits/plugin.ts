import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerCaseAuditPages } from './pages.ts'

/** Multi-agency case audits: the pages, the moderation meeting's among them. */
export const caseAuditsPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  /** The address people reach the service at: the moderation meeting's calendar invitation links to it. */
  publicUrl?: string
}> = async (app, { database, partnership, now = () => new Date(), publicUrl }) => {
  registerCaseAuditPages(app, { db: database.db, partnership, now, ...(publicUrl ? { publicUrl } : {}) })
}
