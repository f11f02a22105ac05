// Independent scrutiny over HTTP on PGlite: the workspace and navigation for the scrutineer alone, the
// grant form's errors as the GOV.UK summary keeping what was typed, a grant given and revoked through
// the pages, refusals as pages (404 for a record through someone else's grant or a malformed id, 403
// for a school), and a form without its CSRF token.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { addPerson } from '../../test/support/people.ts'
import { insertCpPlan } from '../../test/support/plans.ts'
import { type App, buildApp } from '../app.ts'
import { nhsCheckDigit } from '../children/index.ts'
import { DEMO_PASSWORD } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const NHS = `401023215${nhsCheckDigit('401023215')}`

describe('independent scrutiny’s pages', () => {
  let database: TestDatabase
  let app: App
  const clock = new Date('2026-12-07T10:00:00Z')
  const browsers: Record<string, TestBrowser> = {}
  let scrutineerId = ''

  const person = async (name: string, agencyId: string, role: Role, laId: string | null = null) => {
    const p = await addPerson(database, agencyId, role, laId)
    browsers[name] = await signIn(app, { ...p, password: DEMO_PASSWORD }, clock)
    return p
  }

  before(async () => {
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership: await loadPartnershipConfig(LLR),
      logLevel: 'error',
      now: () => clock,
      // Grants are judged by the sessions' clock: the same day as the app's, whatever day the test runs.
      identity: { now: () => clock },
    })
    const scrutineer = await person('scrutineer', 'llr-probation', 'independent-scrutineer')
    scrutineerId = (
      await database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', scrutineer.email)
        .executeTakeFirstOrThrow()
    ).id
    await person('other', 'llr-probation', 'independent-scrutineer')
    await person('lead', 'leicester-city-council', 'safeguarding-manager', 'leicester')
    await person('school', 'leicester-schools', 'safeguarding-manager')
    await person('county lead', 'leicestershire-county-council', 'safeguarding-manager', 'leicestershire')
    await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'SC-1',
        given_name: 'Rowan',
        family_name: 'Overseen',
        sex: 'M',
        nhs_number: NHS,
      })
      .execute()
    await moderatedCase()
  })
  /** A case audit of Rowan, moderated with findings that name him, as a lead might write them. */
  const moderatedCase = async () => {
    const child = await database.db
      .selectFrom('child')
      .select('id')
      .where('la_child_id', '=', 'SC-1')
      .executeTakeFirstOrThrow()
    const planId = await insertCpPlan(database.db, {
      child_id: child.id,
      la_id: 'leicester',
      category: 'NEG',
      start_date: '2026-09-01',
    })
    const programme = await database.db
      .insertInto('case_audit_programme')
      .values({
        title: 'Neglect in the early years',
        themes: ['Neglect'],
        starts_on: '2026-10-01',
        ends_on: '2027-01-31',
        questions: JSON.stringify([{ id: 'q1', text: 'Was the child seen?' }]),
        agency_ids: ['llr-icb'],
        created_at: clock,
        created_by: 'user:test',
        created_by_name: 'Test',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const row = await database.db
      .insertInto('case_audit_case')
      .values({
        programme_id: programme.id,
        position: 1,
        child_id: child.id,
        la_id: 'leicester',
        plan_id: planId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await database.db
      .insertInto('case_audit_moderation')
      .values({
        case_id: row.id,
        round: 1,
        met_on: '2026-12-01',
        attendees: 'Health, police',
        agreed_grade: 'requires-improvement',
        findings: 'Rowan was not seen alone; the OVERSEEN household was not visited.',
        learning: 'See children alone at every visit.',
        recorded_at: clock,
        recorded_by_name: 'Test',
      })
      .execute()
  }
  after(async () => {
    await app.close()
    await database.dispose()
  })
  const b = (name: string) => browsers[name] as TestBrowser

  it('opens the workspace to the scrutineer only, naming no child', async () => {
    assert.match((await b('scrutineer').get('/')).body, /href="\/scrutiny"/)
    const page = await b('scrutineer').get('/scrutiny')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /April 2026 to March 2027/)
    assert.doesNotMatch(page.body, /Rowan|Overseen/i)
    assert.match(page.body, /Neglect in the early years/)
    assert.match(
      page.body,
      /\[name withheld\] was not seen alone; the \[name withheld\] household was not visited\./,
    )
    assert.match(page.body, /A child in Leicester/)
    assert.match(page.body, /See children alone at every visit\./)
    assert.equal((await b('scrutineer').get('/scrutiny?year=2025')).statusCode, 200)
    assert.equal((await b('scrutineer').get('/scrutiny?year=nonsense')).statusCode, 200)
    assert.equal((await b('lead').get('/scrutiny')).statusCode, 403)
    assert.doesNotMatch((await b('lead').get('/')).body, /href="\/scrutiny"/)
    assert.match((await b('lead').get('/')).body, /href="\/scrutiny\/grants"/)
    assert.equal((await b('school').get('/scrutiny/grants')).statusCode, 403)
    assert.equal((await b('school').get('/scrutiny/grants/new')).statusCode, 403)
  })

  it('names each problem of a grant and keeps what was typed; then grants, reads and revokes', async () => {
    const refused = await b('lead').post('/scrutiny/grants', { nhsNumber: '12345', purpose: 'Too short' })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /Select the independent scrutineer/)
    assert.match(refused.body, /An NHS number must be 10 digits/)
    assert.match(refused.body, /Enter the last day of the grant/)
    assert.match(refused.body, /value="12345"/)
    const granted = await b('lead').post('/scrutiny/grants', {
      granteeId: scrutineerId,
      nhsNumber: NHS,
      purpose: 'Scrutiny of the rapid review’s timeliness',
      'endsOn-day': '20',
      'endsOn-month': '12',
      'endsOn-year': '2026',
    })
    assert.equal(granted.statusCode, 303)
    const list = await b('scrutineer').get('/scrutiny/grants')
    assert.match(list.body, /Rowan Overseen/)
    assert.match(list.body, /the end of 20 December 2026|20 December 2026/)
    const id = /scrutiny\/grants\/([0-9a-f-]{36})"/.exec(list.body)?.[1] as string
    assert.ok(id)
    const record = await b('scrutineer').get(`/scrutiny/grants/${id}`)
    assert.equal(record.statusCode, 200)
    assert.match(record.body, /Rowan Overseen/)
    assert.match(record.body, /until the end of 20 December 2026/)
    for (const who of ['other', 'lead']) {
      const answer = await b(who).get(`/scrutiny/grants/${id}`)
      assert.equal(answer.statusCode, 404, who)
      assert.doesNotMatch(answer.body, /Rowan|Overseen/)
    }
    assert.equal((await b('scrutineer').get('/scrutiny/grants/not-a-grant')).statusCode, 404)
    const workspace = await b('scrutineer').get('/scrutiny')
    assert.match(
      workspace.body,
      /Rowan was not seen alone; the OVERSEEN household/,
      'a grant names the child',
    )
    assert.doesNotMatch((await b('other').get('/scrutiny')).body, /Rowan|Overseen/i, 'not another’s grant')
    const childId = /href="\/children\/([0-9a-f-]{36})"/.exec(record.body)?.[1] as string
    const opened = await b('scrutineer').get(`/children/${childId}`)
    assert.equal(opened.statusCode, 200)
    assert.match(opened.body, /Rowan Overseen/)
    const chronology = await b('scrutineer').get(`/children/${childId}/chronology`)
    assert.equal(chronology.statusCode, 200)
    assert.match(chronology.body, /Rowan Overseen/)
    const reads = await database.db
      .selectFrom('audit_event')
      .select(['action', 'basis', 'detail'])
      .where('child_id', '=', childId)
      .where('actor_id', '=', scrutineerId)
      .where('action', 'in', ['child.view', 'chronology.view'])
      .execute()
    assert.deepEqual(
      new Set(reads.map((e) => `${e.action} ${e.basis}`)),
      new Set(['child.view scrutiny-grant', 'chronology.view scrutiny-grant']),
    )
    for (const e of reads)
      assert.equal((e.detail as { purpose?: string }).purpose, 'Scrutiny of the rapid review’s timeliness')
    for (const path of [`/children/${childId}`, `/children/${childId}/chronology`]) {
      const refused = await b('other').get(path)
      assert.equal(refused.statusCode, 404, `another scrutineer: ${path}`)
      assert.doesNotMatch(refused.body, /Rowan|Overseen/)
    }
    assert.equal(
      (await b('scrutineer').post(`/scrutiny/grants/${id}/revoke`, { reason: 'x' })).statusCode,
      404,
      'not a lead: nothing to revoke',
    )
    const forged = await b('lead').post(`/scrutiny/grants/${id}/revoke`, { reason: 'Done' }, { csrf: false })
    assert.equal(forged.statusCode, 403)
    const blank = await b('lead').post(`/scrutiny/grants/${id}/revoke`, {})
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /Enter why the grant ends early/)
    assert.equal((await b('lead').post(`/scrutiny/grants/${id}/revoke`, { reason: 'Done' })).statusCode, 303)
    assert.equal((await b('scrutineer').get(`/scrutiny/grants/${id}`)).statusCode, 404)
    for (const path of [`/children/${childId}`, `/children/${childId}/chronology`])
      assert.equal((await b('scrutineer').get(path)).statusCode, 404, `revoked: ${path}`)
    const after = await b('scrutineer').get('/scrutiny/grants')
    assert.match(after.body, /Revoked/)
    assert.doesNotMatch(after.body, /Rowan|Overseen/)
  })
  it('starts a grant from the child’s record, and the grant opens the review about the child', async () => {
    const child = await database.db
      .selectFrom('child')
      .select('id')
      .where('la_child_id', '=', 'SC-1')
      .executeTakeFirstOrThrow()
    const incident = await database.db
      .insertInto('serious_incident')
      .values({
        child_id: child.id,
        la_id: 'leicester',
        learned_on: '2026-12-01',
        abuse_or_neglect: 'suspected',
        harm: 'seriously-harmed',
        what_happened: 'Synthetic',
        notify_by: '2026-12-08',
        recorded_at: clock,
        recorded_by: 'user:test',
        recorded_by_name: 'Test',
      })
      .returning(['id', 'reference'])
      .executeTakeFirstOrThrow()
    const start = `/scrutiny/grants/new?child=${child.id}`
    assert.match((await b('lead').get(`/children/${child.id}`)).body, new RegExp(start.replace('?', '\\?')))
    const form = await b('lead').get(start)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Rowan Overseen/)
    assert.match(form.body, new RegExp(`name="childId" value="${child.id}"`))
    assert.doesNotMatch(form.body, /name="nhsNumber"/)
    for (const who of ['county lead', 'school']) {
      const refused = await b(who).get(start)
      assert.ok([403, 404].includes(refused.statusCode), who)
      assert.doesNotMatch(refused.body, /Rowan|Overseen/)
    }
    assert.equal((await b('county lead').get(start)).statusCode, 404, 'out of reach: as unknown')
    assert.equal((await b('lead').get('/scrutiny/grants/new?child=nonsense')).statusCode, 404)
    const purpose = 'Scrutiny of the review’s use of the child’s record'
    const blank = await b('lead').post('/scrutiny/grants', { childId: child.id, purpose })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /Rowan Overseen/, 'shown again with the child')
    assert.match(blank.body, /Enter the last day of the grant/)
    const granted = await b('lead').post('/scrutiny/grants', {
      childId: child.id,
      granteeId: scrutineerId,
      purpose,
      'endsOn-day': '21',
      'endsOn-month': '12',
      'endsOn-year': '2026',
    })
    assert.equal(granted.statusCode, 303)
    const row = await database.db
      .selectFrom('scrutiny_grant')
      .select(['id', 'child_id'])
      .where('purpose', '=', purpose)
      .executeTakeFirstOrThrow()
    assert.equal(row.child_id, child.id)
    const record = await b('scrutineer').get(`/scrutiny/grants/${row.id}`)
    assert.match(record.body, new RegExp(`href="/reviews/${incident.id}">Review ${incident.reference}`))
    const review = await b('scrutineer').get(`/reviews/${incident.id}`)
    assert.equal(review.statusCode, 200)
    assert.match(review.body, /Rowan Overseen/, 'the grant names the child on the review’s page')
    const unnamed = await b('other').get(`/reviews/${incident.id}`)
    assert.equal(unnamed.statusCode, 200)
    assert.doesNotMatch(unnamed.body, /Rowan|Overseen/, 'no grant, no name')
    const revoked = await b('lead').post(`/scrutiny/grants/${row.id}/revoke`, { reason: 'Review read' })
    assert.equal(revoked.statusCode, 303)
    assert.doesNotMatch((await b('scrutineer').get(`/reviews/${incident.id}`)).body, /Rowan|Overseen/)
  })

  it('closes the child’s record and chronology again once the grant reaches its end', async () => {
    const granted = await b('lead').post('/scrutiny/grants', {
      granteeId: scrutineerId,
      nhsNumber: NHS,
      purpose: 'Scrutiny of the conference’s timeliness',
      'endsOn-day': '8',
      'endsOn-month': '12',
      'endsOn-year': '2026',
    })
    assert.equal(granted.statusCode, 303)
    const { id, child_id: childId } = await database.db
      .selectFrom('scrutiny_grant')
      .select(['id', 'child_id'])
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow()
    const paths = [`/children/${childId}`, `/children/${childId}/chronology`, `/scrutiny/grants/${id}`]
    for (const path of paths) assert.equal((await b('scrutineer').get(path)).statusCode, 200, path)
    // The end passed: the grant ends at its expiry, whatever the job has recorded yet.
    const ended = clock.getTime() - 60_000
    await database.db
      .updateTable('scrutiny_grant')
      .set({
        granted_at: new Date(ended - 2 * 86_400_000),
        expires_at: new Date(ended),
      })
      .where('id', '=', id)
      .execute()
    for (const path of paths) {
      const answer = await b('scrutineer').get(path)
      assert.equal(answer.statusCode, 404, `ended: ${path}`)
      assert.doesNotMatch(answer.body, /Rowan|Overseen/)
    }
  })
})
