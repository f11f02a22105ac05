import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('a long chronology, page by page', () => {
  let database: TestDatabase
  let app: App
  let screener: TestBrowser
  let childId: string
  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({ database, partnership, logLevel: 'error' })
    const demo = await seedDemoUsers(database, partnership)
    const user = demo.find((u) =>
      u.grants.some((g) => g.role === 'front-door-screener' && g.laId === 'leicester'),
    ) as DemoUser
    screener = await signIn(app, user)
    const child = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'T00000001',
        given_name: 'Ada',
        family_name: 'Long',
        date_of_birth: '2014-05-01',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
    // 230 entries over years of work: one a week, the police's every tenth.
    await sql`INSERT INTO domain_event (type, child_id, la_id, agency_id, actor_id, summary, occurred_at)
      SELECT CASE WHEN n % 10 = 0 THEN 'police.noted' ELSE 'child.noted' END, ${childId}, 'leicester',
        CASE WHEN n % 10 = 0 THEN 'leicestershire-police' ELSE 'leicester-city-council' END, 'screener',
        'Entry ' || n, timestamptz '2020-01-06 10:00+00' + n * interval '7 days'
      FROM generate_series(1, 230) n`.execute(database.db)
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  const entriesOn = (body: string) => [...body.matchAll(/>Entry (\d+)</g)].map((match) => Number(match[1]))

  it('shows the first 100 entries, oldest first, with links to the other pages', async () => {
    const page = await screener.get(`/children/${childId}/chronology`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Entries 1 to 100 of 230, oldest first/)
    assert.deepEqual(
      entriesOn(page.body),
      Array.from({ length: 100 }, (_, n) => n + 1),
    )
    assert.match(page.body, new RegExp(`href="/children/${childId}/chronology\\?page=2"[^>]*rel="next"`))
    assert.match(page.body, new RegExp(`href="/children/${childId}/chronology\\?page=3"`))
    assert.match(page.body, /Download all 230 entries \(CSV\)/)
  })

  it('shows a later page, and the last for a page past the end, keeping the filter in every link', async () => {
    const last = await screener.get(`/children/${childId}/chronology?page=3`)
    assert.match(last.body, /Entries 201 to 230 of 230/)
    assert.deepEqual(
      entriesOn(last.body),
      Array.from({ length: 30 }, (_, n) => n + 201),
    )
    assert.match(last.body, new RegExp(`href="/children/${childId}/chronology\\?page=2"[^>]*rel="prev"`))
    const past = await screener.get(`/children/${childId}/chronology?page=40`)
    assert.deepEqual(entriesOn(past.body), entriesOn(last.body))

    const agency = 'leicester-city-council'
    const filtered = await screener.get(`/children/${childId}/chronology?agency=${agency}&page=2`)
    assert.match(filtered.body, /Entries 101 to 200 of 207/)
    assert.match(
      filtered.body,
      new RegExp(`href="/children/${childId}/chronology\\?agency=${agency}&amp;page=3"`),
    )
    assert.match(filtered.body, new RegExp(`href="/children/${childId}/chronology\\?agency=${agency}"`))
  })

  it('downloads every entry, not one page', async () => {
    const csv = await screener.get(`/children/${childId}/chronology/download?format=csv`)
    assert.equal(
      csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n').length,
      1 + 230,
    )
  })

  it('has no pages for a short chronology', async () => {
    await database.db
      .deleteFrom('domain_event')
      .where('child_id', '=', childId)
      .where('type', '=', 'child.noted')
      .execute()
    const page = await screener.get(`/children/${childId}/chronology`)
    assert.match(page.body, /23 entries, oldest first/)
    assert.doesNotMatch(page.body, /govuk-pagination/)
  })
})
