import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { sql } from 'kysely'
import { rewriteAuditEntry } from '../../../test/support/audit.ts'
import { loadConfig } from '../../config.ts'
import { asOwner, type Database, openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { CheckpointWriter } from './checkpoints.ts'
import { type AuditEntry, appendAuditEvents } from './log.ts'
import { loadAuditSigning, publicKeyPem } from './signing-key.ts'
import { runAuditVerify } from './verify-command.ts'

// The command opens the database its configuration names, as `masa audit verify` would: here an
// embedded one in a folder of its own (the chain checks themselves run on both engines in log.test.ts).
const dataDir = mkdtempSync(join(tmpdir(), 'masa-audit-verify-'))
const config = loadConfig({}, { dataDir })
after(() => rmSync(dataDir, { recursive: true, force: true }))

async function withDatabase(work: (database: Database) => Promise<void>, configured = config) {
  const database = await openDatabase({ ...configured, partnership: 'llr' })
  try {
    await work(database)
  } finally {
    await database.close()
  }
}

const searched = (requestId: string): AuditEntry => ({
  actorKind: 'user',
  actorId: 'screener-1',
  agencyId: 'leicester-city-council',
  action: 'child.view',
  resourceKind: 'la',
  resourceId: 'leicester',
  childId: null,
  outcome: 'allowed',
  basis: 'area',
  reason: 'Within the area your role covers',
  lawfulBasis: null,
  breakGlassReason: null,
  ip: '192.0.2.1',
  requestId,
  detail: {},
})

test('masa audit verify: exit code 0 on an intact chain, 1 naming the broken row otherwise', async (t) => {
  await withDatabase(async (database) => {
    await migrate(database)
    await database.db.transaction().execute((trx) => appendAuditEvents(trx, ['a', 'b', 'c'].map(searched)))
  })
  const printed = t.mock.method(console, 'log', () => {})
  assert.equal(await runAuditVerify(config), 0)
  assert.match(
    String(printed.mock.calls[0]?.arguments[0]),
    /^Audit intact: 3 entries checked in 16 chains\. Their heads .+:\n {2}chain 0: entry \d+, hash [0-9a-f]{64}\n/,
  )

  await withDatabase(async (database) => {
    await asOwner(database.db, async (owner) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(owner)
      await sql`UPDATE audit_event SET actor_id = 'someone-else' WHERE seq = 2`.execute(owner)
    })
  })
  assert.equal(await runAuditVerify(config), 1)
  assert.match(
    String(printed.mock.calls[1]?.arguments[0]),
    /^Audit chain \d+ BROKEN at entry 2 \(edited\): entry 2 no longer matches its hash: a field was changed\. 1 entry checked before it/,
  )
})

test('masa audit verify --checkpoints: a rewritten and re-hashed entry passes the chain check but not the signed checkpoints', async (t) => {
  const signedDir = mkdtempSync(join(tmpdir(), 'masa-audit-checkpoints-'))
  t.after(() => rmSync(signedDir, { recursive: true, force: true }))
  const signed = loadConfig({}, { dataDir: signedDir })
  const signing = await loadAuditSigning(signed, () => {})
  const checkpoints = signing.checkpointsFile
  let chainId = -1
  await withDatabase(async (database) => {
    await migrate(database)
    await database.db.transaction().execute((trx) => appendAuditEvents(trx, ['a', 'b', 'c'].map(searched)))
    chainId = (await database.db.selectFrom('audit_event').select('chain_id').executeTakeFirstOrThrow())
      .chain_id
    const writer = new CheckpointWriter({
      db: database.db,
      file: checkpoints,
      ...signing,
      onRewritten: assert.fail,
    })
    await writer.write()
  }, signed)
  const publicKeyFile = join(signedDir, 'audit-public-key.pem')
  writeFileSync(publicKeyFile, publicKeyPem(signing.privateKey))
  const printed = t.mock.method(console, 'log', () => {})
  const said = () => String(printed.mock.calls.at(-1)?.arguments[0])

  await assert.rejects(runAuditVerify(signed, { checkpoints: `${checkpoints}.missing` }), /cannot read/)
  assert.equal(await runAuditVerify(signed, { checkpoints }), 0)
  assert.match(
    said(),
    /^Checkpoints hold: the chains match all 1 checkpoint signed in .+audit-checkpoints\.jsonl/,
  )

  await withDatabase(
    (database) =>
      database.db.transaction().execute((trx) => rewriteAuditEntry(trx, chainId, 2, 'someone-else')),
    signed,
  )
  assert.equal(await runAuditVerify(signed), 0, 'the hash chain alone is whole again')
  assert.match(said(), /^Audit intact: 3 entries checked/)
  assert.equal(await runAuditVerify(signed, { checkpoints, publicKey: [publicKeyFile] }), 1)
  assert.match(
    said(),
    new RegExp(
      `^Checkpoint on line 1 of .+ BROKEN \\(chain ${chainId}, entry 3\\): entry 3 no longer holds the hash ` +
        'the checkpoint of .+ signed: an entry from 1 to 3 was rewritten and the chain re-hashed after it\\. ' +
        '0 checkpoints held before it',
    ),
  )
})
