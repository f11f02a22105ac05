import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { meetingsFor } from '../support/meetings.ts'
import { addPerson, People, type Person, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const REASON = 'Child presented at Rutland A&E tonight, checking for a plan'

/** Submits the break-glass form; the page answers 403 until the reason is good enough (after any redirect). */
async function giveReason(page: Page, reason: string): Promise<number> {
  await page.locator('#reason').fill(reason)
  const answered = page.waitForResponse(
    (response) => response.request().isNavigationRequest() && response.status() !== 303,
  )
  await page.getByRole('button', { name: 'Open the record' }).click()
  const status = (await answered).status()
  await page.waitForLoadState('load')
  await assertAccessible(page)
  return status
}

describe('break-glass in Chromium: a record outside one’s area, opened with a reason', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let screener: Person
  let administrator: Person
  let childUrl: string
  let meetings: Awaited<ReturnType<typeof meetingsFor>>

  before(async () => {
    server = await startTestServer()
    const child = await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'BG-1',
        given_name: 'Ava',
        family_name: 'Glass',
        sex: 'F',
        date_of_birth: '2019-11-03',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childUrl = `${server.baseUrl}/children/${child.id}`
    meetings = await meetingsFor(server.database.db, child.id)
    screener = await addPerson(server.database, 'rutland-county-council', 'front-door-screener', 'rutland')
    administrator = await addPerson(server.database, 'rutland-county-council', 'agency-admin', null)
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a Rutland screener is refused a Leicester child, gives a reason and sees the record', async () => {
    const page = await people.as(screener)
    const refused = await page.goto(childUrl)
    assert.equal(refused?.status(), 403)
    await assertAccessible(page)
    assert.equal(await page.locator('h1').innerText(), 'You do not have access to this child’s record')
    assert.doesNotMatch(await page.locator('main').innerText(), /Ava|Glass/)

    assert.equal(await giveReason(page, 'urgent'), 403)
    assert.match(await page.title(), /^Error:/)
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /Reason must be 10 characters or more/,
    )
    assert.equal(await page.locator('#reason').inputValue(), 'urgent', 'keeps what was typed')
    assert.doesNotMatch(await page.locator('main').innerText(), /Ava|Glass/)

    assert.equal(await giveReason(page, REASON), 200)
    const main = await page.locator('main').innerText()
    assert.match(await page.locator('h1').innerText(), /Ava Glass/)
    assert.match(main, /You opened this record by break-glass/)
    assert.match(main, /3 November 2019/)
  })

  it('the chronology opens from the record without asking again', async () => {
    const page = await people.as(screener)
    await page
      .getByRole('link', { name: /chronology/i })
      .first()
      .click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Multi-agency chronology')
    await assertAccessible(page)
  })

  it('the same reason opens who is involved and the child’s meetings, without asking again', async () => {
    const page = await people.as(screener)
    for (const path of [
      `${childUrl}/involvements`,
      `${server.baseUrl}${meetings.strategyDiscussion}`,
      `${server.baseUrl}${meetings.section47}`,
      `${server.baseUrl}${meetings.conference}`,
    ]) {
      const opened = await page.goto(path)
      assert.equal(opened?.status(), 200, path)
      await assertAccessible(page)
    }
  })

  for (const [name, path] of [
    ['chronology', (child: string) => `${child}/chronology`],
    ['involvements', (child: string) => `${child}/involvements`],
    ['strategy discussion', () => `${server.baseUrl}${meetings.strategyDiscussion}`],
    ['section 47 enquiry', () => `${server.baseUrl}${meetings.section47}`],
    ['conference', () => `${server.baseUrl}${meetings.conference}`],
  ] as const)
    it(`the ${name} page offers break-glass itself and opens once a reason is given`, async () => {
      // Each page on its own: the opening from before has lapsed.
      await server.database.db.deleteFrom('break_glass_opening').execute()
      const page = await people.as(screener)
      const url = path(childUrl)
      const refused = await page.goto(url)
      assert.equal(refused?.status(), 403)
      await assertAccessible(page)
      assert.doesNotMatch(await page.locator('main').innerText(), /Ava|Glass/)
      assert.equal(await giveReason(page, REASON), 200)
      assert.equal(new URL(page.url()).pathname, new URL(url).pathname, 'back on the page asked for')
      assert.doesNotMatch(await page.locator('h1').innerText(), /do not have access/)
    })

  it('a page that cannot offer break-glass says whose front door to ask', async () => {
    const school = await addPerson(server.database, 'leicester-schools', 'safeguarding-manager', 'leicester')
    await server.database.db
      .insertInto('child_involvement')
      .values({
        child_id: new URL(childUrl).pathname.split('/')[2] as string,
        agency_id: 'leicester-schools',
        kind: 'roll',
        reason: 'school',
        lawful_basis: 'Children Act 2004 s11',
      })
      .execute()
    const page = await people.as(school)
    const refused = await page.goto(`${server.baseUrl}${meetings.conference}`)
    assert.equal(refused?.status(), 403)
    await assertAccessible(page)
    assert.equal(await page.locator('h1').innerText(), 'You do not have access to this meeting’s record')
    assert.match(await page.locator('main').innerText(), /Leicester Duty and Advice Service/)
    assert.equal(await page.locator('#reason').count(), 0)
  })

  it('the Rutland agency administrator sees the entry in the break-glass report', async () => {
    const page = await people.as(administrator)
    await visit(page, `${server.baseUrl}/admin/break-glass`)
    const rows = page.locator('tbody tr')
    // Each read the reason opened is on the audit with it.
    const opened = await rows
      .filter({ hasText: 'Opened a child’s record' })
      .filter({ hasText: REASON })
      .first()
      .innerText()
    assert.match(opened, /Allowed/)
    const tooShort = await rows
      .filter({ hasText: 'Opened a child’s record' })
      .filter({ hasText: 'urgent' })
      .innerText()
    assert.match(tooShort, /Refused/)
  })
})
