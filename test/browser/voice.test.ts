import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertAccessible, type Browser, follow, launchBrowser, press } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { seedHeldConference } from '../support/voice.ts'

// After a review conference is decided, Leicester's business support sends a parent the feedback
// survey from the conference's page; the parent opens the emailed link in their own browser without
// signing in, sees only the conference's day, answers, and cannot answer twice; the partnership's
// administrator reads the result (small numbers hidden) under "What you told us" and records what
// was changed. Accessible throughout.
describe('the voice of children and families in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let familyBrowser: Browser
  let people: People
  let businessSupport: Person
  let admin: Person
  let conferenceId: string

  before(async () => {
    server = await startTestServer()
    businessSupport = await addPerson(
      server.database,
      'leicester-city-council',
      'business-support',
      'leicester',
    )
    admin = await addPerson(server.database, 'leicester-city-council', 'partnership-admin', null)
    ;({ conferenceId } = await seedHeldConference(server.database.db, {
      laId: 'leicester',
      laChildId: 'VOICE-BROWSER',
      meetingDate: '2026-11-09',
    }))
    browser = await launchBrowser()
    familyBrowser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await familyBrowser?.close()
    await browser?.close()
    await server?.close()
  })

  it('a survey is sent after a conference, answered once through its link, and its result acted on', async () => {
    // Business support sends the survey from the conference.
    const page = await people.as(businessSupport)
    await page.goto(`${server.baseUrl}/conferences/${conferenceId}`)
    await assertAccessible(page)
    await follow(page, 'Send the family’s feedback survey')
    await page.locator('#email').fill('not an address')
    await press(page, 'Email the survey')
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter an email address/)
    await assertAccessible(page)
    await page.locator('#email').fill('parent.quill@example.com')
    await press(page, 'Email the survey')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /survey link has been emailed/)
    assert.match(await page.locator('main').innerText(), /Not answered yet/)
    await assertAccessible(page)

    const email = await server.database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation'])
      .where('template_id', '=', 'voice-family-survey')
      .executeTakeFirstOrThrow()
    assert.equal(email.recipient, 'parent.quill@example.com')
    const link = `${server.baseUrl}${(email.personalisation as { link: string }).link}`

    // The parent, in their own browser, without an account.
    const family = await familyBrowser.context.newPage()
    await family.goto(link)
    await assertAccessible(family)
    const main = await family.locator('main').innerText()
    assert.match(main, /Tell us about the conference on 9 November 2026/)
    assert.doesNotMatch(await family.content(), /Zephyrine|Quillfeather|VOICE-BROWSER|Eastgate|Sign out/)
    await family
      .getByRole('group', { name: 'Did you understand why the conference was held?' })
      .getByLabel('Yes')
      .check()
    await press(family, 'Send my answers')
    assert.match(
      await family.locator('.govuk-error-summary').innerText(),
      /Select whether you felt your views/,
    )
    await assertAccessible(family)
    await family
      .getByRole('group', { name: 'Did you feel your views were listened to?' })
      .getByLabel('Partly')
      .check()
    await family
      .getByRole('group', { name: 'Did you get the reports in time to read them before the conference?' })
      .getByLabel('No')
      .check()
    await family.getByLabel('What would have helped you?').fill('Having the reports a week before')
    await press(family, 'Send my answers')
    assert.match(await family.locator('main').innerText(), /Your answers have been sent/)
    await assertAccessible(family)
    const again = await family.goto(link)
    assert.equal(again?.status(), 410)
    assert.match(await family.locator('h1').innerText(), /This link no longer works/)
    await assertAccessible(family)

    // The partnership's administrator reads the result and records what was changed.
    const adminPage = await people.as(admin)
    await adminPage.goto(`${server.baseUrl}/`)
    await follow(adminPage, 'What you told us')
    const results = await adminPage.locator('main').innerText()
    assert.match(results, /Families: fewer than 5 answers/)
    assert.doesNotMatch(results, /Having the reports a week before/)
    await press(adminPage, 'Record what we changed')
    assert.match(await adminPage.locator('.govuk-error-summary').innerText(), /Select the theme/)
    await assertAccessible(adminPage)
    await adminPage.getByLabel('Theme').selectOption({ label: 'Information before the meeting' })
    await adminPage
      .getByLabel('What we changed')
      .fill('Reports now reach parents 5 working days before every conference')
    await press(adminPage, 'Record what we changed')
    assert.match(await adminPage.locator('.govuk-notification-banner').innerText(), /has been recorded/)
    assert.match(await adminPage.locator('main').innerText(), /Reports now reach parents 5 working days/)
    await assertAccessible(adminPage)
  })
})
