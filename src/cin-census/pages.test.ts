// The returns hub over HTTP: an LA's system sends its CIN census return (streamed, checked, kept
// for its LA), the analyst reads the findings per rule and per child and downloads them, others
// are refused; every read and check is audited.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { holderOf, signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { apiKeyFor } from '../sharing/testing.ts'
import { CENSUS_CLOSING, censusOpening, childXml } from './census-xml.ts'
import { child, episode, protectionPlan } from './testing.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const HEADER = { collection: 'CIN', year: '2025', referenceDate: '2025-03-31', lea: '856' }
const DISABILITIES = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS']

const RETURN =
  censusOpening(HEADER) +
  [
    child({ laChildId: 'LEI001', disabilities: DISABILITIES }),
    // Closed on 1 December 2024, its CP plan ending the next day: activity after closure (8565).
    child({
      laChildId: 'LEI002',
      upn: 'N201000000022',
      episodes: [
        episode({
          closureDate: '2024-12-01',
          reasonForClosure: 'RC1',
          protectionPlans: [protectionPlan({ endDate: '2024-12-02' })],
        }),
      ],
    }),
  ]
    .map(childXml)
    .join('') +
  CENSUS_CLOSING

describe('the returns hub: CIN census checks', () => {
  let database: TestDatabase
  let app: App
  let demo: DemoUser[]
  let analyst: TestBrowser
  let referrer: TestBrowser
  let laSystem: string
  const send = (key: string, body: string, type = 'application/xml') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/returns/cin-census',
      headers: { authorization: `Bearer ${key}`, 'content-type': type },
      payload: body,
    })

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({ database, partnership, logLevel: 'error' })
    demo = await seedDemoUsers(database, partnership)
    analyst = await signIn(app, holderOf(demo, 'analyst'))
    referrer = await signIn(app, holderOf(demo, 'referrer'))
    laSystem = await apiKeyFor(database.db, 'leicester-city-council', ['returns:write'])
    // masa's plans: LEI001's as returned, LEI002's a day later, LEI900's not returned at all.
    for (const [id, start] of [
      ['LEI001', '2024-06-20'],
      ['LEI002', '2024-06-21'],
      ['LEI900', '2024-10-01'],
    ] as const) {
      const { id: childId } = await database.db
        .insertInto('child')
        .values({
          la_id: 'leicester',
          la_child_id: id,
          given_name: 'Ava',
          family_name: 'Synthetic',
          sex: 'F',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await database.db
        .insertInto('child_protection_plan')
        .values({ child_id: childId, la_id: 'leicester', category: 'NEG', start_date: start })
        .execute()
    }
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  let runPage = ''
  it("checks an LA system's return and keeps the findings for its LA", async () => {
    const response = await send(laSystem, RETURN)
    assert.equal(response.statusCode, 201, response.body)
    const run = response.json()
    assert.equal(run.children, 2)
    assert.deepEqual(
      run.rules.map((r: { code: string; children: number }) => [r.code, r.children]),
      [['8565', 1]],
    )
    assert.equal(run.differences, 2)
    runPage = run.page
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['outcome', 'resource_id', 'detail'])
      .where('action', '=', 'returns.prepare')
      .execute()
    assert.deepEqual(
      audit.map((a) => [a.outcome, a.resource_id, (a.detail as { step?: string }).step]),
      [['allowed', 'leicester', 'cin-census-check']],
    )
  })

  it('refuses a system without the permission, a file that is not XML, and an LA outside the partnership', async () => {
    const other = await apiKeyFor(database.db, 'leicester-city-council', ['cases:read'])
    assert.equal((await send(other, RETURN)).statusCode, 403)
    assert.equal((await send(laSystem, '{"a":1}', 'application/json')).statusCode, 415)
    const broken = await send(laSystem, '<Message><Header>')
    assert.equal(broken.statusCode, 400)
    const elsewhere = await send(laSystem, RETURN.replace('<LEA>856</LEA>', '<LEA>201</LEA>'))
    assert.equal(elsewhere.statusCode, 422)
    assert.match(elsewhere.json().message, /LA code 201/)
  })

  it('lists the checked returns and shows the findings per rule and per child, audited', async () => {
    const hub = await analyst.get('/returns')
    assert.equal(hub.statusCode, 200)
    assert.match(hub.body, /Leicester, census year ending March 2025/)
    const page = await analyst.get(runPage)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Activity shown after a case has been closed/)
    assert.match(page.body, /case closure date, initial conference date/)
    assert.match(page.body, /LEI002/)
    assert.doesNotMatch(page.body, /LEI001/)
    const differences = [
      ...page.body.matchAll(
        /<th scope="row" class="govuk-table__header">(LEI\d+)<\/th>\s*<td class="govuk-table__cell">([^<]+)<\/td>\s*<td class="govuk-table__cell">([^<]+)<\/td>\s*<td class="govuk-table__cell">([^<]+)</g,
      ),
    ].map((m) => m.slice(1))
    assert.deepEqual(differences, [
      ['LEI002', 'The plan starts on a different day', '21 June 2024', '20 June 2024'],
      ['LEI900', 'On a child protection plan in masa, not in the return', '1 October 2024', 'None'],
    ])
    const csv = await analyst.get(`${runPage}/findings.csv`)
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.deepEqual(csv.body.trim().split('\r\n'), [
      'LAchildID,Rule,Type,Message,Fields,Records',
      `LEI002,8565,error,Activity shown after a case has been closed,"case closure date, initial conference date, assessment start date, s47 enquiry start date, CP plan end date",1`,
    ])
    const reads = await database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'returns.prepare')
      .where('actor_kind', '=', 'user')
      .execute()
    assert.equal(
      reads.filter((r) => (r.detail as { step?: string }).step === 'cin-census-findings').length,
      2,
    )
  })

  it('is closed to those who do not prepare returns', async () => {
    assert.equal((await referrer.get('/returns')).statusCode, 403)
    assert.equal((await referrer.get(runPage)).statusCode, 403)
    assert.equal((await analyst.get('/returns/cin-census/not-an-id')).statusCode, 404)
  })

  it('takes a return uploaded on the page, read as it streams into the same checks, and audits the upload', async () => {
    const form = await analyst.get('/returns/cin-census/upload')
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /enctype="multipart\/form-data"/)
    assert.ok(
      form.body.indexOf('name="_csrf"') < form.body.indexOf('name="census"'),
      'the token is sent before the file',
    )
    const sent = await analyst.upload('/returns/cin-census/upload', {
      field: 'census',
      name: 'leicester-cin-2025.xml',
      content: RETURN,
    })
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 2000))
    const location = String(sent.headers.location)
    assert.match(location, /^\/returns\/cin-census\/[0-9a-f-]{36}$/)
    const page = await analyst.get(location)
    assert.match(page.body, /Activity shown after a case has been closed/)
    assert.match(page.body, /LEI002/)
    const checks = await database.db
      .selectFrom('audit_event')
      .select(['outcome', 'resource_id', 'detail'])
      .where('action', '=', 'returns.prepare')
      .where('actor_kind', '=', 'user')
      .execute()
    const upload = checks.find((a) => (a.detail as { uploaded?: string }).uploaded)
    assert.deepEqual(
      [upload?.outcome, upload?.resource_id, upload?.detail],
      [
        'allowed',
        'leicester',
        { step: 'cin-census-check', children: 2, errors: 1, uploaded: 'leicester-cin-2025.xml' },
      ],
    )
  })

  it('tells a file it cannot read, a missing file and an LA outside the partnership on the form', async () => {
    const upload = (name: string, content: string) =>
      analyst.upload('/returns/cin-census/upload', { field: 'census', name, content })
    const broken = await upload('notes.xml', 'These are not the census.')
    assert.equal(broken.statusCode, 400)
    assert.match(broken.body, /There is a problem/)
    assert.match(broken.body, /href="#census">notes\.xml: The file is not a CIN census XML masa can read/)
    const plain = await analyst.post('/returns/cin-census/upload', { census: 'census.xml' })
    assert.equal(plain.statusCode, 400, 'a form without the file (no multipart) is told so')
    assert.match(plain.body, /Select the children in need census file \(XML\) to check/)
    const none = await upload('', '')
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /Select the children in need census file \(XML\) to check/)
    const elsewhere = await upload('r.xml', RETURN.replace('<LEA>856</LEA>', '<LEA>201</LEA>'))
    assert.equal(elsewhere.statusCode, 422)
    assert.match(elsewhere.body, /LA code 201, which is not in this partnership/)
  })

  it('refuses an upload without the form’s token, or from someone who does not prepare returns', async () => {
    const file = { field: 'census', name: 'r.xml', content: RETURN }
    assert.equal((await analyst.upload('/returns/cin-census/upload', file, { csrf: false })).statusCode, 403)
    assert.equal((await referrer.upload('/returns/cin-census/upload', file)).statusCode, 403)
    assert.equal((await referrer.get('/returns/cin-census/upload')).statusCode, 403)
  })
})
