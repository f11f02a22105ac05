import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { type Kysely, sql, type Transaction } from 'kysely'
import { rewriteAuditEntry as rewrite } from '../../../test/support/audit.ts'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import type { PlatformDB } from '../db/schema.ts'
import { CheckpointWriter, startAuditCheckpoints, verifyCheckpoints } from './checkpoints.ts'
import { type AuditEntry, appendAuditEvents } from './log.ts'
import { verifyAuditChain } from './verify.ts'

const entry = (requestId: string): AuditEntry => ({
  actorKind: 'user',
  actorId: 'screener-1',
  agencyId: 'leicester-city-council',
  action: 'child.search',
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
  detail: { surname: 'Example' },
})

const append = (db: Kysely<PlatformDB>, chainId: number, requestIds: string[]) =>
  db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('masa.audit_chain', ${String(chainId)}, true)`.execute(trx)
    await appendAuditEvents(trx, requestIds.map(entry))
  })

/** Runs the tampering and the checks in a transaction that is rolled back, so each test starts clean. */
async function tampered(db: Kysely<PlatformDB>, work: (trx: Transaction<PlatformDB>) => Promise<void>) {
  const rollback = new Error('rollback')
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await work(trx)
      throw rollback
    }),
    (error) => error === rollback,
  )
}

describe('signed audit checkpoints', () => {
  let database: TestDatabase
  const folder = mkdtempSync(join(tmpdir(), 'masa-checkpoints-'))
  const file = join(folder, 'audit-checkpoints.jsonl')
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const rewritten: string[] = []
  const writer = (db: Kysely<PlatformDB>) =>
    new CheckpointWriter({
      db,
      file,
      privateKey,
      now: () => new Date('2026-03-02T09:00:00Z'),
      onRewritten: (problem) => rewritten.push(problem),
    })

  before(async () => {
    database = await openTestDatabase()
    await append(database.db, 0, ['a1', 'a2', 'a3'])
    await append(database.db, 4, ['b1'])
    assert.equal(await writer(database.db).write(), 2, 'one checkpoint for each chain in use')
    await append(database.db, 0, ['a4', 'a5'])
    const resumed = writer(database.db)
    await resumed.resume()
    assert.equal(await resumed.write(), 1, 'only the chain that moved')
    assert.equal(await resumed.write(), 0, 'nothing moved')
    await append(database.db, 0, ['a6'])
  })
  after(async () => {
    await database.dispose()
    rmSync(folder, { recursive: true, force: true })
  })

  test('the file holds one signed JSON line per checkpoint: chain, entry, hash, time, key and signature', () => {
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    assert.deepEqual(
      lines.map((line) => [line.chainId, line.chainSeq, line.at]),
      [
        [0, 3, '2026-03-02T09:00:00.000Z'],
        [4, 1, '2026-03-02T09:00:00.000Z'],
        [0, 5, '2026-03-02T09:00:00.000Z'],
      ],
    )
    for (const line of lines) {
      assert.match(line.hash, /^[0-9a-f]{64}$/)
      assert.match(line.keyId, /^[0-9a-f]{16}$/)
      assert.equal(Buffer.from(line.signature, 'base64').length, 64)
    }
  })

  test('an untouched audit matches every checkpoint', async () => {
    assert.ok((await verifyAuditChain(database.db)).intact)
    assert.deepEqual(await verifyCheckpoints(database.db, file, [publicKey]), { holds: true, checked: 3 })
  })

  test('a restarted server resumes from the last checkpoints at the end of a long file', async () => {
    const long = join(folder, 'long.jsonl')
    writeFileSync(long, `${'x'.repeat(100)}\n`.repeat(5000) + readFileSync(file, 'utf8'))
    const resumed = new CheckpointWriter({
      db: database.db,
      file: long,
      privateKey,
      onRewritten: assert.fail,
    })
    await resumed.resume()
    assert.equal(
      await resumed.write(),
      1,
      'chain 0 moved on from entry 5 to 6; chain 4 stayed at its checkpoint',
    )
  })

  test('an entry edited, its chain re-hashed and the head moved: the chain alone says intact, the checkpoints name the entry', async () => {
    await tampered(database.db, async (trx) => {
      await rewrite(trx, 0, 2, 'someone-else')
      assert.ok((await verifyAuditChain(trx)).intact, 'the hash chain alone cannot tell')
      assert.deepEqual(await verifyCheckpoints(trx, file, [publicKey]), {
        holds: false,
        checked: 0,
        line: 1,
        chainId: 0,
        brokenAt: 3,
        explanation:
          'entry 3 no longer holds the hash the checkpoint of 2026-03-02T09:00:00.000Z signed: ' +
          'an entry from 1 to 3 was rewritten and the chain re-hashed after it',
      })
    })
    await tampered(database.db, async (trx) => {
      await rewrite(trx, 0, 5, 'someone-else')
      const report = await verifyCheckpoints(trx, file, [publicKey])
      assert.deepEqual(report.holds ? report : [report.line, report.brokenAt, report.checked], [3, 5, 2])
      assert.match(report.holds ? '' : report.explanation, /an entry from 4 to 5 was rewritten/)
    })
  })

  test('a rewrite after the last checkpoint waits for the next: the writer refuses to sign a chain rewritten under it', async () => {
    await tampered(database.db, async (trx) => {
      await rewrite(trx, 0, 6, 'someone-else')
      assert.ok((await verifyCheckpoints(trx, file, [publicKey])).holds, 'entry 6 was never signed')
      const resumed = writer(trx)
      await resumed.resume()
      await rewrite(trx, 0, 4, 'someone-else')
      rewritten.length = 0
      assert.equal(await resumed.write(), 0)
      assert.deepEqual(rewritten, [
        'audit chain 0: entry 5 no longer holds the hash its last checkpoint signed; not signing its head',
      ])
    })
  })

  test('entries cut from the end are missing from a checkpoint', async () => {
    await tampered(database.db, async (trx) => {
      await sql`SET LOCAL ROLE NONE`.execute(trx) // only the owner may turn the guard triggers off
      await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx)
      await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`.execute(trx)
      await sql`DELETE FROM audit_event WHERE chain_id = 4`.execute(trx)
      await sql`UPDATE audit_chain_head SET chain_seq = 0, hash = repeat('0', 64) WHERE chain_id = 4`.execute(
        trx,
      )
      assert.ok((await verifyAuditChain(trx)).intact)
      const report = await verifyCheckpoints(trx, file, [publicKey])
      assert.match(
        report.holds ? '' : report.explanation,
        /^entry 1, which the checkpoint .+ signed, is missing/,
      )
    })
  })

  test('a checkpoint altered or signed with another key is named by its line', async () => {
    const forged = join(folder, 'forged.jsonl')
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    const second = JSON.parse(lines[1] as string)
    writeFileSync(forged, `${[lines[0], JSON.stringify({ ...second, chainSeq: 2 }), lines[2]].join('\n')}\n`)
    const altered = await verifyCheckpoints(database.db, forged, [publicKey])
    assert.deepEqual(altered.holds ? altered : [altered.line, altered.explanation], [
      2,
      'its signature does not match it: the line was altered or forged',
    ])
    writeFileSync(forged, 'not json\n')
    const garbled = await verifyCheckpoints(database.db, forged, [publicKey])
    assert.deepEqual(garbled.holds ? garbled : [garbled.line, garbled.explanation], [
      1,
      'the line is not a checkpoint',
    ])
    const other = generateKeyPairSync('ed25519').publicKey
    const report = await verifyCheckpoints(database.db, file, [other])
    assert.match(report.holds ? '' : report.explanation, /^signed by a key not given \([0-9a-f]{16}\)$/)
    assert.ok(
      (await verifyCheckpoints(database.db, file, [other, publicKey])).holds,
      'keys before and after a rotation',
    )
  })
  test('the server signs the heads when it starts and once more when it stops', async () => {
    const served = join(folder, 'served.jsonl')
    const said: string[] = []
    const log = { info: (line: string) => said.push(line), error: assert.fail }
    const stop = await startAuditCheckpoints(database.db, { privateKey, checkpointsFile: served }, log)
    const lines = () =>
      readFileSync(served, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    assert.deepEqual(
      lines().map((line) => [line.chainId, line.chainSeq]),
      [
        [0, 6],
        [4, 1],
      ],
    )
    await append(database.db, 4, ['b2'])
    await stop()
    assert.deepEqual(lines().at(-1)?.chainSeq, 2)
    assert.deepEqual(await verifyCheckpoints(database.db, served, [publicKey]), { holds: true, checked: 3 })
    assert.match(said.join(), /Signing audit checkpoints to .+served\.jsonl every 60 s/)
  })
})
