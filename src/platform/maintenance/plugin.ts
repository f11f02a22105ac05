// The database's upkeep while the service runs: where nothing else does it (the embedded engine, or a
// PostgreSQL server with autovacuum turned off) a loop that keeps the planner's statistics fresh, and
// for the partnership administrator a page showing the tables that need it and the recent runs
// (GET /admin/database).

import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import { accessFrom, audited, authorize } from '../access/guard.ts'
import type { Database } from '../db/database.ts'
import { scheduleJob } from '../jobs.ts'
import { needsVacuum, staleStatistics } from './rules.ts'
import { autovacuumIsOn, listRecentRuns, type MaintenanceRun, readTableStatistics } from './store.ts'
import { maintainStatistics } from './workflow.ts'

export interface MaintenanceOptions {
  database: Database
  preHandler: preHandlerAsyncHookHandler
  /** How often the tables are checked where nothing else looks after them; 0 turns the loop off. */
  everyMs?: number
}

/** One minute, as autovacuum_naptime: each check reads one catalog view, and most find nothing to do. */
const EVERY_MS = 60_000

export async function maintenancePlugin(app: FastifyInstance, options: MaintenanceOptions): Promise<void> {
  const { database } = options
  const everyMs = options.everyMs ?? EVERY_MS
  const upkeep =
    database.engine === 'pglite' ? 'embedded' : (await autovacuumIsOn(database.db)) ? 'autovacuum' : 'masa'
  if (upkeep !== 'autovacuum')
    scheduleJob(app, database, {
      name: 'statistics upkeep',
      everyMs,
      async run() {
        const run = await maintainStatistics(database.db, 'schedule')
        if (run)
          app.log.info({ analysed: run.analysed, vacuumed: run.vacuumed }, 'refreshed planner statistics')
        if (run?.problem) app.log.warn({ problem: run.problem }, 'statistics upkeep could not do a table')
      },
    })

  app.get(
    '/admin/database',
    { schema: { hide: true }, preHandler: options.preHandler },
    async (request, reply) => {
      const { tables, runs } = await audited(database.db, async (trx) => {
        authorize(trx, {
          ...accessFrom(request),
          action: 'maintenance.view',
          resource: { kind: 'partnership' },
        })
        return { tables: await readTableStatistics(trx), runs: await listRecentRuns(trx) }
      })
      const attention = tables.flatMap((t) => {
        const reasons = [staleStatistics(t), needsVacuum(t) ? `${t.deadRows} dead rows to vacuum` : undefined]
        const why = reasons.filter(Boolean).join('; ')
        return why ? [{ table: t.table, why }] : []
      })
      return reply.view('platform/maintenance/views/database.njk', {
        pageTitle: 'Database upkeep',
        upkeep,
        tableCount: tables.length,
        attention,
        runs: runs.map(runView),
      })
    },
  )
}

const TRIGGERS: Record<MaintenanceRun['trigger'], string> = {
  schedule: 'Regular check',
  load: 'After a bulk load',
  command: 'Run by an operator',
}

function runView(run: MaintenanceRun) {
  return {
    at: run.startedAt,
    trigger: TRIGGERS[run.trigger],
    analysed: [...run.vacuumed, ...run.analysed].join(', '),
    vacuumed: run.vacuumed.join(', '),
    seconds: ((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1),
    problem: run.problem,
  }
}
