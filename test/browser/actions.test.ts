import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { decidedDiscussion, insertChild } from '../support/child-protection.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// A police officer finds the action a strategy discussion gave the police and closes it with
// evidence: accessible at each step, with the error summary when the evidence is missing.
describe('closing an action in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let officer: Person

  before(async () => {
    server = await startTestServer()
    officer = await addPerson(server.database, 'leicestershire-police', 'police-public-protection', null)
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    const ctx = { db: server.database.db, partnership, now: () => new Date() }
    await decidedDiscussion(ctx, await insertChild(server.database, 'ACT-BROWSER'), {
      date: '2027-12-16',
      decision: 's47-joint',
      actions: [
        {
          description: 'Check the household on police systems',
          ownerAgencyId: 'leicestershire-police',
          ownerName: 'PC Jones',
          dueBy: '2027-12-20',
        },
      ],
    })
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('reaches the actions from the navigation, shows the problem, and closes the action', async () => {
    const page = await people.as(officer)
    await page.getByRole('link', { name: 'Actions', exact: true }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Your agency’s actions')
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Check the household on police systems' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Mark as done' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.title(), /^Error:/)
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /Enter what was done to complete the action/,
    )
    await assertAccessible(page)

    await page.locator('#evidence').fill('Checks done on 17 December; nothing further known')
    await page.getByRole('button', { name: 'Mark as done' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Action marked as done/)
    assert.match(await page.locator('main').innerText(), /Done/)
    await assertAccessible(page)
  })
})
