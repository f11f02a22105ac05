import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { startTestApp, type TestApp } from '../../../test/support/app.ts'
import type { Actor } from '../access/actor.ts'
import { type AuditEntry, appendAuditEvents, fromRow, selectAuditRecords } from './log.ts'
import { readSearchForm } from './search-form.ts'
import { listBreakGlassEvents, searchAudit } from './store.ts'

const AMY = '0b6f4a54-5f0e-4a8e-9d43-6a1f8f0c2b11'
const BEN = '1c7e3c1a-9a55-4c4e-b0a8-0f4f5a9c3d22'

const person = (id: string, role: Actor['grants'][number]['role'], agencyId: string): Actor => ({
  kind: 'user',
  id,
  displayName: id,
  agencyId,
  agencyKind: agencyId.includes('police') ? 'police' : 'local-authority',
  grants: [{ role, laId: null }],
})
const ACTORS: Record<string, Actor> = {
  scrutineer: person('scrutineer-1', 'independent-scrutineer', 'llr-business-unit'),
  'police-admin': person('police-admin-1', 'agency-admin', 'leicestershire-police'),
  referrer: person('teacher-1', 'referrer', 'leicester-schools'),
}

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  actorKind: 'user',
  actorId: 'screener-1',
  agencyId: 'leicester-city-council',
  action: 'child.view',
  resourceKind: 'child',
  resourceId: AMY,
  childId: AMY,
  outcome: 'allowed',
  basis: 'area',
  reason: 'Within the area your role covers',
  lawfulBasis: null,
  breakGlassReason: null,
  ip: '192.0.2.1',
  requestId: 'seed',
  detail: {},
  ...overrides,
})

const rowsIn = (html: string) => (html.match(/<tr class="govuk-table__row">/g)?.length ?? 1) - 1

