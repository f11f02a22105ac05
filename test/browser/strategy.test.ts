import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Page } from 'playwright-core'
import { RECORD_CIRCULATED } from '../../src/child-protection/workflow/strategy-discussion.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import type { Role } from '../../src/platform/access/actor.ts'
import { createSubscription } from '../../src/platform/webhooks/store.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts'

// A Thursday a year ahead (bank holidays are known to 2028): 15 working days on passes Christmas,
// Boxing Day (both moved to Monday 27 and Tuesday 28 December 2027) and New Year (Monday 3 January).
const STRAT = { day: '16', month: '12', year: '2027' }
const ICPC_DUE = '11 January 2028'
const ICPC = { day: '10', month: '1', year: '2028' }
const FIRST_REVIEW_DUE = '10 April 2028'

async function clickThrough(page: Page, name: string) {
  await page.getByRole('button', { name }).click()
  await page.waitForLoadState('load')
  const errors = await page.locator('.govuk-error-summary').allInnerTexts()
  assert.deepEqual(errors, [], `no problems after "${name}" on ${page.url()}`)
  await assertAccessible(page)
}

async function fillDate(page: Page, id: string, date: { day: string; month: string; year: string }) {
  await page.locator(`#${id}-day`).fill(date.day)
  await page.locator(`#${id}-month`).fill(date.month)
  await page.locator(`#${id}-year`).fill(date.year)
}

async function invite(page: Page, agencies: readonly { name: string; person: string; email: string }[]) {
  for (const agency of agencies) {
    await page.getByLabel(agency.name, { exact: true }).check()
    await page.getByLabel(`Name of the person invited from ${agency.name}`).fill(agency.person)
    await page.getByLabel(`Name of the person invited from ${agency.name}`).press('Tab')
    await page.locator(`input[name="email-${await agencyId(page, agency.name)}"]`).fill(agency.email)
  }
}

async function agencyId(page: Page, name: string): Promise<string> {
  return (await page.getByLabel(name, { exact: true }).getAttribute('value')) as string
}

/** A school refers Ava Browser; without an NHS number intake cannot match her record. Returns the referral's id. */
async function sendReferral(page: Page, base: string, nhsNumber?: string): Promise<string> {
  await visit(page, `${base}/referrals/new`)
  await page.getByLabel('First name').fill('Ava')
  await page.getByLabel('Last name', { exact: true }).fill('Browser')
  await fillDate(page, 'childDateOfBirth', { day: '2', month: '3', year: '2015' })
  await page.locator('#childPostcode').fill('LE2 1AA')
  if (nhsNumber) await page.getByLabel('NHS number (optional)').fill(nhsNumber)
  await page
    .getByLabel('What happened?')
    .fill('She said her stepfather hit her; there is a bruise on her cheek.')
  await page.getByLabel('What worries you about the child?').fill('Second injury this term.')
  await page.getByLabel('What does the family know about this referral?').fill('Not told, to keep her safe.')
  await page.getByLabel('No, I have not asked the family').check()
  await page.getByLabel(/lawful basis for sharing without consent/).fill('DPA 2018 Sch 1 para 18')
  await page.getByLabel('Job title or role').fill('Designated safeguarding lead')
  await page.locator('#referrerEmail').fill('dsl@school.example')
  await clickThrough(page, 'Send referral')
  const referralId = /\/referrals\/([0-9a-f-]{36})\/sent/.exec(page.url())?.[1]
  assert.ok(referralId, page.url())
  return referralId
}

/** The front door decides a strategy discussion (section 47) is needed. */
async function decideOnStrategyDiscussion(page: Page, base: string, referralId: string) {
  await visit(page, `${base}/referrals/${referralId}/decision`)
  await page.getByLabel('Strategy discussion (section 47)').check()
  await page.locator('input[name="levelOfNeed"][value="4"]').check()
  await page.getByLabel('Reasons for the decision').fill('Disclosure of assault by a household member.')
  await page.getByLabel('What the referrer will be told').fill('We are holding a strategy discussion.')
  // In multi-agency triage, before every agency has added its information, the decision says why.
  const urgent = page.getByLabel('The child is at urgent risk: the decision cannot wait')
  if (await urgent.count()) await urgent.check()
  await clickThrough(page, 'Record decision')
}

