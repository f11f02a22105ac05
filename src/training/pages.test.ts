// Training's pages over HTTP: who may reach what (the policy's refusals as pages, never a 500), the
// GOV.UK error summary keeping what was typed, and a second booking answered in words.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { holderOf, signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('training’s pages', () => {
  let database: TestDatabase
  let app: App
  let demo: DemoUser[]
  let admin: TestBrowser
  let referrer: TestBrowser
  let analyst: TestBrowser
  let lead: TestBrowser

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership,
      logLevel: 'error',
      now: () => new Date('2027-01-04T10:00:00Z'),
    })
    demo = await seedDemoUsers(database, partnership)
    admin = await signIn(app, holderOf(demo, 'partnership-admin'))
    referrer = await signIn(app, holderOf(demo, 'referrer'))
    analyst = await signIn(app, holderOf(demo, 'analyst'))
    lead = await signIn(app, holderOf(demo, 'review-lead'))
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  let sessionUrl: string
  it('lets the administrator add a course and a session, naming each problem and keeping what was typed', async () => {
    await admin.get('/training/courses/new')
    const bad = await admin.post('/training/courses', { title: 'Neglect', level: '7' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /There is a problem/)
    assert.match(bad.body, /href="#level">Select the level/)
    assert.match(bad.body, /Enter who the course is for/)
    assert.match(bad.body, /value="Neglect"/)
    const added = await admin.post('/training/courses', {
      title: 'Neglect',
      level: '2',
      audience: 'everyone',
      description: 'Seeing neglect.',
    })
    assert.equal(added.statusCode, 303)
    const courseUrl = String(added.headers.location).split('?')[0] as string
    await admin.get(courseUrl)
    const session = await admin.post(`${courseUrl}/sessions`, {
      'heldOn-day': '20',
      'heldOn-month': '1',
      'heldOn-year': '2027',
      startsAt: '13:00',
      endsAt: '16:00',
      onlineLink: 'https://meet.example/neglect',
      capacity: '12',
    })
    assert.equal(session.statusCode, 303)
    sessionUrl = String(session.headers.location).split('?')[0] as string
    const page = await admin.get(sessionUrl)
    assert.match(page.body, /20 January 2027, 1:00pm to 4:00pm/)
    assert.match(page.body, /12 of 12 places left/)
  })

  it('lets anyone book, once, and refuses them the catalogue’s forms, the register and the report', async () => {
    const page = await referrer.get(sessionUrl)
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, /meet\.example/, 'the online link is for those with a place')
    assert.equal((await referrer.post(`${sessionUrl}/book`, { confidenceBefore: '3' })).statusCode, 303)
    assert.match((await referrer.get(sessionUrl)).body, /meet\.example\/neglect/)
    const again = await referrer.post(`${sessionUrl}/book`, { confidenceBefore: '3' })
    assert.equal(again.statusCode, 409)
    assert.match(again.body, /already have a place/)
    assert.equal((await referrer.get('/training/courses/new')).statusCode, 303)
    assert.equal((await referrer.post('/training/courses', { title: 'Mine' })).statusCode, 403)
    assert.equal((await referrer.get('/training/report')).statusCode, 403)
    const place = await database.db.selectFrom('training_booking').select('id').executeTakeFirstOrThrow()
    const register = await referrer.post(`/training/places/${place.id}/attendance`, {
      attendance: 'attended',
    })
    assert.equal(register.statusCode, 403)
    assert.equal((await analyst.post(`/training/places/${place.id}/cancel`, {})).statusCode, 404)
    assert.equal((await referrer.get('/training/sessions/not-a-session')).statusCode, 404)
  })

  it('links a course to a review or audit the learning lead may read, by reference, both ways', async () => {
    const db = database.db
    const child = await db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'TR-1',
        given_name: 'Tamsin',
        family_name: 'Coursework',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const incident = await db
      .insertInto('serious_incident')
      .values({
        child_id: child.id,
        la_id: 'leicester',
        learned_on: '2027-01-02',
        abuse_or_neglect: 'suspected',
        harm: 'seriously-harmed',
        what_happened: 'Synthetic',
        notify_by: '2027-01-08',
        recorded_at: new Date('2027-01-02T10:00:00Z'),
        recorded_by: 'user:test',
        recorded_by_name: 'Test',
      })
      .returning(['id', 'reference'])
      .executeTakeFirstOrThrow()
    const audit = await db
      .insertInto('case_audit_programme')
      .values({
        title: 'Neglect in the early years',
        themes: ['Neglect'],
        starts_on: '2027-01-01',
        ends_on: '2027-03-31',
        questions: JSON.stringify([{ id: 'q1', text: 'Was the child seen?' }]),
        agency_ids: ['llr-icb'],
        created_at: new Date('2027-01-02T10:00:00Z'),
        created_by: 'user:test',
        created_by_name: 'Test',
      })
      .returning(['id', 'reference'])
      .executeTakeFirstOrThrow()
    const review = `review:${incident.id}`
    const caseAudit = `case-audit:${audit.id}`

    const form = await lead.get('/training/courses/new')
    assert.equal(form.statusCode, 200)
    assert.match(form.body, new RegExp(`value="${review}">Review ${incident.reference}<`))
    assert.match(
      form.body,
      new RegExp(`value="${caseAudit}">Case audit ${audit.reference}: Neglect in the early years<`),
    )
    assert.doesNotMatch(form.body, /Tamsin|Coursework/)
    const adminForm = await admin.get('/training/courses/new')
    assert.doesNotMatch(adminForm.body, /Review SI-/, 'the administrator reads no reviews')
    assert.match(adminForm.body, new RegExp(`value="${caseAudit}"`))
    const course = { title: 'Seeing the child', level: '3', audience: 'everyone', description: 'Seen alone.' }
    const refused = await admin.post('/training/courses', { ...course, askedFor: review })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /href="#askedFor">Select a review or audit from the list/)
    assert.match(refused.body, /value="Seeing the child"/)

    const added = await lead.post('/training/courses', { ...course, askedFor: review })
    assert.equal(added.statusCode, 303)
    const courseUrl = String(added.headers.location).split('?')[0] as string
    const page = await referrer.get(courseUrl)
    assert.match(page.body, new RegExp(`href="/reviews/${incident.id}">Review ${incident.reference}<`))
    assert.doesNotMatch(page.body, /Tamsin|Coursework/)
    assert.doesNotMatch(page.body, /Change the course/)
    const reviewPage = await lead.get(`/reviews/${incident.id}`)
    assert.match(reviewPage.body, new RegExp(`href="${courseUrl}">Seeing the child<`))
    const offered = await db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('action', '=', 'review.view')
      .where('child_id', '=', child.id)
      .execute()
    assert.ok(
      offered.some((e) => (e.detail as { list?: string }).list === 'course link' && e.outcome === 'allowed'),
    )

    const edit = await lead.get(`${courseUrl}/edit`)
    assert.equal(edit.statusCode, 200)
    assert.match(edit.body, new RegExp(`value="${review}" selected`))
    assert.match(edit.body, /value="Seeing the child"/)
    const changed = await lead.post(courseUrl, {
      ...course,
      title: 'Seeing the child alone',
      askedFor: caseAudit,
    })
    assert.equal(changed.statusCode, 303)
    assert.match(
      (await referrer.get(courseUrl)).body,
      new RegExp(`href="/case-audits/programmes/${audit.id}">Case audit ${audit.reference}`),
    )
    assert.match((await lead.get(`/case-audits/programmes/${audit.id}`)).body, /Seeing the child alone/)
    assert.doesNotMatch((await lead.get(`/reviews/${incident.id}`)).body, /Seeing the child/)
    assert.equal((await referrer.get(`${courseUrl}/edit`)).statusCode, 303)
    assert.equal((await referrer.post(courseUrl, { ...course, askedFor: '' })).statusCode, 403)
    assert.equal((await lead.get('/training/courses/not-a-course/edit')).statusCode, 404)
  })

  it('shows the take-up report to the analyst', async () => {
    const report = await analyst.get('/training/report')
    assert.equal(report.statusCode, 200)
    assert.match(report.body, /Training take-up/)
    assert.match(report.body, /Referrer/)
  })
})
