import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('children pages: search, create after searching, the record, merging', () => {
  let database: TestDatabase
  let app: App
  let screener: TestBrowser
  let screenerUser: DemoUser
  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({ database, partnership, logLevel: 'error' })
    const demo = await seedDemoUsers(database, partnership)
    const byRole = (role: Role) => demo.find((u) => u.grants.some((g) => g.role === role)) as DemoUser
    screenerUser = byRole('front-door-screener')
    screener = await signIn(app, screenerUser)
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  const laId = () => screenerUser.grants[0]?.laId ?? 'leicester'
  const newChild = (extra: Record<string, string> = {}) => ({
    givenName: 'Oliver',
    familyName: 'Smith',
    'dob-day': '4',
    'dob-month': '3',
    'dob-year': '2015',
    sex: 'M',
    laId: laId(),
    ...extra,
  })
  const idFrom = (location: unknown) => String(location).match(/\/children\/([0-9a-f-]{36})/)?.[1] as string

  it('sends anyone not signed in to sign in', async () => {
    const response = await app.inject({
      url: '/children/search?name=Oliver',
      headers: { accept: 'text/html' },
    })
    assert.equal(response.statusCode, 303)
  })

  it('names the field at fault: a wrong NHS check digit, a date of birth in the future', async () => {
    const nhs = await screener.get('/children/search?nhs=9434765918')
    assert.equal(nhs.statusCode, 400)
    assert.match(nhs.body, /href="#nhs">This is not a valid NHS number/)
    const dob = await screener.get('/children/search?name=A+B&dob-day=1&dob-month=1&dob-year=2999')
    assert.equal(dob.statusCode, 400)
    assert.match(dob.body, /href="#dob-day">Date of birth must be today or in the past/)
    const upn = await screener.post('/children/new', newChild({ upn: 'Q207000016049' }))
    assert.equal(upn.statusCode, 400)
    assert.match(upn.body, /href="#upn">This is not a valid UPN/)
  })

  it('creates a record, then shows the likely match before creating a second one', async () => {
    const created = await screener.post('/children/new', newChild({ nhs: '943 476 5919' }))
    assert.equal(created.statusCode, 303)
    const firstId = idFrom(created.headers.location)

    const again = await screener.post('/children/new', newChild({ givenName: 'Olivr' }))
    assert.equal(again.statusCode, 200, 'not created: the likely match is shown first')
    assert.match(again.body, /This child may already have a record/)
    assert.match(again.body, new RegExp(`/children/${firstId}`))

    const confirmed = await screener.post(
      '/children/new',
      newChild({ givenName: 'Olivr', checkedMatches: 'yes' }),
    )
    assert.equal(confirmed.statusCode, 303)
    assert.notEqual(idFrom(confirmed.headers.location), firstId)
  })

  it('finds a misspelt name with the day and month swapped, with its reasons', async () => {
    const page = await screener.get('/children/search?name=Olivre+Smyth&dob-day=3&dob-month=4&dob-year=2015')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /date of birth with day and month swapped/)
    assert.match(page.body, /Likely match/)
    assert.match(page.body, />4 March 2015</, 'the date of birth in GOV.UK style')
  })

  it('shows the record with its chronology, merges a duplicate and keeps both histories', async () => {
    const rows = await database.db
      .selectFrom('child')
      .select(['id', 'given_name'])
      .orderBy('created_at')
      .execute()
    const [survivor, duplicate] = rows
    assert.ok(survivor && duplicate)
    const record = await screener.get(`/children/${survivor.id}`)
    assert.equal(record.statusCode, 200)
    assert.match(record.body, /Record created for Oliver Smith/)
    assert.match(record.body, /4 March 2015/)

    const form = await screener.get(`/children/${survivor.id}/merge`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, new RegExp(`value="${duplicate.id}"`))
    assert.match(form.body, /Olivr Smith, born 4 March 2015, /)
    const refused = await screener.post(`/children/${survivor.id}/merge`, { duplicateId: duplicate.id })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Enter why these records are the same child/)

    const merged = await screener.post(`/children/${survivor.id}/merge`, {
      duplicateId: duplicate.id,
      reason: 'Same child: spelling mistake at the front door',
      confirm: 'yes',
    })
    assert.equal(merged.statusCode, 303)
    const after = await screener.get(`/children/${survivor.id}`)
    assert.match(after.body, /Record created for Olivr Smith/, 'the duplicate’s events are in the chronology')
    assert.match(after.body, /merged into this record/)
    assert.match(after.body, /Olivr Smith \(name on a merged record\)/)
    const redirect = await screener.get(`/children/${duplicate.id}`)
    assert.equal(redirect.headers.location, `/children/${survivor.id}`)

    const search = await screener.get('/children/search?name=Olivr+Smith&dob-day=4&dob-month=3&dob-year=2015')
    assert.doesNotMatch(
      search.body,
      new RegExp(`/children/${duplicate.id}"`),
      'the merged record is not offered',
    )
  })

  it('downloads the chronology as CSV or Excel, filtered as on the page, each download audited', async () => {
    const [child] = await database.db.selectFrom('child').select('id').orderBy('created_at').execute()
    assert.ok(child)
    const page = await screener.get(`/children/${child.id}/chronology?kind=child`)
    assert.match(
      page.body,
      new RegExp(`/children/${child.id}/chronology/download\\?kind=child&amp;format=csv`),
    )

    const csv = await screener.get(`/children/${child.id}/chronology/download?kind=child&format=csv`)
    assert.equal(csv.statusCode, 200)
    assert.equal(csv.headers['content-disposition'], 'attachment; filename="chronology-Oliver-Smith.csv"')
    const [header, ...lines] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(header, 'When,Agency,Kind of entry,What,Marking')
    assert.deepEqual(
      lines.map((line) => line.split(',').slice(2).join(',')),
      [
        'Child,Record created for Oliver Smith,',
        'Child,Duplicate record M000000002 (Olivr Smith) merged into this record,',
      ],
    )
    const none = await screener.get(`/children/${child.id}/chronology/download?kind=no-such-kind&format=csv`)
    assert.equal(none.body.replace(/^\uFEFF/, '').trim(), header, 'the filter applies to the download')

    const xlsx = await screener.get(`/children/${child.id}/chronology/download?format=xlsx`)
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/)
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK', 'a zip, as every .xlsx is')
    const audited = await database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'chronology.view')
      .where('child_id', '=', child.id)
      .execute()
    assert.deepEqual(audited.map((row) => row.detail.downloaded).filter(Boolean), ['csv', 'csv', 'xlsx'])
  })

  it('audits every search and every read of a record', async () => {
    const rows = await database.db.selectFrom('audit_event').select('action').execute()
    const names = new Set(rows.map((row) => row.action))
    for (const action of ['child.search', 'child.create', 'child.view', 'chronology.view', 'child.merge']) {
      assert.ok(names.has(action), action)
    }
  })
})
