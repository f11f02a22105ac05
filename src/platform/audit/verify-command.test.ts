import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { sql } from 'kysely'
import { loadConfig } from '../../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { appendAuditEvents } from './log.ts'
import { runAuditVerify } from './verify-command.ts'

// The command opens the database its configuration names, as `masa audit verify` would: here an
// embedded one in a folder of its own (the chain checks themselves run on both engines in log.test.ts).
const dataDir = mkdtempSync(join(tmpdir(), 'masa-audit-verify-'))
const config = loadConfig({}, { dataDir })
after(() => rmSync(dataDir, { recursive: true, force: true }))

async function withDatabase(work: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>) {
  const database = await openDatabase(config)
  try {
    await work(database)
  } finally {
    await database.close()
  }
}

test('masa audit verify: exit code 0 on an intact chain, 1 naming the broken row otherwise', async (t) => {
  await withDatabase(async (database) => {
    await migrate(database)
    await database.db.transaction().execute((trx) =>
      appendAuditEvents(
        trx,
        ['a', 'b', 'c'].map((requestId) => ({
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
        })),
      ),
    )
  })
  const printed = t.mock.method(console, 'log', () => {})
  assert.equal(await runAuditVerify(config), 0)
  assert.match(
    String(printed.mock.calls[0]?.arguments[0]),
    /^Audit intact: 3 entries checked in 16 chains\. Their heads .+:\n {2}chain 0: entry \d+, hash [0-9a-f]{64}\n/,
  )

  await withDatabase(async (database) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(database.db)
    await sql`UPDATE audit_event SET actor_id = 'someone-else' WHERE seq = 2`.execute(database.db)
  })
  assert.equal(await runAuditVerify(config), 1)
  assert.match(
    String(printed.mock.calls[1]?.arguments[0]),
    /^Audit chain \d+ BROKEN at entry 2 \(edited\): entry 2 no longer matches its hash: a field was changed\. 1 entry checked before it/,
  )
})
