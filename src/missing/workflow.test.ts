// Missing episodes through the service on PGlite: the police record an episode and the return
// through the API (their agency involved, the chronology in words), the LA records the return home
// interview through its pages, the queue and the child's record show them, and whoever the policy
// refuses is refused.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { dateFields } from '../../test/support/forms.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { apiKeyFor } from '../sharing/testing.ts'

const POLICE = 'leicestershire-police'
const SCHOOL = 'leicestershire-schools'
const HOUR = 3_600_000

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
/** A moment some hours ago as a form gives it: the London date and time. */
const hoursAgo = (hours: number) => {
  const at = new Date(Date.now() - hours * HOUR)
  return { date: toIsoDate(at), time: londonClock.format(at) }
}
describe('missing episodes', () => {
  let t: TestApp
  let police: string
  let school: string
  let screener: TestBrowser
  let officer: TestBrowser
  let serial = 0

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    police = await apiKeyFor(t.database.db, POLICE, ['events:write', 'cases:read'])
    school = await apiKeyFor(t.database.db, SCHOOL, ['events:write', 'cases:read'])
    const demo = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    const holding = (role: string) => demo.find((u) => u.grants.some((g) => g.role === role)) as DemoUser
    screener = await signIn(t.app, holding('front-door-screener'))
    officer = await signIn(t.app, holding('police-public-protection'))
  })
  after(() => t.close())

  async function child(involved: string[]) {
    serial += 1
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `MIS-${serial}`,
        given_name: 'Jordan',
        family_name: `Wanderwell${serial}`,
        date_of_birth: '2011-05-06',
        sex: 'F',
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

  const api = (key: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload } : {}),
    })

  const episode = (wentHoursAgo: number) => {
    const went = hoursAgo(wentHoursAgo)
    const reported = hoursAgo(wentHoursAgo - 1)
    return {
      wentMissingOn: went.date,
      wentMissingTime: went.time,
      reportedOn: reported.date,
      reportedTime: reported.time,
      risk: 'high',
    }
  }

  it('lets the police record an episode and the return, involving them, on the chronology in words', async () => {
    const childId = await child([POLICE])
    const recorded = await api(police, 'POST', `/api/v1/children/${childId}/missing-episodes`, episode(30))
    assert.equal(recorded.statusCode, 201, recorded.body)
    const id = recorded.json().id
    assert.equal(recorded.json().returnedAt, null)

    const back = hoursAgo(10)
    const returned = await api(police, 'POST', `/api/v1/missing-episodes/${id}/return`, {
      returnedOn: back.date,
      returnedTime: back.time,
      whereFound: 'Bus station, Leicester',
    })
    assert.equal(returned.statusCode, 200, returned.body)
    const due =
      new Date(returned.json().interviewDueBy).getTime() - new Date(returned.json().returnedAt).getTime()
    assert.equal(due, 72 * HOUR, 'the interview is due 72 hours after the return')
    const again = await api(police, 'POST', `/api/v1/missing-episodes/${id}/return`, {
      returnedOn: back.date,
      returnedTime: back.time,
      whereFound: 'Home',
    })
    assert.equal(again.statusCode, 409)

    const kinds = await t.database.db
      .selectFrom('child_involvement')
      .select('kind')
      .where('child_id', '=', childId)
      .where('agency_id', '=', POLICE)
      .execute()
    assert.deepEqual(kinds.map((k) => k.kind).sort(), ['added-by-la', 'missing-episode'])
    const events = await t.database.db
      .selectFrom('domain_event')
      .select(['type', 'summary'])
      .where('child_id', '=', childId)
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      events.map((e) => e.type),
      ['missing.recorded', 'missing.returned'],
    )
    assert.match(
      events[0]?.summary ?? '',
      /^Went missing on \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}[ap]m \(recorded by Leicestershire Police\)$/,
    )
    assert.doesNotMatch(
      events[1]?.summary ?? '',
      /Bus station/,
      'where the child was found stays off the chronology',
    )

    const history = await api(police, 'GET', `/api/v1/children/${childId}/missing-episodes`)
    assert.equal(history.statusCode, 200)
    assert.equal(history.json().last90Days, 1)
    assert.equal(history.json().episodes[0].whereFound, 'Bus station, Leicester')
  })

  it('names the field of bad input, and hides a child the system’s agency is not involved with', async () => {
    const childId = await child([POLICE])
    const early = { ...episode(30), reportedOn: hoursAgo(40).date, reportedTime: hoursAgo(40).time }
    const refused = await api(police, 'POST', `/api/v1/children/${childId}/missing-episodes`, early)
    assert.equal(refused.statusCode, 400)
    assert.match(refused.json().message, /report must be on or after/)
    assert.equal(refused.json().field, 'reportedOn')
    const shape = await api(police, 'POST', `/api/v1/children/${childId}/missing-episodes`, {
      risk: 'extreme',
    })
    assert.equal(shape.statusCode, 400)

    const stranger = await child([])
    const hidden = await api(police, 'POST', `/api/v1/children/${stranger}/missing-episodes`, episode(5))
    assert.equal(hidden.statusCode, 404)
    const count = await t.database.db
      .selectFrom('missing_episode')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('child_id', '=', stranger)
      .executeTakeFirstOrThrow()
    assert.equal(Number(count.n), 0)
  })

  it('lets the LA record the interview through its pages, with the queue soonest first and the flag on the record', async () => {
    const later = await child([POLICE])
    const sooner = await child([POLICE])
    const ids: Record<string, string> = {}
    for (const [childId, backHoursAgo] of [
      [later, 2],
      [sooner, 60],
    ] as const) {
      const back = hoursAgo(backHoursAgo)
      const answer = await api(police, 'POST', `/api/v1/children/${childId}/missing-episodes`, {
        ...episode(backHoursAgo + 5),
        returnedOn: back.date,
        returnedTime: back.time,
        whereFound: 'A friend’s house',
      })
      assert.equal(answer.statusCode, 201, answer.body)
      ids[childId] = answer.json().id
    }

    const [laterName, soonerName] = [`Wanderwell${serial - 1}<`, `Wanderwell${serial}<`]
    const queue = await screener.get('/missing/return-interviews')
    assert.equal(queue.statusCode, 200)
    const soonerAt = queue.body.indexOf(soonerName)
    assert.ok(soonerAt > 0 && soonerAt < queue.body.indexOf(laterName), 'soonest due first')
    assert.match(queue.body, /Due in 1[12] hours/)

    const form = await screener.get(`/missing/${ids[sooner]}/interview`)
    assert.equal(form.statusCode, 200)
    const offered = hoursAgo(1)
    const blank = await screener.post(`/missing/${ids[sooner]}/interview`, {
      ...dateFields('offeredOn', offered.date),
      offeredTime: offered.time,
      outcome: 'done',
      childSaid: '',
    })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /govuk-error-summary/)
    assert.match(blank.body, /Enter what the child said/)
    assert.match(blank.body, new RegExp(`value="${offered.time}"`), 'keeps what was typed')

    const done = await screener.post(`/missing/${ids[sooner]}/interview`, {
      ...dateFields('offeredOn', offered.date),
      offeredTime: offered.time,
      outcome: 'done',
      childSaid: 'Stayed with older friends; wants help at school',
    })
    assert.equal(done.statusCode, 303, done.body)
    const history = await screener.get(`/children/${sooner}/missing`)
    assert.match(history.body, /Stayed with older friends/)
    assert.match(history.body, /Offered within 72 hours/)
    assert.match(history.body, /Missing once in the last 90 days, once in the last 12 months/)
    assert.doesNotMatch(
      (await screener.get('/missing/return-interviews')).body,
      new RegExp(`/missing/${ids[sooner]}/`),
    )

    const record = await screener.get(`/children/${sooner}`)
    assert.match(record.body, /Missing episodes/)
    assert.match(record.body, /Missing once in the last 90 days/)
  })

  it('refuses the interview to the police, and the history to an involved school', async () => {
    const childId = await child([POLICE, SCHOOL])
    const back = hoursAgo(3)
    const answer = await api(police, 'POST', `/api/v1/children/${childId}/missing-episodes`, {
      ...episode(8),
      returnedOn: back.date,
      returnedTime: back.time,
      whereFound: 'Home',
    })
    const id = answer.json().id
    assert.equal((await officer.get(`/missing/${id}/interview`)).statusCode, 403)
    assert.equal((await officer.get('/missing/return-interviews')).statusCode, 403)
    assert.equal((await officer.get(`/children/${childId}/missing`)).statusCode, 200)
    const schoolRead = await api(school, 'GET', `/api/v1/children/${childId}/missing-episodes`)
    assert.equal(schoolRead.statusCode, 200, 'an involved agency’s system reading cases reads them')
    const record = await officer.get(`/children/${childId}`)
    assert.match(record.body, /Missing episodes/)
  })
})
