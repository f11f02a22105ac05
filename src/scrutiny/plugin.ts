import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerScrutinyPages } from './pages.ts'
import { recordEndedGrants } from './workflow.ts'

/** Every 15 minutes: each grant that reached its end date is recorded in the audit. */
const RECORD_ENDS_EVERY_MS = 15 * 60_000

/** Independent scrutiny: the pages, and the audit of grants reaching their end. */
export const scrutinyPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  recordEveryMs?: number
}> = async (app, { database, partnership, now = () => new Date(), recordEveryMs = RECORD_ENDS_EVERY_MS }) => {
  registerScrutinyPages(app, { db: database.db, partnership, now })
  scheduleJob(app, database, {
    name: 'scrutiny grant ends',
    everyMs: recordEveryMs,
    everyServer: true,
    run: () => recordEndedGrants({ db: database.db }, now()),
  })
}
