// MACE meetings through the service on PGlite: scheduled by the LA's coordinator (problems shown,
// what was typed kept), listed as upcoming or past, the agenda naming only the children the reader
// may open, attendance and minutes only once the meeting has started, and each discussion held at
// one of the LA's meetings that has started.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { enrolUser, signedInPerson } from '../../test/support/people.ts'
import { DEMO_PASSWORD } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { apiKeyFor } from '../sharing/testing.ts'

const SCHOOL = 'leicestershire-schools'
const LA = 'leicester-city-council'
const meeting = (overrides: Record<string, string> = {}) => ({
  laId: 'leicester',
  'date-day': '1',
  'date-month': '12',
  'date-year': '2026',
  time: '09:30',
  format: 'in-person',
  venue: 'City Hall, Room 4',
  ...overrides,
})

describe('MACE meetings', () => {
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
    coordinator = await person('mace.meetings@leicester.example', 'mace-coordinator')
    screener = await person('front.door.meetings@leicester.example', 'front-door-screener')
  })
  after(() => t.close())

  async function referredChild(familyName: string, laId = 'leicester') {
    serial += 1
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: laId,
        la_child_id: `MEET-${serial}`,
        given_name: 'Jordan',
        family_name: familyName,
        date_of_birth: '2011-02-03',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.database.db
      .insertInto('child_involvement')
      .values({ child_id: row.id, agency_id: SCHOOL, kind: 'added-by-la', reason: 'known', user_id: null })
      .execute()
    const referred = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${row.id}/mace-referrals`,
      headers: { authorization: `Bearer ${school}` },
      payload: { reason: `Seen at the station (${familyName})` },
    })
    assert.equal(referred.statusCode, 201, referred.body)
    return { childId: row.id, referralId: referred.json().id as string }
  }
  const schedule = async (overrides: Record<string, string> = {}) => {
    const answer = await coordinator.post('/mace/meetings', meeting(overrides))
    assert.equal(answer.statusCode, 303, answer.body)
    return String(answer.headers.location).split('/').pop() as string
  }

  it('schedules a meeting, showing each problem and keeping what was typed; refuses whoever is not MACE', async () => {
    const bad = await coordinator.post(
      '/mace/meetings',
      meeting({ time: '9.30am', venue: '', 'date-day': '' }),
    )
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter the start time as hh:mm, like 14:30/)
    assert.match(bad.body, /Enter the venue, or how to join online/)
    assert.match(bad.body, /The date of the meeting must be a real date|Enter the date of the meeting/)
    assert.match(bad.body, /value="9.30am"/, 'keeps what was typed')
    assert.equal((await screener.post('/mace/meetings', meeting())).statusCode, 403)
    assert.equal((await coordinator.post('/mace/meetings', meeting({ laId: 'rutland' }))).statusCode, 403)

    const past = await schedule()
    const next = await schedule({
      'date-year': '2030',
      venue: 'Online: Teams link sent by email',
      format: 'online',
    })
    const list = await coordinator.get('/mace/meetings')
    const upcoming = list.body.slice(
      list.body.indexOf('Upcoming meetings'),
      list.body.indexOf('Past meetings'),
    )
    assert.match(upcoming, new RegExp(next))
    assert.doesNotMatch(upcoming, new RegExp(past))
    assert.match(list.body.slice(list.body.indexOf('Past meetings')), new RegExp(past))
    assert.match(list.body, /1 December 2030 at 9:30am/)
    assert.equal((await screener.get('/mace/meetings')).statusCode, 403)
    assert.equal((await screener.get(`/mace/meetings/${past}`)).statusCode, 403)
  })

  it('builds the agenda from the children waiting, longest first, naming only those the reader may open', async () => {
    const first = await referredChild('Agendaone')
    const second = await referredChild('Agendatwo')
    const hidden = await referredChild('Agendahidden')
    await t.database.db
      .updateTable('child')
      .set({ sensitivity: 'police-restricted' })
      .where('id', '=', hidden.childId)
      .execute()
    const id = await schedule()
    const page = (await coordinator.get(`/mace/meetings/${id}`)).body
    assert.ok(page.indexOf('Agendaone') < page.indexOf('Agendatwo'), 'longest waiting first')
    assert.doesNotMatch(page, /Agendahidden/, 'a child the reader may not open is not named')
    assert.match(page, new RegExp(`/mace/referrals/${first.referralId}/discussion\\?meeting=${id}`))

    const discussed = await coordinator.post(`/mace/referrals/${second.referralId}/discussion`, {
      meetingId: id,
      discussion: 'Discussed with the police',
      riskLevel: 'medium',
    })
    assert.equal(discussed.statusCode, 303, discussed.body)
    const after = (await coordinator.get(`/mace/meetings/${id}`)).body
    const discussedPart = after.slice(after.indexOf('Children discussed at this meeting'))
    assert.match(discussedPart, /Agendatwo/)
    const record = await coordinator.get(String(discussed.headers.location))
    assert.match(record.body, /1 December 2026 at 9:30am/)
  })

  it('puts on the agenda the LA’s children screened as needing MACE whom nobody has referred yet', async () => {
    const screened = async (familyName: string, laId = 'leicester') => {
      serial += 1
      const child = await t.database.db
        .insertInto('child')
        .values({
          la_id: laId,
          la_child_id: `SCR-${serial}`,
          given_name: 'Riley',
          family_name: familyName,
          date_of_birth: '2010-05-06',
          sex: 'M',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await t.database.db
        .insertInto('exploitation_screening')
        .values({
          child_id: child.id,
          agency_id: SCHOOL,
          screened_by: 'user:x',
          screened_by_name: 'A Teacher',
          indicators: JSON.stringify([]),
          score: 14,
          level_id: 'high',
          level_label: 'High risk',
          next_step: 'mace-referral',
          concerns: 'Seen with older males',
          screened_at: new Date('2026-11-20T10:00:00Z'),
        })
        .execute()
      return child.id
    }
    await screened('Screenwaiting')
    await screened('Screenrutland', 'rutland')
    const referredSince = await screened('Screenreferred')
    await t.database.db
      .insertInto('child_involvement')
      .values({
        child_id: referredSince,
        agency_id: SCHOOL,
        kind: 'added-by-la',
        reason: 'known',
        user_id: null,
      })
      .execute()
    const referred = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${referredSince}/mace-referrals`,
      headers: { authorization: `Bearer ${school}` },
      payload: { reason: 'Referred after the screening' },
    })
    assert.equal(referred.statusCode, 201, referred.body)

    const next = await schedule({ 'date-year': '2030', 'date-day': '2' })
    const page = (await coordinator.get(`/mace/meetings/${next}`)).body
    const part = page.slice(page.indexOf('id="agenda"'), page.indexOf('Children discussed at this meeting'))
    assert.match(
      part,
      /20 November 2026<\/td>\s*<td[^>]*>Screened, not yet referred<\/td>\s*<td[^>]*><a[^>]*>Riley Screenwaiting<\/a><\/td>\s*<td[^>]*>High risk when screened/,
    )
    assert.match(part, /Refer to MACE<span class="govuk-visually-hidden"> of Riley Screenwaiting/)
    assert.doesNotMatch(part, /Screenrutland/, 'another LA’s child')
    assert.doesNotMatch(
      part,
      /Screened, not yet referred<\/td>\s*<td[^>]*><a[^>]*>Riley Screenreferred/,
      'a child referred since the screening is on the agenda as referred',
    )
    assert.match(part, /Referred<\/td>\s*<td[^>]*><a[^>]*>Riley Screenreferred/)
    const before = await schedule({ 'date-month': '11', 'date-day': '2' })
    const earlier = (await coordinator.get(`/mace/meetings/${before}`)).body
    assert.doesNotMatch(earlier, /Screenwaiting/, 'not on a meeting held before the screening')
  })

  it('records attendance and minutes only once the meeting has started; a discussion only at a started meeting of the LA', async () => {
    const { referralId } = await referredChild('Notyet')
    const future = await schedule({ 'date-year': '2031' })
    assert.equal(
      (await coordinator.post(`/mace/meetings/${future}/record`, { minutes: 'Too early' })).statusCode,
      409,
    )
    const early = await coordinator.post(`/mace/referrals/${referralId}/discussion`, {
      meetingId: future,
      discussion: 'Too early',
      riskLevel: 'low',
    })
    assert.equal(early.statusCode, 400)
    assert.match(early.body, /Select a meeting of this MACE that has started/)
    assert.match(early.body, /Too early/, 'keeps what was typed')

    const held = await schedule()
    const empty = await coordinator.post(`/mace/meetings/${held}/record`, { attending: LA })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /Enter the minutes of the meeting/)
    const saved = await coordinator.post(`/mace/meetings/${held}/record`, {
      attending: [LA, 'leicestershire-police'],
      'name-leicestershire-police': 'DS Patel',
      minutes: 'MINUTES: hotspots around the station reviewed',
    })
    assert.equal(saved.statusCode, 303, saved.body)
    const page = (await coordinator.get(`/mace/meetings/${held}`)).body
    assert.match(page, /MINUTES: hotspots around the station reviewed/)
    assert.match(page, /Leicestershire Police \(DS Patel\)/)
    assert.equal(
      (await coordinator.post(`/mace/meetings/${held}/record`, { attending: SCHOOL, minutes: 'x' }))
        .statusCode,
      400,
      'the county’s schools do not serve the city',
    )
  })

  it('a meeting of the whole partnership: scheduled by its coordinator, its agenda gathering each reader’s LAs’ items', async () => {
    const member = async (email: string, agencyId: string, laId: string | null) => {
      const grants = [{ role: 'mace-coordinator' as const, laId }]
      const totpSecret = await enrolUser(t.database.db, { agencyId, email, displayName: email, grants })
      return signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
    }
    const whole = await member('mace.partnership@police.example', 'leicestershire-police', null)
    const rutland = await member('mace.rutland@rutland.example', 'rutland-county-council', 'rutland')
    const city = await referredChild('Wholecity')
    await referredChild('Wholerutland', 'rutland')
    assert.match((await whole.get('/mace/meetings/new')).body, /The whole partnership/)
    assert.doesNotMatch((await coordinator.get('/mace/meetings/new')).body, /The whole partnership/)
    assert.equal(
      (await coordinator.post('/mace/meetings', meeting({ laId: 'partnership' }))).statusCode,
      403,
      'an LA’s coordinator does not schedule the partnership’s meeting',
    )
    const scheduled = await whole.post('/mace/meetings', meeting({ laId: 'partnership' }))
    assert.equal(scheduled.statusCode, 303, scheduled.body)
    const id = String(scheduled.headers.location).split('/').pop() as string

    const cityPage = (await coordinator.get(`/mace/meetings/${id}`)).body
    assert.match(cityPage, /The whole partnership/)
    assert.match(cityPage, /gathers the items of Leicester, the local authority you are a MACE member for/)
    assert.match(cityPage, /Wholecity/)
    assert.doesNotMatch(cityPage, /Wholerutland/, 'another LA’s child is not on this reader’s agenda')
    const rutlandPage = (await rutland.get(`/mace/meetings/${id}`)).body
    assert.match(rutlandPage, /Wholerutland/)
    assert.doesNotMatch(rutlandPage, /Wholecity/)
    for (const reader of [coordinator, rutland])
      assert.match((await reader.get('/mace/meetings')).body, new RegExp(id), 'on every LA’s list')
    assert.equal((await screener.get(`/mace/meetings/${id}`)).statusCode, 403)

    const discussed = await coordinator.post(`/mace/referrals/${city.referralId}/discussion`, {
      meetingId: id,
      discussion: 'Discussed at the partnership’s MACE',
      riskLevel: 'high',
    })
    assert.equal(discussed.statusCode, 303, discussed.body)
    const minutes = {
      attending: [LA, 'rutland-county-council', SCHOOL],
      minutes: 'MINUTES: the partnership’s county lines picture',
    }
    assert.equal(
      (await coordinator.post(`/mace/meetings/${id}/record`, minutes)).statusCode,
      403,
      'the minutes are the partnership’s coordinator’s',
    )
    const saved = await whole.post(`/mace/meetings/${id}/record`, minutes)
    assert.equal(saved.statusCode, 303, saved.body)
    const after = (await rutland.get(`/mace/meetings/${id}`)).body
    assert.match(after, /MINUTES: the partnership’s county lines picture/)
    assert.doesNotMatch(after, /Wholecity/, 'the discussion of another LA’s child is not named')
    const acknowledged = await rutland.post(`/mace/meetings/${id}/acknowledgement`, {})
    assert.equal(acknowledged.statusCode, 303, acknowledged.body)
  })
})
