// Registers the chronology's routes: the child's chronology page.
import type { FastifyInstance } from 'fastify'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Database } from '../platform/db/database.ts'
import { registerChronologyPages } from './pages.ts'

export interface ChronologyOptions {
  database: Database
  partnership: PartnershipConfig
}

export async function chronologyPlugin(app: FastifyInstance, options: ChronologyOptions): Promise<void> {
  registerChronologyPages(app, options.database.db, options.partnership)
}
