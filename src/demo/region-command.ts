// `masa demo region`: writes a synthetic region's partnership files and, given --children, loads each
// partnership's demo children (and --years of history) into the one configured database, each under
// its own partnership id, the children shared between LAs by size.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sql } from 'kysely'
import type { AppConfig } from '../config.ts'
import { type Database, openDatabase } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { migrate } from '../platform/db/migrate.ts'
import { growDemoHistory } from './history.ts'
import { loadDemoData } from './load-demo.ts'
import { type RegionOptions, syntheticRegion } from './region.ts'

export interface RegionCommandOptions extends RegionOptions {
  /** The folder the partnership files are written to. */
  out: string
  /** Children in the whole region; none: the files only. */
  children?: number
  years?: number
}

export interface RegionLoadResult {
  partnerships: number
  children: number
  rows: number
  seconds: number
  /** The database's size on disk after the load, in bytes. */
  bytes: number
}

const count = (n: number) => Math.round(n).toLocaleString('en-GB')

export async function runRegionCommand(
  options: RegionCommandOptions,
  config: AppConfig,
): Promise<RegionLoadResult | undefined> {
  const region = syntheticRegion(options)
  await mkdir(options.out, { recursive: true })
  for (const { config: partnership, yaml } of region)
    await writeFile(join(options.out, `${partnership.partnership.id}.yaml`), yaml)
  const las = region.reduce((sum, p) => sum + p.config.local_authorities.length, 0)
  console.log(
    `Wrote ${region.length} synthetic partnership files (${las} LAs; models ${region.map((p) => p.config.operating_model).join(', ')}) to ${options.out}. ` +
      `Serve one with MASA_PARTNERSHIP=${join(options.out, `${region[0]?.config.partnership.id}.yaml`)}`,
  )
  if (!options.children) return undefined
  return loadRegion(
    region.map((p) => p.config),
    { children: options.children, years: options.years, seed: options.seed },
    config,
  )
}

/** Children per partnership, in proportion to its LAs' postcode districts (their size); they add up to `children`. */
export function shareByPartnership(partnerships: readonly PartnershipConfig[], children: number): number[] {
  const sizes = partnerships.map((p) =>
    p.local_authorities.reduce((sum, la) => sum + la.postcode_prefixes.length, 0),
  )
  const total = sizes.reduce((sum, size) => sum + size, 0)
  let given = 0
  let weight = 0
  return sizes.map((size) => {
    weight += size
    const upTo = Math.round((children * weight) / total)
    const share = upTo - given
    given = upTo
    return share
  })
}

/**
 * Loads the partnerships one after another into one database. The children are numbered across
 * the region (la_child_id, NHS numbers from the test range), so no two partnerships share a child's
 * numbers; each partnership draws its people from a seed of its own.
 */
export async function loadRegion(
  partnerships: readonly PartnershipConfig[],
  options: { children: number; years?: number; seed: number },
  config: AppConfig,
): Promise<RegionLoadResult> {
  const started = performance.now()
  const shares = shareByPartnership(partnerships, options.children)
  let firstChildNumber = 1
  let rows = 0
  let bytes = 0
  for (const [index, partnership] of partnerships.entries()) {
    const database = await openDatabase({ ...config, partnership: partnership.partnership.id })
    try {
      if (index === 0) await migrate(database)
      const seed = options.seed + index
      const children = shares[index] ?? 0
      const loaded = await loadDemoData(database, partnership, { children, seed, firstChildNumber })
      const history = options.years
        ? await growDemoHistory(database, partnership, { years: options.years, seed })
        : { rows: 0, seconds: 0 }
      firstChildNumber += children
      rows += loaded.rows + history.rows
      console.log(
        `  ${partnership.partnership.id} (model ${partnership.operating_model}, ${partnership.local_authorities.length} LAs): ` +
          `${count(children)} children, ${count(loaded.rows + history.rows)} rows in ${(loaded.seconds + history.seconds).toFixed(1)} s`,
      )
      if (index === partnerships.length - 1) bytes = await databaseBytes(database)
    } finally {
      await database.close()
    }
  }
  const seconds = (performance.now() - started) / 1000
  console.log(
    `Loaded ${partnerships.length} partnerships, ${count(options.children)} children${options.years ? ` with ${options.years} years of history` : ''} ` +
      `in ${seconds.toFixed(1)} s: ${count(options.children / seconds)} children/s, ${count(rows / seconds)} rows/s (${count(rows)} rows); ` +
      `the database is ${(bytes / 2 ** 30).toFixed(2)} GiB`,
  )
  return { partnerships: partnerships.length, children: options.children, rows, seconds, bytes }
}

async function databaseBytes(database: Database): Promise<number> {
  const { rows } = await sql<{
    bytes: number
  }>`SELECT pg_database_size(current_database())::int8 AS bytes`.execute(database.db)
  return Number(rows[0]?.bytes ?? 0)
}
