import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const SCHOOLS = 'leicester-schools'
const POLICE = 'leicestershire-police'

// A school's designated safeguarding lead asks the police about a pupil (form 87a) from the child's
// record; police public protection find it on their queue with the time left and answer; the school
// reads the answer among its requests: accessible at each step.
describe('a form 87a request to the police in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let school: Person
  let police: Person
  let childId: string

  before(async () => {
    server = await startTestServer()
    school = await addPerson(server.database, SCHOOLS, 'safeguarding-manager', 'leicester')
    police = await addPerson(server.database, POLICE, 'police-public-protection', 'leicester')
    const child = await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'F87A-B1',
        given_name: 'Sam',
        family_name: 'Enquirer',
        date_of_birth: '2013-05-06',
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
    await server.database.db
      .insertInto('child_involvement')
      .values({ child_id: childId, agency_id: SCHOOLS, kind: 'added-by-la', reason: 'pupil', user_id: null })
      .execute()
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a school asks, the police answer, the school reads the answer', async () => {
    let page = await people.as(school)
    await page.goto(`${server.baseUrl}/children/${childId}`)
    await page.getByRole('link', { name: 'Ask the police for information (form 87a)' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await page.locator('#request').fill('Any police contact with the family this year')
    await page.getByRole('button', { name: 'Send the request' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter why you need the information/)
    assert.equal(await page.locator('#request').inputValue(), 'Any police contact with the family this year')
    await assertAccessible(page)
    await page.locator('#reason').fill('Sam has said an older man waits for him after school')
    await page.getByLabel('Children Act 1989, section 47 (enquiries about significant harm)').check()
    await page.getByRole('button', { name: 'Send the request' }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Request to the police for information')
    assert.match(await page.locator('#answer').innerText(), /Not answered yet/)
    await assertAccessible(page)

    page = await people.as(police)
    await page.getByRole('link', { name: 'Police requests' }).click()
    await page.waitForLoadState('load')
    assert.match(
      await page.locator('#police-requests').innerText(),
      /Sam Enquirer[\s\S]*10 working days left/,
    )
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Sam Enquirer' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    await page.getByLabel('Information disclosed').check()
    await page.locator('#answer').fill('One report of a man loitering outside the school in October')
    await page.getByRole('button', { name: 'Send the answer' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('#answer').innerText(), /One report of a man loitering/)
    await assertAccessible(page)

    page = await people.as(school)
    await page.goto(`${server.baseUrl}/children/${childId}`)
    await page.getByRole('link', { name: 'your requests to the police' }).click()
    await page.waitForLoadState('load')
    assert.match(
      await page.locator('#my-police-requests').innerText(),
      /Sam Enquirer[\s\S]*Information disclosed/,
    )
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Sam Enquirer' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('#answer').innerText(), /One report of a man loitering/)
    await assertAccessible(page)
  })
})
