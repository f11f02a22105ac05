// The dashboard over HTTP: the analyst's home and navigation lead to it, each standard is rated in
// words beside its chart and figures, every number opens the list behind it (references and dates,
// no names), the lists and figures download as CSV and Excel, and others are refused in words.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { london, seedBarePlan, seedChild, seedReferral, seedReview } from '../../test/support/intelligence.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { holderOf, signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const MAY = '?la=leicester&month=2026-05'

describe('the performance dashboard’s pages', () => {
  let database: TestDatabase
  let app: App
  let demo: DemoUser[]
  let analyst: TestBrowser

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({ database, partnership, logLevel: 'error', now: () => london('2026-07-15T12:00') })
    demo = await seedDemoUsers(database, partnership)
    analyst = await signIn(app, holderOf(demo, 'analyst'))
    const db = database.db
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
    await seedReferral(db, { laId: 'leicester', receivedAt: london('2026-05-28T09:00') })
    const childId = await seedChild(db, 'leicester')
    const planId = await seedBarePlan(db, { laId: 'leicester', childId, startedOn: '2026-03-01' })
    await seedReview(db, {
      laId: 'leicester',
      childId,
      planId,
      dueBy: '2026-06-04',
      meetingOn: '2026-06-04',
      status: 'decided',
      invited: [
        { agencyId: 'leicestershire-police', attended: true },
        { agencyId: 'llr-icb', attended: false },
      ],
    })
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('leads the analyst there from home and the navigation', async () => {
    const home = await analyst.get('/')
    assert.match(home.body, /href="\/intelligence"[^>]*>\s*Performance dashboard/)
    assert.match(
      home.body,
      /class="govuk-service-navigation__link" href="\/intelligence"[^>]*>\s*Performance/,
    )
  })

  it('rates each standard in words beside its chart and the chart’s figures', async () => {
    const page = await analyst.get('/intelligence?from=2026-05&to=2026-06')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Referral decisions within 1 working day/)
    assert.match(
      page.body,
      /data-rating="referral-decisions"><strong class="govuk-tag govuk-tag--red">Red: below the standard/,
    )
    assert.match(
      page.body,
      /Latest month, May 2026<\/dt>\s*<dd class="govuk-summary-list__value">33.3% \(1 of 3\)/,
    )
    assert.match(page.body, /<svg role="img" aria-label="Referral decisions within 1 working day/)
    assert.match(
      page.body,
      /href="\/intelligence\/measures\/referral-decisions\?la=leicester&amp;month=2026-05">33.3%/,
    )
    assert.doesNotMatch(page.body, /\d{4}-\d{2}-\d{2}/, 'no ISO dates on screen')
  })

  it('names a month the form does not offer in the error summary', async () => {
    const page = await analyst.get('/intelligence?from=2026-06&to=2026-05')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /There is a problem/)
    assert.match(page.body, /The last month must be the same as or after the first/)
  })

  it('opens the list behind a number: references, dates and whether it was in time, no names', async () => {
    const page = await analyst.get(`/intelligence/measures/referral-decisions${MAY}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /33.3% \(1 of 3\) against a target of 95% or more/)
    assert.match(page.body, /FD-\d{6}/)
    assert.match(page.body, /22 May 2026/)
    assert.match(page.body, /26 May 2026/)
    assert.doesNotMatch(page.body, /Synthetic/, 'not the child’s name')
    const audited = await database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'statistics.view')
      .where('resource_id', '=', 'leicester')
      .execute()
    assert.ok(audited.some((row) => (row.detail as { view?: string }).view === 'list'))
  })

  it('downloads the list as CSV and Excel, and the figures as CSV', async () => {
    const csv = await analyst.get(`/intelligence/measures/referral-decisions/download${MAY}&format=csv`)
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /^text\/csv/)
    assert.match(
      String(csv.headers['content-disposition']),
      /attachment; filename="referral-decisions-leicester-2026-05-to-2026-05.csv"/,
    )
    const [header, ...lines] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(header, 'Area,Referral,Received,Decided,Due by,Decided within 1 working day')
    assert.equal(lines.length, 3)
    assert.match(lines[0] ?? '', /^Leicester,FD-\d{6},22 May 2026,26 May 2026,26 May 2026,Yes$/)
    assert.match(lines[2] ?? '', /^Leicester,FD-\d{6},28 May 2026,,29 May 2026,No$/)

    const xlsx = await analyst.get(`/intelligence/measures/referral-decisions/download${MAY}&format=xlsx`)
    assert.equal(xlsx.statusCode, 200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    assert.ok(sheet)
    assert.equal(sheet.name, 'Referral decisions within 1 wor')
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
      'Area',
      'Referral',
      'Received',
      'Decided',
      'Due by',
      'Decided within 1 working day',
    ])
    assert.equal(sheet.rowCount, 4)
    assert.equal(sheet.getRow(3).getCell(6).value, 'No')

    const figures = await analyst.get('/intelligence/download?la=leicester&from=2026-05&to=2026-06')
    const rows = figures.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(rows[0], 'Measure,Area,Agency,Operating model,Month,Counted,Of,Per cent,Target,Rating')
    assert.ok(
      rows.includes(
        'Referral decisions within 1 working day,Leicester,All agencies,2,2026-05,1,3,33.3,95% or more,Red: below the standard',
      ),
    )
  })

  it('compares the areas beside their operating model and shows the themes, each chart with its table', async () => {
    const page = await analyst.get('/intelligence?from=2026-05&to=2026-06')
    assert.match(
      page.body,
      /<h2 class="govuk-heading-m" id="comparison-heading">Comparison between areas and operating models/,
    )
    assert.match(page.body, /Model 2: one multi-agency team for the partnership/)
    assert.match(
      page.body,
      /<th scope="col" class="govuk-table__header govuk-table__header--numeric">Leicester \(model 2\)<\/th>/,
    )
    assert.match(page.body, /<svg role="img" aria-label="Referrals received by source, by area"/)
    assert.match(page.body, /Meeting records circulated within 1 working day/)
    assert.match(
      page.body,
      /href="\/intelligence\/themes\/source\?la=leicester&amp;from=2026-05&amp;to=2026-06&amp;key=2A">3<span class="govuk-visually-hidden"> in Leicester: see the list/,
    )
  })

  it('opens the referrals behind a theme’s count, references and days only, and downloads them', async () => {
    const page = await analyst.get('/intelligence/themes/source?la=leicester&from=2026-05&to=2026-06&key=2A')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h1 class="govuk-heading-l">Referrals received by source: Schools<\/h1>/)
    assert.equal(page.body.match(/<th scope="row" class="govuk-table__header">FD-\d{6}<\/th>/g)?.length, 3)
    assert.doesNotMatch(page.body, /Synthetic/)
    const csv = await analyst.get(
      '/intelligence/themes/source/download?la=leicester&from=2026-05&to=2026-06&key=2A',
    )
    assert.match(csv.body, /Area,Referrals,Received,Source\r\nLeicester,FD-\d{6},22 May 2026,Schools/)
    assert.equal((await analyst.get('/intelligence/themes/source?key=nothing')).statusCode, 404)
    const linked = await analyst.get('/intelligence/themes/exploitation?key=cce')
    assert.equal(linked.statusCode, 200)
    assert.match(linked.body, /Nothing in this period/)
    assert.equal((await analyst.get('/intelligence/themes/exploitation?key=nothing')).statusCode, 404)
  })

  it('filters the dashboard by agency: only the measures of its part, each list kept to it', async () => {
    const page = await analyst.get('/intelligence?agency=llr-icb&from=2026-05&to=2026-06')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Agencies invited who attended the conference/)
    assert.doesNotMatch(page.body, /id="measure-referral-decisions"/)
    assert.match(
      page.body,
      /href="\/intelligence\/measures\/attendance\?la=leicester&amp;from=2026-05&amp;to=2026-06&amp;agency=llr-icb"/,
    )
    const list = await analyst.get(
      '/intelligence/measures/attendance?la=leicester&from=2026-05&to=2026-06&agency=llr-icb',
    )
    assert.match(list.body, /Integrated Care Board’s part/)
    assert.equal((await analyst.get('/intelligence?agency=nobody')).statusCode, 404)
    assert.equal(
      (await analyst.get('/intelligence/measures/referral-decisions?agency=llr-icb')).statusCode,
      404,
    )
  })

  it('sets every agency side by side for one measure, each value opening its list, and downloads them', async () => {
    const list = await analyst.get('/intelligence/measures/attendance?la=leicester&from=2026-05&to=2026-06')
    assert.match(
      list.body,
      /href="\/intelligence\/measures\/attendance\/agencies\?la=leicester&amp;from=2026-05&amp;to=2026-06">Every agency side by side/,
    )
    const page = await analyst.get(
      '/intelligence/measures/attendance/agencies?la=leicester&from=2026-05&to=2026-06',
    )
    assert.equal(page.statusCode, 200)
    assert.match(
      page.body,
      /<svg role="img" aria-label="Agencies invited who attended the conference: each agency’s value/,
    )
    assert.match(
      page.body,
      /href="\/intelligence\/measures\/attendance\?la=leicester&amp;from=2026-05&amp;to=2026-06&amp;agency=llr-icb">0% \(0 of 1\)/,
    )
    assert.match(page.body, /Leicestershire Police<\/th>\s*<td[^>]*><a[^>]*>100% \(1 of 1\)/)
    assert.doesNotMatch(page.body, /Rutland County Council/, 'only the agencies serving the area')
    assert.doesNotMatch(page.body, /Synthetic/)
    const csv = await analyst.get(
      '/intelligence/measures/attendance/agencies/download?la=leicester&from=2026-05&to=2026-06&format=csv',
    )
    assert.match(
      String(csv.headers['content-disposition']),
      /attendance-by-agency-leicester-2026-05-to-2026-06\.csv/,
    )
    assert.match(csv.body, /Agency,Areas,Counted,Of,Per cent,Target,Rating\r\n/)
    assert.match(csv.body, /Leicestershire Police,Leicester,1,1,100,80% or more,Green: meets the standard/)
    const audited = await database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'statistics.view')
      .where('resource_id', '=', 'leicester')
      .execute()
    assert.ok(audited.some((row) => (row.detail as { view?: string }).view === 'agencies'))
    assert.ok(
      audited.some((row) => (row.detail as { view?: string; measure?: string }).measure === 'attendance'),
    )
    assert.equal((await analyst.get('/intelligence/measures/quoracy/agencies')).statusCode, 404)
  })

  it('downloads the dashboard as a PDF, audited like a read', async () => {
    const pdf = await analyst.get('/intelligence/dashboard.pdf?la=leicester&from=2026-05&to=2026-06')
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.match(
      String(pdf.headers['content-disposition']),
      /attachment; filename="performance-leicester-2026-05-to-2026-06.pdf"/,
    )
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
    const audited = await database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'statistics.view')
      .where('resource_id', '=', 'leicester')
      .execute()
    assert.ok(audited.some((row) => (row.detail as { view?: string }).view === 'pdf'))
  })

  it('refuses others in words, and an analyst an LA outside their grant', async () => {
    const screener = await signIn(app, holderOf(demo, 'front-door-screener'))
    const refused = await screener.get('/intelligence')
    assert.equal(refused.statusCode, 403)
    assert.match(refused.body, /You have no role or permission that allows this/)
    assert.equal((await screener.get(`/intelligence/measures/referral-decisions${MAY}`)).statusCode, 403)
    assert.equal(
      (await screener.get(`/intelligence/measures/referral-decisions/download${MAY}`)).statusCode,
      403,
    )
    assert.equal((await screener.get('/intelligence/dashboard.pdf')).statusCode, 403)
    assert.equal((await screener.get('/intelligence/measures/attendance/agencies')).statusCode, 403)
    assert.doesNotMatch((await screener.get('/')).body, /href="\/intelligence"/)
    assert.equal((await analyst.get('/intelligence/measures/no-such-measure')).statusCode, 404)
  })
})
