import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { london, seedBarePlan, seedChild, seedReferral, seedReview } from '../support/intelligence.ts'
import { addPerson, People, type Person, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// The analyst signs in to the performance dashboard, sees referral decisions in Leicester rated red
// in words, opens the list behind the figure and downloads it. Accessible throughout, no script needed.
describe('the performance dashboard in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let analyst: Person

  before(async () => {
    server = await startTestServer(undefined, { now: () => london('2026-07-15T12:00') })
    // An analyst sees no case data and signs in without a second factor.
    analyst = { ...(await addPerson(server.database, 'llr-probation', 'analyst', null)), totpSecret: null }
    const db = server.database.db
    await seedReferral(db, {
      laId: 'leicester',
      receivedAt: london('2026-05-22T16:00'),
      decidedAt: london('2026-05-26T10:00'),
    })
    await seedReferral(db, {
      laId: 'leicester',
      receivedAt: london('2026-05-22T16:00'),
      decidedAt: london('2026-05-27T09:00'),
    })
    await seedReferral(db, {
      laId: 'rutland',
      receivedAt: london('2026-06-03T09:00'),
      decidedAt: london('2026-06-04T09:00'),
    })
    // A review conference booked late, with the reason the chair gave.
    const child = await seedChild(db, 'leicester')
    const planId = await seedBarePlan(db, { laId: 'leicester', childId: child, startedOn: '2026-02-02' })
    await seedReview(db, {
      laId: 'leicester',
      childId: child,
      planId,
      dueBy: '2026-05-29',
      meetingOn: '2026-06-02',
      status: 'decided',
      lateReason: 'The chair was ill',
    })
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the analyst drills from a red measure to its list and downloads it', async () => {
    const page = await people.as(analyst)
    await visit(page, `${server.baseUrl}/`)
    await page.getByRole('link', { name: 'Performance', exact: true }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Performance against the partnership’s standards')
    await assertAccessible(page)

    const decisions = page.locator('section#referral-decisions')
    assert.match(await decisions.locator('[data-rating]').innerText(), /Red: below the standard/)
    assert.ok(
      await decisions.getByRole('img', { name: /Referral decisions within 1 working day/ }).isVisible(),
    )

    await page.locator('#la').selectOption('leicester')
    await page.locator('#from').selectOption('2026-05')
    await page.locator('#to').selectOption('2026-06')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForLoadState('load')
    assert.match(page.url(), /la=leicester&from=2026-05&to=2026-06/)
    await assertAccessible(page)

    await decisions
      .getByRole('link', { name: /^50%.*see the list/ })
      .first()
      .click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Referral decisions within 1 working day')
    assert.match(await page.locator('#value').innerText(), /50% \(1 of 2\).*Red: below the standard/)
    const rows = await page.locator('#items tbody tr').allInnerTexts()
    assert.equal(rows.length, 2)
    assert.match(rows[1] ?? '', /FD-\d{6}\s+22 May 2026\s+27 May 2026\s+26 May 2026\s+No/)
    await assertAccessible(page)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this list (Excel)' }).click(),
    ])
    assert.equal(download.suggestedFilename(), 'referral-decisions-leicester-2026-05-to-2026-06.xlsx')
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this list (CSV)' }).click(),
    ])
    const text = await readFile((await csv.path()) as string, 'utf8')
    assert.match(text, /Area,Referral,Received,Decided,Due by,Decided within 1 working day/)
    assert.match(text, /Leicester,FD-\d{6},22 May 2026,27 May 2026,26 May 2026,No/)
  })

  it('the analyst drills from a red late-bookings figure to the reasons, exports them, and downloads the dashboard as a PDF', async () => {
    const page = await people.as(analyst)
    await visit(page, `${server.baseUrl}/intelligence?la=leicester&from=2026-05&to=2026-06`)
    const bookings = page.locator('section#bookings-on-time')
    assert.match(await bookings.locator('[data-rating]').innerText(), /Red: below the standard/)
    assert.ok(await page.getByRole('img', { name: /Each measure’s value over the period/ }).isVisible())
    assert.ok(await page.getByRole('img', { name: /Referrals received by source/ }).isVisible())

    await bookings
      .getByRole('link', { name: /^0%.*see the list/ })
      .first()
      .click()
    await page.waitForLoadState('load')
    assert.equal(
      await page.locator('h1').innerText(),
      'Strategy discussions and conferences booked within their timescale',
    )
    const rows = await page.locator('#items tbody tr').allInnerTexts()
    assert.equal(rows.length, 1)
    assert.match(rows[0] ?? '', /CP-\d{6}\s+The chair was ill\s+29 May 2026\s+2 June 2026\s+No/)
    await assertAccessible(page)
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this list (CSV)' }).click(),
    ])
    const text = await readFile((await csv.path()) as string, 'utf8')
    assert.match(
      text,
      /Area,Meeting,Reason given for a late booking,Due by,Booked for,Booked within the timescale/,
    )
    assert.match(text, /Leicester,CP-\d{6},The chair was ill,29 May 2026,2 June 2026,No/)

    await page.getByRole('link', { name: 'Back to the dashboard' }).click()
    await page.waitForLoadState('load')
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this dashboard (PDF)' }).click(),
    ])
    assert.equal(pdf.suggestedFilename(), 'performance-leicester-2026-05-to-2026-06.pdf')
    const bytes = await readFile((await pdf.path()) as string)
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
  })
})
