import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { toIsoDate } from '../../src/platform/calendar/working-days.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const POLICE = 'leicestershire-police'
const LA = 'leicester-city-council'
const HOUR = 3_600_000

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** Fills a GOV.UK date input and the time beside it with the London date and time some hours ago. */
async function fillMoment(page: Page, dateName: string, timeName: string, hoursAgo: number) {
  const at = new Date(Date.now() - hoursAgo * HOUR)
  const [year, month, day] = toIsoDate(at).split('-')
  await page.locator(`#${dateName}-day`).fill(String(Number(day)))
  await page.locator(`#${dateName}-month`).fill(String(Number(month)))
  await page.locator(`#${dateName}-year`).fill(year as string)
  await page.locator(`#${timeName}`).fill(londonClock.format(at))
}

// The police record a child's missing episode and return from the child's record; the LA picks the
// return home interview up from its queue and records it: accessible at each step, the error summary
// keeping what was typed, and the child's record flagging the episodes.
describe('a missing episode and its return home interview in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let officer: Person
  let worker: Person
  let childId: string

  before(async () => {
    server = await startTestServer()
    officer = await addPerson(server.database, POLICE, 'police-public-protection', null)
    worker = await addPerson(server.database, LA, 'mat-practitioner', 'leicester')
    const db = server.database.db
    const child = await db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'MIS-B1',
        given_name: 'Skye',
        family_name: 'Runaway',
        date_of_birth: '2010-02-11',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
    await db
      .insertInto('child_involvement')
      .values({ child_id: childId, agency_id: POLICE, kind: 'added-by-la', reason: 'police', user_id: null })
      .execute()
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('lets the police record the episode and the return', async () => {
    const page = await people.as(officer)
    await page.goto(`${server.baseUrl}/children/${childId}`)
    await page.getByRole('link', { name: 'Missing episodes' }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Missing episodes')
    assert.match(await page.locator('main').innerText(), /No missing episodes recorded/)
    await assertAccessible(page)

    await page.getByRole('button', { name: 'Record a missing episode' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await fillMoment(page, 'wentMissingOn', 'wentMissingTime', 30)
    await page.getByRole('button', { name: 'Record the missing episode' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.title(), /^Error:/)
    const summary = await page.locator('.govuk-error-summary').innerText()
    assert.match(summary, /Enter the date it was reported/)
    assert.match(summary, /Select the risk grading/)
    assert.notEqual(await page.locator('#wentMissingTime').inputValue(), '', 'keeps what was typed')
    await assertAccessible(page)

    await fillMoment(page, 'reportedOn', 'reportedTime', 29)
    await page.getByLabel('High risk').check()
    await fillMoment(page, 'returnedOn', 'returnedTime', 6)
    await page.locator('#whereFound').fill('Train station, with two older men')
    await page.getByRole('button', { name: 'Record the missing episode' }).click()
    await page.waitForLoadState('load')
    const main = await page.locator('main').innerText()
    assert.match(main, /Missing once in the last 90 days, once in the last 12 months/)
    assert.match(main, /Train station, with two older men/)
    assert.match(main, /Due in (65|66) hours/)
    assert.match(main, /High risk/)
    await assertAccessible(page)
  })

  it('lets the LA record the return home interview from its queue, and flags the record', async () => {
    const page = await people.as(worker)
    await page.getByRole('link', { name: 'Return interviews' }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Return home interviews due')
    assert.match(await page.locator('#interviews-due').innerText(), /Skye Runaway/)
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Skye Runaway' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await fillMoment(page, 'offeredOn', 'offeredTime', 2)
    await page.getByLabel('Done: the child talked to us').check()
    await page.getByRole('button', { name: 'Record the interview' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter what the child said/)
    assert.ok(await page.getByLabel('Done: the child talked to us').isChecked(), 'keeps what was chosen')
    await assertAccessible(page)

    await page.locator('#childSaid').fill('Went to meet friends from the estate; wants to change school')
    await page.getByRole('button', { name: 'Record the interview' }).click()
    await page.waitForLoadState('load')
    const main = await page.locator('main').innerText()
    assert.match(main, /Went to meet friends from the estate/)
    assert.match(main, /Offered within 72 hours/)
    await assertAccessible(page)

    await page.goto(`${server.baseUrl}/missing/return-interviews`)
    assert.match(await page.locator('main').innerText(), /No return home interviews are due/)
    await page.goto(`${server.baseUrl}/children/${childId}`)
    const flags = await page.locator('[data-testid="flags"]').innerText()
    assert.match(flags, /Missing episodes/)
    assert.match(flags, /Missing once in the last 90 days/)
    assert.match(await page.locator('[data-testid="chronology"]').innerText(), /Return home interview held/)
    await assertAccessible(page)
  })
})
