// Moves across borders as one Fastify plugin: the pages, and the two jobs after commit: telling each
// host LA's point of contact (every server, rows claimed with SKIP LOCKED) and escalating overdue
// acknowledgements (likewise).

import type { FastifyPluginAsync } from 'fastify'
import type { Database } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { scheduleJob } from '../platform/jobs.ts'
import { registerMovePages } from './pages.ts'
import { escalateOverdue, notifyHosts } from './workflow.ts'

export const movesPlugin: FastifyPluginAsync<{
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
  /** How often the host is told and overdue acknowledgements escalated; 0: never (tests run them). */
  everyMs?: number
}> = async (app, { database, partnership, now = () => new Date(), everyMs = 15_000 }) => {
  const ctx = { db: database.db, partnership, now }
  registerMovePages(app, ctx)
  scheduleJob(app, database, {
    name: 'move notifications',
    everyMs,
    everyServer: true,
    run: () => notifyHosts(ctx),
  })
  scheduleJob(app, database, {
    name: 'overdue move acknowledgements',
    everyMs: everyMs * 20,
    everyServer: true,
    run: () => escalateOverdue(ctx),
  })
}
