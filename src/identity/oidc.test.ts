import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { startOidcProvider, type TestOidcProvider } from '../../test/support/oidc-provider.ts'
import { type App, buildApp } from '../app.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { seedDemoUsers } from './demo-users.ts'
import { requireUser } from './guards.ts'
import { resolveOidcConnections } from './oidc.ts'
import { CookieJar, encodeForm, TestBrowser } from './testing.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const PUBLIC_URL = 'http://masa.test'
const CASE_PAGE = '/test/case-page'
const AGENCY = 'leicestershire-police'
const officer = {
  subject: 'police-0042',
  login: 'officer',
  password: 'provider password',
  email: `police-public-protection@${AGENCY}.example`,
  name: 'Officer',
}
const stranger = {
  ...officer,
  subject: 'police-0099',
  login: 'stranger',
  email: `stranger@${AGENCY}.example`,
}

describe('signing in through an agency’s OpenID Connect provider', () => {
  let provider: TestOidcProvider
  let database: TestDatabase
  let app: App

  before(async () => {
    provider = await startOidcProvider({
      redirectUri: `${PUBLIC_URL}/sign-in/oidc/callback`,
      accounts: [officer, stranger],
    })
    database = await openTestDatabase()
    const partnership = await loadPartnershipConfig(LLR)
    const oidc = resolveOidcConnections(
      [
        {
          agency: AGENCY,
          label: 'your police account',
          issuer: provider.issuer,
          client_id: provider.clientId,
          client_secret_env: 'POLICE_OIDC_SECRET',
        },
      ],
      { POLICE_OIDC_SECRET: provider.clientSecret },
    )
    app = await buildApp({
      database,
      partnership,
      logLevel: 'silent',
      identity: { publicUrl: PUBLIC_URL, oidc },
    })
    app.get(
      CASE_PAGE,
      { preHandler: requireUser },
      async (request) => `case page for ${request.actor?.displayName}`,
    )
    await seedDemoUsers(database, partnership)
  })
  after(async () => {
    await app.close()
    await database.dispose()
    await provider.close()
  })

  /** Starts in `browser`, signs in at the provider as `account`, and returns the callback address. */
  async function throughProvider(
    browser: TestBrowser,
    account: { login: string; password: string },
  ): Promise<string> {
    const start = await browser.get(`/sign-in/oidc/${AGENCY}?returnTo=${encodeURIComponent(CASE_PAGE)}`)
    assert.equal(start.statusCode, 303)
    const jar = new CookieJar()
    let location = String(start.headers.location)
    let body: string | undefined
    for (let hop = 0; location.startsWith(provider.issuer) && hop < 10; hop++) {
      const response = await fetch(location, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: jar.header(),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body,
      })
      jar.take(response.headers.getSetCookie())
      const html = await response.text()
      const form = /<form method="post" action="([^"]+)"/.exec(html)?.[1]
      body = form && !body ? encodeForm({ login: account.login, password: account.password }) : undefined
      location = new URL(form && body ? form : (response.headers.get('location') ?? ''), provider.issuer).href
    }
    assert.ok(location.startsWith(`${PUBLIC_URL}/sign-in/oidc/callback?`), location)
    return location.slice(PUBLIC_URL.length)
  }

  it('offers the provider on the sign-in page', async () => {
    const page = await new TestBrowser(app).get('/sign-in')
    assert.match(page.body, new RegExp(`href="/sign-in/oidc/${AGENCY}"`))
    assert.match(page.body, /Sign in with your police account/)
  })

  it('signs in the agency’s user the provider vouches for, with PKCE, and without asking for our code', async () => {
    const browser = new TestBrowser(app)
    const callback = await throughProvider(browser, officer)
    const landed = await browser.get(callback)
    assert.equal(landed.statusCode, 303)
    assert.equal(landed.headers.location, CASE_PAGE)
    const page = await browser.get(CASE_PAGE)
    assert.equal(page.statusCode, 200)

    const user = await database.db
      .selectFrom('app_user')
      .selectAll()
      .where('email', '=', officer.email)
      .executeTakeFirstOrThrow()
    assert.equal(user.oidc_issuer, provider.issuer)
    assert.equal(user.oidc_subject, officer.subject)

    const again = new TestBrowser(app)
    await again.get(await throughProvider(again, officer))
    assert.equal((await again.get(CASE_PAGE)).statusCode, 200, 'found by its subject the second time')
  })

  it('refuses someone the provider knows but this service does not', async () => {
    const browser = new TestBrowser(app)
    const landed = await browser.get(await throughProvider(browser, stranger))
    assert.equal(landed.statusCode, 403)
    assert.match(landed.body, /There is no active account for stranger@/)
    assert.equal(browser.jar.get('masa_session'), undefined)
  })

  it('refuses a callback delivered to another browser, or delivered twice', async () => {
    const started = new TestBrowser(app)
    const callback = await throughProvider(started, officer)
    const other = new TestBrowser(app)
    assert.equal(
      (await other.get(callback)).statusCode,
      400,
      'the state cookie binds it to the browser that began',
    )

    const again = new TestBrowser(app)
    const second = await throughProvider(again, officer)
    assert.equal((await again.get(second)).statusCode, 303)
    const replay = new TestBrowser(app)
    replay.jar.take(`masa_oidc_state=${new URL(second, PUBLIC_URL).searchParams.get('state')}`)
    assert.equal((await replay.get(second)).statusCode, 400, 'each state answers once')
  })

  it('says so when the agency has no provider', async () => {
    assert.equal((await new TestBrowser(app).get('/sign-in/oidc/llr-icb')).statusCode, 404)
  })

  it('needs every configured client secret to be set', () => {
    assert.throws(
      () =>
        resolveOidcConnections(
          [
            {
              agency: AGENCY,
              label: 'x',
              issuer: provider.issuer,
              client_id: 'c',
              client_secret_env: 'NOT_SET_ANYWHERE',
            },
          ],
          {},
        ),
      /NOT_SET_ANYWHERE/,
    )
  })
})
