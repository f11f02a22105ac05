import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { DEMO_PARTNERSHIPS } from '../support/app.ts'
import { assertAccessible, type Browser, follow, launchBrowser, press } from '../support/browser.ts'
import { addPerson, People, type Person } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// Two partnerships, each on its own masa. Plymouth and Torbay's business unit writes its shared
// vision, answering one guiding question, and downloads its plan file. Leicester, Leicestershire and
// Rutland's business unit writes its own vision (answering both questions), downloads its plan file,
// then, acting for the regional forum, pastes a broken file (refused, naming the field), then
// Plymouth and Torbay's; reads the two plans side by side (the vision differs on one question),
// records feedback to Plymouth and Torbay and takes its text into the wider-footprint draft.
// Accessible throughout, no script needed.
describe('the MASA plan in Chromium', () => {
  let llr: TestServer
  let plymouth: TestServer
  let browser: Browser
  let llrAdmin: Person
  let plymouthAdmin: Person

  before(async () => {
    llr = await startTestServer()
    plymouth = await startTestServer(DEMO_PARTNERSHIPS.plymouthTorbay)
    llrAdmin = await addPerson(llr.database, 'leicester-city-council', 'partnership-admin', null)
    plymouthAdmin = await addPerson(plymouth.database, 'plymouth-city-council', 'partnership-admin', null)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await llr?.close()
    await plymouth?.close()
  })

  const download = async (page: Page, link: RegExp) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: link }).click(),
    ])
    return { name: file.suggestedFilename(), text: await readFile((await file.path()) as string, 'utf8') }
  }
  /** Each server's business unit in turn (the servers share a host, so their cookies would clash). */
  const planOf = async (server: TestServer, admin: Person) => {
    await browser.context.clearCookies()
    const page = await new People(await browser.context.newPage(), server.baseUrl).as(admin)
    await page.goto(`${server.baseUrl}/`)
    await follow(page, 'MASA plan')
    return page
  }
  const writeVision = async (page: Page, text: string, question: RegExp) => {
    await follow(page, /^2\. Shared vision$/)
    await page.getByLabel(question).check()
    await page.locator('#text').fill(text)
    await press(page, 'Save as a new version')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /saved as a new version/)
    await assertAccessible(page)
  }

  it('two partnerships’ plans are compared by a regional forum, which records feedback', async () => {
    const other = await planOf(plymouth, plymouthAdmin)
    await writeVision(
      other,
      'Torbay and Plymouth: children safe in every community.',
      /Does the plan show how positive outcomes/,
    )
    const plymouthFile = await download(other, /Download the plan as a file/)
    assert.equal(plymouthFile.name, 'masa-plan-plymouth-torbay.json')
    await other.close()

    const page = await planOf(llr, llrAdmin)
    // A section refused without its text keeps the questions ticked and says what is missing.
    await follow(page, /^2\. Shared vision$/)
    await page.getByLabel(/Does the plan show how positive outcomes/).check()
    await press(page, 'Save as a new version')
    assert.match(await page.title(), /^Error:/)
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the section’s text/)
    assert.equal(await page.getByLabel(/Does the plan show how positive outcomes/).isChecked(), true)
    await assertAccessible(page)
    await page.getByLabel(/How does the expression of vision/).check()
    await page.locator('#text').fill('Leicester, Leicestershire and Rutland: every child safe and heard.')
    await press(page, 'Save as a new version')
    assert.match(await page.locator('main').innerText(), /2\. Shared vision\t2 of 2\tVersion 1/)
    await assertAccessible(page)
    const llrFile = await download(page, /Download the plan as a file/)
    assert.equal(JSON.parse(llrFile.text).sections[0].key, 'vision')

    // The forum: a broken file is refused naming the field, then Plymouth and Torbay's is added.
    await follow(page, 'Regional forum: compare partnerships’ plans')
    const broken = JSON.parse(plymouthFile.text)
    broken.sections[0].key = 'visions'
    await page.locator('#file').fill(JSON.stringify(broken))
    await press(page, 'Add the plan to the forum')
    assert.match(await page.title(), /^Error:/)
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /field "sections\[0\]\.key" must be the key of one of the 17 sections/,
    )
    await assertAccessible(page)
    await page.locator('#file').fill(plymouthFile.text)
    await press(page, 'Add the plan to the forum')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /plan is in the forum/)

    const vision = page.locator('section', { has: page.locator('#compare-vision') })
    assert.match(await vision.locator('h3').first().innerText(), /Plans differ/)
    const table = await vision.locator('table').innerText()
    assert.match(table, /Leicester, Leicestershire and Rutland.*\(this partnership\)\tPlymouth and Torbay/)
    assert.match(table, /Does the plan show how positive outcomes[^\n]*\tAnswered\tAnswered/)
    assert.match(table, /How does the expression of vision[^\n]*Differs\tAnswered\tNot answered/)
    assert.match(await vision.innerText(), /Torbay and Plymouth: children safe in every community\./)
    await assertAccessible(page)

    // Feedback to Plymouth and Torbay, then its vision into the wider-footprint draft.
    await page
      .getByRole('group', { name: 'Which partnership is the feedback for?' })
      .getByLabel('Plymouth and Torbay')
      .check()
    await page.getByLabel('The forum’s feedback').fill('Say how the vision reflects your current learning.')
    await press(page, 'Record the feedback')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /feedback is recorded/)
    assert.match(
      await page.locator('main').innerText(),
      /Say how the vision reflects your current learning\./,
    )
    await assertAccessible(page)
    const choose = vision.getByRole('button', {
      name: /Use this text in the wider plan.*Plymouth and Torbay/,
    })
    await choose.click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('#wider ~ dl').innerText(), /2\. Shared vision\tFrom Plymouth and Torbay/)
    const wider = await download(page, /Download the wider-footprint draft/)
    assert.equal(
      JSON.parse(wider.text).sections[0].text,
      'Torbay and Plymouth: children safe in every community.',
    )
    await assertAccessible(page)
  })
})
