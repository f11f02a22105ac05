import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerActionsApi } from './api.ts'
import { registerActionPages } from './pages.ts'
import { alertOverdue } from './workflow.ts'

/** Every 5 minutes: an action becomes overdue when its due date has passed, once a day at most. */
const ALERT_EVERY_MS = 5 * 60_000

/**
 * Actions: each agency's list of the actions it owns and the form that closes one with evidence, the
 * API for its system, and the loop that tells owner agencies of overdue actions (0: no loop).
 */
export const actionsPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  alertEveryMs?: number
}> = async (app, { database, partnership, now = () => new Date(), alertEveryMs = ALERT_EVERY_MS }) => {
  const ctx = { db: database.db, partnership, now }
  registerActionsApi(app, ctx)
  registerActionPages(app, ctx)
  scheduleJob(app, database, {
    name: 'overdue action alerts',
    everyMs: alertEveryMs,
    everyServer: true,
    async run() {
      const told = await alertOverdue(database.db, now())
      if (told > 0) app.log.info({ actions: told }, 'told owner agencies of overdue actions')
    },
  })
}
