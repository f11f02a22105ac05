// The voice of children and families' pages over HTTP: business support sends the survey (the
// field named on a bad address), the family's page behind the link shows nothing but the
// conference's day, needs the form's CSRF token, is answered once and then says the link no longer
// works (410), and is rate limited; the results page counts with small numbers hidden, and the
// administrator records what was changed; the practitioner's survey is reached from the conference.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { signedInPerson } from '../../test/support/people.ts'
import { seedHeldConference } from '../../test/support/voice.ts'
import { type App, buildApp } from '../app.ts'
import { TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const ANSWERS = {
  understood: 'yes',
  heard: 'partly',
  reports: 'no',
  suggestion: 'Someone to explain the words',
}

describe('the voice of children and families’ pages', () => {
  let database: TestDatabase
  let app: App
  let conferenceId: string
  let planId: string
  let bs: TestBrowser
  let admin: TestBrowser
  let scrutineer: TestBrowser
  let nurse: TestBrowser

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({
      database,
      partnership,
      logLevel: 'error',
      now: () => new Date('2026-11-10T10:00:00Z'),
    })
    const t = { app, database }
    bs = await signedInPerson(t, {
      agencyId: 'leicester-city-council',
      email: 'bs@lcc.example',
      role: 'business-support',
    })
    admin = await signedInPerson(t, {
      agencyId: 'leicester-city-council',
      email: 'pa@lcc.example',
      role: 'partnership-admin',
    })
    scrutineer = await signedInPerson(t, {
      agencyId: 'leicester-city-council',
      email: 'is@lcc.example',
      role: 'independent-scrutineer',
    })
    nurse = await signedInPerson(t, {
      agencyId: 'llr-community-health',
      email: 'nurse@llrch.example',
      role: 'mat-practitioner',
    })
    ;({ conferenceId, planId } = await seedHeldConference(database.db, {
      laId: 'leicester',
      laChildId: 'VOICE-PAGES',
      meetingDate: '2026-11-09',
      invitees: [{ agencyId: 'llr-community-health', email: 'nurse@llrch.example' }],
    }))
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  const sendSurvey = async (audience: 'family' | 'child' = 'family') => {
    const sent = await bs.post(`/voice/conferences/${conferenceId}/survey`, {
      email: 'parent@example.com',
      ...(audience === 'child' ? { for: 'child' } : {}),
    })
    assert.equal(sent.statusCode, 303)
    const email = await database.db
      .selectFrom('notification_outbox')
      .select('personalisation')
      .where('template_id', '=', `voice-${audience}-survey`)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    return (email.personalisation as { link: string }).link
  }

  it('business support finds the survey on the conference, and a bad address is named', async () => {
    const conference = await bs.get(`/conferences/${conferenceId}`)
    assert.equal(conference.statusCode, 200)
    assert.match(conference.body, /Send the family’s feedback survey/)
    const page = await bs.get(`/voice/conferences/${conferenceId}/survey`)
    assert.equal(page.statusCode, 200)
    const bad = await bs.post(`/voice/conferences/${conferenceId}/survey`, { email: 'nope' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /href="#email">Enter an email address in the correct format/)
    assert.match(bad.body, /value="nope"/)
  })

  it('the family’s page shows only the conference’s day, needs the CSRF token, is answered once, then 410', async () => {
    const link = await sendSurvey()
    const family = new TestBrowser(app)
    const page = await family.get(link)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Tell us about the conference on 9 November 2026/)
    const main = /<main[\s\S]*<\/main>/.exec(page.body)?.[0] ?? ''
    assert.match(main, /9 November 2026/)
    for (const leak of [
      /Zephyrine/,
      /Quillfeather/,
      /VOICE-PAGES/,
      /Eastgate/,
      /10:00/,
      new RegExp(conferenceId),
    ])
      assert.doesNotMatch(page.body, leak)
    assert.doesNotMatch(main, /Leicester/)
    const forged = await new TestBrowser(app).post(link, ANSWERS, { csrf: false })
    assert.equal(forged.statusCode, 403)
    const missing = await family.post(link, { understood: 'yes' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /href="#heard">Select whether you felt your views were listened to/)
    const answered = await family.post(link, ANSWERS)
    assert.equal(answered.statusCode, 200)
    assert.match(answered.body, /Your answers have been sent/)
    const again = await family.get(link)
    assert.equal(again.statusCode, 410)
    assert.match(again.body, /This link no longer works/)
    assert.equal((await family.post(link, ANSWERS)).statusCode, 410)
  })

  it('the child’s own survey asks in plain words, under the same link rules, and counts as the child’s', async () => {
    const link = await sendSurvey('child')
    const child = new TestBrowser(app)
    const page = await child.get(link)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Did the grown-ups listen to what you think and feel\?/)
    for (const leak of [/Zephyrine/, /Quillfeather/, /VOICE-PAGES/]) assert.doesNotMatch(page.body, leak)
    const missing = await child.post(link, { understood: 'yes' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /href="#heard">Choose an answer: did we listen to you\?/)
    const answers = { understood: 'yes', heard: 'partly', explained: 'no', suggestion: 'Ask me first' }
    assert.equal((await child.post(link, answers)).statusCode, 200)
    assert.equal((await child.post(link, answers)).statusCode, 410, 'answered once')
    const kept = await database.db
      .selectFrom('voice_response')
      .select(['audience', 'answers'])
      .where('audience', '=', 'child')
      .execute()
    assert.deepEqual(kept, [
      { audience: 'child', answers: { understood: 'yes', heard: 'partly', explained: 'no' } },
    ])
    const results = await admin.get('/voice')
    assert.match(results.body, /Children and young people, in their own answers: fewer than 5 answers/)
    assert.match(results.body, /Did someone tell you what would happen at the meeting before it started\?/)
  })

  it('a made-up link is 410, and an address asking too often is slowed (429)', async () => {
    const visitor = new TestBrowser(app)
    const codes = []
    for (let i = 0; i < 11; i += 1) codes.push((await visitor.get(`/voice/survey/made-up-${i}`)).statusCode)
    assert.equal(codes[0], 410)
    assert.ok(codes.includes(429), `codes: ${codes}`)
  })

  it('the practitioner at the conference answers its survey from the conference page', async () => {
    const page0 = await nurse.get(`/voice/meetings/conference/${conferenceId}`)
    assert.match(page0.body, /Tell us how the child protection conference went/)
    const answered = await nurse.post(`/voice/meetings/conference/${conferenceId}`, {
      purpose: 'yes',
      contributed: 'no',
      prepared: 'partly',
    })
    assert.equal(answered.statusCode, 303)
    const page = await nurse.get(`/voice/meetings/conference/${conferenceId}?answered=1`)
    assert.match(page.body, /You have answered the survey for this meeting/)
    assert.equal((await bs.get(`/voice/meetings/conference/${conferenceId}`)).statusCode, 404)
  })

  it('the results hide small numbers; the administrator records what changed; others may not', async () => {
    const results = await admin.get('/voice')
    assert.equal(results.statusCode, 200)
    assert.match(results.body, /Families: fewer than 5 answers/)
    assert.match(results.body, /Practitioners: fewer than 5 answers/)
    assert.doesNotMatch(results.body, /Someone to explain the words/)
    const bad = await admin.post('/voice/changes', { theme: '', whatWeChanged: '' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /href="#theme">Select the theme/)
    const recorded = await admin.post('/voice/changes', {
      theme: 'understanding',
      whatWeChanged: 'Chairs now meet parents before the conference to explain why it is held',
    })
    assert.equal(recorded.statusCode, 303)
    const read = await scrutineer.get('/voice')
    assert.equal(read.statusCode, 200)
    assert.match(read.body, /Chairs now meet parents before the conference/)
    assert.doesNotMatch(read.body, /Record what we changed/)
    assert.equal(
      (await scrutineer.post('/voice/changes', { theme: 'understanding', whatWeChanged: 'x' })).statusCode,
      403,
    )
    assert.equal((await bs.get('/voice')).statusCode, 403)
  })

  it('the child’s own words are recorded at a core group meeting of the plan and shown on it', async () => {
    const form = await bs.get(`/plans/${planId}/core-group`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /The child’s own words/)
    const saved = await bs.post(`/plans/${planId}/core-group`, {
      'heldOn-day': '10',
      'heldOn-month': '11',
      'heldOn-year': '2026',
      attending: 'leicester-city-council',
      newOutcomes: 'Goes to school every day',
      childWords: 'I want to stay at my school',
    })
    assert.equal(saved.statusCode, 303)
    const plan = await bs.get(`/plans/${planId}`)
    assert.match(plan.body, /The child’s own words: I want to stay at my school/)
  })
})
