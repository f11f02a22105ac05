// The front door queue as a download: the screener's own queue (names, as the page shows them) as
// CSV and Excel, audited like the page; refused to whoever has no queue.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { london, seedReferral } from '../../test/support/intelligence.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('the front door queue as a download', () => {
  let database: TestDatabase
  let app: App
  let demo: DemoUser[]
  let screener: TestBrowser

  before(async () => {
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership: await loadPartnershipConfig(LLR),
      logLevel: 'error',
      now: () => london('2026-07-15T12:00'),
    })
    demo = await seedDemoUsers(database, await loadPartnershipConfig(LLR))
    const holder = demo.find((u) =>
      u.grants.some((g) => g.role === 'front-door-screener' && g.laId === 'leicester'),
    )
    screener = await signIn(app, holder as DemoUser)
    await seedReferral(database.db, { laId: 'leicester', receivedAt: london('2026-07-14T09:30') })
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('links the downloads from the queue and writes the queue as CSV and Excel', async () => {
    const page = await screener.get('/front-door')
    assert.match(page.body, /href="\/front-door\/download\?format=csv"[^>]*>Download this queue \(CSV\)/)
    const csv = await screener.get('/front-door/download?la=leicester&format=csv')
    assert.equal(csv.statusCode, 200)
    const [header, first] = csv.body.replace(/^\uFEFF/, '').split('\r\n')
    assert.equal(header, 'Referral,Child,Area,Received,Team,Decision due,Time left,Urgent')
    assert.match(
      first ?? '',
      /^FD-\d{6},Synthetic Child,Leicester,14 July 2026 at 9:30am,[^,]+,14 July 2026,[^,]+,No$/,
    )
    const xlsx = await screener.get('/front-door/download?format=xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    assert.equal(workbook.worksheets[0]?.getRow(2).getCell(2).value, 'Synthetic Child')
  })

  it('refuses whoever has no queue', async () => {
    const analyst = await signIn(
      app,
      demo.find((u) => u.grants.some((g) => g.role === 'analyst')) as DemoUser,
    )
    assert.equal((await analyst.get('/front-door/download?format=csv')).statusCode, 403)
  })
})
