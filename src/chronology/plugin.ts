// Registers the chronology's routes: the child's chronology page.
import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { registerChronologyPages } from './pages.ts'

export interface ChronologyOptions {
  database: Database
  partnership: PartnershipConfig
}

export async function chronologyPlugin(app: FastifyInstance, options: ChronologyOptions): Promise<void> {
  registerChronologyPages(app, options.database.db, options.partnership)
}
