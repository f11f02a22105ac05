// Form 87a requests as one Fastify plugin: the pages, the API, and the job escalating overdue answers
// (every server, rows claimed with SKIP LOCKED).

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerPoliceRequestApi } from './api.ts'
import { escalateOverdueRequests } from './escalation.ts'
import { registerPoliceRequestPages } from './pages.ts'
import { DEFAULT_WORKING_DAYS } from './rules.ts'

export interface PoliceRequestOptions {
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  /** How often overdue answers are escalated; 0: never (tests run the job themselves). */
  everyMs?: number
}

export async function policeRequestsPlugin(
  app: FastifyInstance,
  options: PoliceRequestOptions,
): Promise<void> {
  const ctx = {
    db: options.database.db,
    partnership: options.partnership,
    workingDays: options.partnership.police_request_working_days ?? DEFAULT_WORKING_DAYS,
    now: options.now ?? (() => new Date()),
  }
  registerPoliceRequestPages(app, ctx)
  registerPoliceRequestApi(app, ctx)
  scheduleJob(app, options.database, {
    name: 'overdue police request answers',
    everyMs: options.everyMs ?? 300_000,
    everyServer: true,
    run: () => escalateOverdueRequests(ctx),
  })
}
