import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// A school's safeguarding manager declares a child on the school's roll, then ends it: accessible
// at each step, with the error summary keeping what was typed.
describe('declaring a roll in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let manager: Person

  before(async () => {
    server = await startTestServer()
    manager = await addPerson(server.database, 'leicester-schools', 'safeguarding-manager', 'leicester')
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('reaches the page from the navigation, shows the problems, declares and ends', async () => {
    const page = await people.as(manager)
    await page.getByRole('link', { name: 'Roll and caseload' }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Children on your roll')
    await assertAccessible(page)

    await page.locator('#givenName').fill('Ava')
    await page.getByRole('button', { name: 'Declare child' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.title(), /^Error:/)
    const summary = await page.locator('.govuk-error-summary').innerText()
    assert.match(summary, /Enter the child’s last name/)
    assert.match(summary, /Enter the lawful basis/)
    assert.equal(await page.locator('#givenName').inputValue(), 'Ava', 'keeps what was typed')
    await assertAccessible(page)

    await page.locator('#familyName').fill('Pupil')
    await page.locator('#dateOfBirth-day').fill('27')
    await page.locator('#dateOfBirth-month').fill('3')
    await page.locator('#dateOfBirth-year').fill('2015')
    await page.locator('#upn').fill('A12')
    await page.locator('#lawfulBasis').fill('UK GDPR 6(1)(e); Education Act 2002 s175')
    await page.getByRole('button', { name: 'Declare child' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /A UPN must be 13 characters/)
    await page.locator('#upn').fill('')
    await page.locator('#nhsNumber').fill('943 476 5919')
    await page.getByRole('button', { name: 'Declare child' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Declaration received/)
    assert.match(await page.locator('main').innerText(), /Ava Pupil/)
    await assertAccessible(page)

    await page.getByRole('link', { name: /End the declaration of Ava Pupil/ }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await page.locator('#reason').fill('Moved away')
    await page.getByRole('button', { name: 'End declaration' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Declaration ended/)
    assert.match(await page.locator('main').innerText(), /Your agency has declared no children/)
  })
})
