// Disruption tactics and NRM referrals through the service on PGlite, on 1 February 2027: a MACE
// coordinator records a tactic (problems named, what was typed kept, an unknown tactic or a future
// date refused) and later its outcome, once; records a child's NRM referral (no consent asked), its
// reasonable grounds decision (due 5 working days on, across Christmas) and its conclusive grounds
// decision (no sooner than 30 days after); the due list puts what is due first at the top; the
// chronology says what happened without the tactic or the decision; police public protection
// involved with the child record too; a school reads nothing, and a sealed child is not found.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { dateFields } from '../../test/support/forms.ts'
import { signedInPerson } from '../../test/support/people.ts'
import type { TestBrowser } from '../identity/testing.ts'
import { apiKeyFor } from '../sharing/testing.ts'

const SCHOOLS = 'leicester-schools'
const POLICE = 'leicestershire-police'
const LA = 'leicester-city-council'
const NOW = new Date('2027-02-01T10:00:00Z')

describe('disruption tactics and NRM referrals', () => {
  let t: TestApp
  let mace: TestBrowser
  let police: TestBrowser
  let school: TestBrowser
  let serial = 0

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr, { now: () => NOW })
    mace = await signedInPerson(t, {
      agencyId: LA,
      email: 'mace.nrm@leicester.example',
      role: 'mace-coordinator',
    })
    police = await signedInPerson(t, {
      agencyId: POLICE,
      email: 'ppp.nrm@police.example',
      role: 'police-public-protection',
    })
    school = await signedInPerson(t, {
      agencyId: SCHOOLS,
      email: 'dsl.nrm@school.example',
      role: 'safeguarding-manager',
    })
  })
  after(() => t.close())

  async function child(sensitivity: 'standard' | 'sealed' = 'standard') {
    serial += 1
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `NRM-${serial}`,
        given_name: 'Sam',
        family_name: `Disrupt${serial}`,
        date_of_birth: '2011-04-02',
        sex: 'M',
        sensitivity,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const agency_id of [SCHOOLS, POLICE])
      await t.database.db
        .insertInto('child_involvement')
        .values({
          child_id: row.id,
          agency_id,
          kind: 'added-by-la',
          reason: 'works with the child',
          user_id: null,
        })
        .execute()
    return row.id
  }

  /** A MACE discussion of the child (as src/mace keeps one), for a record to come from. */
  async function discussion(childId: string) {
    const referral = await t.database.db
      .insertInto('mace_referral')
      .values({
        child_id: childId,
        la_id: 'leicester',
        agency_id: LA,
        referred_by: 'user:seed',
        referred_by_name: 'Seed',
        screening_id: null,
        reason: 'Seen with older males',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const row = await t.database.db
      .insertInto('mace_discussion')
      .values({
        referral_id: referral.id,
        child_id: childId,
        held_on: '2027-01-20',
        discussion: 'Discussed',
        risk_level: 'high',
        recorded_by: 'user:seed',
        recorded_by_name: 'Seed',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  const summaries = async (childId: string) =>
    (
      await t.database.db
        .selectFrom('domain_event')
        .select(['type', 'summary'])
        .where('child_id', '=', childId)
        .orderBy('seq')
        .execute()
    ).filter((event) => /^(disruption|nrm)\./.test(event.type))

  it('records a disruption tactic from a MACE discussion, and its outcome later, once', async () => {
    const childId = await child()
    const discussionId = await discussion(childId)
    const form = await mace.get(`/children/${childId}/disruptions/new?discussion=${discussionId}`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Hotel information notice/)
    assert.match(form.body, new RegExp(`name="discussionId" value="${discussionId}"`))

    const bad = await mace.post(`/children/${childId}/disruptions`, {
      tactic: 'made-up',
      ...dateFields('usedOn', '2027-02-02'),
      usedByName: 'DC NRM-TYPED',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Select the disruption tactic used/)
    assert.match(bad.body, /Enter a date that is today or in the past/)
    assert.match(bad.body, /Select the agency that used it/)
    assert.match(bad.body, /NRM-TYPED/, 'keeps what was typed')

    const other = await discussion(await child())
    const stranger = await mace.post(`/children/${childId}/disruptions`, {
      tactic: 'hotel-information-notice',
      ...dateFields('usedOn', '2027-01-25'),
      usedByAgencyId: POLICE,
      usedByName: 'PC Example, licensing',
      discussionId: other,
    })
    assert.equal(stranger.statusCode, 400)
    assert.match(stranger.body, /The MACE discussion must be one of this child’s/)

    const made = await mace.post(`/children/${childId}/disruptions`, {
      tactic: 'hotel-information-notice',
      ...dateFields('usedOn', '2027-01-25'),
      usedByAgencyId: POLICE,
      usedByName: 'PC Example, licensing',
      discussionId,
    })
    assert.equal(made.statusCode, 303, made.body)
    const url = String(made.headers.location)
    const page = await mace.get(url)
    assert.match(page.body, /Hotel information notice/)
    assert.match(page.body, /25 January 2027/)
    assert.match(page.body, /PC Example, licensing, Leicestershire Police/)
    assert.match(page.body, new RegExp(`/mace/discussions/${discussionId}`))
    const fromDiscussion = await mace.get(`/mace/discussions/${discussionId}`)
    assert.equal(fromDiscussion.statusCode, 200)
    assert.match(fromDiscussion.body, new RegExp(`href="${url}">Hotel information notice</a>`))

    assert.equal((await mace.post(`${url}/outcome`, { outcome: ' ' })).statusCode, 400)
    const done = await mace.post(`${url}/outcome`, {
      outcome: 'NRM-OUTCOME: the hotel refused the adults a room',
    })
    assert.equal(done.statusCode, 303, done.body)
    assert.equal((await mace.post(`${url}/outcome`, { outcome: 'Again' })).statusCode, 409)
    assert.match((await mace.get(url)).body, /NRM-OUTCOME/)
    assert.match((await mace.get(`/children/${childId}/disruption-and-nrm`)).body, /Hotel information notice/)

    const events = await summaries(childId)
    assert.deepEqual(
      events.map((event) => event.type),
      ['disruption.recorded', 'disruption.outcome-recorded'],
    )
    assert.ok(
      events.every((event) => !/hotel|NRM-OUTCOME/i.test(event.summary)),
      'no detail on the chronology',
    )
  })

  it('records a child’s NRM referral without asking consent, and its decisions on their clocks', async () => {
    const childId = await child()
    const form = await mace.get(`/children/${childId}/nrm-referrals/new`)
    assert.equal(form.statusCode, 200)
    assert.doesNotMatch(form.body.replace(/does not need to consent/, ''), /consent/i, 'no consent asked')
    assert.match(form.body, /Leicestershire Police/)
    assert.doesNotMatch(form.body, /Leicester schools/, 'only first responder organisations')

    const missing = await mace.post(`/children/${childId}/nrm-referrals`, {})
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Select the first responder organisation/)
    assert.match(missing.body, /Enter the date of the referral/)

    const made = await mace.post(`/children/${childId}/nrm-referrals`, {
      firstResponderAgencyId: LA,
      ...dateFields('referredOn', '2026-12-21'),
    })
    assert.equal(made.statusCode, 303, made.body)
    const url = String(made.headers.location)
    const id = url.split('/').pop() ?? ''
    const row = await t.database.db
      .selectFrom('nrm_referral')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(row.rg_due_by, '2026-12-30', 'across Christmas and the Boxing Day holiday')
    assert.match((await mace.get(url)).body, /Overdue by/)

    const later = await mace.post(`/children/${childId}/nrm-referrals`, {
      firstResponderAgencyId: POLICE,
      ...dateFields('referredOn', '2027-01-29'),
    })
    assert.equal(later.statusCode, 303)
    const list = await mace.get('/nrm-referrals')
    assert.equal(list.statusCode, 200)
    const first = list.body.indexOf(url)
    const second = list.body.indexOf(String(later.headers.location))
    assert.ok(first > 0 && second > first, 'the overdue one first')

    const early = await mace.post(`${url}/reasonable-grounds`, {
      decision: 'positive',
      ...dateFields('decidedOn', '2026-12-20'),
    })
    assert.equal(early.statusCode, 400)
    assert.match(early.body, /Enter a date on or after the referral/)
    const rg = await mace.post(`${url}/reasonable-grounds`, {
      decision: 'positive',
      ...dateFields('decidedOn', '2026-12-30'),
    })
    assert.equal(rg.statusCode, 303, rg.body)
    assert.equal(
      (
        await mace.post(`${url}/reasonable-grounds`, {
          decision: 'negative',
          ...dateFields('decidedOn', '2026-12-30'),
        })
      ).statusCode,
      409,
    )
    assert.match((await mace.get(url)).body, /Awaited since 29 January 2027/)

    const soon = await mace.post(`${url}/conclusive-grounds`, {
      decision: 'positive',
      ...dateFields('decidedOn', '2027-01-28'),
    })
    assert.equal(soon.statusCode, 400)
    assert.match(soon.body, /on or after 29 January 2027/)
    const cg = await mace.post(`${url}/conclusive-grounds`, {
      decision: 'positive',
      ...dateFields('decidedOn', '2027-01-29'),
      outcome: 'NRM-CG: support from the independent child trafficking guardian',
    })
    assert.equal(cg.statusCode, 303, cg.body)
    assert.match((await mace.get(url)).body, /NRM-CG/)
    assert.doesNotMatch((await mace.get('/nrm-referrals')).body, new RegExp(url), 'concluded: off the list')

    const events = await summaries(childId)
    assert.deepEqual(
      events.map((event) => event.summary),
      [
        "Referred to the National Referral Mechanism (NRM) by Leicester City Council Children's Social Care",
        'Referred to the National Referral Mechanism (NRM) by Leicestershire Police',
        'The NRM reasonable grounds decision was recorded',
        'The NRM conclusive grounds decision was recorded',
      ],
    )
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .distinct()
      .where('action', 'in', ['disruption-nrm.record', 'disruption-nrm.view'])
      .execute()
    assert.equal(audited.length, 2, 'records and reads audited')
  })

  it('lets police public protection involved record; a school reads nothing; a sealed child is not found', async () => {
    const childId = await child()
    const made = await police.post(`/children/${childId}/nrm-referrals`, {
      firstResponderAgencyId: POLICE,
      ...dateFields('referredOn', '2027-01-29'),
    })
    assert.equal(made.statusCode, 303, made.body)
    const url = String(made.headers.location)
    assert.equal((await police.get(url)).statusCode, 200)
    assert.equal((await school.get(url)).statusCode, 403)
    assert.equal((await school.get(`/children/${childId}/disruption-and-nrm`)).statusCode, 403)
    assert.equal((await school.get(`/children/${childId}/nrm-referrals/new`)).statusCode, 403)
    assert.equal((await school.get('/nrm-referrals')).statusCode, 403)
    assert.equal(
      (
        await school.post(`${url}/reasonable-grounds`, {
          decision: 'positive',
          ...dateFields('decidedOn', '2027-01-30'),
        })
      ).statusCode,
      403,
    )

    const sealed = await child('sealed')
    for (const path of ['disruption-and-nrm', 'disruptions/new', 'nrm-referrals/new'])
      assert.equal((await mace.get(`/children/${sealed}/${path}`)).statusCode, 404, path)
    assert.equal(
      (
        await mace.post(`/children/${sealed}/nrm-referrals`, {
          firstResponderAgencyId: LA,
          ...dateFields('referredOn', '2027-01-29'),
        })
      ).statusCode,
      404,
    )
    assert.equal((await mace.get('/nrm-referrals/not-an-id')).statusCode, 404)
  })

  it('takes tactics from a police force’s system, one or a batch: all kept or none', async () => {
    const policeSystem = await apiKeyFor(t.database.db, POLICE, ['events:write'])
    const schoolSystem = await apiKeyFor(t.database.db, SCHOOLS, ['events:write'])
    const send = (key: string, url: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` }, payload })
    const tactic = {
      tactic: 'closure-order',
      usedOn: '2027-01-20',
      usedByAgencyId: POLICE,
      usedByName: 'PC Example, neighbourhood team',
    }
    const [a, b] = [await child(), await child()]
    const one = await send(policeSystem, `/api/v1/children/${a}/disruptions`, tactic)
    assert.equal(one.statusCode, 201, one.body)
    assert.equal(one.json().childId, a)
    const unknown = await send(policeSystem, `/api/v1/children/${a}/disruptions`, {
      ...tactic,
      tactic: 'curfew',
    })
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.body, /tactic/)
    // A school's system may not record one; it may not read the child either, so it is not told of them.
    assert.equal((await send(schoolSystem, `/api/v1/children/${a}/disruptions`, tactic)).statusCode, 404)

    const kept = async () =>
      (
        await t.database.db
          .selectFrom('disruption_tactic_use')
          .select('id')
          .where('child_id', 'in', [a, b])
          .execute()
      ).length
    const before = await kept()
    const bad = await send(policeSystem, '/api/v1/disruptions', {
      items: [
        { childId: a, ...tactic },
        { childId: b, ...tactic, usedOn: '2027-03-01' },
      ],
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /items\[1\]\.usedOn/)
    const sealed = await child('sealed')
    const hidden = await send(policeSystem, '/api/v1/disruptions', {
      items: [
        { childId: a, ...tactic },
        { childId: sealed, ...tactic },
      ],
    })
    assert.equal(hidden.statusCode, 404)
    assert.equal(await kept(), before, 'none kept')

    const batch = await send(policeSystem, '/api/v1/disruptions', {
      items: [
        { childId: a, ...tactic, tactic: 'dispersal' },
        { childId: b, ...tactic },
      ],
    })
    assert.equal(batch.statusCode, 201, batch.body)
    assert.deepEqual(
      batch.json().recorded.map((row: { childId: string }) => row.childId),
      [a, b],
    )
    assert.equal(await kept(), before + 2)
  })
})
