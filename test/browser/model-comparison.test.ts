import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { assertAccessible, type Browser, download, launchBrowser } from '../support/browser.ts'
import { seedReferral } from '../support/intelligence.ts'
import { addPerson, openSectionAs, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// Two partnerships of different operating models: Leicester, Leicestershire and Rutland (model 2)
// and Plymouth and Torbay (model 1a), each with referrals decided last month. Plymouth's analyst
// downloads its figures file; LLR's analyst pastes it wrongly (refused, in the error summary), then
// whole, and reads the two models side by side, the chart beside its table. Accessible throughout.
describe('comparing operating models in Chromium', () => {
  let llr: TestServer
  let plymouth: TestServer
  let browser: Browser
  const analysts: Record<'llr' | 'plymouth', Person> = {} as never
  const now = new Date()
  const day = (d: number, hour: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, d, hour))

  before(async () => {
    llr = await startTestServer()
    plymouth = await startTestServer(DEMO_PARTNERSHIPS.plymouthTorbay)
    // LLR: one of two decided within a working day; Plymouth: both.
    await seedReferral(llr.database.db, { laId: 'leicester', receivedAt: day(3, 9), decidedAt: day(3, 12) })
    await seedReferral(llr.database.db, { laId: 'leicester', receivedAt: day(4, 9), decidedAt: day(20, 12) })
    for (const d of [5, 6])
      await seedReferral(plymouth.database.db, {
        laId: 'plymouth',
        receivedAt: day(d, 9),
        decidedAt: day(d, 12),
      })
    // Analysts sign in without a second factor (they read no child's record).
    analysts.llr = {
      email: (await addPerson(llr.database, 'leicester-city-council', 'analyst', null)).email,
      totpSecret: null,
    }
    analysts.plymouth = {
      email: (await addPerson(plymouth.database, 'plymouth-city-council', 'analyst', null)).email,
      totpSecret: null,
    }
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await llr?.close()
    await plymouth?.close()
  })

  it('an analyst imports another partnership’s figures and compares the models', async () => {
    const other = await openSectionAs(browser, plymouth.baseUrl, analysts.plymouth, 'Operating models')
    await assertAccessible(other)
    const plymouthFile = (await download(other, /Download your partnership’s figures file/)).text
    await other.close()

    const page = await openSectionAs(browser, llr.baseUrl, analysts.llr, 'Operating models')
    const broken = JSON.parse(plymouthFile)
    broken.operating_model = '3'
    await page.locator('#file').fill(JSON.stringify(broken))
    await page.getByRole('button', { name: 'Import the file' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.title(), /^Error:/)
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /not a performance figures file: operating_model/,
    )
    await assertAccessible(page)

    await page.locator('#file').fill(plymouthFile)
    await page.getByRole('button', { name: 'Import the file' }).click()
    await page.waitForLoadState('load')
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      /Plymouth and Torbay Safeguarding Children Partnership’s figures imported/,
    )
    const models = page.getByRole('table', { name: 'Each operating model (the chart’s figures)' }).first()
    const rows = await models.locator('tbody tr').allInnerTexts()
    assert.match(rows[0] ?? '', /^Model 1a: each LA screens its own referrals\t1\t100% \(2 of 2\)\tGreen/)
    assert.match(rows[1] ?? '', /^Model 2: one multi-agency team for the partnership\t1\t50% \(1 of 2\)\tRed/)
    assert.equal(await page.locator('figure.masa-chart svg[role="img"]').first().isVisible(), true)
    await assertAccessible(page)
  })
})
