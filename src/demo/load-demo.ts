// Loads synthetic demo data into a database with COPY, batch by batch, so memory stays flat
// whether it is a thousand children or a million.

import { sql } from 'kysely'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Database } from '../platform/db/database.ts'
import type { DB } from '../platform/db/schema.ts'
import { type DemoBatch, type DemoContinuation, demoData } from './generate.ts'
import {
  ALIAS_COLUMNS,
  CHILD_COLUMNS,
  copyText,
  HOUSEHOLD_COLUMNS,
  INVOLVEMENT_COLUMNS,
  PERSON_COLUMNS,
  PROFESSIONAL_COLUMNS,
  RELATIONSHIP_COLUMNS,
  SCHOOL_COLUMNS,
} from './rows.ts'

export interface DemoLoadOptions {
  children: number
  seed: number
  /** Add to a database that already has children (numbering carries on after theirs). */
  append?: boolean
  /** Ages are worked out at this date ('YYYY-MM-DD'); default today. */
  referenceDate?: string
  batchSize?: number
}

export interface DemoLoadResult {
  children: number
  households: number
  adults: number
  professionals: number
  schools: number
  /** Every row written, in all tables. */
  rows: number
  seconds: number
}

export class DemoDataError extends Error {
  override name = 'DemoDataError'
}

/**
 * Writes schools, professionals, then households with their children, adults, aliases,
 * relationships and involvements. Each COPY commits on its own: a load that fails part way
 * leaves the batches before it in place.
 */
export async function loadDemoData(
  database: Database,
  partnership: PartnershipConfig,
  options: DemoLoadOptions,
): Promise<DemoLoadResult> {
  const started = performance.now()
  const existing = await countChildren(database)
  if (existing > 0 && !options.append) {
    throw new DemoDataError(
      `The database already has ${existing} children; demo data goes into an empty database (or append to add more)`,
    )
  }
  const continueFrom = existing > 0 ? await demoNumbering(database) : undefined
  const data = demoData(partnership, { ...options, continueFrom })
  await copyRows(database, 'school', SCHOOL_COLUMNS, data.schools)
  await copyRows(database, 'professional', PROFESSIONAL_COLUMNS, data.professionals)
  const totals = {
    children: 0,
    households: 0,
    adults: 0,
    rows: data.schools.length + data.professionals.length,
  }
  for (const batch of data.batches()) {
    await writeBatch(database, batch)
    totals.children += batch.children.length
    totals.households += batch.households.length
    totals.adults += batch.adults.length
    totals.rows += rowsIn(batch)
  }
  return {
    ...totals,
    professionals: data.professionals.length,
    schools: data.schools.length,
    seconds: (performance.now() - started) / 1000,
  }
}

/** In the order the foreign keys need. */
async function writeBatch(database: Database, batch: DemoBatch): Promise<void> {
  await copyRows(database, 'household', HOUSEHOLD_COLUMNS, batch.households)
  await copyRows(database, 'child', CHILD_COLUMNS, batch.children)
  await copyRows(database, 'person', PERSON_COLUMNS, batch.adults)
  await copyRows(database, 'child_alias', ALIAS_COLUMNS, batch.aliases)
  await copyRows(database, 'relationship', RELATIONSHIP_COLUMNS, batch.relationships)
  await copyRows(database, 'child_involvement', INVOLVEMENT_COLUMNS, batch.involvements)
}

async function copyRows<T>(
  database: Database,
  table: keyof DB,
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
): Promise<void> {
  if (rows.length > 0) await database.copyInto(table, columns, [copyText(rows, columns)])
}

const rowsIn = (batch: DemoBatch) =>
  batch.households.length +
  batch.children.length +
  batch.adults.length +
  batch.aliases.length +
  batch.relationships.length +
  batch.involvements.length

async function countChildren(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('child')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Where earlier demo loads got to: the highest 'D00000042'-style LA child id and the schools made. */
async function demoNumbering(database: Database): Promise<DemoContinuation> {
  const last = await database.db
    .selectFrom('child')
    .select(sql<string | null>`max(substr(la_child_id, 2))`.as('last'))
    .where('la_child_id', '~', '^D[0-9]{8}$')
    .executeTakeFirstOrThrow()
  const schools = await database.db
    .selectFrom('school')
    .select(['la_id', 'phase', (eb) => eb.fn.countAll().as('count')])
    .groupBy(['la_id', 'phase'])
    .execute()
  return {
    lastChildNumber: Number(last.last ?? 0),
    schools: {
      byLaAndPhase: new Map(schools.map((s) => [`${s.la_id}:${s.phase}`, Number(s.count)])),
      total: schools.reduce((sum, s) => sum + Number(s.count), 0),
    },
  }
}
