// `masa demo`: load synthetic demo data into the configured database.

import type { AppConfig } from '../config.ts'
import { openConfiguredDatabase } from '../database.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { migrate } from '../platform/db/migrate.ts'
import { type DemoHistoryResult, growDemoHistory } from './history.ts'
import { type DemoLoadResult, loadDemoData } from './load-demo.ts'

export interface DemoCommandOptions {
  children: number
  seed: number
  append?: boolean
  /** Years of history to grow over the children (1 to 5); none if absent or 0. */
  years?: number
}

/** Migrates the database, loads demo data for the configured partnership and reports what it wrote. */
export async function runDemoCommand(
  options: DemoCommandOptions,
  config: AppConfig,
): Promise<DemoLoadResult> {
  const partnership = await loadPartnershipConfig(config.partnershipFile)
  const database = await openConfiguredDatabase(config)
  try {
    await migrate(database)
    const result = await loadDemoData(database, partnership, options)
    console.log(describeLoad(result, partnership.partnership.short_name))
    if (options.years) {
      const history = await growDemoHistory(database, partnership, {
        years: options.years,
        seed: options.seed,
      })
      console.log(describeHistory(history, options.years, result))
    }
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

function describeHistory(history: DemoHistoryResult, years: number, load: DemoLoadResult): string {
  const seconds = load.seconds + history.seconds
  const perSecond = (n: number) => count(Math.round(n / Math.max(seconds, 0.001)))
  const perTenThousandAYear = (n: number) => ((n / load.children / years) * 10_000).toFixed(0)
  return [
    `Grew ${years} ${years === 1 ? 'year' : 'years'} of history in ${history.seconds.toFixed(1)} s (${count(history.rows)} rows):`,
    `  ${count(history.referrals)} referrals, ${count(history.enquiries)} section 47 enquiries, ${count(history.initialConferences)} initial conferences, ${count(history.plans)} plans`,
    `  per 10,000 children a year: ${perTenThousandAYear(history.referrals)} referrals, ${perTenThousandAYear(history.enquiries)} enquiries, ${perTenThousandAYear(history.initialConferences)} initial conferences`,
    `  in all, with the children: ${perSecond(load.rows + history.rows)} rows/s, ${perSecond(load.children)} children/s`,
  ].join('\n')
}
