import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const LA = 'leicester-city-council'
const POLICE = 'leicestershire-police'
const today = new Date().toISOString().slice(0, 10)

// Police public protection record a person of concern and share them, link the child to them
// (graded 3x5x2, handling code P) and to a theme under handling code C; Leicester's MACE coordinator
// opens the child's exploitation profile from the child's record and sees the person but not the
// C-coded link: accessible at each step.
describe('VOLT: a child’s exploitation profile in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let officer: Person
  let coordinator: Person
  let childId: string

  before(async () => {
    server = await startTestServer()
    officer = await addPerson(server.database, POLICE, 'police-public-protection', null)
    coordinator = await addPerson(server.database, LA, 'mace-coordinator', 'leicester')
    const child = await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'VOLT-B1',
        given_name: 'Tyler',
        family_name: 'Voltline',
        date_of_birth: '2011-05-06',
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
    await server.database.db
      .insertInto('child_involvement')
      .values({ child_id: childId, agency_id: POLICE, kind: 'added-by-la', reason: 'known', user_id: null })
      .execute()
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const go = async (page: Page, action: () => Promise<unknown>) => {
    await action()
    await page.waitForLoadState('load')
    await assertAccessible(page)
  }
  const fillDate = async (page: Page) => {
    const [year, month, day] = today.split('-')
    await page.locator('#seenOn-day').fill(String(Number(day)))
    await page.locator('#seenOn-month').fill(String(Number(month)))
    await page.locator('#seenOn-year').fill(String(year))
  }

  it('the police record a person and graded links; MACE sees the profile without the C-coded link', async () => {
    let page = await people.as(officer)
    await go(page, () => page.getByRole('link', { name: 'Exploitation network' }).click())
    await go(page, () => page.getByRole('link', { name: 'Persons of concern' }).click())
    await go(page, () => page.getByRole('link', { name: 'Record a person of concern' }).click())
    await go(page, () => page.getByRole('button', { name: 'Record the person' }).click())
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the person’s name as known/)
    await page.locator('#name').fill('Wayne Driver')
    await page.getByLabel('Adult').check()
    await page.locator('#description').fill('Collects children from school in a grey car')
    await go(page, () => page.getByRole('button', { name: 'Record the person' }).click())
    assert.match(await page.locator('.govuk-inset-text').innerText(), /Police only/)
    await go(page, () => page.getByRole('button', { name: 'Mark shareable with other agencies' }).click())
    assert.equal(await page.locator('.govuk-inset-text').count(), 0)

    await go(page, () => page.goto(`${server.baseUrl}/children/${childId}/exploitation-profile`))
    await go(page, () => page.getByRole('link', { name: 'Add a link from this child' }).click())
    await page.locator('#to').selectOption({ label: 'Person: Wayne Driver' })
    await page.locator('#linkType').selectOption({ label: 'Seen with' })
    await fillDate(page)
    await go(page, () => page.getByRole('button', { name: 'Add the link' }).click())
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select the source evaluation/)
    await page.getByLabel('1: Reliable').check()
    await page.getByLabel('B: Known indirectly to the source but corroborated').check()
    await page.getByLabel('P: Lawful sharing permitted', { exact: true }).check()
    await go(page, () => page.getByRole('button', { name: 'Add the link' }).click())
    assert.match(await page.locator('main').innerText(), /Wayne Driver/)

    await go(page, () => page.getByRole('link', { name: 'Add a link from this child' }).click())
    await page.locator('#to').selectOption({ label: 'Theme: County lines' })
    await page.locator('#linkType').selectOption({ label: 'Concern about' })
    await fillDate(page)
    await page.getByLabel('2: Untested').check()
    await page.getByLabel('C: Known indirectly to the source', { exact: true }).check()
    await page.getByLabel('C: Lawful sharing permitted with conditions').check()
    await page.locator('#handlingConditions').fill('Source protection: police only')
    await go(page, () => page.getByRole('button', { name: 'Add the link' }).click())
    const seenByPolice = await page.locator('main').innerText()
    assert.match(seenByPolice, /County lines/)
    assert.match(seenByPolice, /Source protection: police only/)

    page = await people.as(coordinator)
    await go(page, () => page.goto(`${server.baseUrl}/children/${childId}`))
    await go(page, () => page.getByRole('link', { name: /Exploitation profile/ }).click())
    const seenByMace = await page.locator('main').innerText()
    assert.match(seenByMace, /Wayne Driver/)
    assert.match(seenByMace, /1BP: Reliable/)
    assert.doesNotMatch(seenByMace, /County lines/)
    assert.doesNotMatch(seenByMace, /Source protection/)
    await go(page, () => page.getByRole('link', { name: 'Wayne Driver' }).first().click())
    assert.match(await page.locator('main').innerText(), /Tyler Voltline/)
  })
})
