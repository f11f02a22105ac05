import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'
import { type DemoUser, seedDemoUsers } from './demo-users.ts'
import { requireUser } from './guards.ts'
import { LOCKOUT_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SIGN_IN_REFUSED } from './rules.ts'
import { hashToken, sealSecret, totpCode } from './secrets.ts'
import { resetAuthenticator } from './store.ts'
import { signIn, TestBrowser } from './testing.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const CASE_PAGE = '/test/case-page'
const MINUTE = 60_000

let database: TestDatabase
let partnership: PartnershipConfig
before(async () => {
  partnership = await loadPartnershipConfig(LLR)
  database = await openTestDatabase()
})
after(() => database.dispose())

describe('signing in with a local account', () => {
  const clock = { now: new Date('2026-03-02T09:00:00Z') }
  /** Moves the app's clock; 31 s also moves to a fresh TOTP time step, as each code works once. */
  const advance = (ms = 31_000) => {
    clock.now = new Date(clock.now.getTime() + ms)
  }
  let app: App
  let demo: DemoUser[]
  const demoUser = (role: Role) =>
    demo.find((user) => user.grants.some((grant) => grant.role === role)) as DemoUser

  before(async () => {
    app = await buildApp({
      database,
      partnership,
      logLevel: 'silent',
      identity: { now: () => clock.now, rateLimits: { signInPerMinute: 1000 } },
    })
    app.get(
      CASE_PAGE,
      { preHandler: requireUser },
      async (request) => `case page for ${request.actor?.displayName}`,
    )
    demo = await seedDemoUsers(database, partnership)
  })
  after(() => app.close())

  const sessionsOf = async (email: string) => {
    const rows = await database.db
      .selectFrom('user_session')
      .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
      .select('user_session.id')
      .where('app_user.email', '=', email)
      .execute()
    return rows.map((row) => row.id)
  }

  it('signs in with a password and a code, opens a case page, and signs out', async () => {
    advance()
    const screener = demoUser('front-door-screener')
    const browser = await signIn(app, screener, clock.now)
    const page = await browser.get(CASE_PAGE)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, new RegExp(screener.displayName))
    assert.equal(page.headers['cache-control'], 'no-store')

    const token = browser.jar.get('masa_session') as string
    assert.deepEqual(
      await sessionsOf(screener.email),
      [hashToken(token)],
      'only the hash of the token is stored',
    )

    const signOut = await browser.post('/sign-out', {})
    assert.equal(signOut.headers.location, '/signed-out')
    assert.deepEqual(await sessionsOf(screener.email), [])
    const after = await browser.get(CASE_PAGE)
    assert.equal(after.statusCode, 303)
    assert.equal(after.headers.location, `/sign-in?returnTo=${encodeURIComponent(CASE_PAGE)}`)
  })

  it('sets the session cookie HttpOnly and SameSite=Lax, not Secure over plain HTTP', async () => {
    advance()
    const browser = new TestBrowser(app)
    const { email, password } = demoUser('analyst')
    const overHttp = await browser.post('/sign-in', { email, password })
    const cookie = [overHttp.headers['set-cookie']]
      .flat()
      .find((line) => line?.startsWith('masa_session=')) as string
    assert.match(cookie, /HttpOnly/)
    assert.match(cookie, /SameSite=Lax/)
    assert.match(cookie, /Path=\//)
    assert.doesNotMatch(cookie, /Secure/)
  })

  it('keeps a session without its second factor out of case pages', async () => {
    advance()
    const chair = demoUser('strategy-discussion-chair')
    const browser = new TestBrowser(app)
    const password = await browser.post('/sign-in', { email: chair.email, password: chair.password })
    assert.equal(password.headers.location, '/sign-in/two-factor')
    const halfSignedIn = browser.jar.get('masa_session')

    const refused = await browser.get(CASE_PAGE)
    assert.equal(refused.statusCode, 303)
    assert.equal(refused.headers.location, `/sign-in/two-factor?returnTo=${encodeURIComponent(CASE_PAGE)}`)
    const admin = await browser.get('/admin/users')
    assert.equal(admin.statusCode, 303)

    const page = await browser.get(refused.headers.location)
    assert.match(page.body, /Enter the code from your authenticator app/)
    const wrong = await browser.post('/sign-in/two-factor', { code: '000000', returnTo: CASE_PAGE })
    assert.equal(wrong.statusCode, 401)
    assert.match(wrong.body, /The code is not right/)
    const notDigits = await browser.post('/sign-in/two-factor', { code: '12ab', returnTo: CASE_PAGE })
    assert.equal(notDigits.statusCode, 400)

    const code = await totpCode(chair.totpSecret as string, clock.now)
    const right = await browser.post('/sign-in/two-factor', { code, returnTo: CASE_PAGE })
    assert.equal(right.statusCode, 303)
    assert.equal(right.headers.location, CASE_PAGE)
    assert.notEqual(browser.jar.get('masa_session'), halfSignedIn, 'a new token after the second factor')
    assert.equal((await browser.get(CASE_PAGE)).statusCode, 200)

    const again = new TestBrowser(app)
    await again.post('/sign-in', { email: chair.email, password: chair.password })
    const replayed = await again.post('/sign-in/two-factor', { code })
    assert.equal(replayed.statusCode, 401, 'a code is accepted once')
  })

  it('signs an analyst in without a code: their role sees no case data', async () => {
    const analyst = demoUser('analyst')
    const browser = new TestBrowser(app)
    const answer = await browser.post('/sign-in', {
      email: analyst.email,
      password: analyst.password,
      returnTo: CASE_PAGE,
    })
    assert.equal(answer.headers.location, CASE_PAGE)
    assert.equal((await browser.get(CASE_PAGE)).statusCode, 200)
  })

  it('locks an account after 5 wrong passwords, answering as it does for an unknown email', async () => {
    advance()
    const lado = demoUser('lado')
    const browser = new TestBrowser(app)
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await browser.post('/sign-in', { email: lado.email, password: `wrong ${attempt}` })
      assert.equal(wrong.statusCode, 401)
      assert.ok(wrong.body.includes(SIGN_IN_REFUSED))
      assert.match(wrong.body, new RegExp(`value="${lado.email}"`), 'keeps the email typed')
    }
    const locked = await browser.post('/sign-in', { email: lado.email, password: lado.password })
    assert.equal(locked.statusCode, 401, 'even the right password is refused while locked')
    assert.ok(locked.body.includes(SIGN_IN_REFUSED))
    const unknown = await browser.post('/sign-in', { email: 'nobody@nowhere.example', password: 'x' })
    assert.equal(unknown.statusCode, 401)
    assert.ok(unknown.body.includes(SIGN_IN_REFUSED))

    advance(LOCKOUT_MS)
    const unlocked = await signIn(app, lado, clock.now)
    assert.equal((await unlocked.get(CASE_PAGE)).statusCode, 200)
  })

  it('counts wrong codes towards the lockout too', async () => {
    advance()
    const conferenceChair = demoUser('conference-chair')
    const browser = new TestBrowser(app)
    await browser.post('/sign-in', { email: conferenceChair.email, password: conferenceChair.password })
    for (let attempt = 1; attempt < 5; attempt++) {
      assert.equal((await browser.post('/sign-in/two-factor', { code: '000000' })).statusCode, 401)
    }
    const fifth = await browser.post('/sign-in/two-factor', { code: '000000' })
    assert.ok(fifth.body.includes(SIGN_IN_REFUSED), 'locked and sent back to sign in')
    assert.deepEqual(await sessionsOf(conferenceChair.email), [])
    advance(LOCKOUT_MS)
  })

  it('tells a person whose authenticator secret was sealed under another key to have it reset, and lets them set it up again after', async () => {
    advance()
    const chair = demoUser('review-lead')
    // As restored from an installation with another secret key.
    await database.db
      .updateTable('app_user')
      .set({ totp_secret: sealSecret(chair.totpSecret as string, randomBytes(32)) })
      .where('email', '=', chair.email)
      .execute()
    const browser = new TestBrowser(app)
    await browser.post('/sign-in', { email: chair.email, password: chair.password })
    const refused = await browser.post('/sign-in/two-factor', {
      code: await totpCode(chair.totpSecret as string, clock.now),
    })
    assert.equal(refused.statusCode, 403)
    assert.match(refused.body, /Your authenticator app can no longer be checked/)
    assert.deepEqual(await sessionsOf(chair.email), [])

    const { id } = await database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', chair.email)
      .executeTakeFirstOrThrow()
    await resetAuthenticator(database.db, id)
    await browser.post('/sign-in', { email: chair.email, password: chair.password })
    const setUp = await browser.get('/sign-in/two-factor/set-up')
    assert.equal(setUp.statusCode, 200)
    assert.match(setUp.body, /Set up/)
  })

  it('ends a session after 30 minutes idle', async () => {
    advance()
    const browser = await signIn(app, demoUser('business-support'), clock.now)
    advance(SESSION_IDLE_MS - MINUTE)
    assert.equal((await browser.get(CASE_PAGE)).statusCode, 200)
    advance(SESSION_IDLE_MS - MINUTE)
    assert.equal((await browser.get(CASE_PAGE)).statusCode, 200, 'each request restarts the idle time')
    advance(SESSION_IDLE_MS)
    const idle = await browser.get(CASE_PAGE)
    assert.equal(idle.statusCode, 303)
    assert.equal(browser.jar.get('masa_session'), undefined, 'the cookie is cleared')
    assert.deepEqual(await sessionsOf(demoUser('business-support').email), [])
  })

  it('ends a session 10 hours after sign-in however busy', async () => {
    advance()
    const browser = await signIn(app, demoUser('mace-coordinator'), clock.now)
    const signedInAt = clock.now.getTime()
    while (clock.now.getTime() + 20 * MINUTE < signedInAt + SESSION_ABSOLUTE_MS) {
      advance(20 * MINUTE)
      assert.equal((await browser.get(CASE_PAGE)).statusCode, 200)
    }
    clock.now = new Date(signedInAt + SESSION_ABSOLUTE_MS)
    assert.equal((await browser.get(CASE_PAGE)).statusCode, 303)
  })

  it('ends every session of a deactivated user at once', async () => {
    advance()
    const police = demoUser('police-public-protection')
    const atDesk = await signIn(app, police, clock.now)
    advance()
    const onPhone = await signIn(app, police, clock.now)
    assert.equal((await atDesk.get(CASE_PAGE)).statusCode, 200)
    assert.equal((await sessionsOf(police.email)).length, 2)

    const admin = await signIn(app, demoUser('agency-admin'), clock.now)
    const row = await database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', police.email)
      .executeTakeFirstOrThrow()
    const deactivate = await admin.post(`/admin/users/${row.id}/deactivate`, {})
    assert.equal(deactivate.statusCode, 303)

    for (const browser of [atDesk, onPhone]) assert.equal((await browser.get(CASE_PAGE)).statusCode, 303)
    assert.deepEqual(await sessionsOf(police.email), [])
    const again = await new TestBrowser(app).post('/sign-in', {
      email: police.email,
      password: police.password,
    })
    assert.equal(again.statusCode, 401)
  })

  it('refuses a form without its CSRF token, or with a forged one', async () => {
    const { email, password } = demoUser('analyst')
    const browser = new TestBrowser(app)
    const missing = await browser.post('/sign-in', { email, password }, { csrf: false })
    assert.equal(missing.statusCode, 403)
    assert.equal(browser.jar.get('masa_session'), undefined)
    const forged = await browser.post('/sign-in', { email, password, _csrf: 'forged' }, { csrf: false })
    assert.equal(forged.statusCode, 403)
    const fresh = new TestBrowser(app)
    const noCookie = await fresh.app.inject({
      method: 'POST',
      url: '/sign-out',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '_csrf=abc',
    })
    assert.equal(noCookie.statusCode, 403)
  })

  it('returns after sign-in only to an address on this service', async () => {
    const { email, password } = demoUser('analyst')
    const browser = new TestBrowser(app)
    const answer = await browser.post('/sign-in', { email, password, returnTo: '//evil.example/steal' })
    assert.equal(answer.headers.location, '/')
  })

  it('asks for the email and password when either is left out, keeping what was typed', async () => {
    const browser = new TestBrowser(app)
    const answer = await browser.post('/sign-in', { email: 'someone@x.example', password: '' })
    assert.equal(answer.statusCode, 400)
    assert.match(answer.body, /govuk-error-summary/)
    assert.match(answer.body, /Enter your password/)
    assert.match(answer.body, /value="someone@x.example"/)
  })
})

describe('sign-in behind HTTPS with a rate limit', () => {
  let app: App
  before(async () => {
    app = await buildApp({
      database,
      partnership,
      logLevel: 'silent',
      identity: { secureCookies: true, rateLimits: { signInPerMinute: 3 } },
    })
    // On PostgreSQL the counters are shared by every app on the database: the sign-ins of the tests
    // above, from this same address, would count against this limit too.
    await database.db.deleteFrom('rate_limit_window').execute()
  })
  after(() => app.close())

  it('marks cookies Secure and refuses the attempts over the limit from one address', async () => {
    const browser = new TestBrowser(app)
    const first = await browser.get('/sign-in')
    assert.match(String(first.headers['set-cookie']), /Secure/)
    const statuses = []
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push((await browser.post('/sign-in', { email: 'a@b.example', password: 'x' })).statusCode)
    }
    assert.deepEqual(statuses, [401, 401, 401, 429])
  })
})
