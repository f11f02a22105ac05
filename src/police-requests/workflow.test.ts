// Form 87a through the service on PGlite: a school asks the police about a child (problems shown and
// what was typed kept), the chronology says so without the content, police public protection see it
// on their queue with the time left and answer once, the school reads the answer, and a child hidden
// from the asker is not found; every read and write is audited.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInPerson } from '../../test/support/people.ts'
import type { TestBrowser } from '../identity/testing.ts'
import type { Role } from '../platform/access/actor.ts'
import { apiKeyFor } from '../sharing/testing.ts'

const SCHOOLS = 'leicester-schools'
const POLICE = 'leicestershire-police'
const LA = 'leicester-city-council'

describe('asking the police for information (form 87a)', () => {
  let t: TestApp
  let school: TestBrowser
  let police: TestBrowser
  let screener: TestBrowser
  let schoolSystem: string
  let serial = 0

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    schoolSystem = await apiKeyFor(t.database.db, SCHOOLS, ['events:write'])
    const person = (agencyId: string, email: string, role: Role) =>
      signedInPerson(t, { agencyId, email, role })
    school = await person(SCHOOLS, 'dsl@school.example', 'safeguarding-manager')
    police = await person(POLICE, 'ppp@police.example', 'police-public-protection')
    screener = await person(LA, 'front.door.87a@leicester.example', 'front-door-screener')
  })
  after(() => t.close())

  async function child(sensitivity: 'standard' | 'sealed' = 'standard') {
    serial += 1
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `F87A-${serial}`,
        given_name: 'Robin',
        family_name: `Askwith${serial}`,
        date_of_birth: '2012-09-10',
        sex: 'F',
        sensitivity,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.database.db
      .insertInto('child_involvement')
      .values({ child_id: row.id, agency_id: SCHOOLS, kind: 'added-by-la', reason: 'pupil', user_id: null })
      .execute()
    return row.id
  }
  const emailsAbout = (url: string) =>
    t.database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'template_id', 'personalisation'])
      .where('reference', 'like', `police-request-${url.split('/').pop()}%`)
      .orderBy('created_at')
      .execute()
  const ask = {
    request: 'F87A-REQUEST: any police contact with the household this year',
    reason: 'Bruising seen twice; the child says an uncle visits',
    lawfulBasis: 'children-act-1989-s47',
  }

  it('takes the request, tells the police, and brings the answer back to the asker', async () => {
    const childId = await child()
    const bad = await school.post(`/children/${childId}/police-requests`, { request: ask.request })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter why you need the information/)
    assert.match(bad.body, /Select the lawful basis for sharing/)
    assert.match(bad.body, /F87A-REQUEST/, 'keeps what was typed')

    const made = await school.post(`/children/${childId}/police-requests`, ask)
    assert.equal(made.statusCode, 303, made.body)
    const url = String(made.headers.location)
    const page = await school.get(url)
    assert.match(page.body, /F87A-REQUEST/)
    assert.match(page.body, /Not answered yet/)
    assert.match(page.body, /working days left/)

    const event = await t.database.db
      .selectFrom('domain_event')
      .select('summary')
      .where('child_id', '=', childId)
      .where('type', '=', 'police-request.made')
      .executeTakeFirstOrThrow()
    assert.equal(event.summary, 'Leicester schools asked Leicestershire Police for information (form 87a)')

    const queue = await police.get('/police-requests')
    assert.equal(queue.statusCode, 200)
    assert.match(queue.body, new RegExp(`Askwith${serial}`))
    assert.match(queue.body, /10 working days left/)
    assert.equal((await screener.get('/police-requests')).statusCode, 403)
    assert.equal((await screener.get(url)).statusCode, 404, 'neither asker nor police: not found')
    const told = await emailsAbout(url)
    assert.deepEqual(
      told.map((email) => [email.recipient, email.template_id]),
      [['ppp@police.example', 'police-request-made']],
    )
    assert.match(JSON.stringify(told[0]?.personalisation), /"answer_by":"\d{1,2} \w+ \d{4}"/)
    assert.doesNotMatch(
      JSON.stringify(told[0]?.personalisation),
      /Askwith|F87A/,
      'nothing of the child or the request',
    )

    const missing = await police.post(`${url}/answer`, { answer: '' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Select whether you disclose information or refuse/)
    const answered = await police.post(`${url}/answer`, {
      outcome: 'disclosed',
      answer: 'F87A-ANSWER: two domestic incidents at the address in March',
    })
    assert.equal(answered.statusCode, 303, answered.body)
    assert.equal((await police.post(`${url}/answer`, { outcome: 'refused', answer: 'No' })).statusCode, 409)
    assert.equal((await school.post(`${url}/answer`, { outcome: 'refused', answer: 'No' })).statusCode, 404)

    assert.match((await school.get(url)).body, /F87A-ANSWER: two domestic incidents/)
    const answeredEmail = (await emailsAbout(url)).find(
      (email) => email.template_id === 'police-request-answered',
    )
    assert.equal(answeredEmail?.recipient, 'dsl@school.example')
    assert.doesNotMatch(JSON.stringify(answeredEmail?.personalisation), /F87A/)
    assert.match((await school.get('/police-requests/mine')).body, /Information disclosed/)
    assert.doesNotMatch((await police.get('/police-requests')).body, new RegExp(`Askwith${serial}<`))
    const chronology = await t.database.db
      .selectFrom('domain_event')
      .select('summary')
      .where('child_id', '=', childId)
      .execute()
    assert.ok(
      chronology.every((e) => !/F87A-(REQUEST|ANSWER)/.test(e.summary)),
      'no content on the chronology',
    )

    const audited = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'in', ['police-request.make', 'police-request.answer'])
      .execute()
    const actions = new Set(audited.map((a) => a.action))
    assert.ok(actions.has('police-request.make') && actions.has('police-request.answer'))
  })

  it('takes a request from an agency’s system, and hides a child the asker may not see', async () => {
    const childId = await child()
    const api = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/children/${id}/police-requests`,
        headers: { authorization: `Bearer ${schoolSystem}` },
        payload: ask,
      })
    const made = await api(childId)
    assert.equal(made.statusCode, 201, made.body)
    assert.match(made.json().dueBy, /^\d{4}-\d{2}-\d{2}$/)
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/children/${childId}/police-requests`,
      headers: { authorization: `Bearer ${schoolSystem}` },
      payload: { ...ask, lawfulBasis: 'because' },
    })
    assert.equal(bad.statusCode, 400)

    const sealed = await child('sealed')
    assert.equal((await api(sealed)).statusCode, 404)
    assert.equal((await school.get(`/children/${sealed}/police-requests/new`)).statusCode, 404)
    assert.equal((await school.post(`/children/${sealed}/police-requests`, ask)).statusCode, 404)
  })
})
