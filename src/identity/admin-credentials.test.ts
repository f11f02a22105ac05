import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { adminFixture, CASE_PAGE } from '../../test/support/identity-admin.ts'
import { buildApp } from '../app.ts'
import { totpCode } from './secrets.ts'
import { signIn, TestBrowser } from './testing.ts'

const { f, clock, tick, demoUser, auditedChanges, userId, sessionCount, addColleague } = adminFixture()

describe('resetting a password', () => {
  const temporaryPasswordIn = (body: string) => /id="temporary-password">([^<]+)</.exec(body)?.[1] as string
  const account = (id: string) =>
    f.database.db
      .selectFrom('app_user')
      .select(['password_hash', 'must_change_password'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  it('shows a temporary password once, stores its hash, and signs the user out', async () => {
    const colleague = await addColleague('leicestershire-police', 'Jo Lane', ['police-public-protection'])
    const atDesk = await signIn(f.app, colleague, tick())
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
    const userPage = `/admin/users/${colleague.id}`
    assert.match((await police.get(userPage)).body, new RegExp(`action="${userPage}/reset-password"`))

    const reset = await police.post(`${userPage}/reset-password`, {})
    assert.equal(reset.statusCode, 200)
    assert.equal(reset.headers['cache-control'], 'no-store')
    const temporaryPassword = temporaryPasswordIn(reset.body)
    assert.match(temporaryPassword, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/)
    const stored = await account(colleague.id)
    assert.match(stored.password_hash as string, /^\$argon2id\$/)
    assert.ok(!(stored.password_hash as string).includes(temporaryPassword))
    assert.equal(stored.must_change_password, true)
    assert.equal(await sessionCount(colleague.id), 0)
    assert.equal((await atDesk.get(CASE_PAGE)).statusCode, 303, 'signed out')
    const later = await police.get(userPage)
    assert.ok(!later.body.includes(temporaryPassword), 'shown once')
    assert.match(later.body, /the password is temporary until they next sign in/)
    assert.deepEqual((await auditedChanges('user.administer')).at(-1), {
      agency: 'leicestershire-police',
      outcome: 'allowed',
      operation: 'reset-password',
    })
    const oldPassword = await new TestBrowser(f.app).post('/sign-in', {
      email: colleague.email,
      password: colleague.password,
    })
    assert.equal(oldPassword.statusCode, 401)
  })

  it('has the user choose a new password at next sign-in, before anything else', async () => {
    const colleague = await addColleague('leicestershire-police', 'Max Hale', ['mace-coordinator'])
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
    const reset = await police.post(`/admin/users/${colleague.id}/reset-password`, {})
    const temporary = { ...colleague, password: temporaryPasswordIn(reset.body) }
    const someoneElse = await signIn(f.app, temporary, tick())

    const browser = new TestBrowser(f.app)
    await browser.post('/sign-in', {
      email: colleague.email,
      password: temporary.password,
      returnTo: CASE_PAGE,
    })
    const code = await totpCode(colleague.totpSecret, tick())
    const afterCode = await browser.post('/sign-in/two-factor', { code, returnTo: CASE_PAGE })
    const newPassword = `/sign-in/new-password?returnTo=${encodeURIComponent(CASE_PAGE)}`
    assert.equal(afterCode.headers.location, newPassword)
    const blocked = await browser.get(CASE_PAGE)
    assert.equal(blocked.headers.location, newPassword, 'nothing else before a new password')
    assert.equal((await browser.get('/admin/users')).statusCode, 303)
    const form = await browser.get(newPassword)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /autocomplete="new-password"/)

    for (const [password, problem] of [
      ['', 'Enter a new password'],
      ['short one', 'Password must be 12 characters or more'],
      [temporary.password, 'Choose a password other than the temporary one'],
    ]) {
      const refused = await browser.post('/sign-in/new-password', {
        password: password as string,
        returnTo: CASE_PAGE,
      })
      assert.equal(refused.statusCode, 400)
      assert.match(refused.body, /govuk-error-summary/)
      assert.ok(refused.body.includes(problem as string), problem)
    }
    const chosen = await browser.post('/sign-in/new-password', {
      password: 'kettle orchard lantern',
      returnTo: CASE_PAGE,
    })
    assert.equal(chosen.headers.location, CASE_PAGE)
    assert.equal((await browser.get(CASE_PAGE)).statusCode, 200)
    assert.equal((await account(colleague.id)).must_change_password, false)
    assert.equal(
      (await someoneElse.get(CASE_PAGE)).statusCode,
      303,
      'a session on the temporary password ends',
    )
    assert.equal(await sessionCount(colleague.id), 1)
    await signIn(f.app, { ...colleague, password: 'kettle orchard lantern' }, tick())
  })

  it('is refused for another agency’s user, one’s own account and staff who sign in with their provider', async () => {
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
    const lado = await userId(demoUser('lado').email)
    const before = await account(lado)
    assert.equal((await police.post(`/admin/users/${lado}/reset-password`, {})).statusCode, 404)
    assert.deepEqual(await account(lado), before)
    const self = await userId(demoUser('agency-admin').email)
    assert.equal((await police.post(`/admin/users/${self}/reset-password`, {})).statusCode, 400)
    assert.doesNotMatch((await police.get(`/admin/users/${self}`)).body, /reset-password/)

    const colleague = await addColleague('leicestershire-police', 'Ray Dunn', ['referrer'])
    const withProvider = await buildApp({
      database: f.database,
      partnership: f.partnership,
      logLevel: 'silent',
      identity: {
        now: () => clock.now,
        oidc: [
          {
            agencyId: 'leicestershire-police',
            label: 'Police sign-in',
            issuer: 'https://id.police.example',
            clientId: 'masa',
            clientSecret: 'not used',
          },
        ],
      },
    })
    try {
      const admin = await signIn(withProvider, demoUser('agency-admin'), tick())
      assert.doesNotMatch((await admin.get(`/admin/users/${colleague.id}`)).body, /reset-password/)
      const refused = await admin.post(`/admin/users/${colleague.id}/reset-password`, {})
      assert.equal(refused.statusCode, 400)
      assert.equal((await account(colleague.id)).must_change_password, false)
    } finally {
      await withProvider.close()
    }
  })
})

describe('API credentials', () => {
  const createKey = async (browser: TestBrowser, name: string) => {
    const posted = await browser.post('/admin/api-clients', { name, scopes: ['events:write', 'cases:read'] })
    assert.equal(posted.statusCode, 303, 'post, redirect, get: reloading the page makes nothing')
    assert.equal(posted.headers.location, '/admin/api-clients/created', 'no secret in the address')
    const created = await browser.get('/admin/api-clients/created')
    assert.equal(created.statusCode, 200)
    assert.equal(created.headers['cache-control'], 'no-store')
    assert.match(created.body, /<li>Post partner events \(for example police key events\)<\/li>/)
    assert.doesNotMatch(created.body, /events:write/, 'permissions in words, not their codes')
    return /id="api-key">([^<]+)</.exec(created.body)?.[1] as string
  }
  const whoami = (key?: string) =>
    f.app.inject({ url: '/api/v1/whoami', headers: key ? { authorization: `Bearer ${key}` } : {} })

  it('creates a key shown once, which identifies the agency system until revoked', async () => {
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
    const key = await createKey(police, 'Police case system')
    assert.match(key, /^masa_[A-Za-z0-9_-]{43}$/)
    const reloaded = await police.get('/admin/api-clients/created')
    assert.equal(reloaded.statusCode, 200)
    assert.doesNotMatch(reloaded.body, /id="api-key"/, 'a reload shows no key')
    assert.match(reloaded.body, /The new key is no longer shown/)
    const kept = await f.database.db.selectFrom('user_session').select('flash').execute()
    assert.ok(
      kept.every((row) => row.flash === null),
      'the session keeps nothing once the key is shown',
    )

    const stored = await f.database.db
      .selectFrom('api_client')
      .selectAll()
      .where('name', '=', 'Police case system')
      .executeTakeFirstOrThrow()
    assert.notEqual(stored.key_hash, key)
    assert.ok(key.startsWith(stored.key_prefix))

    const answer = await whoami(key)
    assert.equal(answer.statusCode, 200)
    assert.deepEqual(answer.json(), {
      kind: 'system',
      id: stored.id,
      name: 'Police case system',
      agencyId: 'leicestershire-police',
      scopes: ['events:write', 'cases:read'],
    })
    const clients = await f.database.db
      .selectFrom('api_client')
      .select('id')
      .where('name', '=', 'Police case system')
      .execute()
    assert.equal(clients.length, 1, 'one key made')
    const list = await police.get('/admin/api-clients')
    assert.match(list.body, /Police case system/)
    assert.doesNotMatch(list.body, new RegExp(key), 'the key is never shown again')

    const revoked = await police.post(`/admin/api-clients/${stored.id}/revoke`, {})
    assert.equal(revoked.statusCode, 303)
    assert.equal((await whoami(key)).statusCode, 401)
    assert.deepEqual((await auditedChanges('api-client.administer')).slice(-2), [
      { agency: 'leicestershire-police', outcome: 'allowed', operation: 'create' },
      { agency: 'leicestershire-police', outcome: 'allowed', operation: 'revoke' },
    ])
  })

  it('refuses API calls without a key, with an unknown key, or with a session cookie', async () => {
    const none = await whoami()
    assert.equal(none.statusCode, 401)
    assert.match(String(none.headers['www-authenticate']), /^Bearer/)
    assert.equal(none.json().statusCode, 401)
    assert.equal((await whoami(`masa_${'A'.repeat(43)}`)).statusCode, 401)
    const browser = await signIn(f.app, demoUser('partnership-admin'), tick())
    assert.equal((await browser.get('/api/v1/whoami')).statusCode, 401)
  })

  it('refuses a caller without credentials on every operation in the OpenAPI document', async () => {
    const document = (await f.app.inject('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>
    }
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })),
      )
    assert.ok(operations.length > 0)
    for (const { path, method } of operations) {
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')
      const answer = await f.app.inject({
        method: method as 'GET',
        url,
        payload: method === 'GET' ? undefined : {},
      })
      assert.equal(answer.statusCode, 401, `${method} ${path}`)
    }
  })

  it('keeps agency administrators to their own agency’s keys', async () => {
    const partnershipAdmin = await signIn(f.app, demoUser('partnership-admin'), tick())
    await createKey(partnershipAdmin, 'Leicester social care system')
    const la = await f.database.db
      .selectFrom('api_client')
      .select('id')
      .where('name', '=', 'Leicester social care system')
      .executeTakeFirstOrThrow()
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
    assert.doesNotMatch((await police.get('/admin/api-clients')).body, /Leicester social care system/)
    assert.equal((await police.post(`/admin/api-clients/${la.id}/revoke`, {})).statusCode, 404)
  })

  it('limits each API client’s calls per minute, separately', async () => {
    const limited = await buildApp({
      database: f.database,
      partnership: f.partnership,
      logLevel: 'silent',
      identity: { rateLimits: { apiPerMinute: 2 } },
    })
    try {
      const admin = await signIn(f.app, demoUser('partnership-admin'), tick())
      const [first, second] = [await createKey(admin, 'System one'), await createKey(admin, 'System two')]
      const call = (key: string) =>
        limited
          .inject({ url: '/api/v1/whoami', headers: { authorization: `Bearer ${key}` } })
          .then((r) => r.statusCode)
      assert.deepEqual([await call(first), await call(first), await call(first)], [200, 200, 429])
      assert.equal(await call(second), 200)
    } finally {
      await limited.close()
    }
  })
})

