import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, mock, test } from 'node:test'
import { loadConfig } from '../../config.ts'
import { loadDemoData } from '../../demo/load-demo.ts'
import { loadPartnershipConfig } from '../../partnership/config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { runDoctor } from './doctor.ts'

// The command as an operator runs it, on an embedded database in a folder of its own, after a
// bulk load that (as loads used to) left its tables unanalysed.
const dataDir = mkdtempSync(join(tmpdir(), 'masa-doctor-'))
const config = loadConfig({}, { dataDir })
after(() => rmSync(dataDir, { recursive: true, force: true }))

async function doctor(fix: boolean): Promise<{ code: number; printed: string }> {
  const log = mock.method(console, 'log', () => {})
  try {
    const code = await runDoctor(config, { fix })
    return { code, printed: log.mock.calls.map((call) => String(call.arguments[0])).join('\n') }
  } finally {
    log.mock.restore()
  }
}

test('masa doctor names the tables with stale estimates and what to do; --fix fixes them', async () => {
  const database = await openDatabase({ ...config, partnership: 'llr' })
  await migrate(database)
  const partnership = await loadPartnershipConfig(config.partnershipFile)
  await loadDemoData(database, partnership, { children: 500, seed: 4, analyse: false })
  await database.close()

  const before = await doctor(false)
  assert.equal(before.code, 1)
  assert.match(before.printed, /^table +rows +last analysed \(UTC\) +dead rows +planner estimates$/m)
  assert.match(before.printed, /^relationship +0 +never +0 +STALE: never analysed \(\d+ pages\)$/m)
  assert.match(before.printed, /need ANALYZE or VACUUM\. .*`masa doctor --fix`/)

  const fixed = await doctor(true)
  assert.match(fixed.printed, /^Analysed \d+ table\(s\), vacuumed 0\./m)
  assert.match(fixed.printed, /^relationship +[1-9][\d,]* +\d{4}-\d\d-\d\d \d\d:\d\d +0 +fresh$/m)
  assert.doesNotMatch(fixed.printed, /STALE/)
  assert.match(fixed.printed, /Every table’s statistics are fresh: nothing to do\./)
  assert.equal(fixed.code, 0)
})
