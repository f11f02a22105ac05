// Annex A over HTTP and on the command line's path: the analyst chooses an LA and period, sees the
// rows per list, downloads the workbook (read back here: Ofsted's headers and the seeded rows),
// every reading audited; bad periods are told, others refused.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { seedAnnexA } from '../../test/support/annex-a.ts'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { holderOf, signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { partnershipReturns } from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const PERIOD = 'la=leicester&from=2025-04-01&to=2025-09-30'

/** Each sheet's rows as values, dates as 'YYYY-MM-DD', empty cells as null. */
async function readBack(bytes: Buffer): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheets: Record<string, unknown[][]> = {}
  for (const sheet of book.worksheets) {
    const width = sheet.getRow(1).cellCount
    sheets[sheet.name] = []
    sheet.eachRow((row) => {
      const values: unknown[] = []
      for (let i = 1; i <= width; i++) {
        const value = row.getCell(i).value
        values.push(value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null))
      }
      sheets[sheet.name]?.push(values)
    })
  }
  return sheets
}

describe('Annex A', () => {
  let database: TestDatabase
  let app: App
  let demo: DemoUser[]
  let analyst: TestBrowser
  let referrer: TestBrowser
  let unmatched: string
  let partnership: PartnershipConfig

  before(async () => {
    partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({ database, partnership, logLevel: 'error' })
    demo = await seedDemoUsers(database, partnership)
    analyst = await signIn(app, holderOf(demo, 'analyst'))
    referrer = await signIn(app, holderOf(demo, 'referrer'))
    ;({ unmatched } = await seedAnnexA(database.db))
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('shows the rows each list holds for the LA and period', async () => {
    const page = await analyst.get(`/returns/annex-a?${PERIOD}`)
    assert.equal(page.statusCode, 200)
    const counts = [...page.body.matchAll(/>(List \d - [^<]+)<\/th><td[^>]*>(\d+)</g)].map((m) => [
      m[1],
      Number(m[2]),
    ])
    assert.deepEqual(counts, [
      ['List 1 - Contacts', 2],
      ['List 3 - Referrals', 1],
      ['List 5 - Section 47', 1],
      ['List 7 - Child Protection', 1],
    ])
    assert.match(page.body, /1 April 2025 to 30 September 2025/)
    assert.match(
      page.body,
      /href="\/returns\/annex-a\/workbook.xlsx\?la=leicester&amp;from=2025-04-01&amp;to=2025-09-30"/,
    )
  })

  it('writes the workbook in Ofsted’s columns with the seeded rows', async () => {
    const response = await analyst.get(`/returns/annex-a/workbook.xlsx?${PERIOD}`)
    assert.equal(response.statusCode, 200)
    assert.match(
      String(response.headers['content-disposition']),
      /annex-a-leicester-2025-04-01-to-2025-09-30.xlsx/,
    )
    const sheets = await readBack(response.rawPayload)
    assert.deepEqual(Object.keys(sheets), [
      'List 1 - Contacts',
      'List 3 - Referrals',
      'List 5 - Section 47',
      'List 7 - Child Protection',
    ])
    assert.deepEqual(sheets['List 1 - Contacts'], [
      [
        'Child Unique ID',
        'Gender',
        'Ethnicity',
        'Date of Birth',
        'Age of Child (Years)',
        'Date of Contact',
        'Contact Source',
      ],
      ['LEI-A', 'Female', 'WBRI', '2015-06-10', 9, '2025-05-02', '1A'],
      [unmatched, null, null, '2019-01-01', 6, '2025-06-01', '5A'],
    ])
    assert.deepEqual(sheets['List 3 - Referrals'], [
      [
        'Child Unique ID',
        'Gender',
        'Ethnicity',
        'Date of Birth',
        'Age of Child (Years)',
        'Date of Referral',
        'Referral Source',
        'Referral NFA?',
        'Number of Referrals in Last 12 Months',
        'Allocated Team',
        'Allocated Worker',
      ],
      ['LEI-A', 'Female', 'WBRI', '2015-06-10', 9, '2025-05-02', '1A', 'No', 2, null, null],
    ])
    assert.deepEqual(sheets['List 5 - Section 47'], [
      [
        'Child Unique ID',
        'Gender',
        'Ethnicity',
        'Disability',
        'Date of Birth',
        'Age of Child (Years)',
        'Strategy discussion initiating Section 47 Enquiry Start Date',
        'Was an Initial Child Protection Conference deemed unnecessary?',
        'Date of Initial Child Protection Conference',
        'Did the Initial Child Protection Conference Result in a Child Protection Plan',
        'Number of Section 47 Enquiries in the last 12 months',
        'Number of ICPCs in the last 12 months',
        'Allocated Team',
        'Allocated Worker',
      ],
      [
        'LEI-A',
        'Female',
        'WBRI',
        null,
        '2015-06-10',
        9,
        '2025-05-06',
        'No',
        '2025-05-19',
        'Yes',
        1,
        1,
        null,
        null,
      ],
    ])
    assert.deepEqual(sheets['List 7 - Child Protection'], [
      [
        'Child Unique ID',
        'Gender',
        'Ethnicity',
        'Disability',
        'Date of Birth',
        'Age of Child (Years)',
        'Child Protection Plan Start Date',
        'Initial Category of Abuse',
        'Latest Category of Abuse',
        'Date of the Last Statutory Visit',
        'Was the Child Seen Alone?',
        'Date of latest review conference',
        'Child Protection Plan End Date',
        'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)',
        'Number of Previous Child Protection Plans',
        'Allocated Team',
        'Allocated Worker',
      ],
      [
        'LEI-A',
        'Female',
        'WBRI',
        null,
        '2015-06-10',
        9,
        '2025-05-19',
        'NEG',
        'EMO',
        null,
        null,
        '2025-08-11',
        null,
        null,
        1,
        null,
        null,
      ],
    ])
  })

  it('audits each reading of the lists with its period', async () => {
    const entries = await database.db
      .selectFrom('audit_event')
      .select(['outcome', 'resource_id', 'detail'])
      .where('action', '=', 'returns.prepare')
      .execute()
    const steps = entries.map((e) => [e.outcome, e.resource_id, (e.detail as { step: string }).step])
    assert.deepEqual(steps, [
      ['allowed', 'leicester', 'annex-a-counted'],
      ['allowed', 'leicester', 'annex-a-downloaded'],
    ])
    assert.equal((entries[1]?.detail as { from?: string } | undefined)?.from, '2025-04-01')
  })

  it('tells what is wrong with the period, keeping what was typed', async () => {
    const page = await analyst.get(
      '/returns/annex-a?la=leicester&from-day=31&from-month=2&from-year=2025&to-day=1&to-month=1&to-year=2025',
    )
    assert.equal(page.statusCode, 400)
    assert.match(page.body, /There is a problem/)
    assert.match(page.body, /Enter the first day of the period as a real date/)
    assert.match(page.body, /name="from-day"[^>]*value="31"/)
    const outside = await analyst.get('/returns/annex-a?la=nowhere&from=2025-04-01&to=2025-09-30')
    assert.equal(outside.statusCode, 400)
    assert.match(outside.body, /Choose a local authority/)
  })

  it('is closed to those who do not prepare returns', async () => {
    assert.equal((await referrer.get(`/returns/annex-a?${PERIOD}`)).statusCode, 403)
    assert.equal((await referrer.get(`/returns/annex-a/workbook.xlsx?${PERIOD}`)).statusCode, 403)
  })

  describe('the partnership view of returns', () => {
    const PERIOD_ONLY = 'from=2025-04-01&to=2025-09-30'
    const csvOf = (body: string) =>
      body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')

    it('compares every LA’s figures for the period', async () => {
      const hub = await analyst.get('/returns')
      assert.match(hub.body, /href="\/returns\/partnership">Compare the local authorities’ returns/)
      assert.equal((await analyst.get('/returns/partnership')).statusCode, 200)
      const page = await analyst.get(`/returns/partnership?${PERIOD_ONLY}`)
      assert.equal(page.statusCode, 200)
      const rows = [
        ...page.body.matchAll(
          /<th scope="row" class="govuk-table__header">([A-Za-z]+)<\/th>((?:\s*<td[^>]*>[^<]*<\/td>){9})/g,
        ),
      ].map((m) => [m[1], ...[...(m[2] as string).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1])])
      assert.deepEqual(rows, [
        // Ava was referred in March too: her May referral is a re-referral.
        ['Leicester', '2', '1', '100.0%', '1', '100.0%', '1', '1', '1', '100.0%'],
        ['Leicestershire', '1', '1', '0.0%', '0', '0.0%', '0', '0', '0', 'None'],
        ['Rutland', '0', '0', 'None', '0', 'None', '0', '0', '0', 'None'],
      ])
      assert.doesNotMatch(page.body, /Synthetic|LEI-A/, 'no child on the page')
    })

    it('downloads every LA’s lists combined, identifiers degraded, as CSV or Excel, audited', async () => {
      const plans = await analyst.get(`/returns/partnership/download?list=plans&${PERIOD_ONLY}&format=csv`)
      assert.equal(plans.statusCode, 200)
      assert.match(
        String(plans.headers['content-disposition']),
        /filename="partnership-plans-2025-04-01-to-2025-09-30\.csv"/,
      )
      assert.deepEqual(csvOf(plans.body), [
        'Child ID (LA code and LA child ID),Local authority,LA code,Gender,Ethnicity,Month of birth (first of the month),Age (years),Postcode sector,Plan start date,Initial category of abuse,Latest category of abuse,Date of latest review conference,Plan end date,Previous plans',
        '856-LEI-A,Leicester,856,F,WBRI,2015-06-01,9,LE2 1,2025-05-19,NEG,EMO,2025-08-11,,1',
      ])
      const contacts = await analyst.get(
        `/returns/partnership/download?list=contacts&${PERIOD_ONLY}&format=csv`,
      )
      const ids = csvOf(contacts.body)
        .slice(1)
        .map((line) => line.split(',')[0])
      assert.deepEqual(ids, ['856-LEI-A', `856-${unmatched}`, '855-LCS-B'])
      for (const body of [plans.body, contacts.body]) {
        assert.doesNotMatch(body, /Ava|Synthetic/, 'no name')
        assert.doesNotMatch(body, /2015-06-10/, 'no full date of birth')
        assert.doesNotMatch(body, /LE2 1AA/, 'no full postcode')
      }
      const figures = await analyst.get(
        `/returns/partnership/download?list=comparison&${PERIOD_ONLY}&format=xlsx`,
      )
      assert.equal(figures.rawPayload.subarray(0, 2).toString(), 'PK', 'a zip, as every .xlsx is')
      const audited = await database.db
        .selectFrom('audit_event')
        .select(['outcome', 'resource_kind', 'detail'])
        .where('action', '=', 'returns.compare')
        .execute()
      assert.ok(audited.every((a) => a.outcome === 'allowed' && a.resource_kind === 'partnership'))
      assert.deepEqual(
        audited.map((a) => [a.detail.step, a.detail.list ?? null, a.detail.format ?? null]),
        [
          ['partnership-returns-form', null, null],
          ['partnership-returns-compared', null, null],
          ['partnership-returns-downloaded', 'plans', 'csv'],
          ['partnership-returns-downloaded', 'contacts', 'csv'],
          ['partnership-returns-downloaded', 'comparison', 'xlsx'],
        ],
      )
    })

    it('tells a wrong period on the form, and is refused to an LA’s own analyst and to others', async () => {
      const wrong = await analyst.get(
        '/returns/partnership?from-day=31&from-month=2&from-year=2025&to=2025-01-01',
      )
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /There is a problem/)
      assert.match(wrong.body, /Enter the first day of the period as a real date/)
      assert.equal((await referrer.get(`/returns/partnership?${PERIOD_ONLY}`)).statusCode, 403)
      const laAnalyst = {
        actor: {
          kind: 'user' as const,
          id: 'analyst-leicester',
          displayName: 'Leicester analyst',
          agencyId: 'leicester-city-council',
          agencyKind: 'local-authority' as const,
          agencyLaId: 'leicester',
          grants: [{ role: 'analyst' as const, laId: 'leicester' }],
        },
        origin: { ip: '127.0.0.1', requestId: 'test' },
      }
      await assert.rejects(
        partnershipReturns(
          { db: database.db, partnership },
          laAnalyst,
          { from: '2025-04-01', to: '2025-09-30' },
          {
            step: 'compared',
          },
        ),
        (error: { statusCode?: number }) => error.statusCode === 403,
      )
      const refused = await database.db
        .selectFrom('audit_event')
        .select('outcome')
        .where('action', '=', 'returns.compare')
        .where('actor_id', '=', 'analyst-leicester')
        .execute()
      assert.deepEqual(refused, [{ outcome: 'denied' }])
    })
  })
})
