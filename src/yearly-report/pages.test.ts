// The yearly report's pages over HTTP: who reaches what (refusals as pages, never a 500), a bad year
// in the address is not found, the error summary keeps what was typed, a refused publication is
// named in words on the draft, and the published report is escaped HTML and a PDF.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { holderOf, signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('the yearly report’s pages', () => {
  let database: TestDatabase
  let app: App
  let demo: DemoUser[]
  let admin: TestBrowser
  let referrer: TestBrowser

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership,
      logLevel: 'error',
      now: () => new Date('2026-05-04T10:00:00Z'),
    })
    demo = await seedDemoUsers(database, partnership)
    admin = await signIn(app, holderOf(demo, 'partnership-admin'))
    referrer = await signIn(app, holderOf(demo, 'referrer'))
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('starts a year’s report, naming a bad year and keeping what was typed', async () => {
    await admin.get('/yearly-report')
    const bad = await admin.post('/yearly-report', { startYear: '25' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /href="#startYear">Enter the year as four digits/)
    assert.match(bad.body, /value="25"/)
    const started = await admin.post('/yearly-report', { startYear: '2025' })
    assert.equal(started.statusCode, 303)
    assert.equal(started.headers.location, '/yearly-report/2025')
    assert.equal((await admin.get('/yearly-report/twenty')).statusCode, 404)
    assert.equal((await admin.get('/yearly-report/2031')).statusCode, 404)
  })

  it('keeps a narrative in versions, escaped, and names why it cannot be published', async () => {
    await admin.get('/yearly-report/2025/sections/lado')
    const empty = await admin.post('/yearly-report/2025/sections/lado', { body: '' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /Enter the narrative for this section/)
    const saved = await admin.post('/yearly-report/2025/sections/lado', { body: '<script>alert(1)</script>' })
    assert.equal(saved.statusCode, 303)
    const draft = await admin.get('/yearly-report/2025')
    assert.doesNotMatch(draft.body, /<script>alert/)
    assert.match(draft.body, /&lt;script&gt;/)
    const refused = await admin.post('/yearly-report/2025/publish', {})
    assert.equal(refused.statusCode, 409)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /still to sign, the local authority, the police, health/)
    assert.equal((await admin.get('/yearly-report/2025/sections/nothing')).statusCode, 404)
  })

  it('keeps drafts from those who may only read the published report', async () => {
    const list = await referrer.get('/yearly-report')
    assert.equal(list.statusCode, 200)
    assert.doesNotMatch(list.body, /April 2025 to March 2026/)
    assert.doesNotMatch(list.body, /Start the report/)
    assert.equal((await referrer.get('/yearly-report/2025')).statusCode, 403)
    assert.equal((await referrer.get('/yearly-report/2025/published')).statusCode, 404)
    assert.equal((await referrer.get('/yearly-report/2025/published.pdf')).statusCode, 404)
    assert.equal((await referrer.post('/yearly-report/2025/sign-off', {})).statusCode, 403)
    assert.equal((await referrer.post('/yearly-report', { startYear: '2024' })).statusCode, 403)
  })
})
