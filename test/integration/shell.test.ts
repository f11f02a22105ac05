import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { registeredJsonRoutes } from '../../src/platform/http/openapi.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

describe('the service shell', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(() => t.close())

  it('answers /health with the database state', async () => {
    const response = await t.app.inject('/health')
    assert.equal(response.statusCode, 200)
    const body = response.json()
    assert.equal(body.status, 'ok')
    assert.equal(body.database.reachable, true)
    assert.equal(body.database.engine, process.env.DATABASE_URL ? 'postgres' : 'pglite')
    assert.ok(body.database.migrations >= 1)
  })

  it('shows a start page naming the partnership and its LAs', async () => {
    const response = await t.app.inject({ url: '/', headers: { accept: 'text/html' } })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Leicester, Leicestershire and Rutland/)
    assert.match(response.body, /Rutland/)
    assert.match(response.headers['content-security-policy'] as string, /script-src 'self' 'nonce-/)
  })

  it('gives a GOV.UK 404 page for an unknown page, and JSON for an unknown API path', async () => {
    const page = await t.app.inject({ url: '/no-such-page', headers: { accept: 'text/html' } })
    assert.equal(page.statusCode, 404)
    assert.match(page.body, /Page not found/)
    assert.match(page.body, /govuk-template/)
    const api = await t.app.inject('/api/v1/no-such-thing')
    assert.ok([401, 404].includes(api.statusCode), `got ${api.statusCode}`)
    assert.equal(typeof api.json().message, 'string')
  })

  it('serves GOV.UK Frontend assets locally', async () => {
    for (const url of [
      '/assets/govuk/govuk-frontend.min.css',
      '/assets/govuk/govuk-frontend.min.js',
      '/assets/masa/masa.mjs',
      '/assets/images/favicon.svg',
    ]) {
      const response = await t.app.inject(url)
      assert.equal(response.statusCode, 200, url)
    }
  })

  it('publishes an OpenAPI 3 document generated from the routes', async () => {
    const response = await t.app.inject('/api/openapi.json')
    assert.equal(response.statusCode, 200)
    const document = response.json()
    assert.match(document.openapi, /^3\./)
    assert.ok(document.info.title)
    for (const path of ['/health', '/health/live', '/health/ready'])
      assert.ok(document.paths[path], `${path} is documented`)
    for (const path of Object.keys(document.paths))
      assert.ok(path.startsWith('/health') || path.startsWith('/api/v1/'), path)
  })

  it('documents every JSON route it answers', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json()
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => `${method} ${path}`),
    )
    const routes = registeredJsonRoutes(t.app)
    assert.ok(routes.includes('post /api/v1/referrals'), 'the API routes are seen')
    assert.deepEqual(
      routes.filter((route) => !documented.includes(route)),
      [],
      'registered under /api/ but missing from the OpenAPI document',
    )
  })
})
