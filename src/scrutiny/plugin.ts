import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerScrutinyPages } from './pages.ts'
import { recordEndedGrants, sendGrantReminders } from './workflow.ts'

/** Every 15 minutes: each grant that reached its end date is recorded in the audit; those near it are reminded. */
const RECORD_ENDS_EVERY_MS = 15 * 60_000

/** Independent scrutiny: the pages, the audit of grants reaching their end, and the reminders before it. */
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
  scheduleJob(app, database, {
    name: 'scrutiny grant reminders',
    everyMs: recordEveryMs,
    everyServer: true,
    async run() {
      const reminded = await sendGrantReminders({ db: database.db, partnership }, now())
      if (reminded > 0) app.log.info({ grants: reminded }, 'reminded scrutineers of grants ending')
    },
  })
}
