// `masa backup <file>` and `masa restore <file>`: the whole database to one file and back. PostgreSQL
// through pg_dump and pg_restore (custom format), whose version must be at least the server's; the
// embedded engine through its own dump of the data folder (a gzipped tarball, which holds the keys kept
// in that folder too). A restore goes only into an empty database or folder, never over live data.

import { execFile } from 'node:child_process'
import { access, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { ConfigError } from '../../config.ts'
import { LOCK_FILE } from '../db/data-dir-lock.ts'
import {
  type DatabaseTarget,
  ensureServiceRoleOnServer,
  markSearchFunctionsLeakproof,
  openDatabase,
} from '../db/database.ts'

const run = promisify(execFile)

/** Writes the database to `file` (which must not exist yet); resolves to what was written, in words. */
export async function backUp(target: DatabaseTarget, file: string): Promise<string> {
  await refuseExisting(file)
  const partial = `${file}.partial`
  try {
    if (target.databaseUrl) await pgDump(target.databaseUrl, partial)
    else await dumpDataDir(target.dataDir, partial)
    await rename(partial, file)
  } finally {
    await rm(partial, { force: true })
  }
  return target.databaseUrl
    ? `Backed up the PostgreSQL database to ${file} (pg_dump custom format).`
    : `Backed up the embedded data folder ${target.dataDir} to ${file}.`
}

/** Loads `file` into the configured database, which must be empty; resolves to what was done, in words. */
export async function restore(target: DatabaseTarget, file: string): Promise<string> {
  await access(file).catch(() => {
    throw new ConfigError(`Cannot read the backup ${file}.`)
  })
  if (target.databaseUrl) {
    await pgRestore(target.databaseUrl, file)
    if (await markSearchFunctionsLeakproof(target.databaseUrl))
      return `Restored ${file} into the PostgreSQL database.`
    return (
      `Restored ${file} into the PostgreSQL database. Not as a superuser: ask one to mark ` +
      'lower, textcat, dmetaphone, soundex and similarity_op LEAKPROOF in it, or the child search reads the whole table.'
    )
  }
  await loadDataDir(target.dataDir, file)
  return `Restored ${file} into the embedded data folder ${target.dataDir}.`
}

async function refuseExisting(file: string): Promise<void> {
  const exists = await access(file).then(
    () => true,
    () => false,
  )
  if (exists) throw new ConfigError(`${file} already exists: name a new file for the backup.`)
}

async function dumpDataDir(dataDir: string, file: string): Promise<void> {
  await access(join(dataDir, 'PG_VERSION')).catch(() => {
    throw new ConfigError(`There is no embedded database in ${dataDir} to back up (MASA_DATA_DIR).`)
  })
  // Opening takes the folder's lock: a running server is refused rather than copied mid-write.
  const database = await openDatabase({ dataDir })
  try {
    const dump = await (database.dump as NonNullable<typeof database.dump>)('gzip')
    await writeFile(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 })
  } finally {
    await database.close()
  }
}

/**
 * Loads the dump into a folder of its own beside the target, then moves it into place: a half-restored
 * folder is never where masa looks. The lock the dump carries (its maker's) is left behind.
 */
async function loadDataDir(dataDir: string, file: string): Promise<void> {
  const present = await readdir(dataDir).catch(() => [])
  if (present.length > 0)
    throw new ConfigError(`The data folder ${dataDir} is not empty: restore into a new MASA_DATA_DIR.`)
  const staging = `${dataDir}.restoring-${process.pid}`
  try {
    const database = await openDatabase({ dataDir: staging, snapshot: new Blob([await readFile(file)]) })
    await database.close()
    await unlink(join(staging, LOCK_FILE)).catch(() => {})
    await rm(dataDir, { recursive: true, force: true })
    await rename(staging, dataDir)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

async function pgDump(databaseUrl: string, file: string): Promise<void> {
  await checkToolVersion('pg_dump', databaseUrl)
  const { url, env } = withoutPassword(databaseUrl)
  await run('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${url}`], { env })
}

async function pgRestore(databaseUrl: string, file: string): Promise<void> {
  await checkToolVersion('pg_restore', databaseUrl)
  if (await hasMasaTables(databaseUrl))
    throw new ConfigError(
      'The database DATABASE_URL names already holds masa tables: restore into a new, empty database (createdb).',
    )
  // The backup's grants to the service role come back with it (its row-level security binds that role).
  await ensureServiceRoleOnServer(databaseUrl)
  const { url, env } = withoutPassword(databaseUrl)
  const options = ['--no-owner', '--exit-on-error', '--single-transaction']
  await run('pg_restore', [...options, `--dbname=${url}`, file], { env, maxBuffer: 16 * 1024 * 1024 })
}

/** The password goes to the tool in its environment, never on a command line others can list. */
function withoutPassword(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password)
  url.password = ''
  return { url: url.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env }
}

/** pg_dump and pg_restore must be of the server's major version or later. */
async function checkToolVersion(tool: 'pg_dump' | 'pg_restore', databaseUrl: string): Promise<void> {
  const version = await run(tool, ['--version']).then(
    ({ stdout }) => Number(/\(PostgreSQL\) (\d+)/.exec(stdout)?.[1]),
    () => {
      throw new ConfigError(
        `${tool} was not found: install the PostgreSQL client tools (Debian: postgresql-client).`,
      )
    },
  )
  const server = Math.floor(Number(await queryOne(databaseUrl, 'SHOW server_version_num')) / 10_000)
  if (!(version >= server))
    throw new ConfigError(
      `${tool} is version ${version} but the server is PostgreSQL ${server}: install postgresql-client-${server} or later.`,
    )
}

async function hasMasaTables(databaseUrl: string): Promise<boolean> {
  return (await queryOne(databaseUrl, "SELECT to_regclass('public.masa_migration') IS NOT NULL")) === true
}

async function queryOne(databaseUrl: string, text: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query({ text, rowMode: 'array' })
    return (rows[0] as unknown[] | undefined)?.[0]
  } finally {
    await client.end()
  }
}
