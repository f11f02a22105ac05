// What one child page costs the server, in measures a busy machine moves far less than latency: the
// statements it sends, and the CPU time it takes (process.cpuUsage), of which how much on the server's
// own thread (the embedded engine has a thread of its own: the server's is what bounds pages a
// second). A Leicester screener opens children's pages in process (app.inject: no sockets), one after
// another or --users at once, after a warm-up. On a busy machine the server's thread also counts the
// time it waited for a core.
//
//   node --import tsx bench/child-page-cost.ts --data-dir folder [--pages 2000] [--warm 300] [--users 1]
//
// The folder is one bench/child-page.ts loaded and kept (--data-dir there); pages are added to its audit.

import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { buildApp } from '../src/app.ts'
import { openDatabase } from '../src/database.ts'
import { demoUserPlan } from '../src/identity/demo-users.ts'
import type { DemoUser } from '../src/identity/index.ts'
import { loadSecretKey } from '../src/identity/secret-key.ts'
import { useSecretKey } from '../src/identity/secrets.ts'
import { signIn } from '../src/identity/testing.ts'
import { loadPartnershipConfig } from '../src/partnership/config.ts'
import { migrate } from '../src/platform/db/migrate.ts'
import { recordStatements } from '../test/support/statements.ts'

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    pages: { type: 'string', default: '2000' },
    warm: { type: 'string', default: '300' },
    users: { type: 'string', default: '1' },
  },
})
const dataDir = args['data-dir']
if (!dataDir) throw new Error('--data-dir is the folder bench/child-page.ts loaded')

const partnership = await loadPartnershipConfig(
  new URL('../config/partnerships/llr.yaml', import.meta.url).pathname,
)
useSecretKey(await loadSecretKey({ dataDir }, () => {}))
const database = await openDatabase({ partnership: 'llr', dataDir })
await migrate(database)
const app = await buildApp({ database, partnership, logLevel: 'warn', maintenanceEveryMs: 0 })
try {
  const screener = demoUserPlan(partnership).find((u) =>
    u.grants.some((g) => g.role === 'front-door-screener' && g.laId === 'leicester'),
  ) as DemoUser
  const browser = await signIn(app, screener)
  const { rows } = await database.pool.query(
    "SELECT id FROM child WHERE la_id = 'leicester' ORDER BY md5(id::text) LIMIT 5000",
  )
  const childIds = rows.map((row: { id: string }) => row.id)
  const users = Number(args.users)
  let opened = 0
  const user = async (n: number) => {
    while (opened < n) {
      const page = await browser.get(`/children/${childIds[opened++ % childIds.length]}`)
      if (page.statusCode !== 200) throw new Error(`a child page answered ${page.statusCode}`)
    }
  }
  const open = async (n: number) => {
    opened = 0
    await Promise.all(Array.from({ length: users }, () => user(n)))
  }
  const log = recordStatements(database.pool)
  await open(Number(args.warm))
  const pages = Number(args.pages)
  log.clear()
  const cpu = process.cpuUsage()
  const server = performance.eventLoopUtilization()
  const started = performance.now()
  await open(pages)
  const used = process.cpuUsage(cpu)
  const serverMs = performance.eventLoopUtilization(server).active / pages
  const wall = performance.now() - started
  const cpuMs = (used.user + used.system) / 1000 / pages
  console.log(
    `${pages} child pages, ${users} at once: ${(log.sent.length / pages).toFixed(2)} statements, ` +
      `${cpuMs.toFixed(2)} ms CPU (${serverMs.toFixed(2)} ms of it the server's thread, the rest the ` +
      `engine's thread and the collector's), ${(wall / pages).toFixed(2)} ms wall per page`,
  )
} finally {
  await app.close()
  await database.close()
}
