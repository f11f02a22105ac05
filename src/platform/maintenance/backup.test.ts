import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { DEMO_PARTNERSHIPS } from '../../../test/support/app.ts'
import { buildApp } from '../../app.ts'
import { loadConfig } from '../../config.ts'
import { type Database, openDatabase } from '../../database.ts'
import { loadDemoData } from '../../demo/load-demo.ts'
import { sendDemoReferrals } from '../../demo/referrals.ts'
import { loadPartnershipConfig } from '../../partnership/config.ts'
import { verifyAuditChain } from '../audit/verify.ts'
import { runAuditVerify } from '../audit/verify-command.ts'
import type { DatabaseTarget } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { backUp, restore } from './backup.ts'

/** A database with something in most tables: demo children, referrals sent through the API (audited). */
async function fillWithDemo(target: DatabaseTarget): Promise<void> {
  const database = await openDatabase({ ...target, partnership: 'llr' })
  try {
    await migrate(database)
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    const app = await buildApp({ database, partnership, logLevel: 'silent' })
    await loadDemoData(database, partnership, { children: 30, seed: 5 })
    assert.ok((await sendDemoReferrals(app, database, partnership, 4)) > 0)
    await app.close()
  } finally {
    await database.close()
  }
}

/** Each table's rows, and the audit chains' heads: what a restore must bring back exactly. */
async function contentsOf(target: DatabaseTarget) {
  const database: Database = await openDatabase({ ...target, partnership: 'llr' })
  try {
    const { rows: tables } = await sql<{ name: string }>`
      SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(
      database.db,
    )
    const counts: Record<string, number> = {}
    for (const { name } of tables) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(
        database.db,
      )
      counts[name] = rows[0]?.n ?? 0
    }
    return { counts, audit: await verifyAuditChain(database.db) }
  } finally {
    await database.close()
  }
}

async function assertSameContents(source: DatabaseTarget, restored: DatabaseTarget): Promise<void> {
  const before = await contentsOf(source)
  const after = await contentsOf(restored)
  assert.ok((before.counts.child ?? 0) > 0 && (before.counts.referral ?? 0) > 0, 'the source holds records')
  assert.ok(before.audit.intact && before.audit.checked > 0, 'and an audit chain')
  assert.deepEqual(after.counts, before.counts)
  assert.deepEqual(after.audit, before.audit)
}

describe('masa backup and masa restore, embedded engine', () => {
  let folder: string
  const source = () => ({ dataDir: join(folder, 'source') })
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'masa-backup-'))
    await fillWithDemo(source())
  })
  after(() => rm(folder, { recursive: true, force: true }))

  it('restores a backup into a new folder with every row and the same audit chain, which verifies', async () => {
    const file = join(folder, 'masa.backup')
    assert.match(await backUp(source(), file), /Backed up the embedded data folder/)
    const restored = { dataDir: join(folder, 'restored') }
    assert.match(await restore(restored, file), /Restored/)
    await assertSameContents(source(), restored)
    assert.equal(await runAuditVerify(loadConfig({}, restored)), 0)
  })

  it('writes no backup over an existing file, and restores into no folder that holds anything', async () => {
    const file = join(folder, 'taken.backup')
    await writeFile(file, 'something else')
    await assert.rejects(backUp(source(), file), /already exists/)
    const occupied = join(folder, 'occupied')
    await mkdir(occupied)
    await writeFile(join(occupied, 'notes.txt'), 'mine')
    await assert.rejects(restore({ dataDir: occupied }, join(folder, 'masa.backup')), /is not empty/)
    await assert.rejects(
      backUp({ dataDir: join(folder, 'nothing-here') }, join(folder, 'x')),
      /no embedded database/,
    )
  })
})

describe('masa backup and masa restore, PostgreSQL', {
  skip: !process.env.DATABASE_URL && 'needs PostgreSQL: runs when DATABASE_URL is set, as .ci/run sets it',
}, () => {
  const serverUrl = process.env.DATABASE_URL ?? ''
  const names = ['source', 'restored'].map((role) => `masa_backup_${role}_${randomBytes(4).toString('hex')}`)
  const urlOf = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString()
  const [source, restored] = names.map((name) => ({ databaseUrl: urlOf(name), dataDir: '' })) as [
    DatabaseTarget,
    DatabaseTarget,
  ]
  let folder: string
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    await client.query(text).finally(() => client.end())
  }
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'masa-backup-pg-'))
    for (const name of names) await admin(`CREATE DATABASE ${name}`)
    await fillWithDemo(source)
  })
  // The child search's indexes serve it under row-level security only while these are leakproof.
  const searchFunctionsLeakproof = async ({ databaseUrl }: DatabaseTarget) => {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    const { rows } = await client
      .query(`SELECT proname, proleakproof FROM pg_proc
              WHERE proname IN ('lower', 'textcat', 'dmetaphone', 'soundex', 'similarity_op') ORDER BY 1, 2`)
      .finally(() => client.end())
    return rows
  }
  after(async () => {
    for (const name of names) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await rm(folder, { recursive: true, force: true })
  })

  it('restores a pg_dump into a fresh database with every row and the same audit chain, which verifies', async () => {
    const file = join(folder, 'masa.dump')
    assert.match(await backUp(source, file), /pg_dump/)
    await restore(restored, file)
    await assertSameContents(source, restored)
    const marked = await searchFunctionsLeakproof(source)
    assert.ok(
      marked.some(({ proleakproof }) => proleakproof),
      'the migrations marked the search functions',
    )
    assert.deepEqual(await searchFunctionsLeakproof(restored), marked)
    assert.equal(await runAuditVerify(loadConfig({ DATABASE_URL: restored.databaseUrl })), 0)
  })

  it('restores into no database that already holds masa', async () => {
    await assert.rejects(restore(source, join(folder, 'masa.dump')), /already holds masa tables/)
  })
})
