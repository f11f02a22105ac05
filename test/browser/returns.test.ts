import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { CENSUS_CLOSING, censusOpening, childXml } from '../../src/cin-census/index.ts'
import { child, episode, protectionPlan } from '../../src/cin-census/testing.ts'
import { apiKeyFor } from '../../src/sharing/testing.ts'
import { seedAnnexA } from '../support/annex-a.ts'
import { assertAccessible, type Browser, launchBrowser } from '../support/browser.ts'
import { addPerson, People, type Person, visit } from '../support/people.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

// Leicester's case management system sends its CIN census return; the analyst finds it in the
// statutory returns, reads the findings per rule and per child, then makes the Annex A workbook for
// a period (after a wrong date) and downloads it. Accessible throughout (axe needs JavaScript; the
// pages need none: links and a GET form).
const RETURN =
  censusOpening({ collection: 'CIN', year: '2025', referenceDate: '2025-03-31', lea: '856' }) +
  childXml(
    child({
      laChildId: 'LEI777',
      episodes: [
        episode({
          closureDate: '2024-12-01',
          reasonForClosure: 'RC1',
          protectionPlans: [protectionPlan({ endDate: '2024-12-02' })],
        }),
      ],
    }),
  ) +
  CENSUS_CLOSING

describe('the statutory returns in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let people: People
  let analyst: Person
  let partnershipAnalyst: Person

  before(async () => {
    server = await startTestServer()
    // The service asks an analyst for no second factor (it signs them straight in), so no code is given.
    const enrolled = await addPerson(server.database, 'leicester-city-council', 'analyst', 'leicester')
    analyst = { email: enrolled.email, totpSecret: null }
    const wide = await addPerson(server.database, 'leicester-city-council', 'analyst', null)
    partnershipAnalyst = { email: wide.email, totpSecret: null }
    await seedAnnexA(server.database.db)
    const key = await apiKeyFor(server.database.db, 'leicester-city-council', ['returns:write'])
    const sent = await fetch(`${server.baseUrl}/api/v1/returns/cin-census`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/xml' },
      body: RETURN,
    })
    assert.equal(sent.status, 201)
    browser = await launchBrowser()
    people = new People(await browser.context.newPage(), server.baseUrl)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the analyst reads a checked census return and downloads the Annex A workbook', async () => {
    const page = await people.as(analyst)
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
    await visit(page, `${server.baseUrl}/`)
    await page.getByRole('link', { name: 'Statutory returns' }).first().click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Statutory returns')
    await assertAccessible(page)

    await page.getByRole('link', { name: /Leicester, census year ending March 2025/ }).click()
    await page.waitForLoadState('load')
    const main = await page.locator('main').innerText()
    assert.match(main, /Activity shown after a case has been closed/)
    assert.match(main, /LEI777/)
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Statutory returns' }).first().click()
    await page.getByRole('link', { name: /Make the Annex A workbook/ }).click()
    await page.waitForLoadState('load')
    await page.locator('#la').selectOption('leicester')
    for (const [name, [day, month, year]] of [
      ['from', ['31', '2', '2025']],
      ['to', ['30', '9', '2025']],
    ] as const) {
      await page.locator(`#${name}-day`).fill(day)
      await page.locator(`#${name}-month`).fill(month)
      await page.locator(`#${name}-year`).fill(year)
    }
    await page.getByRole('button', { name: 'Show the lists' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.title(), /^Error:/)
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /first day of the period as a real date/,
    )
    await assertAccessible(page)

    await page.locator('#from-day').fill('1')
    await page.locator('#from-month').fill('4')
    await page.getByRole('button', { name: 'Show the lists' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.locator('main').innerText(), /Leicester, 1 April 2025 to 30 September 2025/)
    await assertAccessible(page)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the workbook' }).click(),
    ])
    assert.equal(download.suggestedFilename(), 'annex-a-leicester-2025-04-01-to-2025-09-30.xlsx')
  })

  it('the analyst uploads a census file on a page, sees its findings, and is told of a file masa cannot read', async () => {
    const page = await people.as(analyst)
    await visit(page, `${server.baseUrl}/returns`)
    await page.getByRole('link', { name: 'Upload a return to check it' }).click()
    await page.waitForLoadState('load')
    assert.equal(await page.locator('h1').innerText(), 'Check a children in need census return')
    await assertAccessible(page)

    await page.locator('#census').setInputFiles({
      name: 'leicester-notes.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from('These are notes, not the census.'),
    })
    await page.getByRole('button', { name: 'Check the return' }).click()
    await page.waitForLoadState('load')
    assert.match(await page.title(), /^Error:/)
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /leicester-notes\.xml: The file is not a CIN census XML masa can read/,
    )
    await assertAccessible(page)

    await page.locator('#census').setInputFiles({
      name: 'leicester-cin-2025.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(RETURN.replace('LEI777', 'LEI888')),
    })
    await page.getByRole('button', { name: 'Check the return' }).click()
    await page.waitForURL((url) => /^\/returns\/cin-census\/[0-9a-f-]{36}$/.test(url.pathname))
    const main = await page.locator('main').innerText()
    assert.match(main, /Activity shown after a case has been closed/)
    assert.match(main, /LEI888/)
    await assertAccessible(page)
  })

  it('an analyst of the whole partnership compares the LAs’ returns and downloads a combined list', async () => {
    const page = await people.as(partnershipAnalyst)
    await visit(page, `${server.baseUrl}/returns`)
    await page.getByRole('link', { name: 'Compare the local authorities’ returns' }).click()
    await page.waitForLoadState('load')
    await assertAccessible(page)
    for (const [name, [day, month, year]] of [
      ['from', ['1', '4', '2025']],
      ['to', ['30', '9', '2025']],
    ] as const) {
      await page.locator(`#${name}-day`).fill(day)
      await page.locator(`#${name}-month`).fill(month)
      await page.locator(`#${name}-year`).fill(year)
    }
    await page.getByRole('button', { name: 'Compare' }).click()
    await page.waitForLoadState('load')
    const main = await page.locator('main').innerText()
    assert.match(main, /1 April 2025 to 30 September 2025/)
    assert.match(main, /Leicestershire/)
    assert.doesNotMatch(main, /Synthetic|LEI-A/, 'no child on the page')
    await assertAccessible(page)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV of child protection plans' }).click(),
    ])
    assert.equal(download.suggestedFilename(), 'partnership-plans-2025-04-01-to-2025-09-30.csv')
    const text = await readFile((await download.path()) as string, 'utf8')
    assert.match(text, /856-LEI-A,Leicester,856,F,WBRI,2015-06-01,9,LE2 1,/)
    assert.doesNotMatch(text, /2015-06-10|LE2 1AA|Synthetic/)
  })
})
