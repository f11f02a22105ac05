// The smaller holes of the trust issue, each as a user or an attacker would meet it: the API gate
// on the routed path, headers, trusted proxies, one input pipeline for the referral form, real dates,
// control characters, JSON depth.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type App, buildApp } from '../../src/app.ts'
import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { hashPassword } from '../../src/identity/secrets.ts'
import { createUser } from '../../src/identity/store.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { apiKeyFor, policeEvent, seedChildren } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { openTestDatabase, type TestDatabase } from '../support/database.ts'

const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const NOW = new Date('2026-11-06T12:00:00Z')

const referralForm = (changes: Record<string, string> = {}) => ({
  idempotencyKey: 'hardening-1',
  childFirstName: 'Ava',
  childLastName: 'Testchild',
  'childDateOfBirth-day': '2',
  'childDateOfBirth-month': '3',
  'childDateOfBirth-year': '2015',
  childPostcode: 'LE2 1AA',
  whatHappened: 'Came to school with a bruise on her cheek.',
  worries: 'Second injury this term.',
  familyKnows: 'Mother knows we are referring.',
  consent: 'given',
  urgency: 'standard',
  referralSource: '1B',
  referrerName: 'Sam Teacher',
  referrerRole: 'Designated safeguarding lead',
  referrerEmail: 'dsl@school.example',
  ...changes,
})

describe('hardened HTTP edges', () => {
  let app: App
  let database: TestDatabase
  let teacher: TestBrowser
  let policeKey: string
  let laKey: string
  let nhsNumber: string

  before(async () => {
    database = await openTestDatabase()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    app = await buildApp({ database, partnership, logLevel: 'silent' })
    app.sharing.now = () => NOW
    const email = 'dsl@leicester-schools.example'
    await createUser(database.db, {
      agencyId: 'leicester-schools',
      email,
      displayName: 'Sam Teacher',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      totpSecret: TOTP,
      totpEnrolledAt: new Date(),
      grants: [{ role: 'referrer', laId: null }],
    })
    teacher = await signIn(app, { email, password: DEMO_PASSWORD, totpSecret: TOTP })
    policeKey = await apiKeyFor(database.db, 'leicestershire-police', ['events:write', 'events:read'])
    laKey = await apiKeyFor(database.db, 'leicester-city-council', ['contacts:write', 'cases:read'])
    const [child] = await seedChildren(database.db, 1, { laId: 'leicester', involvedAgencyIds: [] })
    nhsNumber = child?.nhsNumber ?? ''
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('gates the API on the routed path: an encoded /api/ needs a key like any other', async () => {
    for (const url of [
      '/api/v1/children?name=Child0',
      '/%61pi/v1/children?name=Child0',
      '/api/%761/children?name=Child0',
    ]) {
      const withSession = await teacher.get(url)
      assert.equal(withSession.statusCode, 401, `${url} with only a browser session`)
      const withKey = await app.inject({ url, headers: { authorization: `Bearer ${laKey}` } })
      assert.notEqual(withKey.statusCode, 401, url)
      assert.equal(withKey.headers['content-type'], 'application/json; charset=utf-8', url)
    }
  })

  it('sends no page or JSON to a cache, and frames nothing', async () => {
    const page = await teacher.get('/referrals/new')
    const api = await app.inject({ url: '/api/v1/whoami', headers: { authorization: `Bearer ${laKey}` } })
    const asset = await app.inject({ url: '/assets/masa/masa.css' })
    assert.equal(page.headers['cache-control'], 'no-store')
    assert.equal(api.headers['cache-control'], 'no-store')
    assert.notEqual(asset.headers['cache-control'], 'no-store')
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/)
    assert.equal(page.headers['x-frame-options'], 'DENY')
  })

  it('answers a record page addressed by something that is not an id with “not found”, and the API with 400', async () => {
    for (const id of [
      'abc',
      'abcdef0123456789abcdef0123456789abcd',
      'urn:uuid:0b7a3e8e-6f0a-4a59-9d3c-5a3b1f3b8c11',
    ]) {
      const page = await teacher.get(`/referrals/${encodeURIComponent(id)}`)
      assert.equal(page.statusCode, 404, id)
      assert.match(page.body, /Page not found/)
      const api = await app.inject({
        url: `/api/v1/referrals/${encodeURIComponent(id)}`,
        headers: { authorization: `Bearer ${laKey}` },
      })
      assert.equal(api.statusCode, 400, id)
      assert.equal(api.json().field, 'id')
    }
    const named = await app.inject({ url: '/threshold-tool/indicators/fe-3-domestic-abuse' })
    assert.equal(named.statusCode, 200, 'an id that is a name in the content is not held to the UUID rule')
  })

  it('refuses NUL in any text with a 400 naming the field, on pages and in query strings', async () => {
    const form = await teacher.post('/referrals/new', referralForm({ worries: 'bad\u0000byte' }))
    assert.equal(form.statusCode, 400)
    assert.match(form.body, /worries contains a control character/)
    const query = await teacher.get('/children/search?name=%00')
    assert.equal(query.statusCode, 400)
    const report = await teacher.get('/admin/break-glass?agency=%00')
    assert.equal(report.statusCode, 400)
    assert.match(report.body, /agency contains a control character/)
  })

  it('refuses JSON nested deeper than any input needs, before anything walks it', async () => {
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: {
        authorization: `Bearer ${laKey}`,
        'content-type': 'application/json',
        'idempotency-key': 'deep-1',
      },
      payload: `{"thresholdResult":${deep}}`,
    })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().field, 'body')
  })

  it('answers a NUL or an impossible date in one shared event on that item alone', async () => {
    const good = policeEvent('H-1', nhsNumber)
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/shared-events',
      headers: { authorization: `Bearer ${policeKey}` },
      payload: [
        good,
        { ...policeEvent('H-2', nhsNumber), summary: 'Arrest\u0000' },
        {
          ...policeEvent('H-3', nhsNumber),
          type: 'court-date',
          hearing: { court: 'Leicester', date: '2026-02-31' },
        },
        { ...policeEvent('H-4', nhsNumber), type: 'bail', bailUntil: '2026-99-99', bailConditions: [] },
      ],
    })
    assert.equal(response.statusCode, 207, response.body)
    const [first, nul, hearing, bail] = response.json().results
    assert.equal(first.status, 'accepted')
    assert.deepEqual(
      [nul, hearing, bail].map((r: { status: string; errors: { field: string }[] }) => [
        r.status,
        r.errors[0]?.field,
      ]),
      [
        ['rejected', 'summary'],
        ['rejected', 'hearing.date'],
        ['rejected', 'bailUntil'],
      ],
    )
  })

  it('holds the referral form to the API’s limits, in the error summary, keeping what was typed', async () => {
    const long = 'Seen at the gate. '.repeat(50_000)
    const page = await teacher.post(
      '/referrals/new',
      referralForm({ whatHappened: long, childFirstName: 'A'.repeat(100_000) }),
    )
    assert.equal(page.statusCode, 400)
    assert.match(page.body, /govuk-error-summary/)
    assert.match(page.body, /What happened must be 10,000 characters or fewer/)
    assert.match(page.body, /First name must be 200 characters or fewer/)
    assert.ok(page.body.includes('Seen at the gate. Seen at the gate.'), 'what was typed is kept')
    const impossible = await teacher.post(
      '/referrals/new',
      referralForm({ 'childDateOfBirth-day': '31', 'childDateOfBirth-month': '2' }),
    )
    assert.equal(impossible.statusCode, 400)
    assert.match(impossible.body, /Date of birth must be a real date/)
  })
})

