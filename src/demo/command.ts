// `masa demo`: load synthetic demo data into the configured database.

import type { AppConfig } from '../config.ts'
import { openDatabase } from '../database.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { migrate } from '../platform/db/migrate.ts'
import { type DemoLoadResult, loadDemoData } from './load-demo.ts'

export interface DemoCommandOptions {
  children: number
  seed: number
  append?: boolean
}

/** Migrates the database, loads demo data for the configured partnership and reports what it wrote. */
export async function runDemoCommand(
  options: DemoCommandOptions,
  config: AppConfig,
): Promise<DemoLoadResult> {
  const partnership = await loadPartnershipConfig(config.partnershipFile)
  const database = await openDatabase(config)
  try {
    await migrate(database)
    const result = await loadDemoData(database, partnership, options)
    console.log(describeLoad(result, partnership.partnership.short_name))
    return result
  } finally {
    await database.close()
  }
}

const count = (n: number) => n.toLocaleString('en-GB')

function describeLoad(result: DemoLoadResult, partnershipName: string): string {
  const perSecond = (n: number) => count(Math.round(n / Math.max(result.seconds, 0.001)))
  return [
    `Loaded synthetic demo data for ${partnershipName} in ${result.seconds.toFixed(1)} s:`,
    `  ${count(result.children)} children in ${count(result.households)} households, ${count(result.adults)} adults,`,
    `  ${count(result.schools)} schools, ${count(result.professionals)} professionals (${count(result.rows)} rows)`,
    `  ${perSecond(result.rows)} rows/s, ${perSecond(result.children)} children/s`,
  ].join('\n')
}
