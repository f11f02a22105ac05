import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

describe('the service shell in Chromium', () => {
  let server: TestServer
  let browser: Browser
  before(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser.close()
    await server.close()
  })

  it('shows the start page with the partnership name, styled by GOV.UK Frontend, with no axe violations', async () => {
    const page = await browser.context.newPage()
    const failures: string[] = []
    page.on('response', (r) => r.status() >= 400 && failures.push(`${r.status()} ${r.url()}`))
    page.on('console', (m) => m.type() === 'error' && failures.push(m.text()))
    await page.goto(`${server.baseUrl}/`)
    assert.match(await page.locator('h1').innerText(), /Leicester, Leicestershire and Rutland/)
    assert.equal(
      await page.locator('body.govuk-frontend-supported').count(),
      1,
      'GOV.UK Frontend JavaScript ran',
    )
    assert.deepEqual(failures, [], 'every asset loads and no script errors (CSP included)')
    await assertAccessible(page)
  })

  it('shows a GOV.UK 404 page for an unknown address', async () => {
    const page = await browser.context.newPage()
    const response = await page.goto(`${server.baseUrl}/no-such-page`)
    assert.equal(response?.status(), 404)
    assert.equal(await page.locator('h1').innerText(), 'Page not found')
    await assertAccessible(page)
  })
})
