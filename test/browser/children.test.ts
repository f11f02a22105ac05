import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { signInThroughPages } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

describe('finding a child and opening the record in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  before(async () => {
    server = await startTestServer()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    const users = await seedDemoUsers(server.database, partnership)
    const screener = users.find((u) => u.grants.some((g) => g.role === 'front-door-screener')) as DemoUser
    browser = await launchBrowser()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    await signInThroughPages(page, server.baseUrl, screener)
  })
  after(async () => {
    await browser.close()
    await server.close()
  })

  it('creates a record after searching, then finds it by a misspelt name and a swapped date', async () => {
    await page.goto(`${server.baseUrl}/children/search`)
    await assertAccessible(page)
    await page.getByLabel('Name').fill('Freya Wilson')
    await page.getByLabel('Day').fill('3')
    await page.getByLabel('Month').fill('11')
    await page.getByLabel('Year').fill('2019')
    await page.getByRole('button', { name: 'Search' }).click()
    await assertAccessible(page)
    assert.match(await page.locator('main').innerText(), /No children found/)

    await page.getByRole('link', { name: 'Create a new record' }).click()
    await assertAccessible(page)
    assert.equal(await page.getByLabel('Given name').inputValue(), 'Freya')
    await page.getByLabel('Female').check()
    await page.getByLabel('Responsible local authority').selectOption({ label: 'Leicester' })
    await page.getByRole('button', { name: 'Create record' }).click()
    await page.waitForURL(/\/children\/[0-9a-f-]{36}/)
    await assertAccessible(page)
    assert.match(await page.locator('h1').innerText(), /Freya Wilson/)

    await page.goto(
      `${server.baseUrl}/children/search?name=Freyya+Wilsen&dob-day=11&dob-month=3&dob-year=2019`,
    )
    await assertAccessible(page)
    const matches = await page.getByTestId('matches').innerText()
    assert.match(matches, /date of birth with day and month swapped/)
    await page.getByRole('link', { name: 'Freya Wilson' }).click()
    await assertAccessible(page)
    assert.match(await page.getByTestId('chronology').innerText(), /Record created for Freya Wilson/)
  })

  it('shows the child’s LA who is involved and why; it adds an agency and ends the involvement', async () => {
    await page.getByRole('link', { name: 'Who is involved with this child, and why' }).click()
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Add agency' }).click()
    await assertAccessible(page)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose the agency to add/)
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Leicestershire Police' })
    await page.getByLabel('Why does this agency need to be involved?').fill('Domestic abuse notification')
    await page.getByRole('button', { name: 'Add agency' }).click()
    await assertAccessible(page)
    const now = await page.locator('main').innerText()
    assert.match(now, /Leicestershire Police/)
    assert.match(now, /Added by the local authority: Domestic abuse notification/)

    await page.getByRole('link', { name: /End the involvement of Leicestershire Police/ }).click()
    await assertAccessible(page)
    await page.getByRole('button', { name: 'End involvement' }).click()
    await assertAccessible(page)
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /Enter why this involvement is ending/,
    )
    await page.getByLabel('Why is this involvement ending?').fill('No further police role')
    await page.getByRole('button', { name: 'End involvement' }).click()
    await assertAccessible(page)
    assert.match(await page.locator('main').innerText(), /No further police role/)
  })
})
