// Missing episodes as one Fastify plugin: the pages and the API.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { registerMissingApi } from './api.ts'
import { registerMissingPages } from './pages.ts'

export interface MissingOptions {
  database: Database
  partnership: PartnershipConfig
  /** The clock the 72 hours and the counts are measured by; the real time when none is given. */
  now?: () => Date
}

export async function missingPlugin(app: FastifyInstance, options: MissingOptions): Promise<void> {
  const ctx = {
    db: options.database.db,
    partnership: options.partnership,
    now: options.now ?? (() => new Date()),
  }
  registerMissingPages(app, ctx)
  registerMissingApi(app, ctx)
}
