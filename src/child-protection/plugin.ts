import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerStrategyApi } from './api.ts'
import { registerConferencePages } from './pages/conference.ts'
import { registerDiary } from './pages/diary.ts'
import { registerStrategyPages } from './pages/strategy-discussion.ts'

/**
 * Child protection: the strategy discussions API for agencies' systems, and the pages for business
 * support, agencies and chairs (strategy discussions, section 47 enquiries, conferences, plans and
 * the meetings diary).
 */
export const childProtectionPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  /** The address people reach the service at, for the links in calendar invitations. */
  publicUrl?: string
}> = async (app, { database, partnership, now = () => new Date(), publicUrl }) => {
  const ctx = { db: database.db, partnership, now, publicUrl }
  registerStrategyApi(app, ctx)
  registerStrategyPages(app, ctx)
  registerConferencePages(app, ctx)
  registerDiary(app, ctx)
}
