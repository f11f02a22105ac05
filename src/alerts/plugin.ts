// Registers the alerts page and, while the app runs, the loop that emails those who asked.
import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerAlertPages } from './pages.ts'
import { emailNewAlerts } from './workflow.ts'

export interface AlertsOptions {
  database: Database
  partnership: PartnershipConfig
  /** The person behind an alert reader, as the policy sees them today (null if no longer active). */
  actorOf: (reader: { agencyId: string; email: string }) => Promise<Actor | null>
  /** How often new alerts are emailed; 0 never (tests run emailNewAlerts themselves). */
  emailEveryMs?: number
}

export async function alertsPlugin(app: FastifyInstance, options: AlertsOptions): Promise<void> {
  const db = options.database.db
  const now = () => new Date()
  registerAlertPages(app, { db, partnership: options.partnership, now })
  scheduleJob(app, options.database, {
    name: 'alert emails',
    everyMs: options.emailEveryMs ?? 5 * 60_000,
    run: () => emailNewAlerts(db, options.actorOf, now()),
  })
}
