import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { countChangedMonths } from './monthly.ts'
import { registerIntelligencePages } from './pages.ts'

/**
 * The partnership's performance dashboard: its standards, per LA and month, and the lists behind
 * them; and the job that keeps each month's counts (monthly.ts), on one server at a time.
 */
export const intelligencePlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  /** How often months are counted again where a record changed; 0: never (tests run it). */
  everyMs?: number
}> = async (app, { database, partnership, now = () => new Date(), everyMs = 60_000 }) => {
  registerIntelligencePages(app, { db: database.db, partnership, now })
  scheduleJob(app, database, {
    name: 'performance monthly counts',
    everyMs,
    run: () => countChangedMonths(database.db, partnership, now()),
  })
}
