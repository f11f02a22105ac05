// PostgreSQL's own COPY rate for the same rows: every row a load wrote, copied out of its database
// and timed going into a freshly migrated one by COPY alone, in one transaction, then ANALYZE as the
// loader ends. The indexes are in place; foreign keys and triggers are not checked (session_replication_role
// replica, which needs a superuser), since some tables refer to each other: the most COPY can do.

import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import type { Database } from '../../src/database.ts'

/** The installation's own tables, which a migration fills: not the load's. */
const NOT_LOADED = new Set(['masa_migration', 'db_maintenance_run'])

interface Table {
  name: string
  columns: string[]
}

export async function copyBaseline(
  loaded: Database,
  empty: Database,
): Promise<{ rows: number; seconds: number }> {
  const tables = await loadedTables(loaded, empty)
  const folder = await mkdtemp(join(tmpdir(), 'masa-copy-baseline-'))
  try {
    for (const table of tables) await copyOut(loaded, table, join(folder, table.name))
    const started = performance.now()
    const rows = await copyIn(empty, tables, folder)
    return { rows, seconds: (performance.now() - started) / 1000 }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/** The tables with rows in `loaded` and none in `empty` (those a migration fills), with their written columns. */
async function loadedTables(loaded: Database, empty: Database): Promise<Table[]> {
  const { rows } = await loaded.pool.query<Table>(`
    SELECT c.relname AS name,
      array(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
        AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum)::text[] AS columns
    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1`)
  const hasRows = async (database: Database, name: string) =>
    (await database.pool.query(`SELECT EXISTS (SELECT FROM ${name}) AS some`)).rows[0].some as boolean
  const tables: Table[] = []
  for (const table of rows)
    if (
      !NOT_LOADED.has(table.name) &&
      (await hasRows(loaded, table.name)) &&
      !(await hasRows(empty, table.name))
    )
      tables.push(table)
  return tables
}

/** Every table's file into `empty` by COPY, as the superuser the server was opened as, then ANALYZE; the rows copied. */
async function copyIn(empty: Database, tables: readonly Table[], folder: string): Promise<number> {
  const client = await empty.pool.connect()
  let rows = 0
  try {
    await client.query('RESET ROLE; SET session_replication_role = replica; BEGIN')
    for (const table of tables) {
      const sink = client.query(copyFrom(`COPY ${table.name} (${table.columns.join(', ')}) FROM STDIN`))
      await pipeline(createReadStream(join(folder, table.name)), sink)
      rows += Number(sink.rowCount)
    }
    await client.query('COMMIT')
    await client.query(`ANALYZE ${tables.map((table) => table.name).join(', ')}`)
    return rows
  } finally {
    // The connection left its partnership's role: it is not handed out again.
    client.release(true)
  }
}

async function copyOut(database: Database, table: Table, path: string): Promise<void> {
  const client = await database.pool.connect()
  try {
    const source = client.query(
      copyTo(`COPY (SELECT ${table.columns.join(', ')} FROM ${table.name}) TO STDOUT`),
    )
    await pipeline(source, createWriteStream(path))
  } finally {
    client.release()
  }
}
