// Learning briefings' pages over HTTP: the error summary keeping what was typed, sending, the page a
// recipient reads, refusals as pages (never a 500), and the reach on the lead's page.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { holderOf, signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('learning briefings’ pages', () => {
  let database: TestDatabase
  let app: App
  let demo: DemoUser[]
  let lead: TestBrowser
  let manager: TestBrowser
  let referrer: TestBrowser

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership,
      logLevel: 'error',
      now: () => new Date('2027-01-04T10:00:00Z'),
    })
    demo = await seedDemoUsers(database, partnership)
    lead = await signIn(app, holderOf(demo, 'review-lead'))
    manager = await signIn(app, holderOf(demo, 'safeguarding-manager'))
    referrer = await signIn(app, holderOf(demo, 'referrer'))
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('a briefing is written, sent, read and acknowledged; its reach shows on the lead’s page', async () => {
    await lead.get('/learning/new')
    const bad = await lead.post('/learning', { title: 'Neglect', themes: 'neglect' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /href="#background">Enter the background/)
    assert.match(bad.body, /value="Neglect"/)
    const written = await lead.post('/learning', {
      title: 'Seeing neglect',
      background: 'A rapid review.',
      keyFindings: 'Signs were seen and not shared.',
      learning: 'Neglect is cumulative.',
      doDifferently: 'Share each concern.',
      reflectionQuestions: 'What is a day like for the child?',
      themes: ['neglect', 'information-sharing'],
    })
    assert.equal(written.statusCode, 303)
    const url = String(written.headers.location).split('?')[0] as string
    const draft = await lead.get(url)
    assert.equal(draft.statusCode, 200, draft.body)
    assert.equal((await manager.get(url)).statusCode, 404)
    const form = await lead.get(`${url}/edit`)
    assert.match(form.body, /value="Seeing neglect"/)
    const edited = await lead.post(`${url}/edit`, {
      title: 'Seeing neglect at home',
      background: 'A rapid review.',
      keyFindings: 'Signs were seen and not shared.',
      learning: 'Neglect is cumulative.',
      doDifferently: 'Share each concern.',
      reflectionQuestions: 'What is a day like for the child?',
      themes: 'neglect',
    })
    assert.equal(edited.statusCode, 303)
    assert.match((await lead.get(url)).body, /Seeing neglect at home/)
    const agency = holderOf(demo, 'safeguarding-manager').agencyId
    const sent = await lead.post(`${url}/publish`, { agencyIds: agency, roles: 'safeguarding-manager' })
    assert.equal(sent.statusCode, 303)
    const page = await lead.get(String(sent.headers.location))
    assert.equal(page.statusCode, 200, page.body)
    assert.match(page.body, /of \d+ have read it/)
    const read = await manager.get(url)
    assert.equal(read.statusCode, 200, read.body)
    assert.match(read.body, /I have read this/)
    const home = await manager.get('/learning')
    assert.equal(home.statusCode, 200, home.body)
    assert.match(home.body, /To read/)
    const ack = await manager.post(`${url}/acknowledge`, {})
    assert.equal(ack.statusCode, 303)
    assert.match((await manager.get(url)).body, /You said you had read this on 4 January 2027/)
    assert.match((await lead.get('/learning')).body, /Seeing neglect/)
    assert.equal((await referrer.get(url)).statusCode, 404)
    assert.equal((await referrer.get('/learning/themes')).statusCode, 403)
    assert.match(
      (await lead.get('/learning/themes')).body,
      /Neglect<\/th>\s*<td[^>]*>0 serious incidents, 0 reviews, 1 briefing</,
    )
    assert.equal((await lead.get(`${url}/pdf`)).headers['content-type'], 'application/pdf')
    const late = await lead.post(`${url}/edit`, { title: 'Too late', themes: 'neglect' })
    assert.equal(late.statusCode, 409)
  })
})
