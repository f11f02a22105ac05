import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerReviewPages } from './pages.ts'

/** Serious incidents, rapid reviews and practice reviews: the pages. */
export const reviewsPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerReviewPages(app, { db: database.db, partnership, now })
}
