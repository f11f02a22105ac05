import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const LA = 'leicester-city-council'
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)

// The LA's front door refers a child to MACE from the child's record; MACE's coordinator finds the
// child on the MACE list, schedules a meeting, finds the child on its agenda, records the discussion
// at it with an action, then the attendance and minutes: accessible at each step.
describe('a MACE referral and discussion in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let screener: Person
  let coordinator: Person
  let childId: string

  before(async () => {
    server = await startTestServer()
    screener = await addPerson(server.database, LA, 'front-door-screener', 'leicester')
    coordinator = await addPerson(server.database, LA, 'mace-coordinator', 'leicester')
    const child = await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'MACE-B1',
        given_name: 'Remi',
        family_name: 'Countyline',
        date_of_birth: '2010-04-03',
        sex: 'M',
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

  it('refers the child, lists them for MACE, and records the discussion with an action', async () => {
    let page = await people.as(screener)
    await page.goto(`${server.baseUrl}/children/${childId}`)
    await page.getByRole('link', { name: /Refer to the multi-agency child exploitation/ }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await page.locator('#reason').fill('Found 40 miles from home with cash and two phones')
    await page.getByRole('button', { name: 'Refer to MACE' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('[data-testid="chronology"]').innerText(), /Referred to the multi-agency/)

    page = await people.as(coordinator)
    await page.getByRole('link', { name: 'MACE' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('#mace-list').innerText(), /Remi Countyline/)
    await assertAccessible(page)
    await page.getByRole('link', { name: 'MACE meetings' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Schedule a meeting' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    const [year, month, day] = yesterday.split('-')
    await page.locator('#date-day').fill(String(Number(day)))
    await page.locator('#date-month').fill(String(Number(month)))
    await page.locator('#date-year').fill(String(year))
    await page.locator('#time').fill('9am')
    await page.getByLabel('In person').check()
    await page.locator('#venue').fill('City Hall, Room 4')
    await page.getByRole('button', { name: 'Schedule the meeting' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the start time as hh:mm/)
    assert.equal(await page.locator('#venue').inputValue(), 'City Hall, Room 4')
    await assertAccessible(page)
    await page.locator('#time').fill('09:00')
    await page.getByRole('button', { name: 'Schedule the meeting' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('h1').innerText(), /MACE meeting on .* at 9:00am/)
    assert.match(await page.locator('#agenda').innerText(), /Remi Countyline/)
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Record the discussion of Remi Countyline' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await page.locator('#discussion').fill('Linked to a county line through the station')
    await page.getByRole('button', { name: 'Record the discussion' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select the risk level agreed/)
    assert.equal(
      await page.locator('#discussion').inputValue(),
      'Linked to a county line through the station',
    )
    assert.equal(await page.locator('input[name="meetingId"]:checked').count(), 1, 'the meeting stays chosen')
    await assertAccessible(page)

    await page.getByLabel('High').check()
    await page.locator('#actions-1-description').fill('Serve a child abduction warning notice')
    await page.locator('#actions-1-agency').selectOption('leicestershire-police')
    await page.locator('#actions-1-owner').fill('PC Jones')
    await page.locator('#actions-1-due-day').fill('17')
    await page.locator('#actions-1-due-month').fill('12')
    await page.locator('#actions-1-due-year').fill('2026')
    await page.getByRole('button', { name: 'Record the discussion' }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'MACE discussion')
    assert.match(
      await page.locator('#actions').innerText(),
      /Serve a child abduction warning notice: Leicestershire Police/,
    )
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Back to the meeting' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('#discussed').innerText(), /Remi Countyline/)
    await page.getByRole('link', { name: 'Record the attendance and minutes' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await page.getByRole('checkbox', { name: 'Leicestershire Police' }).check()
    await page.locator('#name-leicestershire-police').fill('DS Patel')
    await page.getByRole('checkbox', { name: 'Leicester City Council' }).check()
    await page.locator('#minutes').fill('Station hotspot reviewed; one child discussed')
    await page.getByRole('button', { name: 'Save the attendance and minutes' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('#attendance').innerText(), /Leicestershire Police \(DS Patel\)/)
    assert.match(await page.locator('#minutes').innerText(), /Station hotspot reviewed/)
    assert.match(await page.locator('#circulation').innerText(), /Leicestershire Police\s+.*\s+Not yet/)
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Acknowledge the minutes for Leicester City Council' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('#circulation').innerText(), /Leicester City Council\s+.*\s+By /)
    await assertAccessible(page)
  })

  it('flags a place for MACE, finds it on the next agenda, and holds a strategic meeting on themes', async () => {
    const page = await people.as(coordinator)
    await page.goto(`${server.baseUrl}/volt/locations/new`)
    await page.locator('#name').fill('Flagford bus station')
    await page.locator('#locationType').selectOption('transport-hub')
    await page.getByRole('button', { name: 'Add the place' }).click()
    await page.waitForLoadState('load')
    await page.getByRole('link', { name: 'Flag for a MACE meeting' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await page.getByLabel('Leicester', { exact: true }).check()
    await page.getByRole('button', { name: 'Flag for MACE' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter why MACE should discuss it/)
    await assertAccessible(page)
    await page.locator('#reason').fill('Older males meeting children off the last bus')
    await page.getByRole('button', { name: 'Flag for MACE' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('h1').innerText(), /Flagford bus station/)

    const schedule = async (date: string, kind: string) => {
      await page.goto(`${server.baseUrl}/mace/meetings/new`)
      const [year, month, day] = date.split('-')
      await page.locator('#date-day').fill(String(Number(day)))
      await page.locator('#date-month').fill(String(Number(month)))
      await page.locator('#date-year').fill(String(year))
      await page.locator('#time').fill('10:00')
      await page.getByLabel('Online').check()
      await page.locator('#venue').fill('Video call')
      await page.getByLabel(kind).check()
      await page.getByRole('button', { name: 'Schedule the meeting' }).click()
      await page.waitForLoadState('load')
    }
    await schedule(tomorrow, 'Operational: children, persons and places')
    assert.match(
      await page.locator('#agenda').innerText(),
      /Place flagged\s+Flagford bus station\s+Older males/,
    )
    await assertAccessible(page)

    await schedule(yesterday, 'Strategic: themes and trends')
    assert.match(await page.locator('h1').innerText(), /Strategic MACE meeting/)
    assert.match(
      await page.locator('#children-discussed').innerText(),
      /Children discussed at MACE: fewer than 5/,
    )
    assert.doesNotMatch(await page.locator('main').innerText(), /Remi Countyline/)
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Record the attendance and discussion' }).click()
    await page.waitForLoadState('load')
    await page.getByRole('checkbox', { name: 'Leicestershire Police' }).check()
    await page.locator('#minutes').fill('County lines through the bus station are rising')
    await page.locator('#actionsAgreed').fill('Police and transport to brief drivers by the new year')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Save the attendance and minutes' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('#actions-agreed').innerText(), /brief drivers/)
    assert.match(await page.locator('#circulation').innerText(), /Leicestershire Police/)
    await assertAccessible(page)
  })
})
