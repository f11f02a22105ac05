import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { apiKeyPrefix, hashToken, newApiKey } from '../../src/identity/secrets.ts'
import { createApiClient } from '../../src/identity/store.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

describe('matching a referral to the child’s record', () => {
  let t: TestApp
  let users: DemoUser[]
  let teacher: TestBrowser
  let screener: TestBrowser
  let matPractitioner: TestBrowser
  let businessSupport: TestBrowser
  let laPractitioner: TestBrowser
  let avaId: string
  let evaId: string
  let firstReferral: string
  let secondReferral: string

  const userOf = (email: string) => users.find((u) => u.email.startsWith(email)) as DemoUser

  const insertChild = async (givenName: string, householdId: string | null) => {
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: randomUUID().slice(0, 8),
        given_name: givenName,
        family_name: 'Testchild',
        sex: 'F',
        date_of_birth: '2015-03-02',
        household_id: householdId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /** Sends a referral with no NHS number or UPN, so intake cannot match it; returns its id. */
  const refer = async (idempotencyKey: string) => {
    const sent = await teacher.post('/referrals/new', {
      idempotencyKey,
      // Several referrals about Ava within minutes, each meant: no warning of a resubmission.
      sendAnyway: 'yes',
      childFirstName: 'Ava',
      childLastName: 'Testchild',
      'childDateOfBirth-day': '2',
      'childDateOfBirth-month': '3',
      'childDateOfBirth-year': '2015',
      childPostcode: 'LE2 1AA',
      whatHappened: 'Came to school with a bruise on her cheek.',
      worries: 'Second injury this term; frightened to go home.',
      familyKnows: 'Mother knows we are referring.',
      consent: 'given',
      urgency: 'standard',
      referralSource: '2A',
      referrerName: 'Tess Teacher',
      referrerRole: 'Designated safeguarding lead',
      referrerEmail: 'dsl@school.example',
    })
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300))
    return String(sent.headers.location).split('/')[2] as string
  }

  const linkTo = (browser: TestBrowser, referralId: string, childId: string) =>
    browser.post(`/referrals/${referralId}/child`, { childId })

  /** What matching writes, to show that a refused attempt wrote none of it. */
  const written = async (referralId: string) => {
    const referral = await t.database.db
      .selectFrom('referral')
      .select(['child_id', 'had_live_cp_plan'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow()
    const { rows } = await sql<{ events: number; unmatched: number; involvements: number }>`
      SELECT (SELECT count(*)::int FROM domain_event) AS events,
        (SELECT count(*)::int FROM domain_event WHERE child_id IS NULL) AS unmatched,
        (SELECT count(*)::int FROM child_involvement) AS involvements`.execute(t.database.db)
    return { ...referral, ...rows[0] }
  }

  before(async () => {
    t = await startTestApp()
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    const household = await t.database.db
      .insertInto('household')
      .values({ la_id: 'leicester', address_line1: '1 Test Street', town: 'Leicester', postcode: 'LE2 1AA' })
      .returning('id')
      .executeTakeFirstOrThrow()
    avaId = await insertChild('Ava', household.id)
    evaId = await insertChild('Eva', null)
    teacher = await signIn(t.app, userOf('referrer@'))
    screener = await signIn(t.app, userOf('front-door-screener.leicester@'))
    matPractitioner = await signIn(t.app, userOf('mat-practitioner@'))
    businessSupport = await signIn(t.app, userOf('business-support@'))
    laPractitioner = await signIn(t.app, userOf('mat-practitioner@leicester-city-council'))
    firstReferral = await refer('matching-1')
    secondReferral = await refer('matching-2')
  })
  after(() => t.close())

  it('lists the records that may be the child, with the reasons for each', async () => {
    const referral = await screener.get(`/referrals/${firstReferral}`)
    assert.match(
      referral.body,
      new RegExp(`href="/referrals/${firstReferral}/child">Find the child’s record`),
    )
    const page = await screener.get(`/referrals/${firstReferral}/child`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Find the child’s record/)
    const rows = page.body.split('<tr class="govuk-table__row">').slice(2)
    const ava = rows.find((row) => row.includes(`value="${avaId}"`)) as string
    assert.match(ava, /Ava Testchild/)
    assert.match(ava, /same name/)
    assert.match(ava, /same date of birth/)
    assert.match(ava, /same postcode/)
    assert.match(ava, new RegExp(`action="/referrals/${firstReferral}/child"`))
    assert.match(ava, /name="_csrf"/)
    assert.ok(rows.some((row) => row.includes(`value="${evaId}"`)))
    assert.match(page.body, /href="\/children\/new\?givenName=Ava&amp;familyName=Testchild&amp;dob-day=02/)

    const own = await teacher.get(`/referrals/${firstReferral}`)
    assert.equal(own.statusCode, 200)
    assert.doesNotMatch(own.body, /Find the child’s record/)
    assert.equal((await teacher.get(`/referrals/${firstReferral}/child`)).statusCode, 403)
  })

  it('links the referral to the child, moving its events onto the child’s chronology', async () => {
    const linked = await linkTo(screener, firstReferral, avaId)
    assert.equal(linked.statusCode, 303, linked.body.slice(0, 300))
    assert.equal(linked.headers.location, `/referrals/${firstReferral}`)

    const referral = await t.database.db
      .selectFrom('referral')
      .select(['child_id', 'number', 'referrer_agency_id'])
      .where('id', '=', firstReferral)
      .executeTakeFirstOrThrow()
    assert.equal(referral.child_id, avaId)
    const events = await t.database.db
      .selectFrom('domain_event')
      .select(['type', 'child_id', 'summary'])
      .where(sql<boolean>`payload->>'referralId' = ${firstReferral}`)
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      events.map((e) => [e.type, e.child_id]),
      [
        ['referral.received', avaId],
        ['referral.routed', avaId],
        ['referral.matched', avaId],
      ],
    )
    const screenerName = userOf('front-door-screener.leicester@').displayName
    assert.match(
      events[2]?.summary ?? '',
      new RegExp(`^FD-\\d{6} matched to this child’s record by ${screenerName}$`),
    )
    // The referrer is involved with their referral and its outcome, never with the child's record.
    const involvement = await t.database.db
      .selectFrom('child_involvement')
      .select(['agency_id', 'user_id', 'reason'])
      .where('child_id', '=', avaId)
      .execute()
    assert.deepEqual(involvement, [])
    assert.equal((await teacher.get(`/referrals/${firstReferral}`)).statusCode, 200)
    assert.equal((await teacher.get(`/children/${avaId}`)).statusCode, 404)
    assert.equal((await teacher.get(`/children/${avaId}/chronology`)).statusCode, 404)

    const record = await screener.get(`/children/${avaId}`)
    assert.equal(record.statusCode, 200)
    assert.match(record.body, /received from Designated safeguarding lead/)
    assert.match(record.body, /matched to this child’s record/)
    const page = await screener.get(`/referrals/${firstReferral}`)
    assert.doesNotMatch(page.body, /Find the child’s record/)
    assert.match(page.body, new RegExp(`href="/children/${avaId}"`))
  })

  it('refuses to match a referral twice (409, shown on the page) and changes nothing', async () => {
    const before = await written(firstReferral)
    const again = await linkTo(screener, firstReferral, evaId)
    assert.equal(again.statusCode, 409)
    assert.match(again.body, /There is a problem/)
    assert.match(again.body, /already matched to a child’s record/)
    assert.deepEqual(await written(firstReferral), before)
  })

  it('refuses business support a referral not decided for a strategy discussion (403) and changes nothing', async () => {
    const page = await businessSupport.get(`/referrals/${secondReferral}`)
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, /Find the child’s record/)
    const asked = await businessSupport.get(`/referrals/${secondReferral}/child`)
    assert.equal(asked.statusCode, 403)
    assert.match(asked.body, /Only the local authority’s front door matches a referral/)
    const before = await written(secondReferral)
    const refused = await linkTo(businessSupport, secondReferral, evaId)
    assert.equal(refused.statusCode, 403)
    assert.match(refused.body, /Only the local authority’s front door matches a referral/)
    assert.deepEqual(await written(secondReferral), before)
  })

  for (const [name, childId] of [
    ['no child', ''],
    ['an id that is not a uuid', 'not-a-uuid'],
    ['an id no record has', randomUUID()],
  ]) {
    it(`shows ${name} in the error summary and writes nothing`, async () => {
      const before = await written(secondReferral)
      const page = await linkTo(laPractitioner, secondReferral, childId as string)
      assert.equal(page.statusCode, 400)
      assert.match(page.body, /There is a problem/)
      assert.match(page.body, /href="#find-child">Choose the child’s record from the list/)
      assert.match(page.body, /Find the child’s record/)
      assert.deepEqual(await written(secondReferral), before)
    })
  }

  it('lets the LA’s MAT practitioner match a referral too; triage involves nobody with the child', async () => {
    const partnerView = await matPractitioner.get(`/referrals/${secondReferral}`)
    assert.equal(partnerView.statusCode, 200, 'a triage partner reads the referral while triage is open')
    assert.doesNotMatch(
      partnerView.body,
      /Find the child’s record/,
      'but is not offered the records to match',
    )
    const contributed = await matPractitioner.post(`/referrals/${secondReferral}/mat`, {
      recordsHold: 'Known to children’s social care in 2022',
      household: 'Mother’s partner not known to us',
      lawfulBasis: 'UK GDPR 6(1)(e), 9(2)(g); DPA 2018 Sch 1 para 18',
    })
    assert.equal(contributed.statusCode, 303, contributed.body.slice(0, 300))
    const byPartner = await linkTo(matPractitioner, secondReferral, evaId)
    assert.equal(byPartner.statusCode, 403, 'a partner’s MAT practitioner adds to triage, the LA matches')
    assert.match(byPartner.body, /Only the local authority’s front door matches a referral/)
    assert.equal((await written(secondReferral)).child_id, null)
    const linked = await linkTo(laPractitioner, secondReferral, evaId)
    assert.equal(linked.statusCode, 303, linked.body.slice(0, 300))
    const { child_id } = await written(secondReferral)
    assert.equal(child_id, evaId)
    // Triage opened the referral to the health practitioner while it was open, not Eva's record.
    const involved = await t.database.db
      .selectFrom('child_involvement')
      .select(['agency_id', 'reason'])
      .where('child_id', '=', evaId)
      .execute()
    assert.deepEqual(involved, [])
    assert.equal((await matPractitioner.get(`/referrals/${secondReferral}`)).statusCode, 200)
    assert.equal((await matPractitioner.get(`/children/${evaId}`)).statusCode, 403)
  })

  const decide = (referralId: string, outcome: string) =>
    screener.post(`/referrals/${referralId}/decision`, {
      outcome,
      levelOfNeed: outcome === 'strategy-discussion-s47' ? '4' : '3',
      reasons: 'Bruising with an account that does not fit.',
      feedbackToReferrer: 'We are holding a strategy discussion.',
      withoutContributionsReason: 'urgent',
    })

  it('keeps a referral decided for a strategy discussion matchable until one is booked, from the referral and the strategy discussions list', async () => {
    const referralId = await refer('matching-decided')
    const decided = await decide(referralId, 'strategy-discussion-s47')
    assert.equal(decided.statusCode, 303, decided.body.slice(0, 300))

    const referral = await screener.get(`/referrals/${referralId}`)
    assert.match(referral.body, new RegExp(`href="/referrals/${referralId}/child">Find the child’s record`))
    const waiting = await businessSupport.get('/strategy-discussions')
    assert.equal(waiting.statusCode, 200)
    assert.match(waiting.body, new RegExp(`href="/referrals/${referralId}/child">Find the child’s record`))
    assert.doesNotMatch(waiting.body, /Match the referral to a child first/)
    const fromReferral = await businessSupport.get(`/referrals/${referralId}`)
    assert.match(fromReferral.body, new RegExp(`href="/referrals/${referralId}/child"`))

    const page = await businessSupport.get(`/referrals/${referralId}/child`)
    assert.equal(page.statusCode, 200, page.body.slice(0, 300))
    assert.match(page.body, /Find the child’s record/)
    assert.match(page.body, new RegExp(`name="childId" value="${avaId}"`))
    const linked = await linkTo(businessSupport, referralId, avaId)
    assert.equal(linked.statusCode, 303, linked.body.slice(0, 300))
    assert.equal(linked.headers.location, '/strategy-discussions', 'on to booking the discussion')
    assert.equal((await written(referralId)).child_id, avaId)
    const matched = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', '=', 'referral.match')
      .where(sql<boolean>`detail->>'referralId' = ${referralId}`)
      .execute()
    assert.deepEqual(matched, [{ action: 'referral.match', outcome: 'allowed' }], 'the match is audited')

    const bookable = await businessSupport.get('/strategy-discussions')
    assert.match(bookable.body, new RegExp(`name="referralId" value="${referralId}"`))
    const booked = await businessSupport.post('/strategy-discussions', { referralId })
    assert.equal(booked.statusCode, 303, booked.body.slice(0, 300))
    assert.match(String(booked.headers.location), /^\/strategy-discussions\/[0-9a-f-]{36}\/schedule$/)
    const again = await businessSupport.get(`/referrals/${referralId}/child`)
    assert.equal(again.statusCode, 409, 'matched and booked: nothing left to match')
  })

  it('refuses to match a referral decided for anything but a strategy discussion, and business support an undecided one', async () => {
    const referralId = await refer('matching-decided-other')
    assert.equal((await decide(referralId, 'cin-assessment-s17')).statusCode, 303)
    const before = await written(referralId)
    const page = await screener.get(`/referrals/${referralId}`)
    assert.doesNotMatch(page.body, /Find the child’s record/)
    const refused = await linkTo(screener, referralId, avaId)
    assert.equal(refused.statusCode, 409)
    assert.match(refused.body, /A decision has already been made on this referral/)
    assert.equal((await linkTo(businessSupport, referralId, avaId)).statusCode, 403)
    assert.deepEqual(await written(referralId), before)
  })

  it('offers the step in the API, documented, and refuses a school’s system with the policy’s words', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json()
    assert.ok(document.paths['/api/v1/referrals/{id}/child']?.post?.summary)
    const key = newApiKey()
    await createApiClient(t.database.db, {
      agencyId: 'leicester-schools',
      name: 'school case system',
      keyPrefix: apiKeyPrefix(key),
      keyHash: hashToken(key),
      scopes: ['contacts:write', 'cases:read'],
    })
    const third = await refer('matching-3')
    const before = await written(third)
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/referrals/${third}/child`,
      headers: { authorization: `Bearer ${key}` },
      payload: { childId: avaId },
    })
    assert.equal(refused.statusCode, 403, refused.body)
    assert.match(refused.json().message, /Only the local authority’s front door matches a referral/)
    assert.deepEqual(await written(third), before)
  })
})
