import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { nhsCheckDigit } from '../../src/children/index.ts'
import { assertAccessible, type Browser, follow, launchBrowser, press } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { insertCpPlan } from '../support/plans.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The independent scrutineer opens their workspace: the partnership's figures, no child named. The
// local authority's safeguarding manager (one of the partnership's leads) grants the scrutineer a
// child's record for a stated purpose, refused first with the fields named; the scrutineer reads it
// through the grant; the lead revokes it and the record is refused (404, no oracle); a second grant
// reaches its end date and is refused too. Accessible throughout, errors included.
describe('independent scrutiny in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let scrutineer: Person
  let lead: Person
  const nhsNumber = `943476591${nhsCheckDigit('943476591')}`

  before(async () => {
    server = await startTestServer()
    const db = server.database.db
    const child = await db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'scrutiny-1',
        given_name: 'Morgan',
        family_name: 'Scrutinised',
        sex: 'F',
        date_of_birth: '2015-03-04',
        nhs_number: nhsNumber,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await insertCpPlan(db, {
      child_id: child.id,
      la_id: 'leicester',
      category: 'NEG',
      start_date: '2026-09-01',
    })
    scrutineer = await addPerson(server.database, 'llr-probation', 'independent-scrutineer', null)
    lead = await addPerson(server.database, 'leicester-city-council', 'safeguarding-manager', 'leicester')
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const main = (page: Page) => page.locator('main').innerText()
  const errors = (page: Page) => page.locator('.govuk-error-summary').innerText()
  const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText()
  const fillDate = async (page: Page, name: string, date: Date) => {
    await page.locator(`#${name}-day`).fill(String(date.getUTCDate()))
    await page.locator(`#${name}-month`).fill(String(date.getUTCMonth() + 1))
    await page.locator(`#${name}-year`).fill(String(date.getUTCFullYear()))
  }
  const grantAccess = async (purpose: string) => {
    const page = await people.as(lead)
    await page.goto(`${server.baseUrl}/`)
    await follow(page, 'Scrutiny grants')
    await follow(page, 'Grant access to a child’s record')
    await page.getByLabel(/independent-scrutineer of llr-probation/).check()
    await page.locator('#nhsNumber').fill(nhsNumber)
    await page.locator('#purpose').fill(purpose)
    await fillDate(page, 'endsOn', new Date(Date.now() + 7 * 86_400_000))
    await press(page, 'Grant access')
    assert.match(await banner(page), /Access granted/)
    await assertAccessible(page)
    return page
  }
  /** The scrutineer opens the record of their current grant; its address, for trying it again later. */
  const openRecord = async () => {
    const page = await people.as(scrutineer)
    await page.goto(`${server.baseUrl}/scrutiny/grants`)
    await assertAccessible(page)
    await follow(page, /Open the child’s record/)
    assert.match(await main(page), /Morgan Scrutinised/)
    assert.match(
      await main(page),
      /Opened for independent scrutiny through a grant by the partnership’s leads/,
    )
    assert.match(await main(page), /Neglect/)
    return page.url()
  }
  const refused = async (url: string) => {
    const page = await people.as(scrutineer)
    const response = await page.goto(url)
    assert.equal(response?.status(), 404)
    assert.doesNotMatch(await main(page), /Morgan|Scrutinised/)
    await assertAccessible(page)
  }

  it('the workspace, a lead’s grant, the read through it, revocation and the end date', async () => {
    // The scrutineer's workspace: the partnership's figures, and no child named.
    let page = await people.as(scrutineer)
    await page.goto(`${server.baseUrl}/`)
    await follow(page, 'Independent scrutiny')
    const workspace = await main(page)
    for (const section of [
      /Performance against the partnership’s standards/,
      /Multi-agency case audits: what they found/,
      /Serious incidents and reviews/,
      /Section 11 and Section 175\/157 self-assessment/,
      /Professional disagreements, by the stage each reached/,
      /What children, families and practitioners told us/,
      /The yearly report/,
    ])
      assert.match(workspace, section)
    assert.doesNotMatch(workspace, /Morgan|Scrutinised/)
    await follow(page, 'Your grants to children’s records')
    assert.match(await main(page), /No grants yet/)

    // The lead's grant: refused with the fields named, then given.
    page = await people.as(lead)
    await page.goto(`${server.baseUrl}/`)
    await follow(page, 'Scrutiny grants')
    await follow(page, 'Grant access to a child’s record')
    await page.locator('#nhsNumber').fill('123')
    await fillDate(page, 'endsOn', new Date(Date.now() + 60 * 86_400_000))
    await press(page, 'Grant access')
    assert.match(await page.title(), /^Error:/)
    const summary = await errors(page)
    for (const text of [
      /Select the independent scrutineer/,
      /Enter the purpose/,
      /An NHS number must be 10 digits/,
      /at most 28 days/,
    ])
      assert.match(summary, text)
    assert.equal(await page.locator('#nhsNumber').inputValue(), '123', 'what was typed is kept')
    await assertAccessible(page)
    await grantAccess('Scrutiny of the neglect audit’s findings for this child')

    // The scrutineer reads the child's record through the grant.
    const url = await openRecord()

    // The lead revokes it: the record is refused.
    page = await people.as(lead)
    await page.goto(`${server.baseUrl}/scrutiny/grants`)
    await follow(page, /Revoke this grant/)
    await press(page, 'Revoke access')
    assert.match(await errors(page), /Enter why the grant ends early/)
    await assertAccessible(page)
    await page.locator('#reason').fill('The scrutiny is finished')
    await press(page, 'Revoke access')
    assert.match(await banner(page), /Access revoked/)
    assert.match(await main(page), /Revoked/)
    await assertAccessible(page)
    await refused(url)

    // A second grant reaches its end date: refused too, and listed as ended.
    await grantAccess('A second look, for the practice review')
    const second = await openRecord()
    const id = second.split('/').at(-1) as string
    await server.database.db
      .updateTable('scrutiny_grant')
      .set({ granted_at: new Date(Date.now() - 30 * 86_400_000), expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', id)
      .execute()
    await refused(second)
    page = await people.as(scrutineer)
    await page.goto(`${server.baseUrl}/scrutiny/grants`)
    await assertAccessible(page)
    const list = await main(page)
    assert.doesNotMatch(list, /Morgan|Scrutinised/, 'past grants name no child')
    assert.doesNotMatch(list, /Open the child’s record/)
  })
})
