// Case audits over HTTP on PGlite: the forms' errors as the GOV.UK summary keeping what was typed,
// refusals as pages (403 for a step not one's own, 404 for a case one may not know of, whatever the
// id), a part saved by its agency and refused without its grades, and a form without its CSRF token.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { dateFields } from '../../test/support/forms.ts'
import { addPerson } from '../../test/support/people.ts'
import { insertCpPlan } from '../../test/support/plans.ts'
import { type App, buildApp } from '../app.ts'
import { DEMO_PASSWORD } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('case audits’ pages', () => {
  let database: TestDatabase
  let app: App
  const clock = new Date('2026-12-04T10:00:00Z')
  const browsers: Record<string, TestBrowser> = {}
  let programmeId = ''
  let caseId = ''

  const person = async (name: string, agencyId: string, role: Role, laId: string | null = null) => {
    const p = await addPerson(database, agencyId, role, laId)
    browsers[name] = await signIn(app, { ...p, password: DEMO_PASSWORD })
  }

  before(async () => {
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership: await loadPartnershipConfig(LLR),
      logLevel: 'error',
      now: () => clock,
    })
    await person('lead', 'leicester-city-council', 'review-lead')
    await person('health', 'llr-icb', 'safeguarding-manager')
    await person('school', 'leicester-schools', 'safeguarding-manager')
    await person('screener', 'leicester-city-council', 'front-door-screener', 'leicester')
    const child = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'CA-1',
        given_name: 'Jude',
        family_name: 'Sampleton',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await insertCpPlan(database.db, {
      child_id: child.id,
      la_id: 'leicester',
      category: 'EMO',
      start_date: '2026-11-02',
    })
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })
  const b = (name: string) => browsers[name] as TestBrowser

  it('opens Case audits to the leads and the agencies’ safeguarding managers only', async () => {
    assert.match((await b('lead').get('/')).body, /href="\/case-audits"/)
    assert.equal((await b('screener').get('/case-audits')).statusCode, 403)
    assert.doesNotMatch((await b('screener').get('/')).body, /href="\/case-audits"/)
    assert.equal((await b('health').get('/case-audits')).statusCode, 200)
    assert.equal((await b('health').get('/case-audits/new')).statusCode, 403)
  })

  it('names each missing field of a programme and keeps what was typed', async () => {
    const refused = await b('lead').post('/case-audits', {
      title: 'Emotional abuse audit',
      questions: 'Seen?',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /Enter at least one theme/)
    assert.match(refused.body, /Select the agencies that will audit/)
    assert.match(refused.body, /value="Emotional abuse audit"/)
    const made = await b('lead').post('/case-audits', {
      title: 'Emotional abuse audit',
      themes: 'Emotional abuse',
      ...dateFields('startsOn', '2026-12-01'),
      ...dateFields('endsOn', '2027-01-31'),
      questions: 'Was the child seen?\nWas the plan specific?',
      agencyIds: ['llr-icb', 'leicestershire-police'],
    })
    assert.equal(made.statusCode, 303)
    programmeId = /programmes\/([0-9a-f-]{36})/.exec(String(made.headers.location))?.[1] as string
    const sampled = await b('lead').post(`/case-audits/programmes/${programmeId}/sample`, {
      category: 'EMO',
      months: '6',
      size: 'ten',
      seed: 'x',
    })
    assert.equal(sampled.statusCode, 400)
    assert.match(sampled.body, /Enter a number of children from 1 to 100/)
    const drawn = await b('lead').post(`/case-audits/programmes/${programmeId}/sample`, {
      category: 'EMO',
      months: '6',
      size: '10',
      seed: 'x',
    })
    assert.equal(drawn.statusCode, 303)
    const page = await b('lead').get(`/case-audits/programmes/${programmeId}`)
    assert.match(page.body, /Up to 10 children whose child protection plan for emotional abuse started/)
    assert.match(page.body, /1 child met the rule/)
    assert.match(page.body, /Jude Sampleton/)
    caseId = /cases\/([0-9a-f-]{36})/.exec(page.body)?.[1] as string
    assert.ok(caseId)
  })

  it('answers 404 to whoever may not know of a case, and 403 for a step not theirs', async () => {
    for (const who of ['school', 'screener']) {
      assert.equal((await b(who).get(`/case-audits/cases/${caseId}`)).statusCode, 404, who)
      assert.equal((await b(who).get(`/case-audits/cases/${caseId}/record`)).statusCode, 404, who)
    }
    assert.equal((await b('lead').get('/case-audits/cases/not-a-case')).statusCode, 404)
    assert.equal((await b('lead').get(`/case-audits/programmes/${caseId}`)).statusCode, 404)
    assert.equal((await b('health').get(`/case-audits/programmes/${programmeId}`)).statusCode, 403)
    assert.equal((await b('health').post(`/case-audits/cases/${caseId}/moderation`, {})).statusCode, 403)
    assert.equal((await b('lead').get(`/case-audits/cases/${caseId}/record`)).statusCode, 403)
  })

  it('saves an agency’s part, refusing one without its grades and one without the form’s token', async () => {
    const page = await b('health').get(`/case-audits/cases/${caseId}`)
    assert.match(page.body, /Open the child’s record for the audit/)
    assert.match((await b('health').get(`/case-audits/cases/${caseId}/record`)).body, /Jude Sampleton/)
    const refused = await b('health').post(`/case-audits/cases/${caseId}/part`, {
      'grade-q1': 'good',
      'comment-q2': 'Typed but not graded',
      overallGrade: 'good',
      summary: 'Seen',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Select a grade for question 2/)
    assert.match(refused.body, /Typed but not graded/)
    const saved = await b('health').post(`/case-audits/cases/${caseId}/part`, {
      'grade-q1': 'good',
      'grade-q2': 'inadequate',
      overallGrade: 'requires-improvement',
      summary: 'Health: the plan was vague',
    })
    assert.equal(saved.statusCode, 303)
    const forged = await b('health').post(
      `/case-audits/cases/${caseId}/part`,
      { summary: 'x' },
      { csrf: false },
    )
    assert.equal(forged.statusCode, 403)
    assert.match((await b('lead').get(`/case-audits/cases/${caseId}`)).body, /Health: the plan was vague/)
    const moderated = await b('lead').post(`/case-audits/cases/${caseId}/moderation`, {
      ...dateFields('metOn', '2026-12-04'),
      attendees: 'Lead, health',
      agreedGrade: 'requires-improvement',
      findings: 'The plan was vague',
      learning: 'Specific plans',
    })
    assert.equal(moderated.statusCode, 303)
    assert.match((await b('lead').get(`/case-audits/programmes/${programmeId}`)).body, /Requires improvement/)
  })

  it('a lead ends an agency’s grant early: the reason asked for, then the record answers 404', async () => {
    assert.match(
      (await b('lead').get(`/case-audits/cases/${caseId}`)).body,
      /End an agency’s audit grant early/,
    )
    assert.equal(
      (await b('health').post(`/case-audits/cases/${caseId}/revoke-grant`, { agencyId: 'llr-icb' }))
        .statusCode,
      403,
    )
    const refused = await b('lead').post(`/case-audits/cases/${caseId}/revoke-grant`, { agencyId: 'llr-icb' })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /Enter why the grant ends early/)
    const ended = await b('lead').post(`/case-audits/cases/${caseId}/revoke-grant`, {
      agencyId: 'llr-icb',
      reason: 'Health audits this case in its own review',
    })
    assert.equal(ended.statusCode, 303)
    assert.equal((await b('health').get(`/case-audits/cases/${caseId}/record`)).statusCode, 404)
    assert.match(
      (await b('health').get(`/case-audits/cases/${caseId}`)).body,
      /Your agency’s audit grant for this child’s record has ended/,
    )
    assert.match(
      (await b('lead').get(`/case-audits/cases/${caseId}`)).body,
      /Ended early on .* Health audits this case in its own review/,
    )
  })

  it('books the re-audit’s moderation meeting, records who attended and moderates the case at it', async () => {
    assert.equal((await b('lead').post(`/case-audits/cases/${caseId}/re-audit`, {})).statusCode, 303)
    const programme = await b('lead').get(`/case-audits/programmes/${programmeId}`)
    assert.match(programme.body, /id="moderation-meeting"/)
    assert.match(programme.body, /The re-audit/)
    const refused = await b('lead').post(`/case-audits/programmes/${programmeId}/moderation-meeting`, {
      round: '2',
      ...dateFields('meetsOn', '2026-12-03'),
      startsAt: '9am',
      place: 'Room 4',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /Enter a date that is today or in the future/)
    assert.match(refused.body, /Enter the start time as hours and minutes/)
    assert.match(refused.body, /value="Room 4"/)
    assert.equal(
      (await b('health').post(`/case-audits/programmes/${programmeId}/moderation-meeting`, { round: '2' }))
        .statusCode,
      403,
    )
    const booked = await b('lead').post(`/case-audits/programmes/${programmeId}/moderation-meeting`, {
      round: '2',
      ...dateFields('meetsOn', '2026-12-04'),
      startsAt: '09:00',
      place: 'Room 4',
    })
    assert.equal(booked.statusCode, 303)
    const ics = await b('health').get(`/case-audits/cases/${caseId}/moderation-meeting.ics`)
    assert.equal(ics.statusCode, 200)
    assert.match(String(ics.headers['content-type']), /^text\/calendar/)
    assert.match(ics.body, /SUMMARY:Case audit CA-\d+: moderation of the re-audit/)
    assert.equal(
      (await b('school').get(`/case-audits/cases/${caseId}/moderation-meeting.ics`)).statusCode,
      404,
    )
    const lead = await b('lead').get(`/case-audits/programmes/${programmeId}/moderation-meeting.ics?round=2`)
    assert.equal(lead.statusCode, 200)
    const waiting = await b('lead').get(`/case-audits/cases/${caseId}`)
    assert.match(waiting.body, /The moderation meeting meets on 4 December 2026 at 09:00, Room 4/)
    assert.match(waiting.body, /record who attended on/)
    const none = await b('lead').post(
      `/case-audits/programmes/${programmeId}/moderation-meeting/attendance`,
      {
        round: '2',
      },
    )
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /Select the agencies that attended/)
    const attended = await b('lead').post(
      `/case-audits/programmes/${programmeId}/moderation-meeting/attendance`,
      { round: '2', agencyIds: ['llr-icb', 'leicestershire-police'] },
    )
    assert.equal(attended.statusCode, 303)
    const after = await b('lead').get(String(attended.headers.location).split('#')[0] as string)
    assert.match(after.body, /Attendance recorded/)
    assert.match(
      after.body,
      /Invited\s*<\/dt>[\s\S]*?\(Leicester, Leicestershire and Rutland Integrated Care Board\)/,
    )
    assert.match(after.body, /Leicestershire Police/)
    await b('health').post(`/case-audits/cases/${caseId}/part`, {
      'grade-q1': 'good',
      'grade-q2': 'good',
      overallGrade: 'good',
      summary: 'Health: the plan is specific now',
    })
    const form = await b('lead').get(`/case-audits/cases/${caseId}`)
    assert.match(form.body, /Agreed at the moderation meeting on 4 December 2026, attended by/)
    assert.doesNotMatch(form.body, /id="attendees"/)
    const moderated = await b('lead').post(`/case-audits/cases/${caseId}/moderation`, {
      agreedGrade: 'good',
      findings: 'The plan is specific now',
      learning: 'Keep plans specific',
    })
    assert.equal(moderated.statusCode, 303)
    const page = (await b('lead').get(`/case-audits/cases/${caseId}`)).body
    assert.match(page, /Re-audit: met on 4 December 2026/)
    assert.match(page, /Leicester, Leicestershire and Rutland Integrated Care Board, Leicestershire Police/)
  })
})
