import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { setTimeout } from 'node:timers/promises'
import type { Cookie, Page } from 'playwright-core'
import type { Database } from '../../src/database.ts'
import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { hashPassword, newTotpSecret, totpCode } from '../../src/identity/secrets.ts'
import { createUser } from '../../src/identity/store.ts'
import { signIn } from '../../src/identity/testing.ts'
import type { AgencyKind, Role } from '../../src/platform/access/actor.ts'
import type { Caller } from '../../src/platform/access/guard.ts'
import { assertAccessible, type Browser, follow } from './browser.ts'

export interface Person {
  email: string
  totpSecret: string | null
  cookies?: Cookie[]
}

/** Opens a page, asserts it answered, and runs axe on it. */
export async function visit(page: Page, url: string): Promise<void> {
  const response = await page.goto(url)
  assert.ok(response && response.status() < 400, `${url} answered ${response?.status()}`)
  await assertAccessible(page)
}

const TOTP_STEP_MS = 30_000
const lastStepUsed = new Map<string, number>()

/** masa accepts each code once: a second sign-in within the same 30 s step waits for the next code. */
async function freshCode(person: Person & { totpSecret: string }): Promise<string> {
  let step = Math.floor(Date.now() / TOTP_STEP_MS)
  if (lastStepUsed.get(person.email) === step) {
    await setTimeout((step + 1) * TOTP_STEP_MS - Date.now() + 100)
    step += 1
  }
  lastStepUsed.set(person.email, step)
  return totpCode(person.totpSecret, new Date())
}

/** Signs in through the real pages: email and demo password, then the code an authenticator shows now. */
export async function signInThroughPages(page: Page, baseUrl: string, person: Person): Promise<void> {
  await page.context().clearCookies()
  await visit(page, `${baseUrl}/sign-in`)
  await page.locator('#email').fill(person.email)
  await page.locator('#password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  if (!person.totpSecret) return
  await page.waitForURL(/two-factor/)
  await assertAccessible(page)
  await page.locator('#code').fill(await freshCode({ ...person, totpSecret: person.totpSecret }))
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
}

/** One Chromium for everyone: each person's cookies are put back when it is their turn. */
export class People {
  current: Person | undefined
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async as(person: Person): Promise<Page> {
    const context = this.page.context()
    if (this.current) this.current.cookies = await context.cookies()
    await context.clearCookies()
    this.current = person
    if (person.cookies) await context.addCookies(person.cookies)
    else await signInThroughPages(this.page, this.baseUrl, person)
    return this.page
  }
}

/**
 * A fresh page of `baseUrl` signed in as `person`, on the section a link of the home page leads to.
 * Servers on one host share cookies, so another server's are cleared first.
 */
export async function openSectionAs(
  browser: Browser,
  baseUrl: string,
  person: Person,
  link: string,
): Promise<Page> {
  await browser.context.clearCookies()
  const page = await new People(await browser.context.newPage(), baseUrl).as(person)
  await page.goto(`${baseUrl}/`)
  await follow(page, link)
  return page
}

/** Someone the demo plan does not have (e.g. an LA or education MAT practitioner), enrolled for TOTP. */
export async function addPerson(
  database: Database,
  agencyId: string,
  role: Role,
  laId: string | null,
): Promise<Person> {
  const email = `${role}.${randomUUID().slice(0, 6)}@${agencyId}.example`
  const totpSecret = await enrolUser(database.db, {
    agencyId,
    email,
    displayName: `${role} of ${agencyId}`,
    grants: [{ role, laId }],
  })
  return { email, totpSecret }
}

/** A user with the demo password, enrolled for TOTP; returns the TOTP secret to sign in with. */
export async function enrolUser(
  db: Database['db'],
  user: Pick<Parameters<typeof createUser>[1], 'agencyId' | 'email' | 'displayName' | 'grants'>,
): Promise<string> {
  const totpSecret = newTotpSecret()
  await createUser(db, {
    ...user,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    totpSecret,
    totpEnrolledAt: new Date(),
  })
  return totpSecret
}

/** A new person with one role in Leicester, signed in to the app (over inject) as their browser would be. */
export async function signedInPerson(
  t: { app: Parameters<typeof signIn>[0]; database: Pick<Database, 'db'> },
  person: { agencyId: string; email: string; role: Role },
) {
  const grants = [{ role: person.role, laId: 'leicester' }]
  const { agencyId, email } = person
  const totpSecret = await enrolUser(t.database.db, { agencyId, email, displayName: email, grants })
  return signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
}

/** A new person with one role, enrolled, as the Caller a use case is given (workflow tests). */
export async function enrolledCaller(
  db: Database['db'],
  person: {
    name: string
    agencyId: string
    role: Role
    agencyKind?: AgencyKind
    laId?: string | null
    /** An LA's own staff: the LA their agency is. */
    agencyLaId?: string
  },
): Promise<Caller> {
  const { name, agencyId, role } = person
  const grants = [{ role, laId: person.laId ?? null }]
  const email = `${name.toLowerCase().replaceAll(' ', '.')}@${agencyId}.example`
  await enrolUser(db, { agencyId, email, displayName: name, grants })
  const { id } = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  return {
    actor: {
      kind: 'user',
      id,
      displayName: name,
      agencyId,
      agencyKind: person.agencyKind ?? 'other',
      ...(person.agencyLaId ? { agencyLaId: person.agencyLaId } : {}),
      grants,
    },
    origin: { ip: '127.0.0.1', requestId: `test-${name}` },
  }
}
