import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerSelfAssessmentPages } from './pages.ts'
import { sendReminders } from './workflow.ts'

/** Every hour: reminders fall due by the day, so an hour's delay is nothing. */
const REMIND_EVERY_MS = 60 * 60_000

/**
 * The yearly Section 11 and Section 175/157 self-assessment: its pages, and the loop that reminds
 * agencies that have not submitted before the due date (0: no loop).
 */
export const selfAssessmentPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  remindEveryMs?: number
}> = async (app, { database, partnership, now = () => new Date(), remindEveryMs = REMIND_EVERY_MS }) => {
  registerSelfAssessmentPages(app, { db: database.db, partnership, now })
  scheduleJob(app, database, {
    name: 'self-assessment reminders',
    everyMs: remindEveryMs,
    async run() {
      const told = await sendReminders(database.db, partnership, now())
      if (told > 0) app.log.info({ agencies: told }, 'reminded agencies of their self-assessment returns')
    },
  })
}
