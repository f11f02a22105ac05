// Loads synthetic demo data into a database with COPY, batch by batch, so memory stays flat
// whether it is a thousand children or a million. The generator's batches are small (cheap for
// the garbage collector); their COPY text is gathered and written in larger chunks.

import { sql } from 'kysely'
import type { Database, DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { analyseLoadedTables } from '../platform/maintenance/workflow.ts'
import { type DemoBatch, type DemoContinuation, demoData } from './generate.ts'
import { NO_SCHOOLS_IN_USE } from './organisations.ts'
import {
  ALIAS_COLUMNS,
  CHILD_COLUMNS,
  copyText,
  DECLARATION_COLUMNS,
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
  /** Into an empty database, numbers the children from here rather than 1 (a region's partnerships, apart). */
  firstChildNumber?: number
  /** Ages are worked out at this date ('YYYY-MM-DD'); default today. */
  referenceDate?: string
  /** Children per COPY chunk. */
  chunkSize?: number
  /** False leaves the tables unanalysed: only for benchmarks measuring a database without statistics. */
  analyse?: boolean
}

const DEFAULT_CHUNK_SIZE = 10_000

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
 * relationships and involvements, then analyses them. Each COPY commits on its own: a load that
 * fails part way leaves the batches before it in place.
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
  const continueFrom =
    existing > 0
      ? await demoNumbering(database)
      : { lastChildNumber: (options.firstChildNumber ?? 1) - 1, schools: NO_SCHOOLS_IN_USE }
  const data = demoData(partnership, { ...options, continueFrom })
  await copyRows(database, 'school', SCHOOL_COLUMNS, data.schools)
  await copyRows(database, 'professional', PROFESSIONAL_COLUMNS, data.professionals)
  const totals = {
    children: 0,
    households: 0,
    adults: 0,
    rows: data.schools.length + data.professionals.length,
  }
  const writer = new ChunkWriter(database)
  let chunk = new CopyChunk()
  for (const batch of data.batches()) {
    chunk.add(batch)
    totals.children += batch.children.length
    totals.households += batch.households.length
    totals.adults += batch.adults.length
    totals.rows += rowsIn(batch)
    if (chunk.children >= (options.chunkSize ?? DEFAULT_CHUNK_SIZE)) {
      await writer.write(chunk)
      chunk = new CopyChunk()
    }
  }
  await writer.write(chunk)
  await writer.finished()
  // Without statistics the planner guesses thousands of rows where there are three (issue 18).
  if (options.analyse !== false) await analyseLoadedTables(database.db, LOADED_TABLES)
  return {
    ...totals,
    professionals: data.professionals.length,
    schools: data.schools.length,
    seconds: (performance.now() - started) / 1000,
  }
}

interface BatchTable {
  table: keyof DB
  columns: readonly string[]
  text(batch: DemoBatch): string
}

const batchTable = <T>(
  table: keyof DB,
  columns: readonly (keyof T & string)[],
  rows: (batch: DemoBatch) => readonly T[],
): BatchTable => ({ table, columns, text: (batch) => copyText(rows(batch), columns) })

/** Rows other rows point at, in the order the foreign keys need. */
const OWNER_TABLES: readonly BatchTable[] = [
  batchTable('household', HOUSEHOLD_COLUMNS, (batch) => batch.households),
  batchTable('child', CHILD_COLUMNS, (batch) => batch.children),
  batchTable('person', PERSON_COLUMNS, (batch) => batch.adults),
]

/** Rows that point at the owners of the same chunk. */
const LINK_TABLES: readonly BatchTable[] = [
  batchTable('child_alias', ALIAS_COLUMNS, (batch) => batch.aliases),
  batchTable('relationship', RELATIONSHIP_COLUMNS, (batch) => batch.relationships),
  batchTable('child_involvement', INVOLVEMENT_COLUMNS, (batch) => batch.involvements),
  batchTable('agency_declaration', DECLARATION_COLUMNS, (batch) => batch.declarations),
]

export const LOADED_TABLES = [
  'school',
  'professional',
  ...[...OWNER_TABLES, ...LINK_TABLES].map((t) => t.table),
]

/** COPY text for several batches, table by table. */
class CopyChunk {
  children = 0
  readonly owners = new TableTexts(OWNER_TABLES)
  readonly links = new TableTexts(LINK_TABLES)

  add(batch: DemoBatch): void {
    this.owners.add(batch)
    this.links.add(batch)
    this.children += batch.children.length
  }
}

class TableTexts {
  private readonly texts: string[][]

  constructor(private readonly tables: readonly BatchTable[]) {
    this.texts = tables.map(() => [])
  }

  add(batch: DemoBatch): void {
    this.tables.forEach((table, i) => {
      const text = table.text(batch)
      if (text.length > 0) this.texts[i]?.push(text)
    })
  }

  async write(database: Database): Promise<void> {
    for (const [i, { table, columns }] of this.tables.entries()) {
      const texts = this.texts[i] ?? []
      if (texts.length > 0) await database.copyInto(table, columns, texts)
    }
  }
}

/**
 * Writes a chunk's owners, then its links. The links of one chunk are written (on another
 * connection) while the next chunk is made and its owners written, so PostgreSQL works on two
 * cores; the embedded engine takes them in turn.
 */
class ChunkWriter {
  private links: Promise<void> = Promise.resolve()

  constructor(private readonly database: Database) {}

  async write(chunk: CopyChunk): Promise<void> {
    await Promise.all([chunk.owners.write(this.database), this.links])
    this.links = chunk.links.write(this.database)
    // Reported by the next write or by finished(); this only stops Node calling it unhandled.
    this.links.catch(() => {})
  }

  finished(): Promise<void> {
    return this.links
  }
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
  batch.involvements.length +
  batch.declarations.length

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
