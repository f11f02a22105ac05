// MACE's agenda from every item due, strategic meetings and the minutes circulated, through the
// service on PGlite: a child's discussion comes back at its review date; places and persons flagged
// in VOLT join the agenda (a police-only person only for the police) and come back at their review
// date; a strategic meeting reads counts, never a child; the minutes go to each attending agency,
// acknowledged once, overdue shown; the children discussed have it on their chronology.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInPerson } from '../../test/support/people.ts'
import type { TestBrowser } from '../identity/testing.ts'
import { createSubscription } from '../platform/webhooks/store.ts'
import { apiKeyFor } from '../sharing/testing.ts'
import { MINUTES_CIRCULATED, minutesDueBy } from './circulation.ts'

const SCHOOL = 'leicestershire-schools'
const LA = 'leicester-city-council'
const POLICE = 'leicestershire-police'
const day = (iso: string) => {
  const [year, month, date] = iso.split('-')
  return { 'date-day': String(Number(date)), 'date-month': String(Number(month)), 'date-year': String(year) }
}
const reviewOn = (iso: string) =>
  Object.fromEntries(Object.entries(day(iso)).map(([k, v]) => [k.replace('date', 'reviewOn'), v]))

describe('the minutes are due a working day after they are written', () => {
  it('skips the weekend and the Christmas bank holidays', () => {
    assert.equal(minutesDueBy('2026-12-04'), '2026-12-07', 'Friday to Monday')
    assert.equal(minutesDueBy('2026-12-24'), '2026-12-29', 'Christmas Day and the Boxing Day substitute')
  })
})

