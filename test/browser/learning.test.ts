import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, follow, launchBrowser, press } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The reviews and learning lead writes a 7-minute briefing (the error summary first, then a child's
// NHS number refused), and sends it to the ICB's safeguarding managers; one of them reads it from
// "Learning briefings" and says they have read it; the lead sees the reach (1 of 1) and the themes
// across the years; a practitioner it was not sent to is answered "not found". Accessible throughout.
describe('learning briefings in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let lead: Person
  let health: Person
  let police: Person

  before(async () => {
    server = await startTestServer()
    lead = await addPerson(server.database, 'leicester-city-council', 'review-lead', null)
    health = await addPerson(server.database, 'llr-icb', 'safeguarding-manager', null)
    police = await addPerson(server.database, 'leicestershire-police', 'police-public-protection', null)
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const main = (page: Page) => page.locator('main').innerText()

  it('the lead writes and sends a briefing, a practitioner reads and acknowledges it, the lead sees its reach', async () => {
    const page = await people.as(lead)
    await page.goto(`${server.baseUrl}/`)
    await follow(page, 'Learning briefings')
    await follow(page, 'Write a learning briefing')
    await press(page, 'Save the briefing')
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a title/)
    await assertAccessible(page)
    await page.locator('#title').fill('Seeing neglect in a busy household')
    await page.locator('#background').fill('A rapid review of a serious incident in 2026.')
    await page.locator('#keyFindings').fill('Several agencies saw signs of neglect; none shared them.')
    await page.locator('#learning').fill('The NHS number 943 476 5919 was known to all.')
    await page.locator('#doDifferently').fill('Record and share each concern.')
    await page.locator('#reflectionQuestions').fill('When did you last ask what a day is like for the child?')
    await page.getByLabel('Neglect').check()
    await press(page, 'Save the briefing')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /must not identify the child/)
    assert.equal(await page.locator('#title').inputValue(), 'Seeing neglect in a busy household')
    assert.equal(await page.getByLabel('Neglect').isChecked(), true)
    await assertAccessible(page)
    await page.locator('#learning').fill('Neglect is cumulative: each sighting matters.')
    await press(page, 'Save the briefing')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Briefing saved/)
    await assertAccessible(page)

    await page.getByLabel('Leicester, Leicestershire and Rutland Integrated Care Board').check()
    await page.getByLabel('Safeguarding manager', { exact: true }).check()
    await press(page, 'Send the briefing')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Briefing sent to 1 person/)
    assert.match(await main(page), /0 of 1 have read it/)
    await assertAccessible(page)
    const briefingUrl = page.url().replace(/\?.*$/, '')

    const reader = await people.as(health)
    await reader.goto(`${server.baseUrl}/`)
    await follow(reader, 'Learning briefings')
    assert.match(await main(reader), /To read/)
    await follow(reader, 'Seeing neglect in a busy household')
    assert.match(await main(reader), /What to do differently\s+Record and share each concern/)
    await press(reader, 'I have read this')
    assert.match(
      await reader.locator('.govuk-notification-banner').innerText(),
      /acknowledgement is recorded/,
    )
    assert.match(await main(reader), /You said you had read this on/)
    await assertAccessible(reader)

    const outsider = await people.as(police)
    const refused = await outsider.goto(briefingUrl)
    assert.equal(refused?.status(), 404)

    const back = await people.as(lead)
    await back.goto(briefingUrl)
    assert.match(await main(back), /1 of 1 have read it \(100%\)/)
    assert.match(await main(back), /Safeguarding manager\s+1\s+1\s+100%/)
    await assertAccessible(back)
    const pdf = await back.request.get(`${briefingUrl}/pdf`)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    await back.goto(`${server.baseUrl}/learning`)
    await follow(back, 'Themes across reviews over the years')
    assert.match(await main(back), /Neglect\s+0 serious incidents, 0 reviews, 1 briefing/)
  })
})