describe('the audit search page', () => {
  let testApp: TestApp
  const get = (url: string, as?: string) =>
    testApp.app.inject({
      method: 'GET',
      url,
      headers: { accept: 'text/html', ...(as ? { 'x-test-actor': as } : {}) },
    })
  const latest = async () =>
    fromRow(
      await selectAuditRecords(testApp.database.db).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow(),
    )

  before(async () => {
    testApp = await startTestApp()
    const { app } = testApp
    // Stands in for identity: the actor named by a header.
    if (!app.hasRequestDecorator('actor')) app.decorateRequest('actor', null)
    app.addHook('onRequest', async (request) => {
      request.actor = ACTORS[String(request.headers['x-test-actor'])] ?? null
    })
    await testApp.database.db.transaction().execute((trx) =>
      appendAuditEvents(trx, [
        ...Array.from({ length: 55 }, (_, i) => entry({ requestId: `amy-${i}` })),
        entry({ childId: BEN, resourceId: BEN, requestId: 'ben-1' }),
        entry({
          actorId: 'ppp-1',
          agencyId: 'leicestershire-police',
          childId: BEN,
          resourceId: BEN,
          basis: 'break-glass',
          breakGlassReason: 'Arrest of a named adult; <script>alert(1)</script>',
          requestId: 'ben-2',
        }),
      ]),
    )
  })
  after(() => testApp.close())

  test('a scrutineer sees the newest entries, a page at a time, and the search is audited', async () => {
    const first = await get('/admin/audit', 'scrutineer')
    assert.equal(first.statusCode, 200)
    assert.equal(rowsIn(first.body), 50)
    assert.match(first.body, /Break-glass reason:<\/strong> Arrest of a named adult; &lt;script&gt;/)
    const older = /href="(\/admin\/audit\?[^"]+)" rel="next"/.exec(first.body)?.[1]
    assert.ok(older, 'a link to older entries')
    const second = await get(older.replaceAll('&amp;', '&'), 'scrutineer')
    assert.equal(rowsIn(second.body), 7)
    const search = await latest()
    assert.deepEqual(
      [search.action, search.actorId, search.resourceKind, search.outcome],
      ['audit.search', 'scrutineer-1', 'partnership', 'allowed'],
    )
  })

  test('searches by child and by user', async () => {
    assert.equal(rowsIn((await get(`/admin/audit?childId=${BEN}`, 'scrutineer')).body), 2)
    assert.equal(rowsIn((await get('/admin/audit?userId=ppp-1', 'scrutineer')).body), 1)
    assert.deepEqual((await latest()).detail, { search: { actorId: 'ppp-1' } })
  })

  test('names who acted and their agency, in words, and finds them by part of their name', async () => {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO app_user (agency_id, email, display_name)
      VALUES ('llr-probation', 'zara.okafor@probation.example', 'Zara Okafor_Test') RETURNING id::text AS id`.execute(
      testApp.database.db,
    )
    const zara = rows[0]?.id as string
    await testApp.database.db
      .transaction()
      .execute((trx) =>
        appendAuditEvents(trx, [
          entry({ actorId: zara, agencyId: 'llr-probation', action: 'child.view', requestId: 'zara-1' }),
        ]),
      )
    for (const words of ['okafor', 'Zara Okafor_', zara]) {
      const page = await get(`/admin/audit?userId=${encodeURIComponent(words)}`, 'scrutineer')
      assert.equal(rowsIn(page.body), 1, words)
      assert.match(
        page.body,
        /Zara Okafor_Test<br><span class="govuk-!-font-size-14">Probation Service \(LLR\)</,
      )
      assert.match(page.body, /Opened a child’s record/)
      assert.doesNotMatch(page.body, /child\.view|llr-probation</)
    }
    assert.equal(
      rowsIn((await get('/admin/audit?userId=Okafor%25', 'scrutineer')).body),
      0,
      'a % is a percent sign',
    )
  })

  test('searches by date in England, both ends included', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
    const [year, month, day] = today.split('-')
    const range = (prefix: string, y = year, m = month, d = day) =>
      `${prefix}-day=${d}&${prefix}-month=${m}&${prefix}-year=${y}`
    assert.equal(
      rowsIn((await get(`/admin/audit?childId=${BEN}&${range('from')}&${range('to')}`, 'scrutineer')).body),
      2,
    )
    const past = `${range('from', '2020', '1', '1')}&${range('to', '2020', '12', '31')}`
    const none = await get(`/admin/audit?${past}`, 'scrutineer')
    assert.match(none.body, /No entries match this search/)
  })

  test('an agency administrator sees only their own agency’s entries', async () => {
    const page = await get('/admin/audit', 'police-admin')
    assert.equal(page.statusCode, 200)
    assert.equal(rowsIn(page.body), 1)
    assert.match(page.body, /ppp-1/)
    assert.equal((await latest()).resourceKind, 'agency')
  })

  test('a referrer is refused with 403, and the attempt is audited', async () => {
    const page = await get('/admin/audit', 'referrer')
    assert.equal(page.statusCode, 403)
    const refused = await latest()
    assert.deepEqual(
      [refused.action, refused.actorId, refused.outcome],
      ['audit.search', 'teacher-1', 'denied'],
    )
  })

  test('without a signed-in user: sent to sign in', async () => {
    const response = await get('/admin/audit')
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/sign-in?returnTo=%2Fadmin%2Faudit')
  })

  test('break-glass reports list one agency’s openings, newest first', async () => {
    const db = testApp.database.db
    await db.transaction().execute((trx) =>
      appendAuditEvents(trx, [
        entry({ agencyId: 'derbyshire-police', breakGlassReason: 'first reason given', requestId: 'bg-1' }),
        entry({ agencyId: 'derbyshire-police', requestId: 'normal' }),
        entry({ agencyId: 'llr-icb', breakGlassReason: 'another agency', requestId: 'bg-x' }),
        entry({
          agencyId: 'derbyshire-police',
          breakGlassReason: 'second reason given',
          requestId: 'bg-2',
        }),
      ]),
    )
    const page = await listBreakGlassEvents(db, 'derbyshire-police')
    assert.deepEqual(
      page.entries.map((e) => e.requestId),
      ['bg-2', 'bg-1'],
    )
    const paged = await listBreakGlassEvents(db, 'derbyshire-police', { limit: 1 })
    assert.equal(paged.entries.length, 1)
    assert.ok(paged.olderThan)
    const rest = await searchAudit(db, { agencyId: 'derbyshire-police', before: paged.olderThan })
    assert.deepEqual(
      rest.entries.map((e) => e.requestId),
      ['normal', 'bg-1'],
    )
  })

  test('a wrong form shows the GOV.UK error summary and searches nothing', async () => {
    const page = await get(
      '/admin/audit?childId=amy&from-day=31&from-month=2&from-year=2026&to-month=3',
      'scrutineer',
    )
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<title>Error: Search the audit/)
    assert.match(page.body, /href="#childId">Enter the child’s record id in the correct format/)
    assert.match(page.body, /href="#from-day">Date from must be a real date/)
    assert.match(page.body, /href="#to-day">Date to must include a day and year/)
    assert.equal(rowsIn(page.body), 0)
  })

  test('downloads the search as filtered, as CSV or Excel, and the download is itself audited', async () => {
    const page = await get(`/admin/audit?childId=${BEN}`, 'scrutineer')
    assert.match(page.body, new RegExp(`href="/admin/audit/download\\?childId=${BEN}&amp;format=csv"`))
    const csv = await get(`/admin/audit/download?childId=${BEN}&format=csv`, 'scrutineer')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="audit-search-/)
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.match(lines[0] as string, /^Number,When,Who,Agency,What,Of,Child’s record id,/)
    assert.equal(lines.length, 3, 'the two entries about Ben')
    assert.match(csv.body, /Leicestershire Police/)
    assert.match(csv.body, /Arrest of a named adult; <script>/, 'as recorded: a file is not a page')
    assert.deepEqual((await latest()).detail, { search: { childId: BEN }, downloaded: 'csv' })
    assert.equal((await latest()).action, 'audit.search')
    // Every page of the search, not just the first.
    const every = await get('/admin/audit/download?userId=screener-1&format=csv', 'scrutineer')
    assert.ok(every.body.trim().split('\r\n').length > 56)
    const xlsx = await get('/admin/audit/download?format=xlsx', 'police-admin')
    assert.equal(xlsx.statusCode, 200)
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK', 'a zip, as every .xlsx is')
    assert.equal((await latest()).resourceKind, 'agency', 'an agency administrator’s own agency only')
    const refused = await get('/admin/audit/download?format=csv', 'referrer')
    assert.equal(refused.statusCode, 403)
    assert.equal((await latest()).outcome, 'denied')
    const wrong = await get('/admin/audit/download?childId=amy&format=csv', 'scrutineer')
    assert.equal(wrong.statusCode, 302)
    assert.equal(wrong.headers.location, '/admin/audit?childId=amy')
  })
})

describe('reading the audit', () => {
  test('the form gives the search it describes', () => {
    const form = readSearchForm({
      childId: ` ${AMY} `,
      userId: 'ppp-1',
      'from-day': '1',
      'from-month': '3',
      'from-year': '2026',
      'to-day': '29',
      'to-month': '3',
      'to-year': '2026',
      before: '120',
    })
    assert.deepEqual(form.errors, [])
    assert.deepEqual(form.search, {
      childId: AMY,
      actorId: 'ppp-1',
      from: '2026-03-01',
      to: '2026-03-29',
      before: 120,
    })
    const backwards = readSearchForm({
      'from-day': '2',
      'from-month': '3',
      'from-year': '2026',
      'to-day': '1',
      'to-month': '3',
      'to-year': '2026',
    })
    assert.deepEqual(backwards.errors, [
      { field: 'to-day', text: 'Date to must be the same as or after date from' },
    ])
  })
})
