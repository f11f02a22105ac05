// VOLT as one Fastify plugin: the exploitation profile, places, themes, persons and hotspots pages,
// and the API for agencies' systems.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { registerVoltApi } from './api.ts'
import { registerMaceFlagPages } from './mace-flag-pages.ts'
import { registerVoltPages } from './pages.ts'

export interface VoltOptions {
  database: Database
  partnership: PartnershipConfig
}

export async function voltPlugin(app: FastifyInstance, options: VoltOptions): Promise<void> {
  const ctx = { db: options.database.db, partnership: options.partnership }
  registerVoltPages(app, ctx)
  registerMaceFlagPages(app, ctx)
  registerVoltApi(app, ctx)
}
