// An identifier alone opens no child's record: a referral or a shared event joins the record its NHS
// number names only when the name or date of birth agrees; otherwise a person matches it.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import type { Sensitivity } from '../../src/platform/access/policy.ts'
import { apiKeyFor, syntheticNhsNumber } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { lookUp } from '../support/database.ts'

const AVA = { givenName: 'Ava', familyName: 'Testchild', dateOfBirth: '2015-03-02' }

describe('an NHS number needs the name or date of birth to agree', () => {
  let t: TestApp
  let users: DemoUser[]
  let teacher: TestBrowser
  let screener: TestBrowser
  let referralsKey: string
  let eventsKey: string
  let serial = 0
  const userOf = (email: string) => users.find((u) => u.email.startsWith(email)) as DemoUser

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    teacher = await signIn(t.app, userOf('referrer@'))
    screener = await signIn(t.app, userOf('front-door-screener.leicester@'))
    referralsKey = await apiKeyFor(t.database.db, 'leicester-schools', ['contacts:write'])
    eventsKey = await apiKeyFor(t.database.db, 'leicestershire-police', ['events:write'])
  })
  after(() => t.close())

  /** Ava's record, with a fresh NHS number; the school and health visitors are involved with her. */
  async function ava(sensitivity: Sensitivity = 'standard') {
    serial += 1
    const nhsNumber = syntheticNhsNumber(7000 + serial)
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `AVA-${serial}`,
        given_name: AVA.givenName,
        family_name: AVA.familyName,
        date_of_birth: AVA.dateOfBirth,
        sex: 'F',
        nhs_number: nhsNumber,
        sensitivity,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.database.db
      .insertInto('child_involvement')
      .values(
        ['leicester-schools', 'llr-community-health'].map((agency_id) => ({
          child_id: row.id,
          agency_id,
          user_id: null,
          kind: 'added-by-la',
          reason: 'known',
        })),
      )
      .execute()
    return { id: row.id, nhsNumber }
  }

  const refer = (child: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${referralsKey}`, 'idempotency-key': `corroborate-${serial}` },
      payload: {
        child: { postcode: 'LE2 1AA', ...child },
        whatHappened: 'Said at school that nobody was home for three days.',
        worries: 'Thin and tired; no lunch most days.',
        familyKnows: 'Mother knows we are referring.',
        consent: 'given',
        urgency: 'standard',
        referralSource: '2A',
        referrer: { name: 'Tess Teacher', role: 'Designated safeguarding lead', email: 'dsl@school.example' },
      },
    })

  const childOfReferral = (id: string) => lookUp(t.database.db, 'referral', 'child_id', 'id', id)

  for (const [name, details, joins] of [
    [
      'the same date of birth, another name',
      { firstName: 'Made', lastName: 'Up', dateOfBirth: AVA.dateOfBirth },
      true,
    ],
    [
      'the same name (any case, spacing, accents), no date of birth',
      { firstName: ' ÁVA ', lastName: 'TESTCHILD' },
      true,
    ],
    ['a made-up name and no date of birth', { firstName: 'Made', lastName: 'Up' }, false],
    [
      'the family name only, with another date of birth',
      { firstName: 'Eve', lastName: 'Testchild', dateOfBirth: '2015-03-03' },
      false,
    ],
  ] as const) {
    it(`a referral with Ava's NHS number and ${name} ${joins ? 'joins' : 'does not join'} her record`, async () => {
      const child = await ava()
      const sent = await refer({ ...details, nhsNumber: child.nhsNumber })
      assert.equal(sent.statusCode, 201, sent.body)
      assert.equal(await childOfReferral(sent.json().id), joins ? child.id : null)
    })
  }

  it('a referral joins no sealed record, however well it is described', async () => {
    const child = await ava('sealed')
    const sent = await refer({
      firstName: 'Ava',
      lastName: 'Testchild',
      dateOfBirth: AVA.dateOfBirth,
      nhsNumber: child.nhsNumber,
    })
    assert.equal(await childOfReferral(sent.json().id), null)
  })

  it('a referral from the form with a made-up name waits for the screener, who is shown Ava’s record', async () => {
    const child = await ava()
    const sent = await teacher.post('/referrals/new', {
      idempotencyKey: `corroborate-form-${serial}`,
      childFirstName: 'Made',
      childLastName: 'Up',
      childNhsNumber: child.nhsNumber,
      childPostcode: 'LE2 1AA',
      whatHappened: 'Said at school that nobody was home for three days.',
      worries: 'Thin and tired; no lunch most days.',
      familyKnows: 'Mother knows we are referring.',
      consent: 'given',
      urgency: 'standard',
      referralSource: '2A',
      referrerName: 'Tess Teacher',
      referrerRole: 'Designated safeguarding lead',
      referrerEmail: 'dsl@school.example',
    })
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300))
    const id = String(sent.headers.location).split('/')[2] as string
    assert.equal(await childOfReferral(id), null)
    const referral = await screener.get(`/referrals/${id}`)
    assert.match(referral.body, new RegExp(`href="/referrals/${id}/child">Find the child’s record`))
    const page = await screener.get(`/referrals/${id}/child`)
    assert.equal(page.statusCode, 200)
    const row = page.body
      .split('<tr class="govuk-table__row">')
      .find((r) => r.includes(`value="${child.id}"`))
    assert.ok(row, 'Ava’s record is a candidate')
    assert.match(row, /NHS number/)
    const own = await teacher.get(`/children/${child.id}`)
    assert.equal(own.statusCode, 404, 'the referrer was given nothing of Ava’s record')
  })

  const share = (child: Record<string, string>, senderEventId: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/shared-events',
      headers: { authorization: `Bearer ${eventsKey}` },
      payload: [
        {
          senderEventId,
          type: 'arrest',
          occurredAt: '2026-11-02T09:30:00Z',
          children: [{ postcode: 'LE2 1AA', ...child }],
          summary: 'Adult in the household arrested on suspicion of assault',
          sensitivity: 'standard',
          lawfulBasis: 'dpa2018-sch8-para4',
          risk: 'medium',
        },
      ],
    })

  const where = async (eventId: string) => ({
    childIds: (
      await t.database.db
        .selectFrom('shared_event_child')
        .select('child_id')
        .where('event_id', '=', eventId)
        .execute()
    ).map((row) => row.child_id),
    told: (
      await t.database.db
        .selectFrom('sharing_notification')
        .select('agency_id')
        .where('event_id', '=', eventId)
        .orderBy('agency_id')
        .execute()
    ).map((row) => row.agency_id),
  })

  it('a shared event with Ava’s NHS number and her date of birth joins her record and reaches those involved', async () => {
    const child = await ava()
    const answer = (
      await share({ nhsNumber: child.nhsNumber, dateOfBirth: AVA.dateOfBirth }, `C-${serial}`)
    ).json()
    assert.equal(answer.accepted, 1, JSON.stringify(answer))
    assert.deepEqual(await where(answer.results[0].id), {
      childIds: [child.id],
      told: ['leicester-city-council', 'leicester-schools', 'llr-community-health'],
    })
  })

  it('a shared event with Ava’s NHS number and a made-up name is held for the LA to match, reaching no one involved with her', async () => {
    const child = await ava()
    const answer = (
      await share({ nhsNumber: child.nhsNumber, givenName: 'Made', familyName: 'Up' }, `C-${serial}`)
    ).json()
    assert.equal(answer.accepted, 1, JSON.stringify(answer))
    assert.deepEqual(await where(answer.results[0].id), {
      childIds: [null],
      told: ['leicester-city-council'],
    })
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM domain_event WHERE child_id = ${child.id}`.execute(t.database.db)
    assert.equal(rows[0]?.n, 0, 'nothing joins Ava’s chronology')
  })

  it('a shared event about a child hidden from the sender is held as for an unknown child, and the refusal is audited', async () => {
    const child = await ava('health-restricted')
    const answer = (
      await share({ nhsNumber: child.nhsNumber, dateOfBirth: AVA.dateOfBirth }, `C-${serial}`)
    ).json()
    assert.equal(answer.accepted, 1, JSON.stringify(answer))
    assert.deepEqual(await where(answer.results[0].id), {
      childIds: [null],
      told: ['leicester-city-council'],
    })
    const refusals = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('child_id', '=', child.id)
      .execute()
    assert.deepEqual(refusals, [{ action: 'event.post', outcome: 'denied' }])
  })
})
