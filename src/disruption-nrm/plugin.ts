// Disruption tactics and NRM referrals as one Fastify plugin: the pages and the API.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { registerDisruptionNrmApi } from './api.ts'
import { registerDisruptionNrmPages } from './pages.ts'

export interface DisruptionNrmOptions {
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}

export async function disruptionNrmPlugin(
  app: FastifyInstance,
  options: DisruptionNrmOptions,
): Promise<void> {
  const ctx = {
    db: options.database.db,
    partnership: options.partnership,
    now: options.now ?? (() => new Date()),
  }
  registerDisruptionNrmPages(app, ctx)
  registerDisruptionNrmApi(app, ctx)
}
