// Who reads a meeting's record: the child's LA, the agencies invited, the people who took part;
// not every agency involved with the child. And each agency's part within its marking.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as conferences from '../../src/child-protection/workflow/conference.ts'
import * as strategy from '../../src/child-protection/workflow/strategy-discussion.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { apiKeyPrefix, hashToken, newApiKey } from '../../src/identity/secrets.ts'
import { createApiClient } from '../../src/identity/store.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../../src/partnership/config.ts'
import type { Caller } from '../../src/platform/access/guard.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { lookUp } from '../support/database.ts'
import { userIdOf } from '../support/meetings.ts'

// A working day well ahead (bank holidays are known to 2028); the ICPC is then due 11 January 2028.
const MEETING = { day: '16', month: '12', year: '2027' }
const POLICE_ONLY = 'Uncle known to police for violence; investigation not yet disclosed'
const HEALTH_SHARED = 'Missed two immunisation appointments'

const organiser: Caller = {
  actor: {
    kind: 'user',
    id: 'bs-organiser',
    displayName: 'Business support',
    agencyId: 'leicester-city-council',
    agencyKind: 'local-authority',
    agencyLaId: 'leicester',
    grants: [{ role: 'business-support', laId: 'leicester' }],
  },
  origin: { ip: '127.0.0.1', requestId: 'test' },
}

