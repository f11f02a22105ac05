import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { meetingsFor } from '../support/meetings.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

describe('the child named on their record’s flags and on each step of their case, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let screener: Person
  let hospital: Person
  let childPath: string
  let meetings: Awaited<ReturnType<typeof meetingsFor>>

  before(async () => {
    server = await startTestServer()
    const child = await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'CN-1',
        given_name: 'Ava',
        family_name: 'Flagged',
        sex: 'F',
        date_of_birth: '2018-05-09',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childPath = `/children/${child.id}`
    meetings = await meetingsFor(server.database.db, child.id)
    screener = await addPerson(server.database, 'leicester-city-council', 'front-door-screener', 'leicester')
    hospital = await addPerson(server.database, 'llr-hospitals', 'mat-practitioner', 'leicester')
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('flags the conference to come, in words, and each step names the child and leads back', async () => {
    const page = await people.as(screener)
    await page.goto(`${server.baseUrl}${childPath}`)
    await assertAccessible(page)
    const flags = await page.getByTestId('flags').innerText()
    assert.match(flags, /Initial child protection conference/)
    assert.match(flags, /10 January 2028 at 10:00am/)
    assert.doesNotMatch(flags, /\d{4}-\d{2}-\d{2}/)

    await page.getByRole('link', { name: /10 January 2028 at 10:00am/ }).click()
    await page.waitForURL(`**${meetings.conference}`)
    await assertAccessible(page)
    assert.match(await page.locator('h1').innerText(), /Ava Flagged/)
    await page
      .getByTestId('case-trail')
      .getByRole('link', { name: /Strategy discussion/ })
      .click()
    await page.waitForURL(`**${meetings.strategyDiscussion}`)
    await assertAccessible(page)
    await page.getByTestId('case-trail').getByRole('link', { name: 'Ava Flagged' }).click()
    await page.waitForURL(`**${childPath}`)

    await page.goto(`${server.baseUrl}${meetings.section47}`)
    await assertAccessible(page)
    assert.match(await page.locator('h1').innerText(), /Section 47 enquiry: Ava Flagged/)
  })

  it('names the child to nobody refused them', async () => {
    const page = await people.as(hospital)
    for (const path of [meetings.section47, meetings.conference, meetings.strategyDiscussion]) {
      const answer = await page.goto(`${server.baseUrl}${path}`)
      assert.ok([403, 404].includes(answer?.status() ?? 0), path)
      await assertAccessible(page)
      assert.doesNotMatch(await page.locator('main').innerText(), /Ava|Flagged/, path)
    }
  })
})