const INVITED = [
  {
    name: "Leicester City Council Children's Social Care",
    person: 'Sam Social',
    email: 'sam@leicester.example',
  },
  { name: 'Leicestershire Police', person: 'PC Jones', email: 'jones@police.example' },
  {
    name: 'Leicester, Leicestershire and Rutland Integrated Care Board',
    person: 'Hana Health',
    email: 'hana@health.example',
  },
  { name: 'Leicester schools', person: 'Dee Lead', email: 'dsl@school.example' },
]

describe('strategy discussion to child protection plan in Chromium (LLR)', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let users: DemoUser[]
  let receiver: WebhookReceiver

  const seen = new Map<string, Person>()
  /** The same person each time, so their session is kept between turns. */
  const demo = (role: Role, laId?: string): Person => {
    const found = users.find((u) =>
      u.grants.some((g) => g.role === role && (laId === undefined || g.laId === laId)),
    )
    assert.ok(found, `a demo ${role}`)
    const person = seen.get(found.email) ?? { email: found.email, totpSecret: found.totpSecret }
    seen.set(found.email, person)
    return person
  }
  // The service's clock: the real time, but at each meeting while its chair records it.
  let clock: Date | undefined
  before(async () => {
    server = await startTestServer(DEMO_PARTNERSHIPS.llr, { now: () => clock ?? new Date() })
    users = await seedDemoUsers(server.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    process.env.MASA_TEST_BROWSER_POLICE_HOOK = 'browser-police-secret'
    receiver = await startWebhookReceiver({ secret: 'browser-police-secret' })
    await createSubscription(server.database.db, {
      agencyId: 'leicestershire-police',
      url: receiver.url,
      secretRef: 'env:MASA_TEST_BROWSER_POLICE_HOOK',
      eventTypes: [RECORD_CIRCULATED],
    })
    await server.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'BR-1',
        given_name: 'Ava',
        family_name: 'Browser',
        sex: 'F',
        date_of_birth: '2015-03-02',
        nhs_number: '9434765919',
      })
      .execute()
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await receiver?.close()
    await server?.close()
  })

  it('books, gathers, records, signs off and sends the record; the conference makes a plan', async () => {
    const base = server.baseUrl
    const socialWorker = await addPerson(
      server.database,
      'leicester-city-council',
      'mat-practitioner',
      'leicester',
    )
    const conferenceChair = await addPerson(
      server.database,
      'leicester-city-council',
      'conference-chair',
      'leicester',
    )

    // The front door: a school refers, the MAT decides on a strategy discussion.
    let page = await people.as(demo('referrer'))
    const referralId = await sendReferral(page, base, '9434765919')

    page = await people.as(demo('front-door-screener', 'leicester'))
    await decideOnStrategyDiscussion(page, base, referralId)

    // Business support books the discussion from the MAT decision and invites four agencies.
    page = await people.as(demo('business-support'))
    await visit(page, `${base}/strategy-discussions`)
    await clickThrough(page, 'Book strategy discussion for Ava Browser')
    const id = /\/strategy-discussions\/([0-9a-f-]{36})\/schedule/.exec(page.url())?.[1]
    assert.ok(id, page.url())
    await fillDate(page, 'date', STRAT)
    await page.getByLabel('Time').fill('10:00')
    await page.getByLabel('Meeting', { exact: true }).check()
    await page.getByLabel('Place, or link for a virtual meeting').fill('Microsoft Teams')
    await invite(page, INVITED)
    const chairs = page.getByRole('group', { name: 'Who will chair the discussion' }).getByRole('radio')
    const chairName = (
      await chairs.first().evaluate((radio) => (radio as HTMLInputElement).labels?.[0]?.textContent ?? '')
    ).trim()
    await chairs.first().check()
    await page.getByRole('button', { name: 'Book and send invitations' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    // A year ahead is after the day it is due by: the form asks why, keeping what was typed.
    assert.match(await page.locator('.govuk-error-summary').innerText(), /when it is due: enter why/)
    assert.equal(await page.getByLabel('Time').inputValue(), '10:00')
    assert.ok(await page.getByLabel(chairName).isChecked(), 'keeps the chair chosen')
    await page.getByLabel(/why it cannot be held by then/).fill('The police officer is on leave until then')
    await clickThrough(page, 'Book and send invitations')
    assert.match(await page.locator('#quoracy ~ ul').innerText(), /Invited: Quorate/)
    assert.match(await page.locator('main').innerText(), new RegExp(`Chair\\s+${chairName}`))
    await page.getByLabel('Record a reply from').selectOption('leicestershire-police')
    await clickThrough(page, 'Record reply')
    const calendar = await page.request.get(`${base}/strategy-discussions/${id}/invitation.ics`)
    assert.match(await calendar.text(), /DTSTART:20271216T100000Z/)

    // Three agencies share what they hold beforehand.
    for (const [person, held] of [
      [socialWorker, 'Known to social care in 2023'],
      [demo('police-public-protection'), 'Two domestic incidents'],
      [demo('mat-practitioner'), 'Missed health appointments'],
    ] as const) {
      page = await people.as(person)
      await visit(page, `${base}/strategy-discussions/${id}/contribution`)
      await page.getByLabel('What your agency’s records hold').fill(held)
      await page.getByLabel('Risks').fill('Violence at home')
      await page.getByLabel('Strengths').fill('Protective grandmother')
      await clickThrough(page, 'Send to the discussion')
    }
    page = await people.as(demo('business-support'))
    await visit(page, `${base}/strategy-discussions/${id}`)
    assert.equal(await page.getByText('Contributed', { exact: true }).count(), 3)
    assert.equal(await page.getByText('Not yet', { exact: true }).count(), 1)

    // The chair records a joint s47 decision with actions and signs it off, once it has started.
    clock = new Date('2027-12-16T10:00:00Z')
    page = await people.as(demo('strategy-discussion-chair'))
    await visit(page, `${base}/strategy-discussions/${id}/record/edit`)
    for (const agency of INVITED.slice(0, 3)) await page.getByLabel(agency.name, { exact: true }).check()
    await page.getByLabel('Information shared').fill('School saw bruising; police hold two incidents.')
    await page.getByLabel('Analysis of risk').fill('Likely non-accidental injury.')
    await page.getByLabel('Section 47 enquiry, joint with police').check()
    await page.getByLabel('Reasons for the decision').fill('Reasonable cause to suspect significant harm.')
    await page.getByLabel('Criminal investigation', { exact: true }).check()
    await page.getByLabel('What will be shared with the family').fill('Mother told of the enquiry.')
    await page.locator('#actions-1-description').fill('Joint visit; see Ava alone')
    await page.locator('#actions-1-agency').selectOption('leicester-city-council')
    await page.locator('#actions-1-owner').fill('Sam Social')
    await fillDate(page, 'actions-1-due', { day: '17', month: '12', year: '2027' })
    await page.locator('#actions-2-description').fill('Child protection medical')
    await page.locator('#actions-2-agency').selectOption('llr-icb')
    await page.locator('#actions-2-owner').fill('Dr Lee')
    await fillDate(page, 'actions-2-due', STRAT)
    await clickThrough(page, 'Save the record')
    await clickThrough(page, 'Sign off and send the record')
    assert.match(await page.locator('main').innerText(), new RegExp(`conference due by\\s+${ICPC_DUE}`, 'i'))
    const pdf = await page.request.get(`${base}/strategy-discussions/${id}/record.pdf`)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    clock = undefined

    // The record goes out to police's case system, signed.
    // The service's own webhook worker may hold the delivery already (drain then finds none due):
    // wait for it to arrive, for up to ten seconds.
    await server.app.drainWebhooks()
    for (let tries = 0; receiver.received.length === 0 && tries < 100; tries++) await sleep(100)
    assert.equal(receiver.received.length, 1)
    const sent = receiver.received[0]?.body.data as { record: { decision: string; icpcDueBy: string } }
    assert.equal(sent.record.decision, 's47-joint')
    assert.equal(sent.record.icpcDueBy, '2028-01-11')

    // Business support books the ICPC before it is due.
    page = await people.as(demo('business-support'))
    await visit(page, `${base}/strategy-discussions/${id}`)
    await page.getByRole('link', { name: /Section 47 enquiry/ }).click()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Book the initial child protection conference' }).click()
    await assertAccessible(page)
    assert.match(await page.locator('main').innerText(), new RegExp(`Due by ${ICPC_DUE}`))
    await fillDate(page, 'date', ICPC)
    await page.getByLabel('Time').fill('10:00')
    await page.getByLabel('Place, or link for a virtual conference').fill('Room 4, City Hall')
    await invite(page, INVITED)
    await page
      .getByRole('group', { name: 'Who will chair the conference' })
      .getByRole('radio')
      .first()
      .check()
    await clickThrough(page, 'Book and send invitations')
    const conferenceUrl = page.url()

    // The conference makes a plan with its category; the first review is due 3 months later.
    clock = new Date('2028-01-10T10:30:00Z')
    page = await people.as(conferenceChair)
    await visit(page, conferenceUrl)
    await page.getByRole('link', { name: 'Record the conference' }).click()
    await assertAccessible(page)
    await page.getByLabel('Yes', { exact: true }).check()
    await page.getByLabel('Physical abuse').check()
    await page.getByLabel('Outline child protection plan').fill('Safety plan; weekly visits')
    await page.locator('input[name="coreGroup"][value="leicester-city-council"]').check()
    await page.locator('input[name="coreGroup"][value="llr-icb"]').check()
    await fillDate(page, 'coreGroupFirstMeetingOn', { day: '17', month: '1', year: '2028' })
    await page.getByLabel('Reasons for the decision').fill('Continuing risk of significant harm')
    await clickThrough(page, 'Record the conference')
    const plan = await page.locator('main').innerText()
    assert.match(plan, /Physical abuse/)
    assert.match(plan, new RegExp(`Next review due by\\s+${FIRST_REVIEW_DUE}`))
    clock = undefined

    page = await people.as(demo('business-support'))
    await visit(page, `${base}/diary?type=review`)
    assert.match(await page.locator('tbody').innerText(), new RegExp(FIRST_REVIEW_DUE))
  })
  it('a referral decided before it was matched is found from business support’s navigation, matched and booked', async () => {
    const base = server.baseUrl
    const referrer = await addPerson(server.database, 'leicester-schools', 'referrer', null)
    const screener = await addPerson(
      server.database,
      'leicester-city-council',
      'front-door-screener',
      'leicester',
    )
    const support = await addPerson(
      server.database,
      'leicester-city-council',
      'business-support',
      'leicester',
    )

    let page = await people.as(referrer)
    const referralId = await sendReferral(page, base)
    page = await people.as(screener)
    await decideOnStrategyDiscussion(page, base, referralId)
    await visit(page, `${base}/referrals/${referralId}`)
    assert.equal(await page.getByRole('link', { name: 'Find the child’s record' }).count(), 1)

    // Business support's way from the navigation to the decision waiting to be booked.
    page = await people.as(support)
    await visit(page, `${base}/diary`)
    await page.getByRole('link', { name: 'To book', exact: true }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    assert.equal(await page.locator('h1').innerText(), 'Meetings to book')
    const waiting = page.locator('tbody tr').filter({ hasText: 'Threshold decision' })
    assert.equal(await waiting.count(), 1)
    await waiting.getByRole('link', { name: 'Find the child’s record for Ava Browser' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    assert.match(await page.locator('main').innerText(), /strategy discussion can be booked once/)
    const candidates = await page.locator('[data-testid="candidates"]').innerText()
    assert.doesNotMatch(candidates, /Outside your access/, candidates)
    await page
      .getByRole('button', { name: /^This is the child/ })
      .first()
      .click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    assert.equal(new URL(page.url()).pathname, '/strategy-discussions')
    await clickThrough(page, 'Book strategy discussion for Ava Browser')
    assert.match(page.url(), /\/strategy-discussions\/[0-9a-f-]{36}\/schedule$/)
  })
})
