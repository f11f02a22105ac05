// Form 87a requests as one Fastify plugin: the pages and the API.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { registerPoliceRequestApi } from './api.ts'
import { registerPoliceRequestPages } from './pages.ts'
import { DEFAULT_WORKING_DAYS } from './rules.ts'

export interface PoliceRequestOptions {
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}

export async function policeRequestsPlugin(
  app: FastifyInstance,
  options: PoliceRequestOptions,
): Promise<void> {
  const ctx = {
    db: options.database.db,
    partnership: options.partnership,
    workingDays: options.partnership.police_request_working_days ?? DEFAULT_WORKING_DAYS,
    now: options.now ?? (() => new Date()),
  }
  registerPoliceRequestPages(app, ctx)
  registerPoliceRequestApi(app, ctx)
}
