import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerLadoPages } from './pages.ts'

/** The LADO's allegations: the referral forms (signed in and public), the LADO's queue and record, the figures. */
export const ladoPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerLadoPages(app, { db: database.db, partnership, now })
}
