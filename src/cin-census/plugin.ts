import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerCensusApi } from './api.ts'
import { registerCensusPages } from './pages.ts'
import { registerCensusUpload } from './upload.ts'

/** The returns hub's CIN census: returns sent by LAs' systems or uploaded by their analysts, checked and kept for them. */
export const cinCensusPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
}> = async (app, { database, partnership }) => {
  const ctx = { db: database.db, partnership }
  registerCensusApi(app, ctx)
  registerCensusPages(app, ctx)
  await registerCensusUpload(app, ctx)
}