describe('meeting records reach only who may read them', () => {
  let t: TestApp
  let partnership: PartnershipConfig
  let users: DemoUser[]
  let discussionId: string
  let section47Id: string
  let conferenceId: string
  const as = (email: string): Promise<TestBrowser> =>
    signIn(t.app, users.find((u) => u.email === email) as DemoUser)
  const people: Record<string, TestBrowser> = {}
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
  const api = async (key: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload } : {}),
    })

  // The service's clock: the real time, but while the chair records the discussion it is held.
  let clock: Date | undefined

  before(async () => {
    t = await startTestApp(undefined, { now: () => clock ?? new Date() })
    partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    users = await seedDemoUsers(t.database, partnership)
    const child = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'MA-1',
        given_name: 'Ava',
        family_name: 'Meeting',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // The school is involved with the child (she is on its roll), but is not invited to the meeting.
    await t.database.db
      .insertInto('child_involvement')
      .values({
        child_id: child.id,
        agency_id: 'leicester-schools',
        kind: 'roll',
        reason: 'school',
        lawful_basis: 'Children Act 2004 s11',
      })
      .execute()
    for (const [name, email] of Object.entries({
      school: 'safeguarding-manager@leicester-schools.example',
      health: 'safeguarding-manager@llr-icb.example',
      police: 'police-public-protection@leicestershire-police.example',
      screener: 'front-door-screener.leicester@leicester-city-council.example',
      support: 'business-support@leicester-city-council.example',
      chair: 'strategy-discussion-chair@leicester-city-council.example',
      rutland: 'front-door-screener.rutland@rutland-county-council.example',
    }))
      people[name] = await as(email)

    const ctx = { db: t.database.db, partnership, now: () => new Date() }
    discussionId = await strategy.requestDirect(ctx, organiser, {
      childId: child.id,
      origin: 'urgent',
      concerns: 'Bruising seen at school',
      meetingReasons: [],
    })
    const d = `/strategy-discussions/${discussionId}`
    const booked = await people.support?.post(`${d}/schedule`, {
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
      lateReason: 'The police officer is on leave until then',
      chairUserId: await userIdOf(t.database.db, 'strategy-discussion-chair@leicester-city-council.example'),
    })
    assert.equal(booked?.statusCode, 303, booked?.body)
    await people.police?.get(`${d}/contribution`)
    const police = await people.police?.post(`${d}/contribution`, {
      recordsHeld: POLICE_ONLY,
      risks: 'Violence',
      strengths: 'None known',
      marking: 'police-only',
    })
    assert.equal(police?.statusCode, 303, police?.body)
    await people.health?.get(`${d}/contribution`)
    const wrongMarking = await people.health?.post(`${d}/contribution`, {
      recordsHeld: HEALTH_SHARED,
      risks: 'Neglect of health',
      strengths: 'Registered with a GP',
      marking: 'police-only',
    })
    assert.equal(wrongMarking?.statusCode, 400, 'health cannot mark its part police-only')
    assert.match(wrongMarking?.body ?? '', /href="#marking"/)
    assert.match(wrongMarking?.body ?? '', new RegExp(HEALTH_SHARED), 'keeps what was typed')
    const health = await people.health?.post(`${d}/contribution`, {
      recordsHeld: HEALTH_SHARED,
      risks: 'Neglect of health',
      strengths: 'Registered with a GP',
    })
    assert.equal(health?.statusCode, 303, health?.body)
    await people.chair?.get(`${d}/record/edit`)
    clock = new Date('2027-12-16T12:00:00Z')
    const recorded = await people.chair?.post(`${d}/record/edit`, {
      attending: ['leicester-city-council', 'leicestershire-police', 'llr-icb'],
      informationShared: 'Shared at the meeting',
      riskAnalysis: 'Risk of significant harm',
      decision: 's47-joint',
      decisionReasons: 'Reasonable cause to suspect',
      policeDecision: 'criminal-investigation',
      familySharing: 'Mother told',
    })
    assert.equal(recorded?.statusCode, 303, recorded?.body)
    assert.equal((await people.chair?.post(`${d}/sign-off`, {}))?.statusCode, 303)
    clock = undefined
    const s47 = await t.database.db
      .selectFrom('section47_enquiry')
      .select('id')
      .where('strategy_discussion_id', '=', discussionId)
      .executeTakeFirstOrThrow()
    section47Id = s47.id
    conferenceId = await conferences.bookInitial(ctx, organiser, section47Id, {
      date: '2028-01-10',
      time: '10:00',
      location: 'Room 1',
      invitees: [
        { agencyId: 'leicester-city-council', name: 'Sam Social', email: 'sam@leicester.example' },
        { agencyId: 'leicestershire-police', name: 'PC Jones', email: 'jones@police.example' },
        { agencyId: 'llr-icb', name: 'Hana Health', email: 'hana@health.example' },
      ],
    })
  })
  after(() => t.close())

  const pages = () => [
    `/strategy-discussions/${discussionId}`,
    `/strategy-discussions/${discussionId}/record`,
    `/strategy-discussions/${discussionId}/record.pdf`,
    `/section-47/${section47Id}`,
    `/conferences/${conferenceId}`,
  ]

  it('refuses a school involved with the child but not invited, on every page and the PDF, and says whom to ask', async () => {
    for (const url of pages()) {
      const page = await people.school?.get(url)
      assert.equal(page?.statusCode, 403, url)
      assert.doesNotMatch(page?.body ?? '', /Uncle|immunisation|criminal investigation/i, url)
    }
    const page = await people.school?.get(`/strategy-discussions/${discussionId}`)
    assert.match(page?.body ?? '', /You do not have access to this meeting’s record/)
    assert.match(page?.body ?? '', /Leicester Duty and Advice Service/)
    assert.match(page?.body ?? '', /frontdoor@leicester\.example/)
    assert.doesNotMatch(page?.body ?? '', /breakGlassReason/, 'a school does not break glass')
  })

  it('refuses the school’s system through the API, without hiding a child it knows of', async () => {
    const schoolKey = await apiKey('leicester-schools', ['cases:read'])
    const refused = await api(schoolKey, 'GET', `/api/v1/strategy-discussions/${discussionId}`)
    assert.equal(refused.statusCode, 403)
    assert.doesNotMatch(refused.body, /Uncle|immunisation/)
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'detail'])
      .where('action', '=', 'meeting.view')
      .where('outcome', '=', 'denied')
      .where('agency_id', '=', 'leicester-schools')
      .execute()
    assert.ok(audit.length >= pages().length, 'each refusal is on the audit')
  })

  it('lets an invited agency read the record but not police-only parts, on the page and through the API', async () => {
    const page = await people.health?.get(`/strategy-discussions/${discussionId}`)
    assert.equal(page?.statusCode, 200)
    assert.match(page?.body ?? '', new RegExp(HEALTH_SHARED))
    assert.doesNotMatch(page?.body ?? '', /Uncle/)
    assert.match(
      page?.body ?? '',
      /Leicestershire Police shared information marked police only: it is not shown to you/,
    )
    for (const url of pages()) assert.equal((await people.health?.get(url))?.statusCode, 200, url)
    const healthKey = await apiKey('llr-icb', ['cases:read'])
    const json = (await api(healthKey, 'GET', `/api/v1/strategy-discussions/${discussionId}`)).json()
    assert.deepEqual(
      json.contributions.map((c: { agencyId: string }) => c.agencyId),
      ['llr-icb'],
    )
    assert.deepEqual(json.withheldContributions, [
      { agencyId: 'leicestershire-police', agency: 'Leicestershire Police', marking: 'police-only' },
    ])
    assert.equal(json.record.policeDecision, 'criminal-investigation')
  })

  it('lets police read their police-only part', async () => {
    const page = await people.police?.get(`/strategy-discussions/${discussionId}`)
    assert.equal(page?.statusCode, 200)
    assert.match(page?.body ?? '', /Uncle known to police/)
    assert.match(page?.body ?? '', new RegExp(HEALTH_SHARED))
  })

  it('lets the child’s LA screeners, chairs and business support read as before, police-only parts withheld', async () => {
    for (const who of ['screener', 'chair', 'support'])
      for (const url of pages()) {
        const page = await people[who]?.get(url)
        assert.equal(page?.statusCode, 200, `${who} ${url}`)
        assert.doesNotMatch(page?.body ?? '', /Uncle/, `${who} ${url}`)
      }
  })

  it('offers break-glass to a case worker from another LA, and then opens the meeting but not police-only parts', async () => {
    const url = `/conferences/${conferenceId}`
    const refused = await people.rutland?.get(url)
    assert.equal(refused?.statusCode, 403)
    assert.match(refused?.body ?? '', /name="breakGlassReason"/)
    assert.match(refused?.body ?? '', new RegExp(`name="returnTo" value="${url}"`))
    const opened = await people.rutland?.post(`/children/${await childOf(discussionId)}/break-glass`, {
      breakGlassReason: 'Child presented at Rutland A&E tonight',
      returnTo: url,
    })
    assert.equal(opened?.statusCode, 303)
    assert.equal(opened?.headers.location, url)
    assert.equal((await people.rutland?.get(url))?.statusCode, 200)
    const discussion = await people.rutland?.get(`/strategy-discussions/${discussionId}`)
    assert.equal(discussion?.statusCode, 200)
    assert.doesNotMatch(discussion?.body ?? '', /Uncle/)
  })

  it('lets an agency write only its own part, where it was invited: a school involved but not invited is refused', async () => {
    const ctx = { db: t.database.db, partnership, now: () => new Date() }
    const open = await strategy.requestDirect(ctx, organiser, {
      childId: (await childOf(discussionId)) as string,
      origin: 'urgent',
      concerns: 'Further bruising seen',
      meetingReasons: [],
    })
    await strategy.schedule(ctx, organiser, open, {
      date: '2027-12-17',
      time: '10:00',
      format: 'meeting',
      location: 'Teams',
      lateReason: 'The police officer is on leave until then',
      chairUserId: await userIdOf(t.database.db, 'strategy-discussion-chair@leicester-city-council.example'),
      meetingReasons: [],
      invitees: [
        { agencyId: 'leicester-city-council', name: 'Sam Social', email: 'sam@leicester.example' },
        { agencyId: 'leicestershire-police', name: 'PC Jones', email: 'jones@police.example' },
        { agencyId: 'llr-icb', name: 'Hana Health', email: 'hana@health.example' },
      ],
    })
    const contribution = await people.school?.post(`/strategy-discussions/${open}/contribution`, {
      recordsHeld: 'On roll; attendance 80%',
      risks: 'Bruising',
      strengths: 'Engaged with staff',
    })
    assert.equal(contribution?.statusCode, 403)
    assert.match(contribution?.body ?? '', /Your agency has not been invited to this strategy discussion/)
    const report = await people.school?.post(`/conferences/${conferenceId}/report`, { report: 'Our report' })
    assert.equal(report?.statusCode, 403)
    assert.match(report?.body ?? '', /Your agency has not been invited to this conference/)
    const written = await t.database.db
      .selectFrom('strategy_contribution')
      .select('agency_id')
      .where('discussion_id', '=', open)
      .execute()
    assert.deepEqual(written, [], 'nothing written')

    await people.police?.get(`/conferences/${conferenceId}/report`)
    const invited = await people.police?.post(`/conferences/${conferenceId}/report`, {
      report: 'Police report',
    })
    assert.equal(invited?.statusCode, 303, 'an invited agency writes its own part')

    const decisions = await t.database.db
      .selectFrom('audit_event')
      .select(['agency_id', 'outcome', 'reason'])
      .where('action', '=', 'part.write')
      .execute()
    assert.ok(
      decisions.some((d) => d.agency_id === 'leicester-schools' && d.outcome === 'denied'),
      'the refusal is decided by the policy and on the audit',
    )
    assert.ok(decisions.some((d) => d.agency_id === 'leicestershire-police' && d.outcome === 'allowed'))
  })

  const childOf = (id: string) => lookUp(t.database.db, 'strategy_discussion', 'child_id', 'id', id)
})

