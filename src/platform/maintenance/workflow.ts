// Keeping the planner's statistics fresh where nothing else does (the embedded engine has no
// autovacuum): analyse the tables whose rows changed past autovacuum's threshold, vacuum those with
// too many dead rows, one table at a time, and record the run.

import type { Kysely } from 'kysely'
import type { PlatformDB } from '../db/schema.ts'
import { planMaintenance } from './rules.ts'
import {
  analyzeTables,
  type MaintenanceRun,
  readTableStatistics,
  recordRun,
  vacuumAndAnalyze,
} from './store.ts'

/** A run that found nothing to do is not recorded: resolves to undefined. */
export async function maintainStatistics(
  db: Kysely<PlatformDB>,
  trigger: MaintenanceRun['trigger'],
): Promise<MaintenanceRun | undefined> {
  const startedAt = new Date()
  const plan = planMaintenance(await readTableStatistics(db))
  if (plan.analyse.length === 0 && plan.vacuum.length === 0) return undefined
  const run: MaintenanceRun = {
    startedAt,
    finishedAt: startedAt,
    trigger,
    analysed: [],
    vacuumed: [],
    problem: null,
  }
  // A table that cannot be done (dropped meanwhile, say) does not stop the others.
  const attempt = async (table: string, work: () => Promise<void>, done: string[]) => {
    try {
      await work()
      done.push(table)
    } catch (error) {
      run.problem ??= `${table}: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  for (const table of plan.vacuum) await attempt(table, () => vacuumAndAnalyze(db, table), run.vacuumed)
  for (const table of plan.analyse) await attempt(table, () => analyzeTables(db, [table]), run.analysed)
  run.finishedAt = new Date()
  await recordRun(db, run)
  return run
}

/** The end of every bulk load: ANALYZE of the tables it filled, recorded as a run. */
export async function analyseLoadedTables(db: Kysely<PlatformDB>, tables: readonly string[]): Promise<void> {
  const startedAt = new Date()
  await analyzeTables(db, tables)
  await recordRun(db, {
    startedAt,
    finishedAt: new Date(),
    trigger: 'load',
    analysed: [...tables],
    vacuumed: [],
    problem: null,
  })
}
