import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../src/identity/index.ts'
import { hashPassword } from '../../src/identity/secrets.ts'
import { createUser } from '../../src/identity/store.ts'
import { appendAuditEvents } from '../../src/platform/audit/log.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { enrolUser, People, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

const PHONE = { width: 375, height: 812 }
const DESKTOP = { width: 1280, height: 900 }

/** Whether the page itself scrolls sideways: nothing may, at any width (a wide table scrolls in its own region). */
const pageOverflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

/** axe at a phone's width and a desktop's, and no sideways scrolling at either. */
async function checkAtBothWidths(page: Page): Promise<void> {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size)
    assert.equal(await pageOverflows(page), false, `${page.url()} scrolls sideways at ${size.width}px`)
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))
    await assertAccessible(page)
  }
}

describe('the look of the service: the partnership’s own, and who is signed in, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  const scrutineer = { email: 'iris.okonjo@llr-probation.example', totpSecret: '' }

  before(async () => {
    server = await startTestServer()
    scrutineer.totpSecret = await enrolUser(server.database.db, {
      agencyId: 'llr-probation',
      email: scrutineer.email,
      displayName: 'Iris Okonjo',
      grants: [{ role: 'independent-scrutineer', laId: null }],
    })
    // Entries long enough to need every column of the audit table.
    await server.database.db.transaction().execute((trx) =>
      appendAuditEvents(
        trx,
        Array.from({ length: 5 }, (_, i) => ({
          actorKind: 'user' as const,
          actorId: `someone-${i}`,
          agencyId: 'leicestershire-police',
          action: 'child.view',
          resourceKind: 'child' as const,
          resourceId: '0b6f4a54-5f0e-4a8e-9d43-6a1f8f0c2b11',
          childId: '0b6f4a54-5f0e-4a8e-9d43-6a1f8f0c2b11',
          outcome: 'allowed' as const,
          basis: 'break-glass',
          reason: 'Opened by break-glass with a reason',
          lawfulBasis: 'Data Protection Act 2018, Schedule 8, paragraph 4',
          breakGlassReason: 'A named adult was arrested at the child’s address overnight',
          ip: '192.0.2.1',
          requestId: `look-${i}-0123456789abcdef`,
          detail: {},
        })),
      ),
    )
    browser = await launchBrowser()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('names the partnership, not GOV.UK, and shows who is signed in, with their agency and a way to sign out', async () => {
    const fonts: string[] = []
    page.on('request', (request) => request.url().includes('/fonts/') && fonts.push(request.url()))
    await new People(page, server.baseUrl).as(scrutineer)
    await visit(page, `${server.baseUrl}/admin/audit`)
    assert.deepEqual(fonts, [], 'the GOV.UK typeface is never fetched')
    const header = page.locator('header')
    assert.match(
      await header.innerText(),
      /Leicester, Leicestershire and Rutland Safeguarding Children Partnership/,
    )
    assert.match(await header.innerText(), /Signed in as Iris Okonjo, Probation Service \(LLR\)/)
    assert.equal(await header.getByRole('link', { name: 'Sign out' }).getAttribute('href'), '/sign-out')
    assert.equal(
      await page.locator('.govuk-header, .govuk-footer__crown, .govuk-logo').count(),
      0,
      'no crown',
    )
    assert.doesNotMatch(await page.locator('footer').innerText(), /Crown copyright|GOV\.UK/)
  })

  it('keeps a wide table inside its own region: the page never scrolls sideways at 375px', async () => {
    await visit(page, `${server.baseUrl}/admin/audit`)
    const region = page.getByRole('region', { name: 'Audit entries' })
    assert.match(await region.innerText(), /Opened a child’s record/)
    assert.equal(await region.getAttribute('tabindex'), '0', 'reachable by keyboard to scroll')
    await page.setViewportSize(PHONE)
    assert.ok(
      await region.evaluate((element) => element.scrollWidth > element.clientWidth),
      'the table is wider than a phone: it scrolls in its region',
    )
    await checkAtBothWidths(page)
  })

  it('links the footer to the accessibility statement, privacy notice and cookies, written for this service', async () => {
    const pages = [
      ['Accessibility statement', /Accessibility statement for LLR safeguarding/, /axe/],
      ['Privacy notice', /Privacy notice/, /Article 6\(1\)\(e\)/],
      ['Cookies', /Cookies/, /masa_session/],
    ] as const
    for (const [link, heading, says] of pages) {
      await page.locator('footer').getByRole('link', { name: link }).click()
      await page.waitForLoadState('load')
      assert.match(await page.locator('h1').innerText(), heading)
      assert.match(await page.locator('main').innerText(), says)
      await checkAtBothWidths(page)
    }
  })

  it('shows a QR code, with alt text, beside the key when someone sets up their authenticator app', async () => {
    const email = 'tomas.achterberg@leicestershire-police.example'
    await createUser(server.database.db, {
      agencyId: 'leicestershire-police',
      email,
      displayName: 'Tomas Achterberg',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      grants: [{ role: 'mace-coordinator', laId: null }],
    })
    await page.context().clearCookies()
    await page.goto(`${server.baseUrl}/sign-in`)
    await page.locator('#email').fill(email)
    await page.locator('#password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/two-factor\/set-up/)
    const qrCode = page.getByRole('img', { name: /^QR code to add your LLR safeguarding account/ })
    assert.ok(
      await qrCode.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0),
      'the image is drawn (the content security policy lets it load)',
    )
    assert.match(await page.locator('#secret').innerText(), /^[A-Z2-7]{4}( [A-Z2-7]{4})+$/)
    await checkAtBothWidths(page)
  })
})
