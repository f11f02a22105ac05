import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerHomePage } from './pages.ts'

export interface HomeOptions {
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}

/** The home page at '/': each signed-in person's work, the start page for everyone else. */
export async function homePlugin(app: FastifyInstance, options: HomeOptions): Promise<void> {
  registerHomePage(app, {
    db: options.database.db,
    partnership: options.partnership,
    now: options.now ?? (() => new Date()),
  })
}
