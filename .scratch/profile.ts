import { openDatabase } from '../src/database.ts'
import { MEASURE_DEFINITIONS } from '../src/partnership/measure-definitions.ts'
import { DEFINITIONS } from '../src/intelligence/rules.ts'
import { countMeasured, countMonthlyThemes, countExploitationThemes } from '../src/intelligence/store.ts'
import { heldCounts } from '../src/intelligence/monthly-store.ts'
const database = await openDatabase({ partnership: 'llr', databaseUrl: 'postgres://postgres@127.0.0.1:5432/masa_dash16_1m', dataDir: '' })
const p = { laIds: ['leicester', 'leicestershire', 'rutland'], from: process.argv[2] ?? '2026-12-01', until: process.argv[3] ?? '2027-01-01', now: new Date() }
for (let round = 0; round < 2; round++) {
  let total = 0
  for (const d of MEASURE_DEFINITIONS) {
    const t = performance.now()
    await countMeasured(database.db, d, DEFINITIONS[d].judge, p)
    const ms = performance.now() - t
    total += ms
    if (round === 1) console.log(d, ms.toFixed(0))
  }
  for (const [name, f] of [['themes', countMonthlyThemes], ['exploitation', countExploitationThemes]] as const) {
    const t = performance.now(); await f(database.db, p); const ms = performance.now() - t; total += ms
    if (round === 1) console.log(name, ms.toFixed(0))
  }
  const t = performance.now(); await heldCounts(database.db, { ...p, from: '2021-12-01' }, '', '2026-12-06'); const ms = performance.now() - t
  if (round === 1) console.log('held', ms.toFixed(0), 'total', (total + ms).toFixed(0))
}
await database.close()
