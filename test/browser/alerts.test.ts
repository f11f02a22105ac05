import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { recordInvolvements } from '../../src/children/index.ts'
import { recordEvent } from '../../src/platform/events/event.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { insertChild } from '../support/child-protection.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// A police officer whose agency is involved with a child reads what social care recorded about the
// child, marks it seen and chooses email: accessible at each step (axe runs with JavaScript on), and
// the same walk works with JavaScript off.
describe('alerts in Chromium', () => {
  let server: TestServer
  const browsers: Browser[] = []

  before(async () => {
    server = await startTestServer()
    browsers.push(await launchBrowser(), await launchBrowser({ javaScriptEnabled: false }))
  })
  after(async () => {
    for (const browser of browsers) await browser.close()
    await server?.close()
  })

  async function officerWithAnAlert(): Promise<Person> {
    const officer = await addPerson(
      server.database,
      'leicestershire-police',
      'police-public-protection',
      'leicester',
    )
    const childId = await insertChild(server.database, `ALERT-${officer.email}`)
    await server.database.db.transaction().execute(async (trx) => {
      await recordInvolvements(trx, [
        { childId, agencyId: 'leicestershire-police', kind: 'meeting', reason: 'invited to meeting' },
      ])
      await recordEvent(trx, {
        type: 'cp-plan.started',
        childId,
        laId: 'leicester',
        agencyId: 'leicester-city-council',
        actorId: 'a-social-worker',
        summary: 'Child protection plan started: neglect',
      })
    })
    return officer
  }

  /** Signed in with JavaScript on (sign-in runs axe), then in the browser with JavaScript as asked. */
  async function signedIn(javaScript: 'on' | 'off'): Promise<Page> {
    const [withScripts, withoutScripts] = browsers as [Browser, Browser]
    const page = await new People(await withScripts.context.newPage(), server.baseUrl).as(
      await officerWithAnAlert(),
    )
    if (javaScript === 'on') return page
    await withoutScripts.context.addCookies(await withScripts.context.cookies())
    const bare = await withoutScripts.context.newPage()
    await bare.goto(server.baseUrl)
    return bare
  }

  for (const javaScript of ['on', 'off'] as const)
    it(`shows the alert, marks it seen and saves the email choice, JavaScript ${javaScript}`, async () => {
      const check = javaScript === 'on' ? assertAccessible : async () => {}
      const page = await signedIn(javaScript)
      page.setDefaultTimeout(20_000)
      await page.getByRole('link', { name: 'Alerts', exact: true }).click()
      await page.waitForLoadState('load')
      const table = await page.locator('table').innerText()
      assert.match(table, /Ava Test/)
      assert.match(table, /Child protection plan started/)
      assert.match(table, /New/)
      assert.equal(await page.getByLabel('No').isChecked(), true, 'no email until chosen')
      await check(page)

      await page.getByRole('button', { name: 'Mark all as seen' }).click()
      await page.waitForLoadState('load')
      assert.doesNotMatch(await page.locator('table').innerText(), /New/)

      await page.getByLabel('Yes').check()
      await page.getByRole('button', { name: 'Save email choice' }).click()
      await page.waitForLoadState('load')
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your email choice is saved/)
      assert.equal(await page.getByLabel('Yes').isChecked(), true)
      await check(page)
    })
})
