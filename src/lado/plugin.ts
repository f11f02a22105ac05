import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerLadoPages } from './pages.ts'
import { remindOverdueConsiderations } from './workflow.ts'

const REMIND_EVERY_MS = 15 * 60_000

/**
 * The LADO's allegations: the referral forms (signed in and public), the LADO's queue and record, the
 * figures, and the reminder when an allegation's clock for the initial consideration runs out.
 */
export const ladoPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  publicUrl?: string
  remindEveryMs?: number
}> = async (
  app,
  { database, partnership, now = () => new Date(), publicUrl, remindEveryMs = REMIND_EVERY_MS },
) => {
  registerLadoPages(app, { db: database.db, partnership, now, publicUrl })
  scheduleJob(app, database, {
    name: 'LADO consideration reminders',
    everyMs: remindEveryMs,
    everyServer: true,
    async run() {
      const reminded = await remindOverdueConsiderations(database.db, now())
      if (reminded > 0)
        app.log.info({ allegations: reminded }, 'reminded LADOs of allegations not yet considered')
    },
  })
}
