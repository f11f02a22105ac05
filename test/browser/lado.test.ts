import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// A nursery without an account refers an allegation through the public form and its emailed link;
// the LADO finds it on the queue, records the initial consideration, books an allegation management
// meeting with the police and children's social care and records it once held, links the child's
// record, refers the adult to the DBS and records the outcome. Accessible throughout.
describe('an allegation to the LADO in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let lado: Person

  before(async () => {
    server = await startTestServer()
    lado = await addPerson(server.database, 'leicester-city-council', 'lado', 'leicester')
    await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'LADO-JOURNEY-1',
        given_name: 'Quill',
        family_name: 'Hartley',
        date_of_birth: '2024-02-10',
        sex: 'M',
      })
      .execute()
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const fillDate = async (
    page: import('playwright-core').Page,
    name: string,
    [day, month, year]: string[],
  ) => {
    await page.locator(`#${name}-day`).fill(day as string)
    await page.locator(`#${name}-month`).fill(month as string)
    await page.locator(`#${name}-year`).fill(year as string)
  }
  const submit = async (page: import('playwright-core').Page, button: string) => {
    await page.getByRole('button', { name: button }).click()
    await page.waitForLoadState('load')
  }

  it('a nursery refers through the emailed link, and the LADO manages it to its outcome', async () => {
    const page = await browser.context.newPage()
    await visit(page, `${server.baseUrl}/lado/refer/public`)
    await page.locator('#email').fill('manager@little-acorns.example')
    await submit(page, 'Email me a link')
    assert.equal(await page.locator('h1').innerText(), 'Check your email')
    await assertAccessible(page)

    const sent = await server.database.db
      .selectFrom('notification_outbox')
      .select('personalisation')
      .where('template_id', '=', 'lado-referral-link')
      .where('recipient', '=', 'manager@little-acorns.example')
      .executeTakeFirstOrThrow()
    const link = (sent.personalisation as { link: string }).link
    await visit(page, `${server.baseUrl}${link}`)
    assert.match(await page.locator('main').innerText(), /manager@little-acorns.example/)

    await page.locator('#referrerName').fill('Jo Oakley')
    await page.locator('#referrerOrganisation').fill('Little Acorns Nursery')
    await submit(page, 'Send to the LADO')
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the name of the adult/)
    await assertAccessible(page)
    assert.equal(await page.locator('#referrerName').inputValue(), 'Jo Oakley')

    await page.locator('#personName').fill('Robin Ashdown')
    await page.locator('#personRole').fill('Nursery practitioner')
    await page.locator('#employer').fill('Little Acorns Nursery')
    await page.locator('#employerSector').selectOption('early-years')
    await page.locator('#laId').selectOption('leicester')
    await page.getByLabel('Behaved in a way that has harmed a child, or may have harmed a child').check()
    await page.getByLabel('Physical abuse').check()
    await page.locator('#whatHappened').fill('Seen smacking a toddler’s hand at lunch (synthetic).')
    await page.locator('#childrenConcerned').fill('Child B, aged 2')
    await submit(page, 'Send to the LADO')
    assert.match(await page.locator('.govuk-panel').innerText(), /Allegation sent to the LADO/)
    await assertAccessible(page)
    await page.goto(`${server.baseUrl}${link}`)
    assert.equal(await page.locator('h1').innerText(), 'This link no longer works')
    await page.close()

    const ladoPage = await people.as(lado)
    await ladoPage.getByRole('link', { name: 'LADO', exact: true }).click()
    await ladoPage.waitForLoadState('load')
    assert.equal(await ladoPage.locator('h1').innerText(), 'Allegations to the LADO')
    await assertAccessible(ladoPage)
    await ladoPage
      .getByRole('link', { name: /^LADO-/ })
      .first()
      .click()
    await ladoPage.waitForLoadState('load')
    assert.match(await ladoPage.locator('main').innerText(), /Robin Ashdown, Nursery practitioner/)
    await assertAccessible(ladoPage)

    await ladoPage.getByLabel('Threshold met: the allegation will be managed by the LADO').check()
    await ladoPage.locator('#reasons').fill('Physical harm to a child by a practitioner')
    await submit(ladoPage, 'Record the consideration')
    assert.match(
      await ladoPage.locator('.govuk-notification-banner').innerText(),
      /Initial consideration recorded/,
    )
    await assertAccessible(ladoPage)

    // A meeting held earlier today (from midnight), so its record can be written at once.
    const [day, month, year] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' })
      .format(new Date())
      .split('/')
      .map(Number)
      .map(String)
    await ladoPage.getByText('Book a meeting').click()
    await submit(ladoPage, 'Book and send invitations')
    assert.match(await ladoPage.locator('.govuk-error-summary').innerText(), /Enter the date of the meeting/)
    await assertAccessible(ladoPage)
    await fillDate(ladoPage, 'date', [day, month, year] as string[])
    await ladoPage.locator('#time').fill('00:00')
    await ladoPage.locator('#location').fill('Room 3, City Hall')
    for (const [agency, name] of [
      ['leicestershire-police', 'Sergeant Example'],
      ['leicester-city-council', 'Team Manager Example'],
    ] as const) {
      await ladoPage.locator(`input[name="invite"][value="${agency}"]`).check()
      await ladoPage.locator(`#name-${agency}`).fill(name)
      await ladoPage.locator(`#email-${agency}`).fill(`lado-meeting@${agency}.example`)
    }
    await submit(ladoPage, 'Book and send invitations')
    assert.match(
      await ladoPage.locator('.govuk-notification-banner').innerText(),
      /Allegation management meeting booked/,
    )
    assert.match(await ladoPage.locator('main').innerText(), /Add the meeting on .* to your calendar/)
    await assertAccessible(ladoPage)
    await ladoPage.getByText('Record who attended and what was agreed').click()
    await ladoPage.locator('input[name="attendedAgencyIds"][value="leicestershire-police"]').check()
    await ladoPage
      .locator('textarea[name="minutes"]')
      .fill('Police will not investigate; employer to hold a disciplinary hearing.')
    await submit(ladoPage, 'Record the meeting')
    assert.match(
      await ladoPage.locator('.govuk-notification-banner').innerText(),
      /The meeting’s record is written/,
    )
    assert.match(await ladoPage.locator('main').innerText(), /employer to hold a disciplinary hearing/)
    await assertAccessible(ladoPage)

    await ladoPage.getByRole('link', { name: 'Find a child’s record to link' }).click()
    await ladoPage.waitForLoadState('load')
    assert.equal(await ladoPage.locator('h1').innerText(), 'Link a child’s record')
    await ladoPage.locator('#name').fill('Quill Hartley')
    await submit(ladoPage, 'Search')
    await assertAccessible(ladoPage)
    await submit(ladoPage, 'Link Quill Hartley')
    assert.match(await ladoPage.locator('.govuk-notification-banner').innerText(), /linked to the allegation/)
    assert.match(await ladoPage.locator('#linked-children').innerText(), /Quill Hartley/)
    await assertAccessible(ladoPage)

    await ladoPage.getByText('Record a referral to the DBS or the TRA').click()
    await fillDate(ladoPage, 'dbsReferredOn', ['20', '1', '2027'])
    await submit(ladoPage, 'Record the referral')
    assert.match(await ladoPage.locator('main').innerText(), /20 January 2027/)

    await ladoPage.getByLabel('Substantiated: there is sufficient evidence to prove the allegation').check()
    await fillDate(ladoPage, 'outcomeOn', ['15', '1', '2027'])
    await submit(ladoPage, 'Record the outcome')
    assert.match(await ladoPage.locator('.govuk-notification-banner').innerText(), /Outcome recorded/)
    assert.match(await ladoPage.locator('main').innerText(), /Substantiated: there is sufficient evidence/)
    await assertAccessible(ladoPage)

    await ladoPage.getByRole('link', { name: 'LADO figures' }).click()
    await ladoPage.waitForLoadState('load')
    assert.match(await ladoPage.locator('h1').innerText(), /LADO figures/)
    await assertAccessible(ladoPage)
  })
})
