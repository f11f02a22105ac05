import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { type Kysely, sql, type Transaction } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import type { DB } from '../db/schema.ts'
import {
  type AuditEntry,
  appendAuditEvents,
  auditHash,
  canonicalJson,
  fromRow,
  selectAuditRecords,
} from './log.ts'
import { verifyAuditChain } from './verify.ts'

const CHILD = '0b6f4a54-5f0e-4a8e-9d43-6a1f8f0c2b11'

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  actorKind: 'user',
  actorId: '6d1c1f9e-2c1b-4f57-8f0a-5b7b8e2f0a01',
  agencyId: 'leicester-city-council',
  action: 'child.view',
  resourceKind: 'child',
  resourceId: CHILD,
  childId: CHILD,
  outcome: 'allowed',
  basis: 'area',
  reason: 'Within the area your role covers',
  lawfulBasis: 'Children Act 1989 s47',
  breakGlassReason: null,
  ip: '192.0.2.10',
  requestId: 'req-1',
  detail: { page: 'record', nested: { b: 2, a: [1, 'x', null] } },
  ...overrides,
})

const append = (db: Kysely<DB>, entries: AuditEntry[]) =>
  db.transaction().execute((trx) => appendAuditEvents(trx, entries))

/** Runs `tamper` and `check` in a transaction that is then rolled back, so each test starts from the same chain. */
async function withTampering(db: Kysely<DB>, tamper: string, check: (trx: Transaction<DB>) => Promise<void>) {
  const rollback = new Error('rollback')
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx)
      await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`.execute(trx)
      await sql.raw(tamper).execute(trx)
      await check(trx)
      throw rollback
    }),
    (error) => error === rollback,
  )
}

describe('the audit chain', () => {
  let database: TestDatabase
  before(async () => {
    database = await openTestDatabase()
    // Seven rows in three appends: a break-glass read, a denial and a system's call among them.
    await append(database.db, [entry(), entry({ requestId: 'req-2', outcome: 'denied', basis: null })])
    await append(database.db, [
      entry({ breakGlassReason: 'Out of hours: child at A&E', basis: 'break-glass' }),
      entry({
        actorKind: 'system',
        actorId: 'api-client-1',
        resourceKind: 'la',
        resourceId: 'leicester',
        childId: null,
      }),
    ])
    await append(database.db, [
      entry({ lawfulBasis: null }),
      entry({ detail: {} }),
      entry({ ip: '2001:db8::1' }),
    ])
  })
  after(() => database.dispose())

  test('rows are numbered without gaps, each naming the hash of the one before', async () => {
    const rows = (await selectAuditRecords(database.db).orderBy('seq').execute()).map(fromRow)
    assert.deepEqual(
      rows.map((row) => row.seq),
      [1, 2, 3, 4, 5, 6, 7],
    )
    assert.equal(rows[0]?.prevHash, '0'.repeat(64))
    for (const [i, row] of rows.entries()) {
      if (i > 0) assert.equal(row.prevHash, rows[i - 1]?.hash)
      assert.equal(auditHash(row), row.hash)
    }
    assert.match(rows[0]?.at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
    assert.deepEqual(rows[0]?.detail, { page: 'record', nested: { b: 2, a: [1, 'x', null] } })
  })

  test('an untouched chain verifies', async () => {
    const report = await verifyAuditChain(database.db)
    assert.deepEqual(report, {
      intact: true,
      checked: 7,
      head: { seq: 7, hash: report.intact ? report.head.hash : '' },
    })
    assert.deepEqual(await verifyAuditChain(database.db, { pageSize: 2 }), report)
  })

  test('the database refuses updates, deletes and truncation', async () => {
    for (const statement of [
      `UPDATE audit_event SET reason = 'nothing to see' WHERE seq = 2`,
      `DELETE FROM audit_event WHERE seq = 2`,
      `TRUNCATE audit_event`,
      `DELETE FROM audit_chain_head`,
      `UPDATE audit_chain_head SET seq = 1`,
    ])
      await assert.rejects(
        sql.raw(statement).execute(database.db),
        /append-only|only moves forward/,
        statement,
      )
    assert.equal((await verifyAuditChain(database.db)).intact, true)
  })

  // Each edit goes round the triggers, as someone with the database's owner rights could.
  const EDITS: Record<string, string> = {
    at: `at = at + interval '1 microsecond'`,
    actor_kind: `actor_kind = 'system'`,
    actor_id: `actor_id = 'someone-else'`,
    agency_id: `agency_id = 'leicestershire-police'`,
    action: `action = 'chronology.view'`,
    resource_kind: `resource_kind = 'la'`,
    resource_id: `resource_id = 'rutland'`,
    child_id: `child_id = '1c7e3c1a-9a55-4c4e-b0a8-0f4f5a9c3d22'`,
    outcome: `outcome = 'allowed'`,
    basis: `basis = 'role'`,
    reason: `reason = 'Nothing unusual'`,
    lawful_basis: `lawful_basis = NULL`,
    break_glass_reason: `break_glass_reason = 'changed later'`,
    ip: `ip = '198.51.100.7'`,
    request_id: `request_id = 'req-x'`,
    detail: `detail = detail || '{"page": "search"}'`,
    prev_hash: `prev_hash = repeat('a', 64)`,
    hash: `hash = repeat('b', 64)`,
  }

  for (const [column, change] of Object.entries(EDITS))
    test(`editing ${column} of a row is found`, async () => {
      await withTampering(database.db, `UPDATE audit_event SET ${change} WHERE seq = 2`, async (trx) => {
        const report = await verifyAuditChain(trx)
        assert.equal(report.intact, false)
        if (!report.intact) assert.deepEqual([report.brokenAt, report.problem], [2, 'edited'])
      })
    })

  test('editing a row and recomputing its hash is found at the next row', async () => {
    const rows = (await selectAuditRecords(database.db).where('seq', '=', 3).execute()).map(fromRow)
    const row = rows[0] as NonNullable<(typeof rows)[0]>
    const forged = auditHash({ ...row, breakGlassReason: 'a better reason' })
    const tamper = `UPDATE audit_event SET break_glass_reason = 'a better reason', hash = '${forged}' WHERE seq = 3`
    await withTampering(database.db, tamper, async (trx) => {
      const report = await verifyAuditChain(trx)
      assert.ok(
        !report.intact && report.brokenAt === 4 && report.problem === 'removed',
        JSON.stringify(report),
      )
    })
  })

  test('a row deleted from the middle is found', async () => {
    await withTampering(database.db, 'DELETE FROM audit_event WHERE seq = 4', async (trx) => {
      assert.deepEqual(await verifyAuditChain(trx), {
        intact: false,
        checked: 3,
        brokenAt: 4,
        problem: 'removed',
        explanation: 'seq 4 missing: removed from the audit',
      })
    })
  })

  test('a row deleted and the rest renumbered is found', async () => {
    const tamper = `DELETE FROM audit_event WHERE seq = 4;
      UPDATE audit_event SET seq = seq - 1 WHERE seq > 4;
      UPDATE audit_chain_head SET seq = seq - 1`
    await withTampering(database.db, tamper, async (trx) => {
      const report = await verifyAuditChain(trx)
      assert.ok(
        !report.intact && report.brokenAt === 4 && report.problem === 'removed',
        JSON.stringify(report),
      )
    })
  })

  test('rows cut from the end are found', async () => {
    await withTampering(database.db, 'DELETE FROM audit_event WHERE seq >= 6', async (trx) => {
      const report = await verifyAuditChain(trx)
      assert.ok(
        !report.intact && report.brokenAt === 6 && report.problem === 'removed',
        JSON.stringify(report),
      )
    })
  })

  test('two rows swapped are found as reordered', async () => {
    const tamper = `UPDATE audit_event SET seq = 1000 WHERE seq = 3;
      UPDATE audit_event SET seq = 3 WHERE seq = 4;
      UPDATE audit_event SET seq = 4 WHERE seq = 1000`
    await withTampering(database.db, tamper, async (trx) => {
      const report = await verifyAuditChain(trx)
      assert.ok(
        !report.intact && report.brokenAt === 3 && report.problem === 'reordered',
        JSON.stringify(report),
      )
    })
  })

  test('a row slipped in after the head is found', async () => {
    const tamper = `INSERT INTO audit_event
      SELECT 8, at, actor_kind, actor_id, agency_id, action, resource_kind, resource_id, child_id, outcome,
        basis, reason, lawful_basis, break_glass_reason, ip, request_id, detail, hash, hash
      FROM audit_event WHERE seq = 7`
    await withTampering(database.db, tamper, async (trx) => {
      const report = await verifyAuditChain(trx)
      assert.ok(!report.intact && report.brokenAt === 8 && report.problem === 'added', JSON.stringify(report))
    })
  })

  test('appends from concurrent transactions keep one valid chain; a rolled-back one leaves no gap', async () => {
    const failed = new Error('the work failed')
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction().execute(async (trx) => {
          await sql`SELECT pg_sleep(${(i % 5) / 1000})`.execute(trx)
          await appendAuditEvents(trx, [entry({ requestId: `c-${i}-a` }), entry({ requestId: `c-${i}-b` })])
          if (i % 7 === 0) throw failed
        }),
      ),
    )
    const committed = outcomes.filter((outcome) => outcome.status === 'fulfilled').length
    assert.equal(committed, 34)
    const report = await verifyAuditChain(database.db, { pageSize: 10 })
    assert.ok(report.intact, JSON.stringify(report))
    assert.equal(report.checked, 7 + committed * 2)
  })

  test('an audit-only transaction commits without waiting for the disk; one with changes waits', async () => {
    const setting = sql<{ value: string }>`SELECT current_setting('synchronous_commit') AS value`
    const readOnly = await database.db.transaction().execute(async (trx) => {
      await appendAuditEvents(trx, [entry({ requestId: 'read-only' })])
      return (await setting.execute(trx)).rows[0]?.value
    })
    const changing = await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('masa_setting').values({ key: 'audit-test-change', value: 'x' }).execute()
      await appendAuditEvents(trx, [entry({ requestId: 'with-change' })])
      return (await setting.execute(trx)).rows[0]?.value
    })
    assert.deepEqual([readOnly, changing], ['off', 'on'])
  })
})

describe('canonical JSON', () => {
  test('sorts keys at every depth and drops undefined like JSON.stringify', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } }),
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    )
  })
})
