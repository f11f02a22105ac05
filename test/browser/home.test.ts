import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout } from 'node:timers/promises'
import type { Page } from 'playwright-core'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { type SeededChild, seedChildren } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { seedChairWork } from '../support/child-protection.ts'
import { signInThroughPages } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const PHONE = { width: 375, height: 812 }
const DESKTOP = { width: 1280, height: 900 }

describe('each role’s home page in the browser', () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let users: DemoUser[]
  const user = (email: string) => users.find((u) => u.email.startsWith(email)) as DemoUser

  before(async () => {
    server = await startTestServer()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    users = await seedDemoUsers(server.database, partnership)
    await seedChairWork({ db: server.database.db, partnership, now: () => new Date() })
    const [child, second] = (await seedChildren(server.database.db, 2, {
      laId: 'leicester',
      involvedAgencyIds: ['llr-icb'],
    })) as [SeededChild, SeededChild]
    const teacher = await signIn(server.app, user('referrer@'))
    const refer = (about: SeededChild, firstName: string) =>
      teacher.post('/referrals/new', {
        idempotencyKey: `home-browser-${firstName}`,
        childFirstName: firstName,
        childLastName: 'Synthetic',
        'childDateOfBirth-day': '1',
        'childDateOfBirth-month': '6',
        'childDateOfBirth-year': '2015',
        childPostcode: 'LE2 1AA',
        childNhsNumber: about.nhsNumber,
        whatHappened: 'Came to school with a bruise on her cheek.',
        worries: 'Second injury this term.',
        familyKnows: 'Mother knows we are referring.',
        consent: 'given',
        urgency: 'standard',
        referralSource: '2A',
        referrerName: 'Tess Teacher',
        referrerRole: 'Designated safeguarding lead',
        referrerEmail: 'dsl@school.example',
      })
    assert.equal((await refer(child, 'Child0')).statusCode, 303)
    // A second referral, decided for a strategy discussion by the LA's MAT practitioner: business
    // support's to book.
    const toBook = await refer(second, 'Child1')
    assert.equal(toBook.statusCode, 303)
    const mat = await signIn(server.app, user('mat-practitioner@leicester-city-council'))
    const decided = await mat.post(`/referrals/${String(toBook.headers.location).split('/')[2]}/decision`, {
      outcome: 'strategy-discussion-s47',
      levelOfNeed: '4',
      reasons: 'Bruising with an account that does not fit.',
      feedbackToReferrer: 'We are holding a strategy discussion.',
      withoutContributionsReason: 'urgent',
    })
    assert.equal(decided.statusCode, 303, decided.body.slice(0, 300))
    const police = await signIn(server.app, user('police-public-protection@'))
    const shared = await police.post('/sharing/events', {
      type: 'new-concern',
      'occurred-day': '2',
      'occurred-month': '11',
      'occurred-year': '2025',
      occurredTime: '09:30',
      nhsNumber: child.nhsNumber,
      'dob-day': '1',
      'dob-month': '6',
      'dob-year': '2015',
      summary: 'Seen out late with older youths.',
      sensitivity: 'standard',
      lawfulBasis: 'ukgdpr-6-1-e-art9-dpa2018-sch1-para18',
      risk: 'medium',
    })
    assert.equal(shared.statusCode, 303)
    browser = await launchBrowser()
    page = await browser.context.newPage()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  /** Signs in, lands on the home page, and checks it at desktop width and on a phone. */
  async function home(email: string): Promise<string> {
    await page.setViewportSize(DESKTOP)
    await signInThroughPages(page, server.baseUrl, user(email))
    await page.waitForURL(`${server.baseUrl}/`)
    assert.equal(await page.locator('h1').innerText(), 'Your work')
    await assertAccessible(page)
    await page.setViewportSize(PHONE)
    await assertAccessible(page)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`)
    const main = await page.locator('main').innerText()
    assert.doesNotMatch(main, /\d{4}-\d{2}-\d{2}|[0-9a-f]{8}-[0-9a-f]{4}/, 'no ids or ISO dates')
    return main
  }

  it('a screener lands on their queue, with the time left to decide', async () => {
    const main = await home('front-door-screener.leicester@')
    assert.match(main, /Referrals waiting for a decision/)
    assert.match(main, /Child0 Synthetic/)
    assert.match(main, /(working days? left|Due today)/)
    await page.setViewportSize(DESKTOP)
    await page.getByRole('link', { name: 'See the whole front door queue' }).click()
    await page.waitForURL(/\/front-door$/)
    assert.match(await page.locator('main').innerText(), /(working days? left|Due today)/)
    await page.getByRole('link', { name: 'Home', exact: true }).click()
    await page.waitForURL(`${server.baseUrl}/`)
  })

  it('a referrer lands on their referrals and what came of them', async () => {
    // The set-up signed the referrer in moments ago: their code of that 30-second step is used.
    await setTimeout(30_000 - (Date.now() % 30_000) + 100)
    const main = await home('referrer@')
    assert.match(main, /Your referrals/)
    assert.match(main, /Child0 Synthetic/)
    assert.match(main, /Waiting for a decision/)
    assert.doesNotMatch(main, /Referrals waiting for a decision/)
  })

  it('business support lands on the meetings to book, and goes on to book them', async () => {
    const main = await home('business-support@')
    assert.match(main, /Meetings to book/)
    assert.match(main, /Child1 Synthetic/)
    assert.match(main, /Strategy discussion, Leicester/)
    assert.match(main, /Invitations without replies/)
    assert.match(main, /Records to circulate/)
    assert.doesNotMatch(main, /Referrals waiting for a decision/)
    await page.setViewportSize(DESKTOP)
    await page.getByRole('link', { name: 'See all meetings to book' }).click()
    await page.waitForURL(/\/diary\/to-book$/)
    assert.match(await page.locator('main').innerText(), /Child1 Synthetic/)
    await assertAccessible(page)
  })

  it('the police land on the events they shared', async () => {
    const main = await home('police-public-protection@')
    assert.match(main, /Events your agency shared/)
    assert.match(main, /Seen out late with older youths/)
  })

  it('a strategy discussion chair lands on the meetings to chair and the records to sign off', async () => {
    const main = await home('strategy-discussion-chair@')
    assert.match(main, /Meetings to chair/)
    assert.match(main, /Cora Chaired/)
    assert.match(main, /Strategy discussion, \d{1,2} \w+ \d{4} at 10:00am/)
    const toSignOff = main.split('Records to sign off')[1] ?? ''
    assert.match(toSignOff, /Hal Chaired\s+Overdue by \d+ working days?/)
    await page.setViewportSize(DESKTOP)
    await page
      .locator('section', { has: page.getByRole('heading', { name: 'Records to sign off' }) })
      .getByRole('link', { name: 'Hal Chaired', exact: true })
      .click()
    await page.waitForURL(/\/strategy-discussions\//)
    assert.match(await page.locator('main').innerText(), /Hal Chaired/)
    await assertAccessible(page)
    await page.setViewportSize(PHONE)
    await assertAccessible(page)
  })

  it('a conference chair lands on the meetings to chair and the conference records to sign off', async () => {
    // Leicestershire's conference chair: none of Leicester's meetings are theirs.
    const main = await home('conference-chair@')
    assert.match(main, /Meetings to chair/)
    assert.match(main, /No meetings are booked for you to chair/)
    assert.doesNotMatch(main, /Chaired/)
    assert.match(main, /Records to sign off\s+No records wait for your sign-off/)
    await page.setViewportSize(DESKTOP)
    await page.getByRole('link', { name: 'See the diary' }).click()
    await page.waitForURL(/\/diary$/)
    await assertAccessible(page)
    await page.setViewportSize(PHONE)
    await assertAccessible(page)
  })

  it('a health safeguarding manager lands on the inbox to acknowledge', async () => {
    const main = await home('safeguarding-manager@llr-icb')
    assert.match(main, /Shared events to acknowledge/)
    assert.match(main, /1 event to acknowledge/)
    assert.match(main, /From Leicestershire Police/)
  })
})
