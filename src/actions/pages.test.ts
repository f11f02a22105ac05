// The owner agency's pages and API over HTTP: the list, the form that closes an action (GOV.UK error
// summary, what was typed kept), the JSON API naming the field, and the meeting's record showing
// the evidence.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { decidedDiscussion, insertChild } from '../../test/support/child-protection.ts'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { apiKeyFor } from '../sharing/testing.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const POLICE = 'leicestershire-police'
/** The app's clock: Friday 17 December 2027, the day after the discussion it records. */
const NOW = new Date('2027-12-17T10:00:00Z')

describe('actions over HTTP', () => {
  let database: TestDatabase
  let app: App
  let officer: TestBrowser
  let discussionId: string
  let actionId: string
  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({ database, partnership, logLevel: 'error', now: () => NOW })
    const demo = await seedDemoUsers(database, partnership)
    officer = await signIn(
      app,
      demo.find((u) => u.grants.some((g) => g.role === 'police-public-protection')) as DemoUser,
    )
    const ctx = { db: database.db, partnership, now: () => new Date() }
    discussionId = await decidedDiscussion(ctx, await insertChild(database, 'ACT-HTTP'), {
      date: '2027-12-16',
      decision: 's47-joint',
      actions: [
        {
          description: 'Check the household on police systems',
          ownerAgencyId: POLICE,
          ownerName: 'PC Jones',
          dueBy: '2027-12-20',
        },
        {
          description: 'Health visit',
          ownerAgencyId: 'llr-community-health',
          ownerName: 'Hana',
          dueBy: '2027-12-20',
        },
      ],
    })
    const row = await database.db
      .selectFrom('action')
      .select('id')
      .where('source_id', '=', discussionId)
      .where('owner_agency_id', '=', POLICE)
      .executeTakeFirstOrThrow()
    actionId = row.id
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('lists the agency’s own actions, with the navigation’s link to them', async () => {
    const page = await officer.get('/actions')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Check the household on police systems/)
    assert.doesNotMatch(page.body, /Health visit/)
    assert.match(page.body, /href="\/actions"/)
    assert.match(page.body, /Due in 1 working day/, 'by the app’s clock: Monday is one working day away')
  })

  it('refuses a blank or over-long evidence with the error summary, keeping what was typed', async () => {
    const blank = await officer.post(`/actions/${actionId}`, { evidence: '  ' })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /There is a problem/)
    assert.match(blank.body, /Enter what was done to complete the action/)
    const long = `Visited ${'x'.repeat(20_000)}`
    const tooLong = await officer.post(`/actions/${actionId}`, { evidence: long })
    assert.equal(tooLong.statusCode, 400)
    assert.ok(tooLong.body.includes(long), 'keeps what was typed')
  })

  it('closes the action with evidence, shown on the list and the meeting’s record', async () => {
    const done = await officer.post(`/actions/${actionId}`, {
      evidence: 'Checks done; nothing further known',
    })
    assert.equal(done.statusCode, 303)
    assert.equal(done.headers.location, '/actions?completed=1')
    const list = await officer.get('/actions?completed=1')
    assert.match(list.body, /Action marked as done/)
    const action = await officer.get(`/actions/${actionId}`)
    assert.match(action.body, /Evidence of completion/)
    assert.match(action.body, /Checks done; nothing further known/)
    assert.doesNotMatch(action.body, /Mark as done/)
    const record = await officer.get(`/strategy-discussions/${discussionId}/record`)
    assert.equal(record.statusCode, 200)
    assert.match(record.body, /Checks done; nothing further known/)
    assert.match(record.body, />Done</)
  })

  it('gives the owner’s system its actions, and names the field it refuses', async () => {
    const key = await apiKeyFor(database.db, POLICE, ['actions:write'])
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${key}` },
        ...(payload ? { payload } : {}),
      })
    const listed = await call('GET', '/api/v1/actions')
    assert.equal(listed.statusCode, 200)
    assert.deepEqual(
      listed.json().map((a: { description: string; status: string }) => [a.description, a.status]),
      [['Check the household on police systems', 'done']],
    )
    const health = (
      await database.db
        .selectFrom('action')
        .select('id')
        .where('owner_agency_id', '=', 'llr-community-health')
        .executeTakeFirstOrThrow()
    ).id
    const missing = await call('POST', `/api/v1/actions/${health}/completion`, {})
    assert.equal(missing.statusCode, 400)
    assert.equal(missing.json().field, 'evidence')
    const other = await call('POST', `/api/v1/actions/${health}/completion`, { evidence: 'Done' })
    assert.equal(other.statusCode, 403)
    const twice = await call('POST', `/api/v1/actions/${actionId}/completion`, { evidence: 'Again' })
    assert.equal(twice.statusCode, 409)
  })
})
