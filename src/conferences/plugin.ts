import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerDiary } from './diary.ts'
import { registerConferencePages } from './pages.ts'

/** Conferences, plans and the meetings diary: pages for business support, agencies and chairs. */
export const conferencesPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
}> = async (app, { database, partnership }) => {
  const ctx = { db: database.db, partnership, now: () => new Date() }
  registerConferencePages(app, ctx)
  registerDiary(app, ctx)
}