describe('MACE agenda, strategic meetings and circulated minutes', () => {
  let t: TestApp
  let school: string
  let coordinator: TestBrowser
  let policeMace: TestBrowser
  let officer: TestBrowser
  let serial = 0

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    school = await apiKeyFor(t.database.db, SCHOOL, ['events:write'])
    coordinator = await signedInPerson(t, {
      agencyId: LA,
      email: 'mace.agenda@leicester.example',
      role: 'mace-coordinator',
    })
    policeMace = await signedInPerson(t, {
      agencyId: POLICE,
      email: 'mace.agenda@police.example',
      role: 'mace-coordinator',
    })
    officer = await signedInPerson(t, {
      agencyId: POLICE,
      email: 'ppu.agenda@police.example',
      role: 'police-public-protection',
    })
  })
  after(() => t.close())

  async function referredChild(familyName: string) {
    serial += 1
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: `AGENDA-${serial}`,
        given_name: 'Casey',
        family_name: familyName,
        date_of_birth: '2011-02-03',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const agencyId of [SCHOOL, POLICE])
      await t.database.db
        .insertInto('child_involvement')
        .values({
          child_id: row.id,
          agency_id: agencyId,
          kind: 'added-by-la',
          reason: 'known',
          user_id: null,
        })
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
  const schedule = async (held: string, kind = 'operational') => {
    const answer = await coordinator.post('/mace/meetings', {
      laId: 'leicester',
      ...day(held),
      time: '09:30',
      format: 'online',
      venue: 'Video call',
      kind,
    })
    assert.equal(answer.statusCode, 303, answer.body)
    return String(answer.headers.location).split('/').pop() as string
  }
  const agendaOf = async (browser: TestBrowser, meetingId: string) => {
    const page = (await browser.get(`/mace/meetings/${meetingId}`)).body
    return page.slice(
      page.indexOf('<h2 class="govuk-heading-m">Agenda'),
      page.indexOf('Attendance and minutes'),
    )
  }

  it('brings a child back at the review date, and refuses a review date not after the meeting', async () => {
    const { referralId } = await referredChild('Reviewdue')
    const first = await schedule('2026-10-05')
    const early = await coordinator.post(`/mace/referrals/${referralId}/discussion`, {
      meetingId: first,
      discussion: 'Going missing at weekends',
      riskLevel: 'high',
      ...reviewOn('2026-10-05'),
    })
    assert.equal(early.statusCode, 400)
    assert.match(early.body, /The review date must be after the meeting/)
    assert.match(early.body, /Going missing at weekends/, 'keeps what was typed')
    const discussed = await coordinator.post(`/mace/referrals/${referralId}/discussion`, {
      meetingId: first,
      discussion: 'Going missing at weekends',
      riskLevel: 'high',
      ...reviewOn('2026-10-20'),
    })
    assert.equal(discussed.statusCode, 303, discussed.body)
    const discussionId = String(discussed.headers.location).split('/').pop() as string

    const before = await schedule('2026-10-12')
    assert.doesNotMatch(await agendaOf(coordinator, before), /Reviewdue/, 'not before the review date')
    const review = await schedule('2026-10-26')
    const agenda = await agendaOf(coordinator, review)
    assert.match(
      agenda,
      /20 October 2026<\/td>\s*<td[^>]*>Review due<\/td>\s*<td[^>]*><a[^>]*>Casey Reviewdue/,
    )
    assert.match(agenda, new RegExp(`/mace/discussions/${discussionId}/review\\?meeting=${review}`))

    const reviewed = await coordinator.post(`/mace/discussions/${discussionId}/review`, {
      meetingId: review,
      discussion: 'Safer: back in school',
      riskLevel: 'low',
    })
    assert.equal(reviewed.statusCode, 303, reviewed.body)
    const again = await coordinator.post(`/mace/discussions/${discussionId}/review`, {
      meetingId: review,
      discussion: 'Twice',
      riskLevel: 'low',
    })
    assert.equal(again.statusCode, 409, 'one review per discussion')
    const record = (await coordinator.get(String(reviewed.headers.location))).body
    assert.match(record, /MACE review/)
    assert.match(record, /None: MACE closed the child’s case/)
    const later = await schedule('2026-11-02')
    assert.doesNotMatch(await agendaOf(coordinator, later), /Reviewdue/, 'closed: not on the agenda again')
    const events = await t.database.db
      .selectFrom('domain_event')
      .select(['type', 'summary'])
      .where('type', 'in', ['mace.discussed', 'mace.reviewed'])
      .where('summary', 'like', '%October 2026%')
      .execute()
    assert.ok(
      events.some(
        (e) => e.type === 'mace.reviewed' && e.summary === 'Reviewed at the MACE meeting on 26 October 2026',
      ),
    )
    assert.ok(
      events.every((e) => !/weekends|school/.test(e.summary)),
      'the chronology names the event only',
    )
  })

  it('puts flagged places and persons on the agenda, a police-only person for the police only', async () => {
    const place = await officer.post('/volt/locations', {
      name: 'Flagtest Station car park',
      locationType: 'transport-hub',
    })
    assert.equal(place.statusCode, 303, place.body)
    const placeId = String(place.headers.location).split('/').pop() as string
    const person = await officer.post('/volt/persons', { name: 'Flagtest Adult', kind: 'adult' })
    assert.equal(person.statusCode, 303, person.body)
    const personId = String(person.headers.location).split('/').pop() as string

    const missing = await officer.post(`/volt/locations/${placeId}/mace-flag`, {
      laId: 'leicester',
      reason: '',
    })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Enter why MACE should discuss it/)
    for (const path of [`/volt/locations/${placeId}`, `/volt/persons/${personId}`]) {
      const flagged = await officer.post(`${path}/mace-flag`, {
        laId: 'leicester',
        reason: `FLAG-REASON ${path}`,
      })
      assert.equal(flagged.statusCode, 303, flagged.body)
    }
    assert.equal(
      (await coordinator.get(`/volt/persons/${personId}/mace-flag`)).statusCode,
      404,
      'a police-only person is not found by the LA',
    )
    // Flagged before the meetings below.
    await t.database.db
      .updateTable('volt_mace_flag')
      .set({ flagged_at: new Date('2026-11-03T10:00:00Z') })
      .execute()
    const flags = await t.database.db.selectFrom('volt_mace_flag').select(['id', 'subject_kind']).execute()
    const placeFlag = flags.find((f) => f.subject_kind === 'location')?.id ?? ''
    const personFlag = flags.find((f) => f.subject_kind === 'person')?.id ?? ''

    const meeting = await schedule('2026-11-09')
    const seenByLa = await agendaOf(coordinator, meeting)
    assert.match(seenByLa, /Place flagged<\/td>\s*<td[^>]*><a[^>]*>Flagtest Station car park/)
    assert.doesNotMatch(seenByLa, /Flagtest Adult/, 'the police-only person is not on the LA’s agenda')
    assert.match(
      await agendaOf(policeMace, meeting),
      /Person flagged<\/td>\s*<td[^>]*><a[^>]*>Flagtest Adult/,
    )
    assert.equal((await coordinator.get(`/mace/meetings/${meeting}/flags/${personFlag}`)).statusCode, 404)

    const bad = await coordinator.post(`/mace/meetings/${meeting}/flags/${placeFlag}`, {
      discussion: '',
      ...reviewOn('2026-11-09'),
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter what was discussed/)
    assert.match(bad.body, /The review date must be after the meeting/)
    const kept = await coordinator.post(`/mace/meetings/${meeting}/flags/${placeFlag}`, {
      discussion: 'Patrols agreed at the car park',
      ...reviewOn('2026-11-20'),
    })
    assert.equal(kept.statusCode, 303, kept.body)
    const page = (await coordinator.get(`/mace/meetings/${meeting}`)).body
    assert.match(page, /id="flags-discussed"[\s\S]*Flagtest Station car park: Patrols agreed/)
    assert.doesNotMatch(await agendaOf(coordinator, await schedule('2026-11-16')), /Flagtest Station/)
    assert.match(
      await agendaOf(coordinator, await schedule('2026-11-23')),
      /20 November 2026<\/td>\s*<td[^>]*>Review due<\/td>\s*<td[^>]*><a[^>]*>Flagtest Station car park/,
    )

    // Cleared by hand, with the reason: off the next agenda, and the place's page says who and why.
    assert.equal(
      (await coordinator.get(`/volt/mace-flags/${personFlag}/clear`)).statusCode,
      404,
      'a police-only person’s flag is not found by the LA',
    )
    assert.equal(
      (await coordinator.post(`/volt/mace-flags/${personFlag}/clear`, { reason: 'x' })).statusCode,
      404,
    )
    assert.match((await coordinator.get(`/volt/locations/${placeId}`)).body, /Clear this flag/)
    const blank = await coordinator.post(`/volt/mace-flags/${placeFlag}/clear`, { reason: ' ' })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /Enter why the flag is cleared/)
    const cleared = await coordinator.post(`/volt/mace-flags/${placeFlag}/clear`, {
      reason: 'CLEAR-REASON car park closed for good',
    })
    assert.equal(cleared.statusCode, 303, cleared.body)
    assert.equal(cleared.headers.location, `/volt/locations/${placeId}`)
    assert.equal(
      (await coordinator.post(`/volt/mace-flags/${placeFlag}/clear`, { reason: 'again' })).statusCode,
      409,
    )
    const placePage = (await coordinator.get(`/volt/locations/${placeId}`)).body
    assert.match(
      placePage,
      /Cleared on \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}[ap]m by mace\.agenda@leicester\.example, Leicester City Council[^,]*, because: CLEAR-REASON car park closed for good/,
    )
    assert.doesNotMatch(placePage, /Clear this flag/)
    const later = await schedule('2026-11-30')
    assert.doesNotMatch(await agendaOf(coordinator, later), /Flagtest Station/)
    assert.match(await agendaOf(policeMace, later), /Flagtest Adult/, 'the other flag stays open')
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('action', '=', 'volt.record')
      .where(sql<boolean>`detail->>'step' = 'clear-mace-flag'`)
      .execute()
    assert.ok(
      audit.some((entry) => entry.outcome === 'allowed'),
      'the clearing is audited',
    )
  })

  it('sends the minutes to each attending agency, acknowledged once, overdue shown', async () => {
    const { referralId, childId } = await referredChild('Minuted')
    const meeting = await schedule('2026-11-25')
    const discussed = await coordinator.post(`/mace/referrals/${referralId}/discussion`, {
      meetingId: meeting,
      discussion: 'Discussed',
      riskLevel: 'medium',
      ...reviewOn('2027-01-10'),
    })
    assert.equal(discussed.statusCode, 303, discussed.body)
    await createSubscription(t.database.db, {
      agencyId: POLICE,
      url: 'https://police.example/masa-hooks',
      secretRef: 'env:POLICE_HOOK_SECRET',
      eventTypes: [MINUTES_CIRCULATED],
    })
    const saved = await coordinator.post(`/mace/meetings/${meeting}/record`, {
      attending: [LA, POLICE],
      minutes: 'MINUTES-SECRET: station hotspot',
    })
    assert.equal(saved.statusCode, 303, saved.body)
    // Each attending agency's MACE coordinators are emailed, and the police's system gets the event:
    // a link to the meeting, never the minutes or a child's name.
    const emails = await t.database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation'])
      .where('template_id', '=', 'mace-minutes')
      .where('reference', '=', `mace-minutes-${meeting}`)
      .execute()
    assert.deepEqual(emails.map((e) => e.recipient).sort(), [
      'mace.agenda@leicester.example',
      'mace.agenda@police.example',
    ])
    const hooks = await t.database.db
      .selectFrom('webhook_delivery')
      .select('body')
      .where('event_type', '=', MINUTES_CIRCULATED)
      .execute()
    assert.equal(hooks.length, 1, 'the police have a webhook; the LA has none')
    const sent = JSON.parse(hooks[0]?.body ?? '{}')
    assert.equal(sent.agencyId, POLICE)
    assert.equal(sent.data.link, `/mace/meetings/${meeting}`)
    for (const text of [...emails.map((e) => JSON.stringify(e.personalisation)), hooks[0]?.body ?? '']) {
      assert.match(text, new RegExp(`/mace/meetings/${meeting}`))
      assert.doesNotMatch(text, /Minuted|Casey|MINUTES-SECRET|station hotspot/)
    }
    let page = (await coordinator.get(`/mace/meetings/${meeting}`)).body
    assert.match(
      page,
      /id="circulation"[\s\S]*Leicester City Council[\s\S]*Not yet[\s\S]*Leicestershire Police/,
    )
    assert.match(page, /Acknowledge the minutes for Leicester City Council/)

    const ack = await coordinator.post(`/mace/meetings/${meeting}/acknowledgement`, {})
    assert.equal(ack.statusCode, 303)
    assert.equal((await coordinator.post(`/mace/meetings/${meeting}/acknowledgement`, {})).statusCode, 409)
    page = (await coordinator.get(`/mace/meetings/${meeting}`)).body
    assert.match(page, /By mace\.agenda@leicester\.example/)
    assert.doesNotMatch(page, /Acknowledge the minutes for/)

    await t.database.db
      .updateTable('mace_minutes_circulation')
      .set({ due_by: '2026-11-26' })
      .where('meeting_id', '=', meeting)
      .execute()
    const list = (await coordinator.get('/mace/meetings')).body
    assert.match(
      list,
      /id="minutes-awaiting"[\s\S]*Leicestershire Police[\s\S]*26 November 2026 <strong[^>]*>Overdue/,
    )
    assert.match((await policeMace.get('/mace/meetings')).body, /Leicestershire Police \(yours\)/)
    assert.match((await coordinator.get(`/mace/meetings/${meeting}`)).body, /Overdue/)
    assert.equal((await policeMace.post(`/mace/meetings/${meeting}/acknowledgement`, {})).statusCode, 303)
    assert.match(
      (await coordinator.get('/mace/meetings')).body,
      /Every agency has acknowledged the minutes sent to it/,
    )

    const events = await t.database.db
      .selectFrom('domain_event')
      .select(['summary'])
      .where('child_id', '=', childId)
      .where('type', '=', 'mace.minutes-circulated')
      .execute()
    assert.deepEqual(
      events.map((e) => e.summary),
      ['Minutes of the MACE meeting on 25 November 2026 sent to 2 attending agencies'],
    )
  })

  it('gives a strategic meeting themes and trends as counts, naming no child, and keeps its actions as text', async () => {
    const children = await t.database.db
      .selectFrom('child')
      .select('id')
      .where('la_child_id', 'like', 'AGENDA-%')
      .execute()
    const child = children[0]?.id ?? ''
    const tactic = (label: string) => ({
      child_id: child,
      la_id: 'leicester',
      tactic: label.toLowerCase().replaceAll(' ', '-'),
      tactic_label: label,
      used_on: '2026-11-10',
      used_by_agency_id: POLICE,
      used_by_name: 'PC Jones',
      recorded_by: 'user:x',
      recorded_by_agency_id: POLICE,
      recorded_by_name: 'PC Jones',
    })
    await t.database.db
      .insertInto('disruption_tactic_use')
      .values([
        ...Array.from({ length: 6 }, () => tactic('Child abduction warning notice')),
        tactic('Dispersal'),
      ])
      .execute()
    await t.database.db
      .insertInto('volt_link')
      .values({
        a_kind: 'child',
        a_ref: child,
        b_kind: 'theme',
        b_ref: 'county-lines',
        link_type: 'concern-about',
        source_agency_id: LA,
        seen_on: '2026-11-01',
        recorded_by: 'user:x',
        recorded_by_name: 'x',
      })
      .execute()

    const first = await schedule('2026-09-01', 'strategic')
    const meeting = await schedule('2026-12-01', 'strategic')
    const page = (await coordinator.get(`/mace/meetings/${meeting}`)).body
    assert.match(page, /Strategic MACE meeting on 1 December 2026/)
    assert.match(page, /From 2 September 2026 to 1 December 2026, since the/)
    assert.match(page, /Child abduction warning notice<\/td>\s*<td[^>]*>6</)
    assert.match(page, /Dispersal<\/td>\s*<td[^>]*>fewer than 5</)
    assert.match(page, /County lines<\/td>\s*<td[^>]*>fewer than 5</)
    assert.doesNotMatch(page, /Casey|id="agenda"/, 'no child named, no children’s agenda')
    assert.match(
      (await coordinator.get(`/mace/meetings/${first}`)).body,
      /From 1 June 2026 to 1 September 2026/,
    )

    const saved = await coordinator.post(`/mace/meetings/${meeting}/record`, {
      attending: [LA, POLICE],
      minutes: 'County lines rising around the station',
      actionsAgreed: 'Police to brief transport staff by January',
    })
    assert.equal(saved.statusCode, 303, saved.body)
    const after = (await coordinator.get(`/mace/meetings/${meeting}`)).body
    assert.match(after, /id="actions-agreed">Police to brief transport staff by January/)
    assert.match(after, /id="circulation"/)
    const { referralId } = await referredChild('Notstrategic')
    const refused = await coordinator.post(`/mace/referrals/${referralId}/discussion`, {
      meetingId: meeting,
      discussion: 'A child at a strategic meeting',
      riskLevel: 'low',
    })
    assert.equal(refused.statusCode, 400, 'a child is not discussed at a strategic meeting')
    assert.match(refused.body, /Select a meeting of this MACE that has started/)
  })
})
