// The identity administration tests' shared setup: an app over a fresh database with the demo users,
// a clock the tests move, a page only signed-in users reach, and what the tests read back.
import { after, before } from 'node:test'
import { type App, buildApp } from '../../src/app.ts'
import { DEMO_PASSWORD, type DemoUser, seedDemoUsers } from '../../src/identity/demo-users.ts'
import { requireUser } from '../../src/identity/guards.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../../src/partnership/config.ts'
import type { Role } from '../../src/platform/access/actor.ts'
import { lookUp, openTestDatabase, type TestDatabase } from './database.ts'
import { enrolUser } from './people.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
export const CASE_PAGE = '/test/case-page'

export interface AdminFixture {
  database: TestDatabase
  partnership: PartnershipConfig
  app: App
  demo: DemoUser[]
}

/** Opens the app before the file's tests and closes it after; the fields are set once they start. */
export function adminFixture() {
  const f = {} as AdminFixture
  const clock = { now: new Date('2026-03-02T09:00:00Z') }
  before(async () => {
    f.partnership = await loadPartnershipConfig(LLR)
    f.database = await openTestDatabase()
    f.app = await buildApp({
      database: f.database,
      partnership: f.partnership,
      logLevel: 'silent',
      identity: { now: () => clock.now, rateLimits: { signInPerMinute: 1000 } },
    })
    f.app.get(CASE_PAGE, { preHandler: requireUser }, async () => 'case page')
    f.demo = await seedDemoUsers(f.database, f.partnership)
  })
  after(async () => {
    await f.app.close()
    await f.database.dispose()
  })
  const tick = () => {
    clock.now = new Date(clock.now.getTime() + 31_000)
    return clock.now
  }
  const demoUser = (role: Role) =>
    f.demo.find((user) => user.grants.some((grant) => grant.role === role)) as DemoUser
  const auditedChanges = async (action: string) => {
    const rows = await f.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'resource_id', 'detail'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute()
    return rows.map((row) => ({
      agency: row.resource_id,
      outcome: row.outcome,
      operation: row.detail.operation,
    }))
  }
  const userId = async (email: string) =>
    (await lookUp(f.database.db, 'app_user', 'id', 'email', email)) as string
  const grantsOf = async (id: string) =>
    (
      await f.database.db
        .selectFrom('user_role')
        .select(['role', 'la_id'])
        .where('user_id', '=', id)
        .orderBy('role')
        .execute()
    ).map((row) => `${row.role}@${row.la_id ?? 'all'}`)
  const sessionCount = async (id: string) =>
    (await f.database.db.selectFrom('user_session').select('id').where('user_id', '=', id).execute()).length
  /** A new person of an agency, enrolled for TOTP, with the demo password. */
  const addColleague = async (agencyId: string, name: string, roles: Role[], laId: string | null = null) => {
    const email = `${name.toLowerCase().replace(' ', '.')}@${agencyId}.example`
    const totpSecret = await enrolUser(f.database.db, {
      agencyId,
      email,
      displayName: name,
      grants: roles.map((role) => ({ role, laId })),
    })
    return { email, password: DEMO_PASSWORD, totpSecret, id: await userId(email) }
  }
  return { f, clock, tick, demoUser, auditedChanges, userId, grantsOf, sessionCount, addColleague }
}
