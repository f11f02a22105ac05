import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { type Kysely, sql, type Transaction } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import type { PlatformDB } from '../db/schema.ts'
import {
  AUDIT_CHAINS,
  type AuditEntry,
  appendAuditEvents,
  auditHash,
  type ChainedRecord,
  canonicalJson,
  fromChainedRow,
  GENESIS_HASH,
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

/** Appends in a transaction of its own, on the chain given (as audit_append keeps a transaction's pick). */
const append = (db: Kysely<PlatformDB>, entries: AuditEntry[], chainId = 0) =>
  db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('masa.audit_chain', ${String(chainId)}, true)`.execute(trx)
    await appendAuditEvents(trx, entries)
  })

const chainRows = async (db: Kysely<PlatformDB>, chainId: number) =>
  (await selectAuditRecords(db).where('chain_id', '=', chainId).orderBy('chain_seq').execute()).map(
    fromChainedRow,
  )

const chainOf = async (trx: Transaction<PlatformDB>) =>
  Number(
    (await sql<{ chain: string }>`SELECT current_setting('masa.audit_chain') AS chain`.execute(trx)).rows[0]
      ?.chain,
  )

/** Runs `tamper` and `check` in a transaction that is then rolled back, so each test starts from the same chains. */
async function withTampering(
  db: Kysely<PlatformDB>,
  tamper: string,
  check: (trx: Transaction<PlatformDB>) => Promise<void>,
) {
  const rollback = new Error('rollback')
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE NONE`.execute(trx) // only the owner may turn the guard triggers off
      await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx)
      await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`.execute(trx)
      await sql.raw(tamper).execute(trx)
      await check(trx)
      throw rollback
    }),
    (error) => error === rollback,
  )
}

const brokenAt = async (trx: Transaction<PlatformDB>) => {
  const report = await verifyAuditChain(trx)
  assert.equal(report.intact, false, JSON.stringify(report))
  return report.intact ? undefined : [report.chainId, report.brokenAt, report.problem]
}

describe('the audit chains', () => {
  let database: TestDatabase
  before(async () => {
    database = await openTestDatabase()
    // Seven rows on chain 0 in three appends: a break-glass read, a denial and a system's call among
    // them; then two on chain 5, one with half a UTF-16 pair, which is stored as U+FFFD.
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
    await append(database.db, [entry({ requestId: 'req-5a' }), entry({ reason: 'half \ud800 a pair' })], 5)
  })
  after(() => database.dispose())

  test('each chain numbers its rows without gaps, each naming the hash of the one before', async () => {
    for (const [chainId, count] of [
      [0, 7],
      [5, 2],
    ] as const) {
      const rows = await chainRows(database.db, chainId)
      assert.deepEqual(
        rows.map((row) => row.chainSeq),
        Array.from({ length: count }, (_, i) => i + 1),
      )
      assert.equal(rows[0]?.prevHash, '0'.repeat(64))
      for (const [i, row] of rows.entries()) {
        if (i > 0) assert.equal(row.prevHash, rows[i - 1]?.hash)
        if (i > 0) assert.ok(row.seq > (rows[i - 1]?.seq ?? 0), 'seq orders the whole log')
        assert.equal(auditHash(row), row.hash)
      }
    }
    const [first] = await chainRows(database.db, 0)
    assert.match(first?.at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
    assert.deepEqual(first?.detail, { page: 'record', nested: { b: 2, a: [1, 'x', null] } })
    assert.equal((await chainRows(database.db, 5))[1]?.reason, 'half \ufffd a pair')
  })

  test('untouched chains verify, and the report gives the head of every chain', async () => {
    const report = await verifyAuditChain(database.db)
    assert.ok(report.intact, JSON.stringify(report))
    assert.equal(report.checked, 9)
    const lastHash = async (chainId: number) => (await chainRows(database.db, chainId)).at(-1)?.hash
    assert.deepEqual(
      report.heads,
      await Promise.all(
        Array.from({ length: AUDIT_CHAINS }, async (_, chainId) => ({
          chainId,
          chainSeq: chainId === 0 ? 7 : chainId === 5 ? 2 : 0,
          hash: (await lastHash(chainId)) ?? GENESIS_HASH,
        })),
      ),
    )
    assert.deepEqual(await verifyAuditChain(database.db, { pageSize: 2 }), report)
  })

  test('the database refuses updates, deletes and truncation, even to its owner', async () => {
    const asTheOwner = (statement: string) =>
      database.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE NONE`.execute(trx)
        await sql.raw(statement).execute(trx)
      })
    for (const statement of [
      `UPDATE audit_event SET reason = 'nothing to see' WHERE chain_id = 0 AND chain_seq = 2`,
      `DELETE FROM audit_event WHERE chain_id = 0 AND chain_seq = 2`,
      `TRUNCATE audit_event`,
      `DELETE FROM audit_chain_head WHERE chain_id = 3`,
      `UPDATE audit_chain_head SET chain_seq = 1 WHERE chain_id = 0`,
      `UPDATE audit_chain_head SET chain_id = 6, chain_seq = chain_seq + 1 WHERE chain_id = 5`,
    ])
      await assert.rejects(asTheOwner(statement), /append-only|only moves forward/, statement)
    await assert.rejects(
      sql`TRUNCATE audit_event`.execute(database.db),
      /permission denied/,
      'the service may not',
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
      const tamper = `UPDATE audit_event SET ${change} WHERE chain_id = 0 AND chain_seq = 2`
      await withTampering(database.db, tamper, async (trx) => {
        assert.deepEqual(await brokenAt(trx), [0, 2, 'edited'])
      })
    })

  test('editing a row and recomputing its hash is found at the next row', async () => {
    const row = (await chainRows(database.db, 0))[2] as ChainedRecord
    const forged = auditHash({ ...row, breakGlassReason: 'a better reason' })
    const tamper = `UPDATE audit_event SET break_glass_reason = 'a better reason', hash = '${forged}'
      WHERE chain_id = 0 AND chain_seq = 3`
    await withTampering(database.db, tamper, async (trx) => {
      assert.deepEqual(await brokenAt(trx), [0, 4, 'removed'])
    })
  })

  test('a row deleted from the middle is found', async () => {
    await withTampering(
      database.db,
      'DELETE FROM audit_event WHERE chain_id = 0 AND chain_seq = 4',
      async (trx) => {
        assert.deepEqual(await verifyAuditChain(trx), {
          intact: false,
          checked: 3,
          chainId: 0,
          brokenAt: 4,
          problem: 'removed',
          explanation: 'entry 4 missing: removed from the audit',
        })
      },
    )
  })

  test('a row deleted and the rest renumbered is found', async () => {
    const tamper = `DELETE FROM audit_event WHERE chain_id = 0 AND chain_seq = 4;
      UPDATE audit_event SET chain_seq = chain_seq - 1 WHERE chain_id = 0 AND chain_seq > 4;
      UPDATE audit_chain_head SET chain_seq = chain_seq - 1 WHERE chain_id = 0`
    await withTampering(database.db, tamper, async (trx) => {
      assert.deepEqual(await brokenAt(trx), [0, 4, 'removed'])
    })
  })

  test('rows cut from the end of a chain are found', async () => {
    await withTampering(
      database.db,
      'DELETE FROM audit_event WHERE chain_id = 0 AND chain_seq >= 6',
      async (trx) => {
        assert.deepEqual(await brokenAt(trx), [0, 6, 'removed'])
      },
    )
  })

  test('a row moved to another chain is found, even with both heads moved to match', async () => {
    const move = 'UPDATE audit_event SET chain_id = 5, chain_seq = 3 WHERE chain_id = 0 AND chain_seq = 7'
    await withTampering(database.db, move, async (trx) => {
      assert.deepEqual(await brokenAt(trx), [5, 3, 'added'])
    })
    const heads = `UPDATE audit_chain_head SET chain_seq = 6, hash = (SELECT hash FROM audit_event
        WHERE chain_id = 0 AND chain_seq = 6) WHERE chain_id = 0;
      UPDATE audit_chain_head SET chain_seq = 3, hash = (SELECT hash FROM audit_event
        WHERE chain_id = 5 AND chain_seq = 3) WHERE chain_id = 5`
    await withTampering(database.db, `${move}; ${heads}`, async (trx) => {
      assert.deepEqual(await brokenAt(trx), [5, 3, 'removed'])
    })
  })

  test('two rows swapped are found as reordered', async () => {
    const tamper = `UPDATE audit_event SET chain_seq = 1000 WHERE chain_id = 0 AND chain_seq = 3;
      UPDATE audit_event SET chain_seq = 3 WHERE chain_id = 0 AND chain_seq = 4;
      UPDATE audit_event SET chain_seq = 4 WHERE chain_id = 0 AND chain_seq = 1000`
    await withTampering(database.db, tamper, async (trx) => {
      assert.deepEqual(await brokenAt(trx), [0, 3, 'reordered'])
    })
  })

  const copyOfLastRow = (
    chainId: number,
    chainSeq: number,
  ) => `INSERT INTO audit_event (chain_id, chain_seq, at,
      actor_kind, actor_id, agency_id, action, resource_kind, resource_id, child_id, outcome, basis, reason,
      lawful_basis, break_glass_reason, ip, request_id, detail, prev_hash, hash)
    SELECT ${chainId}, ${chainSeq}, at, actor_kind, actor_id, agency_id, action, resource_kind, resource_id,
      child_id, outcome, basis, reason, lawful_basis, break_glass_reason, ip, request_id, detail, hash, hash
    FROM audit_event WHERE chain_id = 0 AND chain_seq = 7`

  test('a row slipped in after a head, or on a chain of its own, is found', async () => {
    await withTampering(database.db, copyOfLastRow(0, 8), async (trx) => {
      assert.deepEqual(await brokenAt(trx), [0, 8, 'added'])
    })
    await withTampering(database.db, copyOfLastRow(AUDIT_CHAINS, 1), async (trx) => {
      assert.deepEqual(await brokenAt(trx), [AUDIT_CHAINS, 1, 'added'])
    })
  })

  test('a chain head removed is found', async () => {
    await withTampering(database.db, 'DELETE FROM audit_chain_head WHERE chain_id = 9', async (trx) => {
      assert.deepEqual(await brokenAt(trx), [9, 0, 'removed'])
    })
  })

  test('concurrent transactions spread over the chains, each keeping one; a rolled-back one leaves no gap', async () => {
    const before = await verifyAuditChain(database.db)
    const failed = new Error('the work failed')
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction().execute(async (trx) => {
          await sql`SELECT pg_sleep(${(i % 5) / 1000})`.execute(trx)
          await appendAuditEvents(trx, [entry({ requestId: `c-${i}-a` }), entry({ requestId: `c-${i}-b` })])
          await appendAuditEvents(trx, [entry({ requestId: `c-${i}-c` })])
          if (i % 7 === 0) throw failed
          return chainOf(trx)
        }),
      ),
    )
    const chains = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []))
    assert.equal(chains.length, 34)
    assert.ok(new Set(chains).size > 1, 'more than one chain is used')
    const rows = await selectAuditRecords(database.db).where('request_id', 'like', 'c-%').execute()
    for (const row of rows) {
      const i = Number(row.request_id.split('-')[1])
      assert.equal(row.chain_id, chains[i - Math.ceil(i / 7)], row.request_id)
    }
    const report = await verifyAuditChain(database.db, { pageSize: 10 })
    assert.ok(report.intact, JSON.stringify(report))
    assert.equal(report.checked, before.checked + chains.length * 3)
  })

  test('transactions holding chains at once each hold a different one', async (t) => {
    if (database.engine === 'pglite') return t.skip('the embedded engine runs one transaction at a time')
    const holders = 8
    let arrived = 0
    let release = () => {}
    const allArrived = new Promise<void>((resolve) => {
      release = resolve
    })
    const chains = await Promise.all(
      Array.from({ length: holders }, (_, i) =>
        database.db.transaction().execute(async (trx) => {
          await appendAuditEvents(trx, [entry({ requestId: `held-${i}` })])
          if (++arrived === holders) release()
          await allArrived
          return chainOf(trx)
        }),
      ),
    )
    assert.equal(new Set(chains).size, holders)
    assert.ok((await verifyAuditChain(database.db)).intact)
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
