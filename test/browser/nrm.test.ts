import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, follow, launchBrowser, press } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const LA = 'leicester-city-council'
const today = new Date()

// A MACE coordinator opens a child's record, records a sexual risk order used by the police (the
// form names what is missing first), then the child's NRM referral with no consent asked, then the
// reasonable grounds decision; the referral then waits on the MACE coordinator's list of NRM
// decisions for the conclusive one, and on their home page. Accessible at each step.
describe('disruption tactics and an NRM referral in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let coordinator: Person
  let childId: string

  before(async () => {
    server = await startTestServer()
    coordinator = await addPerson(server.database, LA, 'mace-coordinator', 'leicester')
    const child = await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'NRM-B1',
        given_name: 'Jordan',
        family_name: 'Hotelwatch',
        date_of_birth: '2011-06-09',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const submit = async (page: Page, button: string) => {
    await press(page, button)
    await assertAccessible(page)
  }
  const fillDate = async (page: Page, name: string, date: Date) => {
    await page.locator(`#${name}-day`).fill(String(date.getUTCDate()))
    await page.locator(`#${name}-month`).fill(String(date.getUTCMonth() + 1))
    await page.locator(`#${name}-year`).fill(String(date.getUTCFullYear()))
  }

  it('records a disruption tactic, an NRM referral and its reasonable grounds decision', async () => {
    const page = await people.as(coordinator)
    await page.goto(`${server.baseUrl}/children/${childId}`)
    await follow(page, /Disruption tactics and National Referral Mechanism/)
    await follow(page, 'Record a disruption tactic')
    await submit(page, 'Record the tactic')
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select the disruption tactic used/)
    await page.getByLabel('Sexual risk order').check()
    await fillDate(page, 'usedOn', today)
    await page.locator('#usedByAgencyId').selectOption({ label: 'Leicestershire Police' })
    await page.locator('#usedByName').fill('DS Example, child exploitation team')
    await submit(page, 'Record the tactic')
    assert.match(await page.locator('main').innerText(), /Sexual risk order/)
    await page.locator('#outcome').fill('Order granted at the magistrates’ court for two years')
    await submit(page, 'Record the outcome')
    assert.match(await page.locator('#outcome').innerText(), /Order granted/)

    await follow(page, /All disruption tactics and NRM referrals/)
    await follow(page, /Record a National Referral Mechanism/)
    assert.doesNotMatch(await page.locator('form').innerText(), /consent/i)
    await page.locator('#firstResponderAgencyId').selectOption({ label: 'Leicestershire Police' })
    await fillDate(page, 'referredOn', today)
    await submit(page, 'Record the referral')
    assert.match(await page.locator('main').innerText(), /working days? left|Due today/)
    await page.getByLabel('Positive: there are grounds').check()
    await fillDate(page, 'decidedOn', today)
    await submit(page, 'Record the reasonable grounds decision')
    assert.match(await page.locator('#reasonable-grounds').innerText(), /Positive/)
    assert.match(await page.locator('#conclusive-grounds').innerText(), /Not before/)

    await page.getByRole('link', { name: 'MACE', exact: true }).click()
    await page.waitForLoadState('load')
    await follow(page, 'NRM decisions awaited')
    assert.match(
      await page.locator('#nrm-due').innerText(),
      /Jordan Hotelwatch\s+.*\s+Conclusive grounds decision/,
    )

    await page.goto(`${server.baseUrl}/`)
    await assertAccessible(page)
    assert.match(await page.locator('main').innerText(), /NRM decisions awaited[\s\S]*Jordan Hotelwatch/)
  })
})
