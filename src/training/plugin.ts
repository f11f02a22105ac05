import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerTrainingPages } from './pages.ts'
import type { AskedForSource } from './workflow.ts'

/** Multi-agency training: the catalogue, sessions, booking and waiting lists, the register, evaluations, take-up. */
export const trainingPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  /** The reviews and audits a course may be linked to, from their owning capabilities. */
  askedFor?: readonly AskedForSource[]
}> = async (app, { database, partnership, now = () => new Date(), askedFor = [] }) => {
  registerTrainingPages(app, { db: database.db, partnership, now, askedFor })
}
