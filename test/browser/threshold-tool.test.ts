import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

/**
 * axe runs inside the page, so pages seen with JavaScript off are checked again by URL in a
 * JavaScript-enabled page: the same server-rendered HTML.
 */
type Check = (page: Page) => Promise<void>

/** Walks the three domains ticking the given indicators, checking each page with axe. */
async function walk(page: Page, baseUrl: string, ticks: Record<string, string[]>, check: Check) {
  await page.goto(`${baseUrl}/threshold-tool`)
  await check(page)
  await page.getByRole('button', { name: 'Start now' }).click()
  for (const domain of ['child-development', 'parenting-capacity', 'family-and-environment']) {
    await page.waitForURL(new RegExp(`/threshold-tool/${domain}`))
    await check(page)
    for (const text of ticks[domain] ?? []) await page.getByLabel(text).check()
    await page.getByRole('button', { name: /Continue|See the suggested level/ }).click()
  }
  await page.waitForURL(/\/threshold-tool\/result/)
  await check(page)
}

for (const javaScriptEnabled of [false, true]) {
  describe(`the threshold tool in Chromium, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    let server: TestServer
    let browser: Browser
    let axeBrowser: Browser
    let check: Check
    before(async () => {
      server = await startTestServer()
      browser = await launchBrowser({ javaScriptEnabled })
      axeBrowser = javaScriptEnabled ? browser : await launchBrowser()
      const axePage = await axeBrowser.context.newPage()
      check = javaScriptEnabled
        ? assertAccessible
        : async (page) => {
            await axePage.goto(page.url())
            await assertAccessible(axePage)
          }
    })
    after(async () => {
      if (axeBrowser !== browser) await axeBrowser.close()
      await browser.close()
      await server.close()
    })

    it('suggests the highest level, with its local label, what led there and the next steps', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      await walk(
        page,
        server.baseUrl,
        {
          'child-development': ['Has missed health appointments or immunisations'],
          'parenting-capacity': ['Basic care is neglected over time'],
          'family-and-environment': ['The family is homeless'],
        },
        check,
      )
      assert.match(await page.locator('h1').innerText(), /Level 3: Complex needs/)
      const deciding = await page.getByTestId('deciding').innerText()
      assert.match(deciding, /Basic care is neglected over time/)
      assert.match(deciding, /The family is homeless/)
      assert.doesNotMatch(deciding, /missed health appointments/)
      assert.equal(await page.getByTestId('consider-next-level').count(), 1)
      assert.equal(await page.locator('input[name="threshold_level"]').inputValue(), '3')
      assert.equal(
        await page.locator('input[name="threshold_indicators"]').inputValue(),
        'cd-2-health,pc-3-neglect,fe-3-housing',
      )
    })

    it('keeps the answers when going back to change one, and opens an indicator page', async () => {
      const page = await browser.context.newPage()
      page.setDefaultTimeout(10_000)
      await walk(
        page,
        server.baseUrl,
        { 'parenting-capacity': ['A parent or carer has harmed the child'] },
        check,
      )
      assert.match(await page.locator('h1').innerText(), /Level 4/)
      await page.getByRole('link', { name: /Change\s+Parenting capacity/ }).click()
      await check(page)
      const harmed = page.getByLabel('A parent or carer has harmed the child')
      assert.equal(await harmed.isChecked(), true)
      await harmed.uncheck()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('button', { name: 'See the suggested level' }).click()
      assert.match(await page.locator('h1').innerText(), /Level 1/)
      await page.goto(`${server.baseUrl}/threshold-tool/indicators/fe-3-domestic-abuse`)
      await check(page)
      assert.match(await page.locator('h1').innerText(), /Level 3/)
    })
  })
}
