import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout } from 'node:timers/promises'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, follow, launchBrowser, press } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// Leicester's front door records that a child was placed in Leicestershire, with the exploitation
// risk assessment (the form refuses it half filled, keeping what was typed); Leicestershire's MACE
// coordinator finds it to acknowledge and acknowledges it. Then the child's family relocates to
// Nottinghamshire, outside the partnership: its point of contact opens the emailed link without an
// account and acknowledges. Accessible throughout.
describe('children who move across borders in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let placer: Person
  let host: Person
  let childId: string

  before(async () => {
    server = await startTestServer()
    placer = await addPerson(server.database, 'leicester-city-council', 'front-door-screener', 'leicester')
    host = await addPerson(
      server.database,
      'leicestershire-county-council',
      'mace-coordinator',
      'leicestershire',
    )
    const child = await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'MOVE-BROWSER-1',
        given_name: 'Riley',
        family_name: 'Crossland',
        date_of_birth: '2011-02-03',
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

  const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText()
  const recordMove = async (page: Page, to: string, who: RegExp, risk: string) => {
    await page.goto(`${server.baseUrl}/children/${childId}`)
    await follow(page, 'Record a move to another local authority')
    await page.getByLabel(who).check()
    await page.locator('#hostDfeCode').selectOption({ label: to })
    await page.locator('#movedOn-day').fill('1')
    await page.locator('#movedOn-month').fill('12')
    await page.locator('#movedOn-year').fill('2026')
    await page.locator('#reason').fill('Away from the adults exploiting her')
    await page.getByLabel('High').check()
    await page.locator('#riskSummary').fill(risk)
    await press(page, 'Record the move')
    assert.match(await banner(page), /Move recorded/)
    await assertAccessible(page)
  }

  it('the placing LA records a move; the host LA acknowledges it, inside the partnership and outside', async () => {
    const page = await people.as(placer)
    await page.goto(`${server.baseUrl}/children/${childId}`)
    await follow(page, 'Record a move to another local authority')
    await page.locator('#reason').fill('Placed with foster carers')
    await press(page, 'Record the move')
    assert.match(await page.title(), /^Error:/)
    const summary = await page.locator('.govuk-error-summary').innerText()
    assert.match(summary, /Select the local authority the child moved to/)
    assert.match(summary, /Enter a summary of the exploitation risk assessment/)
    assert.equal(await page.locator('#reason').inputValue(), 'Placed with foster carers')
    await assertAccessible(page)

    await recordMove(
      page,
      'Leicestershire',
      /The child was placed/,
      'Targeted by a county line at the bus station',
    )
    assert.match(await page.locator('main').innerText(), /Moved from Leicester to Leicestershire/)

    const hostPage = await people.as(host)
    await hostPage.goto(`${server.baseUrl}/`)
    await follow(hostPage, 'Moves across borders')
    assert.match(await hostPage.locator('#to-acknowledge').innerText(), /Riley Crossland/)
    await follow(hostPage, 'Riley Crossland')
    assert.match(await hostPage.locator('main').innerText(), /Targeted by a county line at the bus station/)
    await hostPage.locator('#note').fill('Allocated to our exploitation team')
    await press(hostPage, 'Acknowledge the move')
    assert.match(await banner(hostPage), /Move acknowledged/)
    assert.match(await hostPage.locator('#acknowledged').innerText(), /Acknowledged by/)
    await assertAccessible(hostPage)

    const back = await people.as(placer)
    await recordMove(
      back,
      'Nottinghamshire',
      /The child’s family relocated/,
      'Older peers from the estate still in contact',
    )
    // The contact is told after the move is kept, by the notification job (every 15 seconds).
    let link: string | undefined
    for (let tries = 0; tries < 60 && !link; tries += 1) {
      const sent = await server.database.db
        .selectFrom('notification_outbox')
        .select('personalisation')
        .where('recipient', '=', 'exploitation@nottinghamshire.example')
        .executeTakeFirst()
      link = (sent?.personalisation as unknown as Record<string, string> | undefined)?.link
      if (!link) await setTimeout(500)
    }
    assert.ok(link?.startsWith('/moves/shared/'), 'an expiring link was emailed')
    await back.context().clearCookies()
    await back.goto(`${server.baseUrl}${link}`)
    await assertAccessible(back)
    assert.match(await back.locator('main').innerText(), /Moved from Leicester to Nottinghamshire/)
    assert.match(await back.locator('main').innerText(), /Older peers from the estate still in contact/)
    await press(back, 'Acknowledge the move')
    assert.match(await banner(back), /Move acknowledged/)
    await assertAccessible(back)
  })
})
