// The administrators' page: the retention schedule's dry run in words (GET /admin/retention). It deletes
// nothing: deletion is the operator's command, `masa retention --apply`.

import type { FastifyInstance } from 'fastify'
import type { Database } from '../database.ts'
import { callerOf, requireUser } from '../identity/index.ts'
import type { RetentionSchedule } from '../partnership/retention-schema.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { describeTypeReport } from './rules.ts'
import { readRetentionReport } from './workflow.ts'

export interface RetentionPageContext {
  db: Database['db']
  years: Required<RetentionSchedule>
  now: () => Date
}

export function registerRetentionPages(app: FastifyInstance, ctx: RetentionPageContext): void {
  app.get('/admin/retention', { schema: { hide: true }, preHandler: requireUser }, async (request, reply) => {
    const today = toIsoDate(ctx.now())
    const reports = await readRetentionReport(ctx.db, callerOf(request), ctx.years, today)
    return reply.view('retention/views/report.njk', {
      pageTitle: 'Retention schedule',
      today,
      kinds: reports.map(describeTypeReport),
      due: reports.reduce((sum, report) => sum + report.due, 0),
    })
  })
}