describe('behind a TLS-terminating proxy', () => {
  let app: App
  let database: TestDatabase
  const PROXY = '10.0.0.5'

  before(async () => {
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
      logLevel: 'silent',
      trustedProxies: [PROXY],
      identity: { rateLimits: { signInPerMinute: 2 }, sharedRateLimits: true },
    })
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  const signInFrom = (client: string, remoteAddress = PROXY, server = app) =>
    server.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress,
      headers: {
        'x-forwarded-for': client,
        'x-forwarded-proto': 'https',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'email=x%40y.example&password=wrong',
    })

  it('marks cookies Secure when the proxy says the request came over https', async () => {
    const viaProxy = await app.inject({
      url: '/sign-in',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-proto': 'https' },
    })
    assert.match(String(viaProxy.headers['set-cookie']), /Secure/)
    const spoofed = await app.inject({
      url: '/sign-in',
      remoteAddress: '192.0.2.9',
      headers: { 'x-forwarded-proto': 'https' },
    })
    assert.doesNotMatch(String(spoofed.headers['set-cookie']), /Secure/, 'only the trusted proxy is believed')
  })

  it('counts sign-in attempts per client, not per proxy', async () => {
    const first = [
      await signInFrom('198.51.100.1'),
      await signInFrom('198.51.100.1'),
      await signInFrom('198.51.100.1'),
    ]
    assert.equal(first.at(-1)?.statusCode, 429)
    const other = await signInFrom('198.51.100.2')
    assert.notEqual(other.statusCode, 429)
  })

  it('counts one client’s attempts across the app servers behind the balancer, which share the database', async () => {
    const another = await buildApp({
      database,
      partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
      logLevel: 'silent',
      trustedProxies: [PROXY],
      identity: { rateLimits: { signInPerMinute: 2 }, sharedRateLimits: true },
    })
    try {
      const client = '198.51.100.3'
      assert.notEqual((await signInFrom(client)).statusCode, 429)
      assert.notEqual((await signInFrom(client, PROXY, another)).statusCode, 429)
      assert.equal((await signInFrom(client)).statusCode, 429, 'the third attempt, wherever it lands')
      assert.equal((await signInFrom(client, PROXY, another)).statusCode, 429)
    } finally {
      await another.close()
    }
  })
})
