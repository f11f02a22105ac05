import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, follow, launchBrowser, press } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { insertCpPlan } from '../support/plans.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The partnership's reviews lead sets up a neglect audit and draws a sample of three children from
// masa's records (one from each LA); the health board and the police each open the child's record
// through their audit grant and audit their own part, neither seeing the other's; the lead records the
// moderation meeting and an action for the health board, which finds it on its list of actions; the
// case is re-audited and the change shown. Accessible throughout, errors included.
describe('a multi-agency case audit in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let lead: Person
  let health: Person
  let police: Person
  const today = new Date()
  const ago = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10)

  before(async () => {
    server = await startTestServer()
    const db = server.database.db
    for (const [n, laId] of [
      [1, 'leicester'],
      [2, 'leicestershire'],
      [3, 'rutland'],
    ] as const) {
      const child = await db
        .insertInto('child')
        .values({
          la_id: laId,
          la_child_id: `audit-${n}`,
          given_name: `Robin${'ABC'[n - 1]}`,
          family_name: 'Audited',
          sex: 'M',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await insertCpPlan(db, { child_id: child.id, la_id: laId, category: 'NEG', start_date: ago(20 * n) })
    }
    lead = await addPerson(server.database, 'leicester-city-council', 'review-lead', null)
    health = await addPerson(server.database, 'llr-icb', 'safeguarding-manager', null)
    police = await addPerson(server.database, 'leicestershire-police', 'safeguarding-manager', null)
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
  const openCase = async (person: Person) => {
    const page = await people.as(person)
    await page.goto(`${server.baseUrl}/`)
    await follow(page, 'Case audits')
    // The lead finds the case through the programme's sample; an agency on its own list.
    if (person === lead) await follow(page, /Neglect: winter audit/)
    await follow(page, 'RobinA Audited')
    return page
  }
  const auditPart = async (page: Page, grades: [string, string], summary: string) => {
    for (const [index, grade] of grades.entries())
      await page.locator(`input[name="grade-q${index + 1}"][value="${grade}"]`).check()
    await page.locator(`input[name="overallGrade"][value="${grades[1]}"]`).check()
    await page.locator('#comment-q1').fill(`${summary} (question 1)`)
    await page.locator('#summary').fill(summary)
    await press(page, 'Save your agency’s part')
    assert.match(await banner(page), /Your agency’s part was saved/)
    await assertAccessible(page)
  }

  it('from the sample to the agencies’ parts, moderation, actions and the re-audit', async () => {
    // The lead sets up the programme: refused with the fields named, then set up.
    let page = await people.as(lead)
    await follow(page, 'Case audits')
    await follow(page, 'Set up an audit programme')
    await page.locator('#questions').fill('')
    await press(page, 'Set up the programme')
    assert.match(await page.title(), /^Error:/)
    const summary = await errors(page)
    for (const text of [
      /Enter a title/,
      /Enter at least one theme/,
      /Enter at least one question/,
      /Select the agencies/,
    ])
      assert.match(summary, text)
    await assertAccessible(page)
    await page.locator('#title').fill('Neglect: winter audit')
    await page.locator('#themes').fill('Neglect\nThe voice of the child')
    await fillDate(page, 'startsOn', today)
    await fillDate(page, 'endsOn', new Date(today.getTime() + 60 * 86_400_000))
    await page.locator('#questions').fill('Was the child seen and heard?\nWas information shared promptly?')
    await page.getByLabel('Leicester, Leicestershire and Rutland Integrated Care Board').check()
    await page.getByLabel('Leicestershire Police').check()
    await press(page, 'Set up the programme')
    assert.match(await main(page), /Neglect: winter audit/)
    await assertAccessible(page)

    // The sample: refused without a category and seed, then drawn, one child from each LA.
    await page.locator('#seed').fill('')
    await press(page, 'Draw the sample')
    assert.match(await errors(page), /Select the category of plan/)
    assert.match(await errors(page), /Enter a seed/)
    await assertAccessible(page)
    await page.getByLabel('Neglect').check()
    await page.locator('#months').fill('6')
    await page.locator('#size').fill('3')
    await page.locator('#seed').fill('winter-2026')
    await press(page, 'Draw the sample')
    const sample = await main(page)
    assert.match(sample, /Up to 3 children whose child protection plan for neglect started in the 6 months/)
    assert.match(sample, /seed “winter-2026”/)
    for (const la of ['Leicester', 'Leicestershire', 'Rutland'])
      assert.match(sample, new RegExp(`\\b${la}\\b`))
    await assertAccessible(page)

    // The health board opens the record through its grant, then audits its part.
    page = await openCase(health)
    await follow(page, 'Open the child’s record for the audit')
    assert.match(await main(page), /Opened for the audit through your agency’s audit grant/)
    await follow(page, 'Back to the audit')
    await press(page, 'Save your agency’s part')
    assert.match(await errors(page), /Select a grade for question 1/)
    await assertAccessible(page)
    await auditPart(page, ['inadequate', 'requires-improvement'], 'Health: not seen alone at the last visits')

    // The police audit theirs, and do not see the health board's.
    page = await openCase(police)
    assert.doesNotMatch(await main(page), /Health: not seen alone/)
    await auditPart(page, ['good', 'good'], 'Police: shared promptly')

    // The lead reads both, records the moderation and an action for the health board.
    page = await openCase(lead)
    let file = await main(page)
    assert.match(file, /Health: not seen alone/)
    assert.match(file, /Police: shared promptly/)
    await press(page, 'Record the moderation')
    assert.match(await errors(page), /Enter the date of the meeting/)
    await assertAccessible(page)
    await fillDate(page, 'metOn', today)
    await page.locator('#attendees').fill('The reviews lead (chair), the health board, the police')
    await page.locator('input[name="agreedGrade"][value="requires-improvement"]').check()
    await page.locator('#findings').fill('The child was not seen alone by health.')
    await page.locator('#learning').fill('See the child alone at every visit.')
    await press(page, 'Record the moderation')
    assert.match(await banner(page), /Moderation recorded/)
    await assertAccessible(page)
    await page.locator('#description').fill('Brief health visitors on seeing the child alone')
    await page.locator('#ownerAgencyId').selectOption('llr-icb')
    await fillDate(page, 'dueBy', new Date(today.getTime() + 30 * 86_400_000))
    await press(page, 'Add the action')
    assert.match(await banner(page), /Action added/)
    assert.match(await main(page), /Brief health visitors on seeing the child alone/)
    await assertAccessible(page)

    // The health board finds the action on its list of actions.
    page = await people.as(health)
    await page.goto(`${server.baseUrl}/actions`)
    await assertAccessible(page)
    assert.match(await main(page), /Brief health visitors on seeing the child alone/)

    // The re-audit: the health board audits again, and the change is shown.
    page = await openCase(lead)
    await press(page, 'Start the re-audit')
    assert.match(await banner(page), /Re-audit started/)
    await assertAccessible(page)
    page = await openCase(health)
    await auditPart(page, ['good', 'good'], 'Health: seen alone at each visit now')
    page = await openCase(lead)
    file = await main(page)
    assert.match(file, /What changed/)
    assert.match(file, /Was the child seen and heard\?\s+Inadequate\s+Good\s+Improved/)
    await assertAccessible(page)
  })
})
