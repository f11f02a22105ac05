import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, follow, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The partnership's business unit starts last year's report and writes a section's narrative (twice:
// both versions kept); publishing is refused until the local authority's, the police's and health's
// safeguarding managers have each signed off the draft; then it is published, read by a practitioner
// as a page and downloaded as a PDF. Accessible throughout.
describe('the yearly report in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let admin: Person
  const leads: Person[] = []
  let practitioner: Person
  const clock = new Date('2026-05-04T09:00:00Z')

  before(async () => {
    server = await startTestServer(undefined, { now: () => clock })
    admin = await addPerson(server.database, 'leicester-city-council', 'partnership-admin', null)
    leads.push(await addPerson(server.database, 'leicester-city-council', 'safeguarding-manager', null))
    leads.push(await addPerson(server.database, 'leicestershire-police', 'safeguarding-manager', null))
    leads.push(await addPerson(server.database, 'llr-icb', 'safeguarding-manager', null))
    practitioner = await addPerson(server.database, 'leicestershire-police', 'police-public-protection', null)
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const submit = async (page: Page, button: string | RegExp) => {
    await page.getByRole('button', { name: button }).click()
    await page.waitForLoadState('load')
  }
  const main = (page: Page) => page.locator('main').innerText()

  it('is drafted, signed off by the three lead partners, published and downloaded', async () => {
    const page = await people.as(admin)
    await page.goto(`${server.baseUrl}/`)
    await follow(page, 'Yearly report')
    await page.locator('#startYear').fill('last year')
    await submit(page, 'Start the report')
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the year as four digits/)
    await assertAccessible(page)
    await page.locator('#startYear').fill('2025')
    await submit(page, 'Start the report')
    assert.match(await page.locator('h1').innerText(), /April 2025 to March 2026/)
    assert.match(await main(page), /Multi-agency training/)
    await assertAccessible(page)

    await follow(page, /Write the narrative for Multi-agency training/)
    await page.locator('#body').fill('Take-up rose in the year.')
    await submit(page, 'Save as a new version')
    await follow(page, /Write the narrative for Multi-agency training/)
    await page.locator('#body').fill('Take-up rose in the year.\nNeglect training was the most booked.')
    await submit(page, 'Save as a new version')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /new version/)
    await follow(page, /Write the narrative for Multi-agency training/)
    assert.match(await main(page), /Version 2 \(the latest\)/)
    assert.match(await main(page), /Version 1,/)
    await page.goto(`${server.baseUrl}/yearly-report/2025`)

    await submit(page, 'Publish the report')
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /cannot be published until all three lead safeguarding partners have signed off/,
    )
    await assertAccessible(page)

    for (const lead of leads) {
      const leadPage = await people.as(lead)
      await leadPage.goto(`${server.baseUrl}/yearly-report/2025`)
      await assertAccessible(leadPage)
      await submit(leadPage, /Sign off this draft for/)
      assert.match(await leadPage.locator('.govuk-notification-banner').innerText(), /sign-off is recorded/)
    }

    const back = await people.as(admin)
    await back.goto(`${server.baseUrl}/yearly-report/2025`)
    await submit(back, 'Publish the report')
    assert.match(await back.locator('.govuk-notification-banner').innerText(), /published/)
    await assertAccessible(back)

    const reader = await people.as(practitioner)
    await reader.goto(`${server.baseUrl}/`)
    await follow(reader, 'Yearly report')
    await follow(reader, 'April 2025 to March 2026')
    const text = await main(reader)
    assert.match(text, /Neglect training was the most booked/)
    assert.match(text, /Signed off by the lead safeguarding partners/)
    const pdf = await reader.request.get(`${server.baseUrl}/yearly-report/2025/published.pdf`)
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    assert.equal((await pdf.body()).subarray(0, 4).toString(), '%PDF')
    // A practitioner reads the published report, not the drafts.
    const draft = await reader.goto(`${server.baseUrl}/yearly-report/2025`)
    assert.equal(draft?.status(), 403)
  })
})
