import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerLearningPages } from './pages.ts'
import { sendReminders } from './workflow.ts'

/** Every hour: reminders fall due by the working day, so an hour's delay is nothing. */
const REMIND_EVERY_MS = 60 * 60_000

/**
 * Learning briefings: their pages, and the run that reminds those who have not acknowledged a
 * briefing after the partnership's working days (0: no run).
 */
export const learningPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  remindEveryMs?: number
}> = async (app, { database, partnership, now = () => new Date(), remindEveryMs = REMIND_EVERY_MS }) => {
  registerLearningPages(app, { db: database.db, partnership, now })
  scheduleJob(app, database, {
    name: 'learning briefing reminders',
    everyMs: remindEveryMs,
    everyServer: true,
    async run() {
      const told = await sendReminders(database.db, now())
      if (told > 0) app.log.info({ people: told }, 'reminded people of learning briefings to acknowledge')
    },
  })
}
