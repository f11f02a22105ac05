import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { findUserByEmail } from '../../src/identity/store.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { type SeededChild, seedChildren } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { signInThroughPages, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const SUMMARY = 'Adult in the household arrested on suspicion of assault'
const RESTRICTED = 'Intelligence: neighbour report of repeated incidents'

describe('sharing an event in the browser', () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let police: DemoUser
  let dsl: DemoUser
  let manager: DemoUser
  let child: SeededChild

  before(async () => {
    server = await startTestServer()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    const users = await seedDemoUsers(server.database, partnership)
    police = users.find((u) => u.grants.some((g) => g.role === 'police-public-protection')) as DemoUser
    dsl = users.find((u) => u.grants.some((g) => g.role === 'referrer')) as DemoUser
    manager = users.find(
      (u) => u.agencyId === dsl.agencyId && u.grants.some((g) => g.role === 'safeguarding-manager'),
    ) as DemoUser
    const db = server.database.db
    ;[child] = (await seedChildren(db, 1, {
      laId: 'leicester',
      involvedAgencyIds: ['llr-community-health'],
    })) as [SeededChild]
    // The school's designated safeguarding lead is the child's named contact there.
    const dslId = (await findUserByEmail(db, dsl.email))?.id ?? null
    await db
      .insertInto('child_involvement')
      .values({
        child_id: child.id,
        agency_id: dsl.agencyId,
        user_id: dslId,
        kind: 'roll',
        reason: 'school',
        lawful_basis: 'UK GDPR Art 6(1)(e); Education Act 2002 s175',
      })
      .execute()
    browser = await launchBrowser()
    page = await browser.context.newPage()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a police officer shares an arrest, the school DSL acknowledges it, the chronology shows both', async () => {
    await signInThroughPages(page, server.baseUrl, police)
    await visit(page, `${server.baseUrl}/sharing/events/new`)
    const yesterday = new Date(Date.now() - 86_400_000)
    await page.locator('#type').selectOption('arrest')
    await page.locator('#occurred-day').fill(String(yesterday.getUTCDate()))
    await page.locator('#occurred-month').fill(String(yesterday.getUTCMonth() + 1))
    await page.locator('#occurred-year').fill(String(yesterday.getUTCFullYear()))
    await page.locator('#occurredTime').fill('09:30')
    await page.locator('#nhsNumber').fill(child.nhsNumber)
    // The NHS number joins the child's record only with the date of birth (or name) to corroborate it.
    await page.locator('#dob-day').fill('1')
    await page.locator('#dob-month').fill('6')
    await page.locator('#dob-year').fill('2015')
    await page.locator('#summary').fill(SUMMARY)
    await page.getByLabel('Police-restricted details').check()
    await page.locator('#restrictedDetails').fill(RESTRICTED)
    await page.locator('#lawfulBasis').selectOption('dpa2018-sch8-para4')
    await page.getByRole('button', { name: 'Share with partners' }).click()
    await page.waitForURL(/\/sharing\/events\/[0-9a-f-]{36}$/)
    await assertAccessible(page)
    const shared = await page.content()
    assert.doesNotMatch(shared, /Leicester schools|Leicester City Council/, 'not who was told')
    assert.match(
      await page.locator('#restricted-details').innerText(),
      /neighbour report/,
      'police read their own details',
    )

    await signInThroughPages(page, server.baseUrl, dsl)
    await visit(page, `${server.baseUrl}/sharing/inbox`)
    const row = await page.getByRole('row', { name: new RegExp(SUMMARY) }).innerText()
    assert.match(row, /By (the end of \d{1,2} \w+ \d{4}|\d{1,2} \w+ \d{4} at \d)/, 'the deadline in words')
    await page.getByRole('link', { name: new RegExp(SUMMARY) }).click()
    await page.waitForURL(/\/sharing\/inbox\/[0-9a-f-]{36}$/)
    await assertAccessible(page)
    assert.doesNotMatch(
      await page.content(),
      /neighbour report/,
      'the school never sees police-restricted details',
    )
    await page.locator('#note').fill('Checked against our safeguarding records; logged on CPOMS')
    await page.locator('#reference').fill('CPOMS-4411')
    await page.getByRole('button', { name: 'Confirm checked and recorded' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    assert.match(await page.locator('#acknowledged').innerText(), /CPOMS-4411/)

    await visit(page, `${server.baseUrl}/children/${child.id}/chronology`)
    const chronology = await page.locator('#chronology').innerText()
    assert.match(chronology, /Arrest: Adult in the household arrested/)
    assert.match(chronology, /Checked against own records and recorded/)
    await visit(page, `${server.baseUrl}/children/${child.id}/chronology?agency=leicester-schools`)
    const filtered = await page.locator('#chronology').innerText()
    assert.match(filtered, /1 entries/)
    assert.doesNotMatch(filtered, /Leicestershire Police/)
    await visit(page, `${server.baseUrl}/sharing/dashboard`)
  })

  it('the school’s safeguarding manager follows its acknowledgements but does not administer users', async () => {
    await signInThroughPages(page, server.baseUrl, manager)
    await visit(page, `${server.baseUrl}/sharing/dashboard`)
    const navigation = await page.getByRole('navigation', { name: 'Menu' }).innerText()
    assert.match(navigation, /Shared events/)
    assert.doesNotMatch(navigation, /Administration|Audit/)
    assert.match(await page.locator('h1').innerText(), /Shared events dashboard/)
    await visit(page, `${server.baseUrl}/sharing/inbox?show=acknowledged`)
    await page.getByRole('link', { name: new RegExp(SUMMARY) }).click()
    await page.waitForURL(/\/sharing\/inbox\/[0-9a-f-]{36}$/)
    await assertAccessible(page)
    assert.match(await page.locator('#acknowledged').innerText(), /CPOMS-4411/)
    assert.equal((await page.goto(`${server.baseUrl}/admin/users`))?.status(), 403)
  })
})
