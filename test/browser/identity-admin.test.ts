import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { totpCode } from '../../src/identity/secrets.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

/** Submits the page's form with its button and runs axe on the page it ends on; returns that page's status. */
async function submit(page: Page, button: string): Promise<number> {
  const redirect = (status: number) => status >= 300 && status < 400
  const answered = page.waitForResponse(
    (response) => response.request().isNavigationRequest() && !redirect(response.status()),
  )
  await page.getByRole('button', { name: button }).click()
  const status = (await answered).status()
  await page.waitForLoadState('load')
  await assertAccessible(page)
  return status
}

describe('an agency administrator changes roles and resets a password, in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  let administrator: Person
  let colleague: Person
  let temporaryPassword: string

  before(async () => {
    server = await startTestServer()
    administrator = await addPerson(server.database, 'rutland-county-council', 'agency-admin', null)
    colleague = await addPerson(server.database, 'rutland-county-council', 'business-support', 'rutland')
    browser = await launchBrowser()
    page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    await new People(page, server.baseUrl).as(administrator)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('changes a user’s roles, keeping what was chosen when none is ticked', async () => {
    await visit(page, `${server.baseUrl}/admin/users/new`)
    await visit(page, `${server.baseUrl}/admin/users`)
    await page.getByRole('link', { name: 'business-support of rutland-county-council' }).click()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Change roles' }).click()
    await assertAccessible(page)
    assert.ok(await page.getByLabel('Business support').isChecked())

    await page.getByLabel('Business support').uncheck()
    await page.getByLabel('Area the roles cover').selectOption({ label: 'Rutland' })
    assert.equal(await submit(page, 'Save roles'), 400)
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select at least one role/)
    assert.equal(await page.getByLabel('Area the roles cover').inputValue(), 'rutland')

    await page.getByLabel('Referrer').check()
    assert.equal(await submit(page, 'Save roles'), 200)
    const main = await page.locator('main').innerText()
    assert.match(main, /roles are changed and they are signed out/)
    assert.match(main, /Referrer \(Rutland\)/)
  })

  it('resets the password, shown once, and the user chooses a new one at sign-in', async () => {
    assert.equal(await submit(page, 'Reset password and sign out now'), 200)
    temporaryPassword = await page.locator('#temporary-password').innerText()
    assert.match(temporaryPassword, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/)

    await page.context().clearCookies()
    await visit(page, `${server.baseUrl}/sign-in`)
    await page.locator('#email').fill(colleague.email)
    await page.locator('#password').fill(temporaryPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/two-factor/)
    await page.locator('#code').fill(await totpCode(colleague.totpSecret as string, new Date()))
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/new-password/)
    await assertAccessible(page)

    await page.getByLabel('New password').fill('too short')
    assert.equal(await submit(page, 'Continue'), 400)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /12 characters or more/)
    await page.getByLabel('New password').fill('kettle orchard lantern')
    assert.equal(await submit(page, 'Continue'), 200)
    assert.equal(new URL(page.url()).pathname, '/')
  })
})
