import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { requestDirect } from '../../src/child-protection/workflow/strategy-discussion.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { apiKeyPrefix, hashToken, newApiKey } from '../../src/identity/secrets.ts'
import { createApiClient } from '../../src/identity/store.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../../src/partnership/config.ts'
import type { Role } from '../../src/platform/access/actor.ts'
import type { Caller } from '../../src/platform/access/guard.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { userIdOf } from '../support/meetings.ts'

// A working day well ahead, so the booking is in the future whenever the test runs (bank holidays to 2028).
const MEETING = { day: '16', month: '12', year: '2027' }
const CHAIR_EMAIL = 'strategy-discussion-chair@leicester-city-council.example'

const requester: Caller = {
  actor: {
    kind: 'user',
    id: 'bs-direct',
    displayName: 'Business support',
    agencyId: 'leicester-city-council',
    agencyKind: 'local-authority',
    agencyLaId: 'leicester',
    grants: [{ role: 'business-support', laId: null }],
  },
  origin: { ip: '127.0.0.1', requestId: 'test' },
}

describe('strategy discussions over HTTP', () => {
  let t: TestApp
  let users: DemoUser[]
  // Each person signs in once (a sign-in code is used once); later tests go on in the same session.
  const browsers = new Map<Role, Promise<TestBrowser>>()
  const as = (role: Role): Promise<TestBrowser> => {
    const user = users.find((u) => u.grants.some((g) => g.role === role)) as DemoUser
    if (!browsers.has(role)) browsers.set(role, signIn(t.app, user))
    return browsers.get(role) as Promise<TestBrowser>
  }
  const apiKey = async (agencyId: string, scopes: string[]) => {
    const key = newApiKey()
    await createApiClient(t.database.db, {
      agencyId,
      name: `${agencyId} system`,
      keyPrefix: apiKeyPrefix(key),
      keyHash: hashToken(key),
      scopes,
    })
    return key
  }
  let childId: string
  let partnership: PartnershipConfig
  // The service's clock: the real time, until a test moves it to when a meeting is held.
  let clock: Date | undefined

  before(async () => {
    t = await startTestApp(undefined, { now: () => clock ?? new Date() })
    partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    users = await seedDemoUsers(t.database, partnership)
    const child = await t.database.db
      .insertInto('child')
      .values({ la_id: 'leicester', la_child_id: 'H-1', given_name: 'Ava', family_name: 'Http', sex: 'F' })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
  })
  after(() => t.close())

  it('books, contributes, records, signs off and serves the record as a page, PDF, calendar file and JSON', async () => {
    const support = await as('business-support')
    // Started directly (the pages start from threshold decisions; the browser test goes that way).
    const id = await requestDirect({ db: t.database.db, partnership, now: () => new Date() }, requester, {
      childId,
      origin: 'urgent',
      concerns: 'Bruising seen at school',
      meetingReasons: [],
    })
    const blank = await support.post(`/strategy-discussions/${id}/schedule`, { time: '9am' })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /There is a problem/)
    assert.match(blank.body, /value="9am"/, 'keeps what was typed')
    assert.match(blank.body, /href="#chairUserId">Select who will chair the discussion/)
    const chairId = await userIdOf(t.database.db, CHAIR_EMAIL)
    const chairName = users.find((u) => u.email === CHAIR_EMAIL)?.displayName as string
    assert.match(blank.body, new RegExp(`value="${chairId}"`), 'offers the chair')
    const clerkId = await userIdOf(t.database.db, 'business-support@leicester-city-council.example')
    assert.doesNotMatch(blank.body, new RegExp(`value="${clerkId}"`), 'offers only who may chair')
    const booking = {
      'date-day': MEETING.day,
      'date-month': MEETING.month,
      'date-year': MEETING.year,
      time: '10:00',
      format: 'meeting',
      location: 'Teams',
      invite: ['leicester-city-council', 'leicestershire-police', 'llr-icb'],
      'name-leicester-city-council': 'Sam Social',
      'email-leicester-city-council': 'sam@leicester.example',
      'name-leicestershire-police': 'PC Jones',
      'email-leicestershire-police': 'jones@police.example',
      'name-llr-icb': 'Hana Health',
      'email-llr-icb': 'hana@health.example',
      chairUserId: chairId,
    }
    const notAChair = await support.post(`/strategy-discussions/${id}/schedule`, {
      ...booking,
      chairUserId: clerkId,
      lateReason: 'Leave',
    })
    assert.equal(notAChair.statusCode, 400)
    assert.match(notAChair.body, /href="#chairUserId">Select someone who may chair the discussion/)
    // An urgent discussion is due today: a date next year asks why.
    const late = await support.post(`/strategy-discussions/${id}/schedule`, booking)
    assert.equal(late.statusCode, 400)
    assert.match(
      late.body,
      /href="#lateReason">The date is after \d{1,2} \w+ \d{4}, when it is due: enter why/,
    )
    assert.match(late.body, /value="Teams"/, 'keeps what was typed')
    const booked = await support.post(`/strategy-discussions/${id}/schedule`, {
      ...booking,
      lateReason: 'The police officer is on leave until then',
    })
    assert.equal(booked.statusCode, 303, booked.body)
    const page = await support.get(`/strategy-discussions/${id}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Not yet quorate/)
    assert.match(
      page.body,
      /Booked after its due date because[\s\S]*The police officer is on leave until then/,
    )
    assert.match(
      page.body,
      new RegExp(`Chair\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*${chairName}`),
    )
    const diary = await support.get('/diary')
    assert.match(diary.body, new RegExp(`Chair: ${chairName}`))
    assert.match(
      diary.body,
      /Booked after its due date<\/strong><br><span class="govuk-body-s">Why: The police officer is on leave until then/,
    )

    const ics = await support.get(`/strategy-discussions/${id}/invitation.ics`)
    assert.equal(ics.statusCode, 200)
    assert.match(String(ics.headers['content-type']), /text\/calendar/)
    assert.match(ics.body, /DTSTART:20271216T100000Z/)

    const police = await as('police-public-protection')
    await police.get(`/strategy-discussions/${id}/contribution`)
    const contributed = await police.post(`/strategy-discussions/${id}/contribution`, {
      recordsHeld: 'Two domestic incidents',
      risks: 'Violence at home',
      strengths: 'Grandmother protective',
    })
    assert.equal(contributed.statusCode, 303, contributed.body)

    const chair = await as('strategy-discussion-chair')
    const before = await chair.get(`/strategy-discussions/${id}`)
    assert.match(before.body, /The discussion has not started yet: its record can be written once it starts/)
    assert.doesNotMatch(before.body, /Write the record/)
    await chair.get(`/strategy-discussions/${id}/record/edit`)
    const record = {
      attending: ['leicester-city-council', 'leicestershire-police', 'llr-icb'],
      'attendee-leicestershire-police': 'PC Jones',
      informationShared: 'Shared',
      riskAnalysis: 'Risky',
      decision: 's47-joint',
      decisionReasons: 'Reasonable cause',
      policeDecision: 'criminal-investigation',
      familySharing: 'Mother told',
      'actions-1-description': 'Joint visit',
      'actions-1-agency': 'leicester-city-council',
      'actions-1-owner': 'Sam Social',
      'actions-1-due-day': '17',
      'actions-1-due-month': '12',
      'actions-1-due-year': '2027',
      'actions-2-description': '',
      'actions-2-agency': '',
      'actions-2-owner': '',
    }
    const early = await chair.post(`/strategy-discussions/${id}/record/edit`, record)
    assert.equal(early.statusCode, 409)
    assert.match(early.body, /The discussion has not started yet/)
    clock = new Date('2027-12-16T10:00:00Z')
    const saved = await chair.post(`/strategy-discussions/${id}/record/edit`, record)
    assert.equal(saved.statusCode, 303, saved.body)
    assert.equal((await chair.post(`/strategy-discussions/${id}/sign-off`, {})).statusCode, 303)
    clock = undefined
    const written = await chair.get(`/strategy-discussions/${id}/record`)
    assert.match(written.body, /11 January 2028/, 'ICPC 15 working days on, past Christmas and New Year')
    assert.match(
      written.body,
      new RegExp(`Chair\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*${chairName}`),
    )
    const pdf = await chair.get(`/strategy-discussions/${id}/record.pdf`)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.ok(pdf.rawPayload.subarray(0, 5).toString() === '%PDF-')

    const policeKey = await apiKey('leicestershire-police', ['cases:read', 'events:read'])
    const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${policeKey}` },
        ...(payload ? { payload } : {}),
      })
    const json = await api('GET', `/api/v1/strategy-discussions/${id}`)
    assert.equal(json.statusCode, 200)
    assert.equal(json.json().record.decision, 's47-joint')
    assert.equal(json.json().record.icpcDueBy, '2028-01-11')
    assert.equal(json.json().meeting.chair, chairName)
    assert.equal((await api('POST', `/api/v1/strategy-discussions/${id}/acknowledgements`)).statusCode, 204)
    assert.equal((await api('POST', `/api/v1/strategy-discussions/${id}/acknowledgements`)).statusCode, 409)
    assert.equal((await api('POST', `/api/v1/strategy-discussions/${id}/sign-off`)).statusCode, 403)
    const invalid = await api('PUT', `/api/v1/strategy-discussions/${id}/contribution`, { risks: 1 })
    assert.equal(invalid.statusCode, 400)
    const schoolKey = await apiKey('leicester-schools', ['cases:read'])
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/strategy-discussions/${id}`,
      headers: { authorization: `Bearer ${schoolKey}` },
    })
    assert.equal(hidden.statusCode, 404, 'an uninvolved agency cannot tell it exists')

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('child_id', '=', childId)
      .execute()
    for (const action of [
      'strategy.schedule',
      'strategy.contribute',
      'strategy.chair',
      'meeting.view',
      'event.acknowledge',
    ])
      assert.ok(
        audit.some((a) => a.action === action && a.outcome === 'allowed'),
        action,
      )
    assert.ok(audit.some((a) => a.action === 'strategy.chair' && a.outcome === 'denied'))
  })

  it('refuses an over-long field on a form with the error summary and what was typed kept, and over the API naming the field', async () => {
    const support = await as('business-support')
    const id = await requestDirect({ db: t.database.db, partnership, now: () => new Date() }, requester, {
      childId,
      origin: 'urgent',
      concerns: 'Missing from school for a week',
      meetingReasons: [],
    })
    const booked = await support.post(`/strategy-discussions/${id}/schedule`, {
      'date-day': MEETING.day,
      'date-month': MEETING.month,
      'date-year': MEETING.year,
      time: '11:00',
      format: 'meeting',
      location: 'Teams',
      invite: ['leicester-city-council', 'leicestershire-police', 'llr-icb'],
      'email-leicester-city-council': 'sam@leicester.example',
      'email-leicestershire-police': 'jones@police.example',
      'email-llr-icb': 'hana@health.example',
      lateReason: 'Health cannot attend sooner',
      chairUserId: await userIdOf(t.database.db, CHAIR_EMAIL),
    })
    assert.equal(booked.statusCode, 303, booked.body)
    const tooLong = 'x'.repeat(20_001)

    const police = await as('police-public-protection')
    await police.get(`/strategy-discussions/${id}/contribution`)
    const refused = await police.post(`/strategy-discussions/${id}/contribution`, {
      recordsHeld: 'One missing-person report',
      risks: tooLong,
      strengths: 'Attends youth club',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /href="#risks">The risks must be 20,000 characters or fewer/)
    assert.match(refused.body, /One missing-person report/, 'keeps what was typed')
    assert.match(refused.body, /Attends youth club/, 'keeps what was typed')
    const stored = await t.database.db
      .selectFrom('strategy_contribution')
      .select('agency_id')
      .where('discussion_id', '=', id)
      .execute()
    assert.deepEqual(stored, [], 'nothing saved')

    const policeKey = await apiKey('leicestershire-police', ['cases:read'])
    const api = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/strategy-discussions/${id}/contribution`,
      headers: { authorization: `Bearer ${policeKey}` },
      payload: { recordsHeld: 'One missing-person report', risks: tooLong, strengths: 'Attends youth club' },
    })
    assert.equal(api.statusCode, 400)
    assert.equal(api.json().field, 'risks')
  })
})
