// MACE as one Fastify plugin: the referral form and list pages, the meetings' pages, and the API.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { registerMaceApi } from './api.ts'
import { registerDiscussionPages } from './discussion-pages.ts'
import { registerMeetingPages } from './meeting-pages.ts'
import { registerMacePages } from './pages.ts'

export interface MaceOptions {
  database: Database
  partnership: PartnershipConfig
}

export async function macePlugin(app: FastifyInstance, options: MaceOptions): Promise<void> {
  const ctx = { db: options.database.db, partnership: options.partnership }
  registerMacePages(app, ctx)
  registerDiscussionPages(app, ctx)
  registerMeetingPages(app, ctx)
  registerMaceApi(app, ctx)
}
