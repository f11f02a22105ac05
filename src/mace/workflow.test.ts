// Referring a child to MACE through the service on PGlite: from a screening whose next step is MACE
// or directly, on the chronology, listed for MACE's members only, and refused to whom may not refer.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInPerson } from '../../test/support/people.ts'
import type { TestBrowser } from '../identity/testing.ts'
import { apiKeyFor } from '../sharing/testing.ts'

const SCHOOL = 'leicestershire-schools'
const LA = 'leicester-city-council'

describe('referring a child to MACE', () => {
  let t: TestApp
  let school: string
  let coordinator: TestBrowser
  let screener: TestBrowser
  let serial = 0

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    school = await apiKeyFor(t.database.db, SCHOOL, ['events:write'])
    const person = (email: string, role: 'mace-coordinator' | 'front-door-screener') =>
      signedInPerson(t, { agencyId: LA, email, role })
    coordinator = await person('mace.coordinator@leicester.example', 'mace-coordinator')
    screener = await person('front.door@leicester.example', 'front-door-screener')
  })
  after(() => t.close())

  async function child(involved: string[]) {
    serial += 1
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `MACE-${serial}`,
        given_name: 'Casey',
        family_name: `Maceworth${serial}`,
        date_of_birth: '2010-07-08',
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const agency_id of involved)
      await t.database.db
        .insertInto('child_involvement')
        .values({ child_id: row.id, agency_id, kind: 'added-by-la', reason: 'known', user_id: null })
        .execute()
    return row.id
  }
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${school}` }, payload })
  const screen = async (childId: string, indicators: string[]) =>
    (
      await post(`/api/v1/children/${childId}/exploitation-screenings`, {
        indicators,
        concerns: 'Seen with older men at the station.',
      })
    ).json() as { id: string; nextStep: string }

  it('refers from a screening whose next step is MACE, or directly, and lists the children for MACE', async () => {
    const screened = await child([SCHOOL])
    const screening = await screen(screened, ['gifts-or-money', 'gangs-and-crime', 'distrust-of-authority'])
    assert.equal(screening.nextStep, 'mace-referral')
    const fromScreening = await post(`/api/v1/children/${screened}/mace-referrals`, {
      reason: 'MACE-REASON-ONE: the screening suggests it',
      screeningId: screening.id,
    })
    assert.equal(fromScreening.statusCode, 201, fromScreening.body)
    const direct = await child([SCHOOL])
    const directly = await post(`/api/v1/children/${direct}/mace-referrals`, {
      reason: 'MACE-REASON-TWO: seen at a known address',
    })
    assert.equal(directly.statusCode, 201, directly.body)

    const event = await t.database.db
      .selectFrom('domain_event')
      .select('summary')
      .where('child_id', '=', screened)
      .where('type', '=', 'mace.referred')
      .executeTakeFirstOrThrow()
    assert.equal(
      event.summary,
      'Referred to the multi-agency child exploitation (MACE) meeting by Leicestershire schools',
    )

    const list = await coordinator.get('/mace')
    assert.equal(list.statusCode, 200)
    const first = list.body.indexOf('MACE-REASON-ONE')
    assert.ok(first > 0 && first < list.body.indexOf('MACE-REASON-TWO'), 'longest waiting first')
    assert.match(list.body, /Medium risk/)
    assert.match(list.body, /Referred directly/)

    const refused = await screener.get('/mace')
    assert.equal(refused.statusCode, 403)
    assert.doesNotMatch(refused.body, /MACE-REASON/)
  })

  it('refuses a screening that did not suggest MACE, a missing reason, and a child the agency is not involved with', async () => {
    const childId = await child([SCHOOL])
    const low = await screen(childId, ['distrust-of-authority'])
    assert.notEqual(low.nextStep, 'mace-referral')
    const wrong = await post(`/api/v1/children/${childId}/mace-referrals`, {
      reason: 'Worried',
      screeningId: low.id,
    })
    assert.equal(wrong.statusCode, 400)
    assert.equal(wrong.json().field, 'screeningId')
    const blank = await post(`/api/v1/children/${childId}/mace-referrals`, { reason: ' ' })
    assert.equal(blank.statusCode, 400)
    assert.equal(blank.json().field, 'reason')
    const stranger = await child([])
    assert.equal(
      (await post(`/api/v1/children/${stranger}/mace-referrals`, { reason: 'Worried' })).statusCode,
      404,
    )
    const kept = await t.database.db
      .selectFrom('mace_referral')
      .select('id')
      .where('child_id', 'in', [childId, stranger])
      .execute()
    assert.equal(kept.length, 0)
  })

  it('lets the LA refer through the form, showing the problem and keeping what was typed', async () => {
    const childId = await child([])
    const form = await screener.get(`/children/${childId}/mace-referrals/new`)
    assert.equal(form.statusCode, 200)
    const bad = await screener.post(`/children/${childId}/mace-referrals`, { reason: '' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter why you are referring the child to MACE/)
    const good = await screener.post(`/children/${childId}/mace-referrals`, {
      reason: 'Found in a trap house',
    })
    assert.equal(good.statusCode, 303)
    assert.match((await coordinator.get('/mace')).body, /Found in a trap house/)
  })

  it('lets MACE record the discussion, the risk level and an action on the shared block, read by MACE only', async () => {
    const childId = await child([SCHOOL])
    const referred = await post(`/api/v1/children/${childId}/mace-referrals`, {
      reason: 'MACE-REASON-DISCUSS',
    })
    const referralId = referred.json().id
    const url = `/mace/referrals/${referralId}/discussion`
    assert.equal((await coordinator.get(url)).statusCode, 200)
    assert.equal((await screener.get(url)).statusCode, 403)
    const scheduled = await coordinator.post('/mace/meetings', {
      laId: 'leicester',
      'date-day': '3',
      'date-month': '12',
      'date-year': '2026',
      time: '10:00',
      format: 'in-person',
      venue: 'County Hall, Committee Room 2',
    })
    assert.equal(scheduled.statusCode, 303, scheduled.body)
    const meetingId = String(scheduled.headers.location).split('/').pop() as string
    const day = { meetingId }
    const bad = await coordinator.post(url, {
      ...day,
      discussion: '',
      'actions-1-description': 'Disrupt the address',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter what was discussed/)
    assert.match(bad.body, /Select the risk level agreed/)
    assert.match(bad.body, /Select the agency that owns action 1/)
    assert.match(bad.body, /Disrupt the address/, 'keeps what was typed')
    const done = await coordinator.post(url, {
      ...day,
      discussion: 'MACE-DISCUSSION: seen at the address twice',
      riskLevel: 'high',
      'actions-1-description': 'Serve a child abduction warning notice',
      'actions-1-agency': 'leicestershire-police',
      'actions-1-owner': 'PC Jones',
      'actions-1-due-day': '10',
      'actions-1-due-month': '12',
      'actions-1-due-year': '2026',
    })
    assert.equal(done.statusCode, 303, done.body)
    const record = await coordinator.get(String(done.headers.location))
    assert.match(record.body, /MACE-DISCUSSION/)
    assert.match(record.body, /High/)
    assert.match(record.body, /Serve a child abduction warning notice: Leicestershire Police \(PC Jones\)/)
    assert.equal((await screener.get(String(done.headers.location))).statusCode, 403)
    assert.equal(
      (await coordinator.post(url, { ...day, discussion: 'Again', riskLevel: 'low' })).statusCode,
      409,
    )
    assert.doesNotMatch(
      (await coordinator.get('/mace')).body,
      /MACE-REASON-DISCUSS/,
      'discussed: off the list',
    )

    const action = await t.database.db
      .selectFrom('action')
      .select(['source_kind', 'owner_agency_id'])
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    assert.deepEqual(action, { source_kind: 'mace-discussion', owner_agency_id: 'leicestershire-police' })
    const involved = await t.database.db
      .selectFrom('child_involvement')
      .select('kind')
      .where('child_id', '=', childId)
      .where('agency_id', '=', 'leicestershire-police')
      .execute()
    assert.deepEqual(
      involved.map((i) => i.kind),
      ['action'],
    )
    const event = await t.database.db
      .selectFrom('domain_event')
      .select('summary')
      .where('child_id', '=', childId)
      .where('type', '=', 'mace.discussed')
      .executeTakeFirstOrThrow()
    assert.equal(event.summary, 'Discussed at the MACE meeting on 3 December 2026')
  })
})
