import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerTrainingPages } from './pages.ts'

/** Multi-agency training: the catalogue, sessions, booking and waiting lists, the register, evaluations, take-up. */
export const trainingPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerTrainingPages(app, { db: database.db, partnership, now })
}
