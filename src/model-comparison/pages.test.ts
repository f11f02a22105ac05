// The comparison of operating models over HTTP, as an analyst uses it: their partnership's figures
// counted now, their figures file downloaded, another partnership's file imported (and a wrong one
// refused in the error summary with what was pasted kept), both models side by side with a chart
// beside the table, the LAs' rows downloaded; others refused; every step audited.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { london, seedReferral } from '../../test/support/intelligence.ts'
import { signedInPerson } from '../../test/support/people.ts'
import type { TestBrowser } from '../identity/testing.ts'

const REFERRALS = 'Referral decisions within 1 working day'
/** The standard's section of the page, up to the next one. */
const section = (page: string, title: string) =>
  page
    .slice(page.indexOf(`<h2 class="govuk-heading-m">${title}</h2>`))
    .split('<h2 class="govuk-heading-m">')[1] ?? ''

describe('the comparison of operating models', () => {
  let t: TestApp
  let analyst: TestBrowser
  let screener: TestBrowser
  let ownFile: string

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr, { now: () => new Date('2026-12-03T10:00:00Z') })
    analyst = await signedInPerson(t, {
      agencyId: 'leicester-city-council',
      email: 'analyst.models@example.org',
      role: 'analyst',
    })
    screener = await signedInPerson(t, {
      agencyId: 'leicester-city-council',
      email: 'screener.models@example.org',
      role: 'front-door-screener',
    })
    // Leicester in November: one referral decided the same day, one a week later.
    const db = t.database.db
    await seedReferral(db, {
      laId: 'leicester',
      receivedAt: london('2026-11-10T09:00'),
      decidedAt: london('2026-11-10T15:00'),
    })
    await seedReferral(db, {
      laId: 'leicester',
      receivedAt: london('2026-11-12T09:00'),
      decidedAt: london('2026-11-20T15:00'),
    })
  })
  after(() => t.close())

  it('shows the partnership’s own figures, counted now, before any file is imported', async () => {
    const page = await analyst.get('/model-comparison')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /December 2025 to November 2026/)
    assert.match(page.body, /No other partnership’s figures have been imported yet/)
    const referrals = section(page.body, REFERRALS)
    assert.match(referrals, /Model 2: one multi-agency team[\s\S]*?50% \(1 of 2\)/)
    assert.match(
      referrals,
      /Leicester<\/th>\s*<td[^>]*>Leicester, Leicestershire and Rutland[\s\S]*?50% \(1 of 2\)/,
    )
  })

  it('downloads the partnership’s figures file: counts per LA, standard and month, and no child', async () => {
    const download = await analyst.get('/model-comparison/figures.json?from=2026-11&to=2026-11')
    assert.equal(download.statusCode, 200)
    assert.match(
      String(download.headers['content-disposition']),
      /performance-figures-2026-11-to-2026-11\.json/,
    )
    const file = JSON.parse(download.body)
    assert.equal(file.operating_model, '2')
    assert.deepEqual(
      file.rows.filter(
        (row: { measure: string }) => row.measure === 'referral-decision-within-1-working-day',
      ),
      [
        {
          la: 'Leicester',
          measure: 'referral-decision-within-1-working-day',
          month: '2026-11',
          counted: 1,
          total: 2,
        },
      ],
    )
    assert.doesNotMatch(download.body, /Synthetic|FD-/, 'no child, no reference')
    ownFile = download.body
  })

  it('refuses the partnership’s own file and a file that does not add up, keeping what was pasted', async () => {
    const own = await analyst.post('/model-comparison', { file: ownFile })
    assert.equal(own.statusCode, 400)
    assert.match(own.body, /There is a problem/)
    assert.match(own.body, /your own partnership’s file/)
    const wrong = JSON.parse(ownFile)
    wrong.partnership = { id: 'other', name: 'Other Partnership' }
    wrong.rows[0].counted = wrong.rows[0].total + 1
    const refused = await analyst.post('/model-comparison', { file: JSON.stringify(wrong) })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /href="#file"[^>]*>The file’s row 1 counts more than it measured/)
    assert.match(refused.body, /Other Partnership/, 'what was pasted is kept')
    const notJson = await analyst.post('/model-comparison', { file: '{"kind":' })
    assert.match(notJson.body, /The file is not JSON/)
    const badMonth = await analyst.get('/model-comparison?from=1999-01')
    assert.equal(badMonth.statusCode, 400)
    assert.match(badMonth.body, /href="#from"[^>]*>Choose a month from the list for “From”/)
  })

  it('compares the models once another partnership’s file is imported, and downloads every LA’s row', async () => {
    const other = {
      kind: 'masa-performance-figures/1',
      partnership: { id: 'northmoor', name: 'Northmoor Synthetic Partnership' },
      operating_model: '1a',
      from: '2026-11',
      to: '2026-11',
      rows: [
        {
          la: 'Northmoor Town',
          measure: 'referral-decision-within-1-working-day',
          month: '2026-11',
          counted: 8,
          total: 10,
        },
        {
          la: 'Northmoor Shire',
          measure: 'referral-decision-within-1-working-day',
          month: '2026-11',
          counted: 10,
          total: 10,
        },
      ],
    }
    const imported = await analyst.post('/model-comparison', { file: JSON.stringify(other) })
    assert.equal(imported.statusCode, 303)
    const page = await analyst.get(String(imported.headers.location))
    assert.match(page.body, /Northmoor Synthetic Partnership’s figures imported/)
    const referrals = section(page.body, REFERRALS)
    assert.match(
      referrals,
      /Model 1a: each LA screens its own referrals<\/th>\s*<td[^>]*>2<\/td>\s*<td[^>]*>90% \(18 of 20\)/,
    )
    assert.match(
      referrals,
      /Model 2: one multi-agency team[^<]*<\/th>\s*<td[^>]*>1<\/td>\s*<td[^>]*>50% \(1 of 2\)/,
    )
    assert.match(
      referrals,
      /<svg role="img" aria-label="Referral decisions within 1 working day: each operating model/,
    )
    assert.match(
      referrals,
      /Northmoor Town<\/th>\s*<td[^>]*>Northmoor Synthetic Partnership<\/td>\s*<td[^>]*>1a/,
    )

    const csv = await analyst.get('/model-comparison/download?format=csv&from=2026-11&to=2026-11')
    assert.equal(csv.statusCode, 200)
    assert.match(
      csv.body,
      /Referral decisions within 1 working day,Northmoor Synthetic Partnership,Northmoor Town,1a,8,10,80,/,
    )
    assert.match(
      csv.body,
      /Referral decisions within 1 working day,"Leicester, Leicestershire and Rutland[^"]*",Leicester,2,1,2,50,/,
    )
    const steps = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'statistics.compare')
      .where('outcome', '=', 'allowed')
      .execute()
    const stepsTaken = new Set(steps.map((row) => (row.detail as { step: string }).step))
    assert.deepEqual([...stepsTaken].sort(), ['download', 'export', 'import', 'view'])
  })

  it('is the analysts’ and the partnership administrator’s: a screener is refused every path', async () => {
    for (const url of [
      '/model-comparison',
      '/model-comparison/figures.json',
      '/model-comparison/download?format=csv',
    ])
      assert.equal((await screener.get(url)).statusCode, 403, url)
    assert.equal((await screener.post('/model-comparison', { file: ownFile })).statusCode, 403)
  })
})