describe('resetting an authenticator app', () => {
  const authenticator = (id: string) =>
    f.database.db
      .selectFrom('app_user')
      .select(['totp_secret', 'totp_enrolled_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  it('signs the user out; they set up an authenticator app again at their next sign-in', async () => {
    const colleague = await addColleague('leicestershire-police', 'Sam Hart', ['police-public-protection'])
    const atDesk = await signIn(f.app, colleague, tick())
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
    const userPage = `/admin/users/${colleague.id}`
    assert.match((await police.get(userPage)).body, new RegExp(`action="${userPage}/reset-authenticator"`))

    const reset = await police.post(`${userPage}/reset-authenticator`, {})
    assert.equal(reset.headers.location, `${userPage}?done=authenticator-reset`)
    assert.deepEqual(await authenticator(colleague.id), { totp_secret: null, totp_enrolled_at: null })
    assert.equal(await sessionCount(colleague.id), 0)
    assert.equal((await atDesk.get(CASE_PAGE)).statusCode, 303, 'signed out')
    assert.deepEqual((await auditedChanges('user.administer')).at(-1), {
      agency: 'leicestershire-police',
      outcome: 'allowed',
      operation: 'reset-authenticator',
    })
    const again = await new TestBrowser(f.app).post('/sign-in', {
      email: colleague.email,
      password: colleague.password,
      returnTo: CASE_PAGE,
    })
    assert.equal(
      again.headers.location,
      `/sign-in/two-factor/set-up?returnTo=${encodeURIComponent(CASE_PAGE)}`,
    )
  })

  it('is refused for another agency’s user and one’s own account, changing nothing', async () => {
    const police = await signIn(f.app, demoUser('agency-admin'), tick())
    const lado = await userId(demoUser('lado').email)
    const before = await authenticator(lado)
    assert.equal((await police.post(`/admin/users/${lado}/reset-authenticator`, {})).statusCode, 404)
    assert.deepEqual(await authenticator(lado), before)
    const self = await userId(demoUser('agency-admin').email)
    assert.equal((await police.post(`/admin/users/${self}/reset-authenticator`, {})).statusCode, 400)
    assert.ok((await authenticator(self)).totp_secret)
  })
})
