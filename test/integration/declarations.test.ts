import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { upnCheckLetter } from '../../src/children/identifiers.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { apiKeyFor, syntheticNhsNumber } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

const SCHOOL = 'leicester-schools'
const HEALTH = 'llr-icb'
const upn = (twelve: string) => `${upnCheckLetter(twelve)}${twelve}`

// Issue 19: an education or health agency declares the children on its roll or caseload, with the
// lawful basis. A declaration opens a child's record to the agency only when it names the child on
// an identifier the name or date of birth corroborates; the declarer is told the same either way.
describe('rolls and caseloads declared by the agency', () => {
  let t: TestApp
  let users: DemoUser[]
  let school: TestBrowser
  let health: TestBrowser
  const children: Record<
    'pupil' | 'patient' | 'namesake' | 'sealed',
    { id: string; nhs: string; upn: string }
  > = {} as never

  const demo = (email: string) => {
    const found = users.find((u) => u.email.startsWith(email))
    assert.ok(found, email)
    return signIn(t.app, found)
  }
  const api = (key: string, url: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}` },
      payload: payload as object,
    })
  const involvements = (childId: string) =>
    t.database.db
      .selectFrom('child_involvement')
      .select(['agency_id', 'kind', 'lawful_basis', 'ended_at', 'end_reason'])
      .where('child_id', '=', childId)
      .execute()
  const declaring = (
    child: { nhs?: string; upn?: string },
    names = { givenName: 'Ava', familyName: 'Pupil' },
  ) => ({
    ...names,
    dateOfBirth: '2015-03-27',
    ...(child.nhs ? { nhsNumber: child.nhs } : {}),
    ...(child.upn ? { upn: child.upn } : {}),
  })

  before(async () => {
    t = await startTestApp()
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    const rows: [keyof typeof children, string, string, 'standard' | 'sealed'][] = [
      ['pupil', 'Ava', 'Pupil', 'standard'],
      ['patient', 'Ben', 'Patient', 'standard'],
      ['namesake', 'Cara', 'Other', 'standard'],
      ['sealed', 'Dee', 'Sealed', 'sealed'],
    ]
    for (const [index, [key, given, family, sensitivity]] of rows.entries()) {
      const nhs = syntheticNhsNumber(8100 + index)
      const pupil = upn(`85620150000${index}`)
      const row = await t.database.db
        .insertInto('child')
        .values({
          la_id: 'leicester',
          la_child_id: `DEC-${index}`,
          given_name: given,
          family_name: family,
          sex: 'F',
          date_of_birth: key === 'namesake' ? '2012-01-01' : '2015-03-27',
          nhs_number: nhs,
          upn: pupil,
          sensitivity,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      children[key] = { id: row.id, nhs, upn: pupil }
    }
    school = await demo(`safeguarding-manager@${SCHOOL}`)
    health = await demo(`safeguarding-manager@${HEALTH}`)
  })
  after(() => t.close())

  it('shows the school’s safeguarding manager the problems, keeping what was typed', async () => {
    await school.get('/declarations')
    const page = await school.post('/declarations', {
      givenName: 'Ava',
      familyName: '',
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2015',
      nhsNumber: '',
      upn: 'A12',
      lawfulBasis: '',
    })
    assert.equal(page.statusCode, 400)
    assert.match(page.body, /There is a problem/)
    assert.match(page.body, /href="#familyName">Enter the child’s last name/)
    assert.match(page.body, /href="#dateOfBirth-day">Date of birth must be a real date/)
    assert.match(page.body, /href="#upn">A UPN must be 13 characters/)
    assert.match(page.body, /href="#lawfulBasis">Enter the lawful basis/)
    assert.match(page.body, /value="Ava"/, 'the first name is kept')
    assert.match(page.body, /name="upn" type="text" value="A12"/, 'the UPN as typed is kept')
    const stored = await t.database.db.selectFrom('agency_declaration').select('id').execute()
    assert.equal(stored.length, 0, 'nothing declared')
  })

  it('opens a child to the school once declared on its roll with a corroborated identifier, and tells it nothing more', async () => {
    const pupil = children.pupil
    assert.equal((await school.get(`/children/${pupil.id}`)).statusCode, 404, 'not involved yet')
    const form = (upnValue: string, given: string, family: string) => ({
      givenName: given,
      familyName: family,
      'dateOfBirth-day': '27',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '2015',
      upn: upnValue,
      lawfulBasis: 'UK GDPR 6(1)(e); DPA 2018 Sch 1 para 18',
    })
    await school.get('/declarations')
    const matched = await school.post('/declarations', form(pupil.upn, 'Ava', 'Pupil'))
    await school.get('/declarations')
    const unknown = await school.post('/declarations', form(upn('856201599999'), 'Zed', 'Nobody'))
    await school.get('/declarations')
    // The namesake's UPN, with another child's names and date of birth: an identifier alone.
    const uncorroborated = await school.post('/declarations', form(children.namesake.upn, 'Ava', 'Pupil'))
    await school.get('/declarations')
    const sealed = await school.post('/declarations', form(children.sealed.upn, 'Dee', 'Sealed'))
    for (const answer of [matched, unknown, uncorroborated, sealed]) {
      assert.equal(answer.statusCode, 303)
      assert.equal(answer.headers.location, '/declarations?declared=1')
    }

    assert.equal((await school.get(`/children/${pupil.id}`)).statusCode, 200, 'declared: the school reads it')
    assert.equal((await school.get(`/children/${children.namesake.id}`)).statusCode, 404, 'identifier alone')
    assert.equal((await school.get(`/children/${children.sealed.id}`)).statusCode, 404, 'sealed: never')
    const [involvement] = await involvements(pupil.id)
    assert.equal(involvement?.kind, 'roll')
    assert.equal(involvement?.lawful_basis, 'UK GDPR 6(1)(e); DPA 2018 Sch 1 para 18')
    assert.deepEqual(await involvements(children.namesake.id), [])
    assert.deepEqual(await involvements(children.sealed.id), [])

    const list = await school.get('/declarations?declared=1')
    assert.match(list.body, /Declaration received/)
    for (const name of ['Ava Pupil', 'Zed Nobody', 'Dee Sealed'])
      assert.match(list.body, new RegExp(name), `${name} listed as declared, matched or not`)

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['outcome', 'child_id', 'resource_kind', 'resource_id'])
      .where('action', '=', 'roll.declare')
      .where('outcome', '=', 'allowed')
      .execute()
    assert.ok(audit.length >= 4)
    assert.ok(
      audit.every((entry) => entry.child_id === null && entry.resource_id === SCHOOL),
      'audited on the agency, naming no child its own audit readers could learn a match from',
    )
  })

  it('ends the school’s declaration when the child leaves, keeping the involvement as history', async () => {
    const pupil = children.pupil
    const row = await t.database.db
      .selectFrom('agency_declaration')
      .select('id')
      .where('upn', '=', pupil.upn)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow()
    const url = `/declarations/${row.id}/end`
    const page = await school.get(url)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Ava Pupil is no longer on your roll/)
    const blank = await school.post(url, { reason: ' ' })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /href="#reason">Enter why this child is no longer/)
    assert.equal((await school.get(`/children/${pupil.id}`)).statusCode, 200, 'still declared')

    const ended = await school.post(url, { reason: 'Moved to a school in Derby' })
    assert.equal(ended.statusCode, 303)
    assert.equal((await school.get(`/children/${pupil.id}`)).statusCode, 404, 'no longer involved')
    const [history] = await involvements(pupil.id)
    assert.ok(history?.ended_at, 'kept, ended')
    assert.match(history?.end_reason ?? '', /No longer declared/)
    assert.equal((await school.post(url, { reason: 'again' })).statusCode, 404, 'ended once')
  })

  it('does not undo the child’s LA ending the school’s involvement when the school declares the child again', async () => {
    const namesake = children.namesake
    const form = {
      givenName: 'Cara',
      familyName: 'Other',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '2012',
      upn: namesake.upn,
      lawfulBasis: 'UK GDPR 6(1)(e)',
    }
    await school.get('/declarations')
    await school.post('/declarations', form)
    assert.equal((await school.get(`/children/${namesake.id}`)).statusCode, 200, 'declared')
    const screener = await demo('front-door-screener.leicester@')
    const [row] = await t.database.db
      .selectFrom('child_involvement')
      .select('id')
      .where('child_id', '=', namesake.id)
      .where('ended_at', 'is', null)
      .execute()
    const endUrl = `/children/${namesake.id}/involvements/${row?.id}/end`
    await screener.get(endUrl)
    assert.equal(
      (await screener.post(endUrl, { reason: 'Not on the school’s roll: checked with the school' }))
        .statusCode,
      303,
    )
    await school.get('/declarations')
    const again = await school.post('/declarations', form)
    assert.equal(again.headers.location, '/declarations?declared=1', 'told the same')
    assert.equal((await school.get(`/children/${namesake.id}`)).statusCode, 404, 'the LA’s decision stands')
  })

  it('takes a batch from a health system and answers the same whatever masa holds', async () => {
    const key = await apiKeyFor(t.database.db, HEALTH, ['roll:write'])
    const lawfulBasis = 'UK GDPR 6(1)(e) and 9(2)(h)'
    const patient = children.patient
    const batch = [
      declaring({ nhs: patient.nhs }, { givenName: 'Ben', familyName: 'Patient' }),
      declaring({ nhs: syntheticNhsNumber(8199) }, { givenName: 'Nobody', familyName: 'Known' }),
      declaring({ nhs: children.namesake.nhs }, { givenName: 'Someone', familyName: 'Else' }),
    ]
    const answers = []
    for (const children of [batch, batch.slice(1), batch.slice(2)])
      answers.push(await api(key, '/api/v1/declarations', { lawfulBasis, children }))
    assert.deepEqual(
      answers.map((a) => [a.statusCode, a.json()]),
      [
        [200, { received: 3 }],
        [200, { received: 2 }],
        [200, { received: 1 }],
      ],
      'the count received, whatever matched',
    )
    assert.equal((await health.get(`/children/${patient.id}`)).statusCode, 200, 'on its caseload')
    assert.equal((await health.get(`/children/${children.namesake.id}`)).statusCode, 404)
    const [caseload] = await involvements(patient.id)
    assert.equal(caseload?.kind, 'caseload')
    assert.equal(caseload?.agency_id, HEALTH)

    const bad = await api(key, '/api/v1/declarations', {
      lawfulBasis,
      children: [batch[0], { ...batch[1], nhsNumber: '1234567890' }],
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.json().message, /children\[1\]\.nhsNumber/)
    const missing = await api(key, '/api/v1/declarations', { lawfulBasis: ' ', children: [batch[0]] })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.json().message, /lawful basis/)

    const left = await api(key, '/api/v1/declarations/ended', {
      reason: 'Discharged from the health visiting caseload',
      children: [{ nhsNumber: patient.nhs }, { nhsNumber: syntheticNhsNumber(8300) }],
    })
    assert.deepEqual([left.statusCode, left.json()], [200, { received: 2 }])
    assert.equal((await health.get(`/children/${patient.id}`)).statusCode, 404, 'ended')
  })

  it('refuses everyone else: a police safeguarding manager, a school practitioner, a system without the scope', async () => {
    const police = await demo('safeguarding-manager@leicestershire-police')
    const policeRefused = await police.get('/declarations')
    assert.equal(policeRefused.statusCode, 403)
    assert.match(policeRefused.body, /Your agency keeps no roll or caseload of children/)
    const practitioner = await demo(`mat-practitioner@${SCHOOL}`)
    assert.equal((await practitioner.get('/declarations')).statusCode, 403)
    await practitioner.get('/children/search')
    const posted = await practitioner.post('/declarations', {
      givenName: 'Ben',
      familyName: 'Patient',
      'dateOfBirth-day': '27',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '2015',
      nhsNumber: children.patient.nhs,
      lawfulBasis: 'let me in',
    })
    assert.equal(posted.statusCode, 403)
    const key = await apiKeyFor(t.database.db, SCHOOL, ['contacts:write'])
    const refused = await api(key, '/api/v1/declarations', {
      lawfulBasis: 'x',
      children: [declaring({ nhs: children.patient.nhs }, { givenName: 'Ben', familyName: 'Patient' })],
    })
    assert.equal(refused.statusCode, 403)
    const record = await practitioner.get(`/children/${children.patient.id}`)
    assert.equal(record.statusCode, 403, 'the school is not involved: break-glass at most')
    assert.doesNotMatch(record.body, /Patient/)
  })
})
