import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { SECTION_175_STANDARDS } from '../../src/self-assessment/rules.ts'
import { assertAccessible, type Browser, follow, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The partnership's administrator opens this year's round; a school's safeguarding manager completes
// the school's Section 175 return, standard by standard, and submits it; the administrator reads the
// partnership's view of the ratings and challenges one standard; the school answers the challenge and
// the answer is on the return. Accessible throughout.
describe('a school’s Section 175 self-assessment in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let admin: Person
  let school: Person
  const DAY = 86_400_000
  const due = new Date(Date.now() + 40 * DAY)
  const year = new Date().getUTCFullYear()

  before(async () => {
    server = await startTestServer()
    admin = await addPerson(server.database, 'leicester-city-council', 'partnership-admin', null)
    school = await addPerson(server.database, 'leicester-schools', 'safeguarding-manager', null)
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const submit = async (page: Page, button: string | RegExp) => {
    await page.getByRole('button', { name: button }).first().click()
    await page.waitForLoadState('load')
  }
  const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText()
  const main = (page: Page) => page.locator('main').innerText()

  it('a school completes its return and the partnership challenges it', async () => {
    // The round
    const page = await people.as(admin)
    await follow(page, 'Self-assessment')
    await submit(page, 'Open a round')
    await assertAccessible(page)
    await page.locator('#year').fill(String(year))
    await submit(page, 'Open the round')
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the date returns are due/)
    assert.equal(await page.locator('#year').inputValue(), String(year))
    await assertAccessible(page)
    await page.locator('#dueOn-day').fill(String(due.getUTCDate()))
    await page.locator('#dueOn-month').fill(String(due.getUTCMonth() + 1))
    await page.locator('#dueOn-year').fill(String(due.getUTCFullYear()))
    await submit(page, 'Open the round')
    assert.match(await banner(page), /The round is open/)
    assert.match(await main(page), /Leicester schools/)
    await assertAccessible(page)

    // The school's return
    const own = await people.as(school)
    await follow(own, 'Self-assessment')
    assert.match(await main(own), /Not started/)
    await submit(own, `Start the ${year} return`)
    await assertAccessible(own)
    assert.match(await main(own), /Section 175\/157/)
    const [first, ...rest] = SECTION_175_STANDARDS
    assert.ok(first)
    await follow(own, `Rate ${first.title}`)
    await submit(own, 'Save the rating')
    assert.match(
      await own.locator('.govuk-error-summary').innerText(),
      /Select how well you meet the standard/,
    )
    await assertAccessible(own)
    await own.getByLabel('2: Partly met').check()
    await own
      .locator('#evidence')
      .fill('Governors review safeguarding each term; no named governor since July.')
    await own.locator('#actions').fill('Appoint a named safeguarding governor')
    await submit(own, 'Save the rating')
    assert.match(await banner(own), /Your rating is saved/)
    await assertAccessible(own)

    await submit(own, 'Submit the return')
    assert.match(await own.locator('.govuk-error-summary').innerText(), /Rate the standard “Designated/)
    await assertAccessible(own)
    for (const standard of rest) {
      await follow(own, `Rate ${standard.title}`)
      await own.getByLabel('3: Met').check()
      await own.locator('#evidence').fill(`Evidence of ${standard.title.toLowerCase()}`)
      await submit(own, 'Save the rating')
    }
    await submit(own, 'Submit the return')
    assert.match(await banner(own), /Your return is submitted/)
    assert.doesNotMatch(await main(own), /Submit the return/)
    await assertAccessible(own)

    // The partnership's view and its challenge
    const partnership = await people.as(admin)
    await follow(partnership, 'Self-assessment')
    await follow(partnership, `${year} round`)
    assert.match(await main(partnership), /Partly met/)
    await follow(partnership, /^Submitted/)
    await follow(partnership, `Challenge ${first.title}`)
    await submit(partnership, 'Record the challenge')
    assert.match(await partnership.locator('.govuk-error-summary').innerText(), /Enter the challenge/)
    await assertAccessible(partnership)
    await partnership
      .locator('#challenge')
      .fill('When will the named governor be appointed, and who covers until then?')
    await submit(partnership, 'Record the challenge')
    assert.match(await banner(partnership), /Your challenge is recorded/)
    assert.match(await main(partnership), /Awaiting the agency’s response/)
    await assertAccessible(partnership)
    const told = await server.database.db
      .selectFrom('notification_outbox')
      .select('recipient')
      .where('template_id', '=', 'self-assessment-challenged')
      .execute()
    assert.deepEqual(
      told.map((e) => e.recipient),
      [school.email],
    )

    // The school's answer
    const answering = await people.as(school)
    await follow(answering, 'Self-assessment')
    await follow(answering, /^View/)
    await follow(answering, `Respond to the challenge on ${first.title}`)
    await answering
      .locator('#response')
      .fill('The chair of governors takes the role from the next meeting on 1 March.')
    await submit(answering, 'Send the response')
    assert.match(await banner(answering), /Your response is recorded/)
    assert.match(await main(answering), /The chair of governors takes the role/)
    await assertAccessible(answering)

    const reading = await people.as(admin)
    await follow(reading, 'Self-assessment')
    await follow(reading, `${year} round`)
    await follow(reading, 'Leicester schools')
    assert.match(await main(reading), /Partly met/)
    assert.match(await main(reading), /ratings year on year/)
  })
})
