import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, follow, launchBrowser, press } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The partnership's administrator adds a course and a session of 2 places; a police practitioner and
// a school's MAT practitioner book them, a health practitioner joins the waiting list and moves into
// the place the school practitioner gives up (and is emailed). On the day the register is taken;
// the police practitioner evaluates the session, and three months on gives the follow-up. Accessible
// throughout.
describe('multi-agency training in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let admin: Person
  let police: Person
  let school: Person
  let health: Person
  let clock = new Date()
  const DAY = 86_400_000
  const session = new Date(Date.now() + 7 * DAY)

  before(async () => {
    server = await startTestServer(undefined, { now: () => clock })
    admin = await addPerson(server.database, 'leicester-city-council', 'partnership-admin', null)
    police = await addPerson(server.database, 'leicestershire-police', 'police-public-protection', null)
    school = await addPerson(server.database, 'leicester-city-council', 'mat-practitioner', 'leicester')
    health = await addPerson(server.database, 'llr-icb', 'safeguarding-manager', null)
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText()
  const openSession = async (person: Person) => {
    const page = await people.as(person)
    await page.goto(`${server.baseUrl}/`)
    await follow(page, 'Training')
    await follow(page, /Neglect: seeing the child/)
    return page
  }

  it('a course is added, booked, waited for, attended and evaluated', async () => {
    const page = await people.as(admin)
    await follow(page, 'Training')
    await follow(page, 'All courses')
    await follow(page, 'Add a course')
    await press(page, 'Add the course')
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the title/)
    await assertAccessible(page)
    await page.locator('#title').fill('Neglect: seeing the child')
    await page.getByLabel('Level 2: recognising and responding').check()
    await page.locator('#audience').fill('practitioners in regular contact with children')
    await page.locator('#description').fill('Recognising neglect and using the graded care profile.')
    await page.locator('#priorities').fill('Neglect\nThe voice of the child')
    assert.equal(await page.locator('#askedFor').inputValue(), '', 'no review or audit to link yet')
    await press(page, 'Add the course')
    assert.match(await banner(page), /Course added/)
    assert.doesNotMatch(await page.locator('main').innerText(), /Asked for by/)
    await assertAccessible(page)

    await page.locator('#startsAt').fill('09:30')
    await press(page, 'Add the session')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the date of the session/)
    assert.equal(await page.locator('#startsAt').inputValue(), '09:30')
    await assertAccessible(page)
    await page.locator('#heldOn-day').fill(String(session.getUTCDate()))
    await page.locator('#heldOn-month').fill(String(session.getUTCMonth() + 1))
    await page.locator('#heldOn-year').fill(String(session.getUTCFullYear()))
    await page.locator('#endsAt').fill('12:30')
    await page.locator('#venue').fill('County Hall, Room 4')
    await page.locator('#capacity').fill('2')
    await press(page, 'Add the session')
    assert.match(await banner(page), /Session added/)
    assert.match(await page.locator('main').innerText(), /9:30am to 12:30pm/)
    await assertAccessible(page)

    for (const person of [police, school]) {
      const booking = await openSession(person)
      await press(booking, 'Book a place')
      assert.match(await booking.locator('.govuk-error-summary').innerText(), /Select how confident/)
      await assertAccessible(booking)
      await booking.getByLabel('2: a little confident').check()
      await press(booking, 'Book a place')
      assert.match(await banner(booking), /You have a place/)
      await assertAccessible(booking)
    }

    const waiting = await openSession(health)
    assert.match(await waiting.locator('main').innerText(), /Full: 0 on the waiting list/)
    await waiting.getByLabel('3: fairly confident').check()
    await press(waiting, 'Join the waiting list')
    assert.match(await banner(waiting), /waiting list/)
    assert.match(await waiting.locator('main').innerText(), /You are number 1 on the waiting list/)
    await assertAccessible(waiting)

    const giving = await openSession(school)
    await press(giving, 'Cancel my place')
    assert.match(await banner(giving), /Your place is cancelled/)
    await assertAccessible(giving)
    const offered = await server.database.db
      .selectFrom('notification_outbox')
      .select('recipient')
      .where('template_id', '=', 'training-place-offered')
      .execute()
    assert.deepEqual(
      offered.map((email) => email.recipient),
      [health.email],
    )
    const promoted = await people.as(health)
    await promoted.goto(`${server.baseUrl}/`)
    await follow(promoted, 'My training')
    assert.match(await promoted.locator('main').innerText(), /Places booked\s+Neglect: seeing the child/)

    clock = new Date(session.getTime())
    const register = await openSession(admin)
    assert.match(await register.locator('main').innerText(), /No one is waiting/)
    await press(register, /^Attended\s*: police-public-protection of leicestershire-police$/)
    await press(register, /^Did not attend\s*: safeguarding-manager of llr-icb$/)
    assert.match(await banner(register), /Attendance recorded/)
    assert.match(await register.locator('main').innerText(), /Did not attend/)
    await assertAccessible(register)

    const attendee = await people.as(police)
    await attendee.goto(`${server.baseUrl}/`)
    await follow(attendee, 'My training')
    await follow(attendee, /Evaluate this session/)
    await press(attendee, 'Send the evaluation')
    assert.match(await attendee.locator('.govuk-error-summary').innerText(), /Select how confident/)
    await assertAccessible(attendee)
    await attendee.getByLabel('4: confident').check()
    await attendee.locator('#willDoDifferently').fill('Use the graded care profile at every home visit.')
    await press(attendee, 'Send the evaluation')
    assert.match(await banner(attendee), /evaluation is recorded/)
    assert.match(await attendee.locator('main').innerText(), /Follow-ups to come/)
    await assertAccessible(attendee)

    clock = new Date(session.getTime() + 95 * DAY)
    await attendee.reload()
    await follow(attendee, /Give your three-month follow-up/)
    await attendee.locator('#followUp').fill('Two referrals made earlier than before.')
    await press(attendee, 'Send the follow-up')
    assert.match(await banner(attendee), /follow-up is recorded/)
    await assertAccessible(attendee)

    const report = await people.as(admin)
    await report.goto(`${server.baseUrl}/training`)
    await follow(report, 'Training take-up')
    const figures = await report.locator('main').innerText()
    assert.match(figures, /Leicestershire Police\s+1\s+1\s+0\s+\+2/)
    assert.match(figures, /Neglect: seeing the child\s+2\s+1\s+1\s+\+2/)
  })
})
