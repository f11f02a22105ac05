import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { clickThrough, decide, demo, fillReferral, submitReferral } from '../support/front-door-pages.ts'
import { addPerson, People, visit } from '../support/people.ts'
import { insertCpPlan } from '../support/plans.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

describe('the front door in Chromium, model 1a (Plymouth and Torbay)', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let users: DemoUser[]
  before(async () => {
    server = await startTestServer(DEMO_PARTNERSHIPS.plymouthTorbay)
    users = await seedDemoUsers(
      server.database,
      await loadPartnershipConfig(DEMO_PARTNERSHIPS.plymouthTorbay),
    )
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser.close()
    await server.close()
  })

  it('shows each LA’s front door and out-of-hours numbers to the public, with the 999 warning', async () => {
    // Before anyone signs in: the page is public.
    const page = await browser.context.newPage()
    await visit(page, `${server.baseUrl}/worried-about-a-child`)
    const text = await page.locator('main').innerText()
    for (const expected of [
      '999',
      'Plymouth Gateway Service',
      '01632 960100',
      'Torbay Emergency Duty Service',
      '01632 960299',
    ])
      assert.ok(text.includes(expected), expected)
    await page.close()
  })

  it('a teacher refers, the Plymouth screener decides, and the teacher sees the outcome', async () => {
    const teacher = demo(users, 'referrer')
    let page = await people.as(teacher)
    await visit(page, `${server.baseUrl}/referrals/new`)

    await clickThrough(page, 'Send referral')
    assert.equal(
      await page.locator('.govuk-error-summary').count(),
      1,
      'an empty form shows the error summary',
    )
    await page.locator('.govuk-error-summary a', { hasText: 'Enter the child’s first name' }).click()

    await fillReferral(page, { first: 'Poppy', last: 'Sample', postcode: 'PL4 8AA', nhs: '943 476 5918' })
    await clickThrough(page, 'Send referral')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /not a valid NHS number/)
    assert.equal(await page.getByLabel('First name').inputValue(), 'Poppy', 'what was typed is kept')
    await page.getByLabel('NHS number (optional)').fill('')
    const id = await submitReferral(page)
    assert.match(await page.locator('main').innerText(), /Plymouth Gateway Service/)

    page = await people.as(demo(users, 'front-door-screener', 'plymouth'))
    await visit(page, `${server.baseUrl}/front-door`)
    const row = page.locator('tr', { hasText: 'Poppy Sample' })
    assert.match(await row.innerText(), /LA screening/)
    await row.getByRole('link').click()
    await page.waitForLoadState('load')
    assert.match(
      await page.locator('main').innerText(),
      /Find the child’s record/,
      'no NHS number: not matched yet',
    )
    await assertAccessible(page)
    await decide(page, server.baseUrl, id, 'Strategy discussion (section 47)', 4)

    page = await people.as(teacher)
    await visit(page, `${server.baseUrl}/referrals/${id}`)
    const outcome = await page.locator('main').innerText()
    assert.match(outcome, /Strategy discussion \(section 47\)/)
    assert.match(outcome, /We are holding a strategy discussion today/)
    assert.doesNotMatch(outcome, /Disclosure of assault/, 'the reasons stay with the front door')
  })
})

describe('the front door in Chromium, model 2 (LLR)', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let users: DemoUser[]
  const UPN = 'A123456789012'
  const LIVE_PLAN_NHS = '4010232137'
  before(async () => {
    server = await startTestServer(DEMO_PARTNERSHIPS.llr)
    users = await seedDemoUsers(server.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    const db = server.database.db
    const child = (given: string, identifiers: { upn?: string; nhs_number?: string }) =>
      db
        .insertInto('child')
        .values({
          la_id: 'leicester',
          la_child_id: given,
          given_name: given,
          family_name: 'Sample',
          sex: 'F',
          ...identifiers,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    await child('Lily', { upn: UPN })
    const planned = await child('Rose', { nhs_number: LIVE_PLAN_NHS })
    await insertCpPlan(db, {
      child_id: planned.id,
      la_id: 'leicester',
      category: 'EMO',
      start_date: '2024-02-01',
      end_date: null,
    })
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser.close()
    await server.close()
  })

  it('a teacher refers; LA, police, health and education add what they hold; the LA decides; the teacher sees it', async () => {
    const teacher = demo(users, 'referrer')
    let page = await people.as(teacher)
    await visit(page, `${server.baseUrl}/referrals/new`)
    await fillReferral(page, { first: 'Lily', last: 'Sample', postcode: 'LE2 1AA', upn: UPN })
    const id = await submitReferral(page)

    const laPractitioner = await addPerson(
      server.database,
      'leicester-city-council',
      'mat-practitioner',
      'leicester',
    )
    const educationLead = await addPerson(
      server.database,
      'leicester-schools',
      'mat-practitioner',
      'leicester',
    )
    const triage = [
      laPractitioner,
      demo(users, 'police-public-protection'),
      demo(users, 'mat-practitioner'),
      educationLead,
    ]
    for (const [index, person] of triage.entries()) {
      page = await people.as(person)
      if (index === 0) {
        await visit(page, `${server.baseUrl}/front-door`)
        assert.match(await page.locator('tr', { hasText: 'Lily Sample' }).innerText(), /Multi-agency triage/)
      }
      await visit(page, `${server.baseUrl}/referrals/${id}/mat`)
      await page
        .getByLabel('What do your agency’s records hold about the child?')
        .fill(`Record ${index + 1}: known to us.`)
      await page.getByLabel(/household and the adults/).fill('Stepfather moved in this year.')
      await page.locator('input[name="lawfulBasis"]').first().check()
      await clickThrough(page, 'Add to triage')
      assert.match(await page.locator('main').innerText(), /Your agency’s information is in the triage/)
    }
    const summary = await page.locator('.govuk-summary-list').first().innerText()
    assert.equal((summary.match(/Added/g) ?? []).length, 4, 'all four agencies have added their information')

    page = await people.as(laPractitioner)
    await decide(page, server.baseUrl, id, 'Strategy discussion (section 47)', 4)

    page = await people.as(teacher)
    await visit(page, `${server.baseUrl}/referrals/${id}`)
    assert.match(await page.locator('main').innerText(), /We are holding a strategy discussion today/)
  })

  it('sends a new concern about a child on a live CP plan straight to the strategy discussion queue', async () => {
    let page = await people.as(demo(users, 'referrer'))
    await visit(page, `${server.baseUrl}/referrals/new`)
    await fillReferral(page, { first: 'Rose', last: 'Sample', postcode: 'LE3 1AA', nhs: LIVE_PLAN_NHS })
    await page.getByLabel(/Urgent/).check()
    const id = await submitReferral(page)

    page = await people.as(demo(users, 'front-door-screener', 'leicester'))
    await visit(page, `${server.baseUrl}/front-door?la=leicester&queue=strategy-discussion`)
    const row = page.locator('tr', { hasText: 'Rose Sample' })
    assert.match(await row.innerText(), /Strategy discussion/)
    assert.match(await row.innerText(), /Urgent/)
    assert.match(await row.innerText(), /Live CP plan/)
    await visit(page, `${server.baseUrl}/front-door?la=leicester&queue=mat`)
    assert.equal(await page.locator('tr', { hasText: 'Rose Sample' }).count(), 0, 'it skipped MAT')
    await visit(page, `${server.baseUrl}/referrals/${id}`)
    assert.doesNotMatch(await page.locator('main').innerText(), /Multi-agency triage:/)
  })
})
