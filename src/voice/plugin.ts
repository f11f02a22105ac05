import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { registerVoicePages } from './pages.ts'

/** The voice of children and families: the surveys, their results and what was changed. */
export const voicePlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}> = async (app, { database, partnership, now = () => new Date() }) => {
  registerVoicePages(app, { db: database.db, partnership, now })
}
