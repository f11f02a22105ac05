// The self-assessment's pages over HTTP: every page renders (never a 500), the GOV.UK error summary
// keeps what was typed, and another agency's return is not found.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolUser } from '../../test/support/people.ts'
import { type App, buildApp } from '../app.ts'
import { DEMO_PASSWORD } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'
import { SECTION_175_STANDARDS } from './rules.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('the self-assessment’s pages', () => {
  let database: TestDatabase
  let app: App
  const as: Record<string, TestBrowser> = {}

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership,
      logLevel: 'error',
      now: () => new Date('2027-01-04T10:00:00Z'),
    })
    const person = async (name: string, agencyId: string, role: Role) => {
      const email = `${name}@${agencyId}.example`
      const totpSecret = await enrolUser(database.db, {
        agencyId,
        email,
        displayName: name,
        grants: [{ role, laId: null }],
      })
      as[name] = await signIn(app, { email, password: DEMO_PASSWORD, totpSecret })
    }
    await person('admin', 'leicester-city-council', 'partnership-admin')
    await person('school', 'leicester-schools', 'safeguarding-manager')
    await person('health', 'llr-icb', 'safeguarding-manager')
    await person('referrer', 'leicester-schools', 'referrer')
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  const get = async (who: string, url: string, status = 200) => {
    const response = await (as[who] as TestBrowser).get(url)
    assert.equal(response.statusCode, status, `${who} GET ${url}`)
    return response.body
  }
  const post = (who: string, url: string, form: Record<string, string>) =>
    (as[who] as TestBrowser).post(url, form)

  it('a round, a school’s return, a challenge and its answer, page by page', async () => {
    await get('referrer', '/self-assessment', 403)
    assert.match(await get('admin', '/self-assessment/rounds/new'), /Open a self-assessment round/)
    const bad = await post('admin', '/self-assessment/rounds', { year: '26', 'dueOn-day': '31' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /There is a problem/)
    assert.match(bad.body, /href="#year">Enter the year as 4 digits/)
    assert.match(bad.body, /href="#dueOn-day">Enter a real date/)
    assert.match(bad.body, /name="dueOn-day"[^>]*value="31"/)
    const opened = await post('admin', '/self-assessment/rounds', {
      year: '2026',
      'dueOn-day': '31',
      'dueOn-month': '3',
      'dueOn-year': '2027',
    })
    assert.equal(opened.statusCode, 303)
    const roundUrl = String(opened.headers.location).split('?')[0] as string

    assert.match(await get('school', '/self-assessment'), /Not started/)
    const started = await post('school', `${roundUrl}/start`, {})
    assert.equal(started.statusCode, 303)
    const returnUrl = String(started.headers.location)
    assert.match(await get('school', returnUrl), /Section 175\/157/)
    const [first] = SECTION_175_STANDARDS
    assert.ok(first)
    assert.match(await get('school', `${returnUrl}/standards/${first.id}`), /How well does your agency meet/)
    const unrated = await post('school', `${returnUrl}/standards/${first.id}`, {
      evidence: 'Kept <b>typed</b>',
    })
    assert.equal(unrated.statusCode, 400)
    assert.match(unrated.body, /href="#rating">Select how well you meet the standard/)
    assert.match(unrated.body, /Kept &lt;b&gt;typed&lt;\/b&gt;/)
    const early = await post('school', `${returnUrl}/submit`, {})
    assert.equal(early.statusCode, 400)
    assert.match(early.body, /href="#standard-governance">Rate the standard/)
    for (const standard of SECTION_175_STANDARDS) {
      const rated = await post('school', `${returnUrl}/standards/${standard.id}`, {
        rating: '3',
        evidence: `Evidence of ${standard.id}`,
        actions: 'First action\nSecond action',
        'actionsDueOn-day': '30',
        'actionsDueOn-month': '9',
        'actionsDueOn-year': '2027',
      })
      assert.equal(rated.statusCode, 303)
    }
    assert.equal((await post('school', `${returnUrl}/submit`, {})).statusCode, 303)
    const submitted = await get('school', returnUrl)
    assert.match(submitted, /Submitted, by school on/)
    assert.match(submitted, /By 30 September 2027/)

    await get('health', returnUrl, 404)
    await get('health', '/self-assessment/agencies/leicester-schools', 404)
    await get('health', roundUrl, 403)
    await get('admin', '/self-assessment/returns/not-an-id', 404)
    await get('admin', '/self-assessment/returns/00000000-0000-4000-8000-000000000000', 404)

    const table = await get('admin', roundUrl)
    assert.match(table, /Leicester schools/)
    assert.match(table, /Met/)
    const csv = await get('admin', `${roundUrl}/ratings?format=csv`)
    assert.match(csv, /Leicester schools,"Section 175\/157/)
    assert.match(csv, /Evidence of governance/)
    await get('health', `${roundUrl}/ratings?format=csv`, 403)
    assert.equal((await (as.admin as TestBrowser).get(`${roundUrl}/ratings?format=xlsx`)).statusCode, 200)
    const challengeUrl = `${returnUrl}/standards/${first.id}/challenge`
    assert.match(await get('admin', challengeUrl), /Your challenge/)
    const blank = await post('admin', challengeUrl, { challenge: '' })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /href="#challenge">Enter the challenge/)
    assert.equal(
      (await post('admin', challengeUrl, { challenge: 'Who is the named governor?' })).statusCode,
      303,
    )
    const challenged = await get('school', returnUrl)
    const responseUrl = /href="(\/self-assessment\/challenges\/[^"]+\/response)"/.exec(challenged)?.[1]
    assert.ok(responseUrl, 'the school is offered the response form')
    await get('health', responseUrl, 404)
    assert.match(await get('school', responseUrl), /Who is the named governor\?/)
    assert.equal((await post('school', responseUrl, { response: 'The chair of governors.' })).statusCode, 303)
    assert.match(await get('admin', returnUrl), /The chair of governors\./)
    assert.match(await get('admin', '/self-assessment/agencies/leicester-schools'), /ratings year on year/)
    assert.match(await get('school', '/self-assessment'), /View/)
  })
})
