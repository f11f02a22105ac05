import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerMasaPlanPages } from './pages.ts'

/** The partnership's MASA plan (17 sections, registers, versions, review points) and the regional forum. */
export const masaPlanPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerMasaPlanPages(app, { db: database.db, partnership, now })
}
