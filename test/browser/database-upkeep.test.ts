import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { loadDemoData } from '../../src/demo/load-demo.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

describe('the partnership administrator sees the database’s upkeep, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let page: Page

  before(async () => {
    server = await startTestServer()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    await loadDemoData(server.database, partnership, { children: 50, seed: 3 })
    const administrator = await addPerson(
      server.database,
      'leicester-city-council',
      'partnership-admin',
      null,
    )
    browser = await launchBrowser()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    await new People(page, server.baseUrl).as(administrator)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('lists the refresh after the bulk load, in plain words, and passes axe', async () => {
    await visit(page, `${server.baseUrl}/admin/database`)
    const main = await page.locator('main').innerText()
    assert.match(main, /Database upkeep/)
    assert.match(main, /After a bulk load/)
    assert.match(main, /relationship/)
    assert.doesNotMatch(main, /\d{4}-\d\d-\d\dT/, 'no ISO dates on screen')
  })
})
