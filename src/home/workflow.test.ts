import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { seedChairWork } from '../../test/support/child-protection.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { type SeededChild, seedChildren } from '../sharing/testing.ts'

const referral = (child: { first: string; last: string; nhsNumber?: string }, key: string) => ({
  idempotencyKey: key,
  childFirstName: child.first,
  childLastName: child.last,
  'childDateOfBirth-day': '1',
  'childDateOfBirth-month': '6',
  'childDateOfBirth-year': '2015',
  childPostcode: 'LE2 1AA',
  ...(child.nhsNumber ? { childNhsNumber: child.nhsNumber } : {}),
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

const sharedEvent = (nhsNumber: string, summary: string) => ({
  type: 'new-concern',
  'occurred-day': '2',
  'occurred-month': '11',
  'occurred-year': '2025',
  occurredTime: '09:30',
  nhsNumber,
  childGivenName: 'Child0',
  childFamilyName: 'Synthetic',
  'dob-day': '1',
  'dob-month': '6',
  'dob-year': '2015',
  summary,
  sensitivity: 'standard',
  lawfulBasis: 'ukgdpr-6-1-e-art9-dpa2018-sch1-para18',
  risk: 'medium',
})

/** The titles of the home page's sections, in order. */
const sectionsOf = (html: string) =>
  [...html.matchAll(/<h2 class="govuk-heading-m" id="work-\d+">([^<]+)<\/h2>/g)].map((m) => m[1])

/** One section's HTML, from its heading to the next. */
const sectionOf = (html: string, title: string) => {
  const start = html.indexOf(`>${title}</h2>`)
  assert.ok(start >= 0, `no section "${title}"`)
  const end = html.indexOf('</section>', start)
  return html.slice(start, end)
}

/** What a page must never show: ids, ISO dates, enum values. */
const MACHINE_WORDS =
  /\d{4}-\d{2}-\d{2}|[0-9a-f]{8}-[0-9a-f]{4}-|strategy-discussion-s47|awaiting-screening|new-concern/

/** The words of the page's main content, as a reader sees them (no tags, no attributes). */
const shown = (html: string) => (html.split('<main')[1] ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ')

describe('each role’s home page', () => {
  let t: TestApp
  let users: DemoUser[]
  let known: SeededChild
  let referralId: string
  const signedIn = new Map<string, Promise<TestBrowser>>()
  /** One sign-in per person: a second within the same minute would reuse their one-time code. */
  const as = (email: string) => {
    if (!signedIn.has(email))
      signedIn.set(email, signIn(t.app, users.find((u) => u.email.startsWith(email)) as DemoUser))
    return signedIn.get(email) as Promise<TestBrowser>
  }
  let teacher: TestBrowser
  let screener: TestBrowser

  before(async () => {
    t = await startTestApp()
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    // Child0 Synthetic, of Leicester, known to the health board.
    ;[known] = (await seedChildren(t.database.db, 1, {
      laId: 'leicester',
      involvedAgencyIds: ['llr-icb'],
    })) as [SeededChild]
    teacher = await as('referrer@')
    const sent = await teacher.post(
      '/referrals/new',
      referral({ first: 'Child0', last: 'Synthetic', nhsNumber: known.nhsNumber }, 'home-1'),
    )
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 2000))
    referralId = String(sent.headers.location).split('/')[2] as string
    screener = await as('front-door-screener.leicester@')

    await seedChairWork({
      db: t.database.db,
      partnership: await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr),
      now: () => new Date(),
    })
  })
  after(() => t.close())

  it('shows the public start page to a visitor who is not signed in', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Worried about a child\?/)
    assert.deepEqual(sectionsOf(page.body), [])
  })

  it('gives a screener their queue with the time left on each referral, and a link to the whole queue', async () => {
    const page = await screener.get('/')
    assert.equal(page.statusCode, 200, page.body.slice(0, 2000))
    assert.equal(sectionsOf(page.body)[0], 'Referrals waiting for a decision')
    const queue = sectionOf(page.body, 'Referrals waiting for a decision')
    assert.match(queue, /1 open referral\./)
    assert.match(queue, new RegExp(`href="/referrals/${referralId}">Child0 Synthetic</a>`))
    assert.match(queue, /(working day|hours?|an hour) left/)
    assert.match(queue, /href="\/front-door"/)
    assert.doesNotMatch(shown(page.body), MACHINE_WORDS)
  })

  it('shows another area’s screener none of this area’s referrals', async () => {
    const page = await (await as('front-door-screener.leicestershire@')).get('/')
    const queue = sectionOf(page.body, 'Referrals waiting for a decision')
    assert.doesNotMatch(queue, /Child0/)
    assert.match(queue, /There are no open referrals in your queues/)
  })

  it('shows the referrer their referral and, once decided, its outcome, but never the child’s record', async () => {
    const before = await teacher.get('/')
    const waiting = sectionOf(before.body, 'Your referrals')
    assert.match(waiting, /Child0 Synthetic/)
    assert.match(waiting, /Waiting for a decision/)
    assert.ok(!sectionsOf(before.body).includes('Referrals waiting for a decision'))
    assert.ok(!sectionsOf(before.body).includes('Meetings to book'))

    const decided = await screener.post(`/referrals/${referralId}/decision`, {
      outcome: 'strategy-discussion-s47',
      levelOfNeed: '4',
      reasons: 'Bruising with an account that does not fit.',
      feedbackToReferrer: 'We are holding a strategy discussion.',
      withoutContributionsReason: 'urgent',
    })
    assert.equal(decided.statusCode, 303, decided.body.slice(0, 2000))

    const after = await teacher.get('/')
    const mine = sectionOf(after.body, 'Your referrals')
    assert.match(mine, /Strategy discussion \(section 47\)/)
    assert.match(mine, new RegExp(`href="/referrals/${referralId}"`))
    assert.doesNotMatch(after.body, new RegExp(known.id))
    assert.doesNotMatch(shown(after.body), MACHINE_WORDS)
    const record = await teacher.get(`/children/${known.id}`)
    assert.notEqual(record.statusCode, 200, 'the referrer may not open the child’s record')
  })

  it('gives business support the meetings to book, due first, with the time left', async () => {
    const page = await (await as('business-support@')).get('/')
    assert.ok(sectionsOf(page.body).includes('Meetings to book'))
    assert.ok(!sectionsOf(page.body).includes('Referrals waiting for a decision'))
    const toBook = sectionOf(page.body, 'Meetings to book')
    assert.match(toBook, /Child0 Synthetic/)
    assert.match(toBook, /(working day|hours?|an hour) left|Overdue/)
    assert.match(toBook, /href="\/diary\/to-book"/)
    const replies = sectionOf(page.body, 'Invitations without replies')
    assert.match(replies, /Cora Chaired/)
    assert.match(replies, /No reply from [^<]*Leicestershire Police/)
    const circulation = sectionOf(page.body, 'Records to circulate')
    assert.match(circulation, /Sid Chaired/)
    assert.match(circulation, /Not acknowledged by [^<]*Leicestershire Police/)
    assert.doesNotMatch(circulation, /Hal Chaired/)
    assert.doesNotMatch(shown(page.body), MACHINE_WORDS)
  })

  it('gives chairs their meetings to chair and the records they sign off', async () => {
    const chair = (await (await as('strategy-discussion-chair@')).get('/')).body
    const toChair = sectionOf(chair, 'Meetings to chair')
    assert.match(toChair, /Cora Chaired/)
    assert.match(toChair, /Strategy discussion, \d{1,2} \w+ \d{4} at 10:00am/)
    assert.doesNotMatch(toChair, /Hal Chaired/, 'a meeting already held is not one to chair')
    const toSignOff = sectionOf(chair, 'Records to sign off')
    assert.match(toSignOff, /Hal Chaired/)
    assert.match(toSignOff, /Overdue by \d+ working days?/)
    assert.doesNotMatch(shown(chair), MACHINE_WORDS)
    // The demo conference chair chairs in Leicestershire: none of Leicester's meetings.
    const conference = (await (await as('conference-chair@')).get('/')).body
    assert.doesNotMatch(sectionOf(conference, 'Meetings to chair'), /Chaired/)
    assert.match(sectionOf(conference, 'Records to sign off'), /No records wait for your sign-off/)
  })

  it('shows a sharing agency what it shared, and each agency told and its acknowledgement only where it may know who works with the child', async () => {
    const police = await as('police-public-protection@')
    const posted = await police.post(
      '/sharing/events',
      sharedEvent(known.nhsNumber, 'Seen out late with older youths.'),
    )
    assert.equal(posted.statusCode, 303, posted.body.slice(0, 3000))
    const policeHome = sectionOf((await police.get('/')).body, 'Events your agency shared')
    assert.match(policeHome, /Seen out late with older youths/)
    assert.match(
      policeHome,
      /Not yet acknowledged by every agency told, (\d+ working days? left|due today)\. Which agencies were told is shown only to/,
    )
    assert.doesNotMatch(policeHome, /Integrated Care Board/)

    const laPosted = await screener.post(
      '/sharing/events',
      sharedEvent(known.nhsNumber, 'Missed three appointments.'),
    )
    assert.equal(laPosted.statusCode, 303, laPosted.body.slice(0, 3000))
    const laHome = sectionOf((await screener.get('/')).body, 'Events your agency shared')
    assert.match(
      laHome,
      /Leicester, Leicestershire and Rutland Integrated Care Board: not acknowledged yet, (\d+ working days? left|due today)/,
    )
  })

  it('tells the sender once every agency told has acknowledged, still without naming them', async () => {
    const police = await as('police-public-protection@')
    const posted = await police.post(
      '/sharing/events',
      sharedEvent(known.nhsNumber, 'Found at a bus station at 2am.'),
    )
    const eventId = String(posted.headers.location).split('/').pop() as string
    const told = await t.database.db
      .selectFrom('sharing_notification')
      .select(['id', 'agency_id'])
      .where('event_id', '=', eventId)
      .execute()
    assert.deepEqual(told.map((n) => n.agency_id).sort(), ['leicester-city-council', 'llr-icb'])
    const acknowledger = {
      'leicester-city-council': screener,
      'llr-icb': await as('safeguarding-manager@llr-icb'),
    }
    for (const notification of told) {
      const browser = acknowledger[notification.agency_id as keyof typeof acknowledger]
      const done = await browser.post(`/sharing/inbox/${notification.id}/acknowledgement`, {
        note: 'Checked.',
      })
      assert.equal(done.statusCode, 303, done.body.slice(0, 2000))
    }
    const policeHome = sectionOf((await police.get('/')).body, 'Events your agency shared')
    assert.match(policeHome, /Found at a bus station at 2am\.[\s\S]*?Acknowledged by every agency told\./)
    assert.doesNotMatch(policeHome, /Integrated Care Board|Leicester City Council/)
    const ownPage = shown((await police.get(`/sharing/events/${eventId}`)).body)
    assert.match(ownPage, /Acknowledged by every agency told/)
  })

  it('gives the receiving agency its inbox to acknowledge, and a manager the overdue ones', async () => {
    const page = await (await as('safeguarding-manager@llr-icb')).get('/')
    const inbox = sectionOf(page.body, 'Shared events to acknowledge')
    assert.match(inbox, /2 events to acknowledge/)
    assert.match(inbox, /Seen out late with older youths/)
    assert.match(inbox, /From Leicestershire Police/)
    assert.match(inbox, /href="\/sharing\/inbox"/)
    const alerts = sectionOf(page.body, 'Alerts about children you work with')
    assert.match(alerts, /new alert/)
    assert.match(alerts, /Information shared by a partner/)
    assert.doesNotMatch(shown(page.body), MACHINE_WORDS)
  })

  it('gives administrators their users, keys and break-glass to review, and no casework', async () => {
    const page = await (await as('partnership-admin@')).get('/')
    assert.deepEqual(sectionsOf(page.body), [
      'Break-glass to review',
      'Performance against the partnership’s standards',
      'Administration',
      'Alerts about children you work with',
    ])
    assert.match(sectionOf(page.body, 'Alerts about children you work with'), /Nothing new/)
    assert.match(page.body, /href="\/admin\/users"/)
    assert.match(page.body, /href="\/admin\/api-clients"/)
    assert.match(page.body, /href="\/admin\/break-glass"/)
  })

  it('gives the analyst the performance dashboard, and no casework', async () => {
    const page = await (await as('analyst@')).get('/')
    assert.deepEqual(sectionsOf(page.body), [
      'Performance against the partnership’s standards',
      'Alerts about children you work with',
    ])
    assert.match(
      sectionOf(page.body, 'Performance against the partnership’s standards'),
      /href="\/intelligence"/,
    )
  })
})
