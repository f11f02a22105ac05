import { type App, type AppDeps, buildApp } from '../../src/app.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { openTestDatabase, type TestDatabase } from './database.ts'

export const DEMO_PARTNERSHIPS = {
  llr: new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname,
  plymouthTorbay: new URL('../../config/partnerships/plymouth-torbay.yaml', import.meta.url).pathname,
}

export interface TestApp {
  app: App
  database: TestDatabase
  close(): Promise<void>
}

/** The whole service on a fresh database of its own, as a test would use it. */
export async function startTestApp(
  partnershipFile = DEMO_PARTNERSHIPS.llr,
  { now, metrics }: Pick<AppDeps, 'now' | 'metrics'> = {},
): Promise<TestApp> {
  const partnership = await loadPartnershipConfig(partnershipFile)
  const database = await openTestDatabase()
  // Every test signs its people in from one address: the sign-in limit per address has tests of its own.
  const identity = { rateLimits: { signInPerMinute: 1000 } }
  const app = await buildApp({ database, partnership, logLevel: 'silent', now, metrics, identity })
  return {
    app,
    database,
    async close() {
      await app.close()
      await database.dispose()
    },
  }
}