describe('a police-only MAT contribution stays police-only', () => {
  let t: TestApp
  let users: DemoUser[]
  let referralId: string
  const call = (key: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload } : {}),
    })
  const keyFor = async (agencyId: string, scopes: string[]) => {
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
  const contribution = (recordsHold: string, marking?: string) => ({
    recordsHold,
    household: 'Stepfather moved in this year',
    lawfulBasis: 'UK GDPR 6(1)(e), 9(2)(g); DPA 2018 Sch 1 para 18',
    ...(marking ? { marking } : {}),
  })
  let keys: Record<'police' | 'health' | 'education', string>

  before(async () => {
    t = await startTestApp()
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    const school = await keyFor('leicester-schools', ['contacts:write'])
    const referral = await t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${school}`, 'idempotency-key': 'mat-marking-1' },
      payload: {
        child: { firstName: 'Ava', lastName: 'Triage', dateOfBirth: '2015-03-02', postcode: 'LE2 1AA' },
        whatHappened: 'Ava arrived with a bruise on her cheek.',
        worries: 'Second injury this term.',
        familyKnows: 'Mother has not been told.',
        consent: 'not-sought',
        lawfulBasisWithoutConsent: 'UK GDPR 6(1)(e); asking could put Ava at risk',
        urgency: 'standard',
        referralSource: '2A',
        referrer: { name: 'Tess Teacher', role: 'Designated safeguarding lead', email: 'dsl@school.example' },
      },
    })
    assert.equal(referral.statusCode, 201, referral.body)
    referralId = referral.json().id
    // The sender is not told the queue; the front door routed it to multi-agency triage.
    const routed = await t.database.db
      .selectFrom('referral')
      .select('queue')
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow()
    assert.equal(routed.queue, 'mat')
    keys = {
      police: await keyFor('leicestershire-police', ['triage:write']),
      health: await keyFor('llr-community-health', ['triage:write']),
      education: await keyFor('leicester-schools', ['triage:write']),
    }
  })
  after(() => t.close())

  it('refuses a marking the agency may not give, then takes police’s police-only contribution', async () => {
    const url = `/api/v1/referrals/${referralId}/mat-contributions`
    const wrong = await call(keys.health, 'POST', url, contribution('Health records', 'police-only'))
    assert.equal(wrong.statusCode, 400)
    assert.equal(wrong.json().field, 'marking')
    const added = await call(
      keys.police,
      'POST',
      url,
      contribution('Uncle on the violent offender list', 'police-only'),
    )
    assert.equal(added.statusCode, 201, added.body)
    assert.equal((await call(keys.education, 'POST', url, contribution('Attendance 71%'))).statusCode, 201)
  })

  it('shows it to police on the MAT page and in the API, and to others only as withheld', async () => {
    const page = (email: string) =>
      signIn(t.app, users.find((u) => u.email === email) as DemoUser).then((b) =>
        b.get(`/referrals/${referralId}/mat`),
      )
    const education = await page('mat-practitioner@leicester-schools.example')
    assert.equal(education.statusCode, 200)
    assert.match(education.body, /Attendance 71%/)
    assert.doesNotMatch(education.body, /violent offender/)
    assert.match(
      education.body,
      /Leicestershire Police marked what it added police only: it is not shown to you/,
    )
    const police = await page('mat-practitioner@leicestershire-police.example')
    assert.match(police.body, /Uncle on the violent offender list/)
    const read = (key: string) => call(key, 'GET', `/api/v1/referrals/${referralId}`).then((r) => r.json())
    const kinds = (json: { matContributions: { agencyKind: string }[] }) =>
      json.matContributions.map((c) => c.agencyKind).sort()
    assert.deepEqual(kinds(await read(keys.education)), ['education'])
    assert.deepEqual(kinds(await read(keys.police)), ['education', 'police'])
  })
})
