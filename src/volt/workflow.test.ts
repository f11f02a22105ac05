// VOLT through the service on PGlite: the police record a person of concern and graded links, a
// MACE coordinator reads the child's network without what is the police's alone, a child hidden
// from the viewer is never shown (not as a second step, not in a count), and every path keeps the
// restricted person and the C-coded link from other agencies (pages and the person search).

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInPerson } from '../../test/support/people.ts'
import { getChildResources } from '../children/index.ts'
import type { TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Actor, AgencyKind, Role } from '../platform/access/actor.ts'
import { decide, type Sensitivity } from '../platform/access/policy.ts'
import { hotspots } from './hotspots.ts'

const POLICE = 'leicestershire-police'
const LA = 'leicester-city-council'
const SCHOOL = 'leicester-schools'

describe('VOLT: the exploitation network around a child', () => {
  let t: TestApp
  let police: TestBrowser
  let coordinator: TestBrowser
  let schoolMat: TestBrowser
  let serial = 0
  const ids: Record<string, string> = {}

  async function child(
    laId: string,
    familyName: string,
    involved: string[],
    sensitivity: Sensitivity = 'standard',
  ) {
    serial += 1
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: laId,
        la_child_id: `VOLT-${serial}`,
        given_name: 'Jordan',
        family_name: familyName,
        date_of_birth: '2011-03-04',
        sex: 'M',
        sensitivity,
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
  const idFrom = (location: unknown) => /\/([0-9a-f-]{36})$/.exec(String(location))?.[1] as string
  const link = (by: TestBrowser, from: string, to: string, extra: Record<string, string> = {}) =>
    by.post('/volt/links', {
      from,
      to,
      linkType: 'seen-with',
      sourceAgencyId: POLICE,
      'seenOn-day': '2',
      'seenOn-month': '12',
      'seenOn-year': '2026',
      ...extra,
    })
  const graded = (code: 'P' | 'C') => ({
    sourceEvaluation: '1',
    intelligenceAssessment: 'B',
    handlingCode: code,
    ...(code === 'C' ? { handlingConditions: 'VOLT-CONDITIONS: not to be shared outside the police' } : {}),
  })

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    police = await signedInPerson(t, {
      agencyId: POLICE,
      email: 'ppp@volt.example',
      role: 'police-public-protection',
    })
    coordinator = await signedInPerson(t, {
      agencyId: LA,
      email: 'mace@volt.example',
      role: 'mace-coordinator',
    })
    schoolMat = await signedInPerson(t, {
      agencyId: SCHOOL,
      email: 'mat@volt.example',
      role: 'mat-practitioner',
    })
    ids.victim = await child('leicester', 'Voltvictim', [POLICE])
    ids.peer = await child('leicester', 'Voltpeer', [POLICE])
    // Another LA's child: hidden from Leicester's MACE coordinator.
    ids.hidden = await child('rutland', 'Volthidden', [POLICE])
  })
  after(() => t.close())

  it('the police record persons, shared or not, and graded links; MACE records a place', async () => {
    const restricted = await police.post('/volt/persons', {
      name: 'VOLT-RESTRICTED Dean',
      kind: 'adult',
      description: 'Drives children to the coast',
    })
    assert.equal(restricted.statusCode, 303, restricted.body)
    ids.restricted = idFrom(restricted.headers.location)
    const shared = await police.post('/volt/persons', {
      name: 'VOLT-SHARED Mick',
      alsoKnownAs: 'Mickey',
      kind: 'adult',
    })
    ids.shared = idFrom(shared.headers.location)
    const share = await police.post(`/volt/persons/${ids.shared}/share`, {})
    assert.equal(share.statusCode, 303)

    const place = await coordinator.post('/volt/locations', {
      name: 'VOLT-PLACE Station',
      locationType: 'transport-hub',
      postcode: 'le1 5ab',
    })
    assert.equal(place.statusCode, 303, place.body)
    ids.place = idFrom(place.headers.location)
    const row = await t.database.db
      .selectFrom('volt_location')
      .selectAll()
      .where('id', '=', ids.place)
      .executeTakeFirstOrThrow()
    assert.equal(row.postcode, 'LE1 5AB')
    assert.equal(row.postcode_sector, 'LE1 5')

    for (const [from, to, code] of [
      [`child:${ids.victim}`, `person:${ids.shared}`, 'P'],
      [`child:${ids.victim}`, `person:${ids.restricted}`, 'P'],
      [`person:${ids.shared}`, `child:${ids.peer}`, 'P'],
      [`person:${ids.shared}`, `child:${ids.hidden}`, 'P'],
      [`child:${ids.victim}`, `location:${ids.place}`, 'C'],
      [`child:${ids.hidden}`, `location:${ids.place}`, 'P'],
      [`child:${ids.peer}`, `location:${ids.place}`, 'P'],
    ] as const) {
      const answer = await link(police, from, to, graded(code))
      assert.equal(answer.statusCode, 303, `${from} -> ${to}: ${answer.body}`)
    }
    const theme = await link(coordinator, `child:${ids.victim}`, 'theme:county-lines', {
      linkType: 'concern-about',
      sourceAgencyId: LA,
    })
    assert.equal(theme.statusCode, 303, theme.body)
  })

  it('refuses what does not fit: a police link without its grading, C without conditions, an unseen person', async () => {
    const ungraded = await link(police, `child:${ids.victim}`, 'theme:cse')
    assert.equal(ungraded.statusCode, 400)
    assert.match(ungraded.body, /Select the source evaluation/)
    assert.match(ungraded.body, /Select the handling code/)
    const noConditions = await link(police, `child:${ids.victim}`, 'theme:cse', {
      ...graded('P'),
      handlingCode: 'C',
    })
    assert.equal(noConditions.statusCode, 400)
    assert.match(noConditions.body, /Enter the conditions of sharing/)
    const unseen = await link(coordinator, `child:${ids.victim}`, `person:${ids.restricted}`, {
      sourceAgencyId: LA,
    })
    assert.equal(unseen.statusCode, 400)
    assert.match(unseen.body, /Select a person, place or theme to link to/)
    assert.doesNotMatch(unseen.body, /VOLT-RESTRICTED/)
    const notPolice = await coordinator.post('/volt/persons', { name: 'Someone', kind: 'peer' })
    assert.equal(notPolice.statusCode, 403)
  })

  it('the police see the whole network, graded, to two steps', async () => {
    const page = await police.get(`/children/${ids.victim}/exploitation-profile`)
    assert.equal(page.statusCode, 200, page.body)
    for (const text of [
      'VOLT-RESTRICTED Dean',
      'VOLT-SHARED Mick',
      'VOLT-PLACE Station',
      'Voltpeer',
      'Volthidden',
      'County lines',
    ])
      assert.ok(page.body.includes(text), text)
    assert.match(
      page.body,
      /1BP: Reliable; known indirectly to the source but corroborated; lawful sharing permitted/,
    )
    assert.match(page.body, /VOLT-CONDITIONS/)
    assert.match(page.body, /<svg [^>]*role="img" aria-labelledby="network-picture-title"/)
    assert.match(page.body, /<title id="network-picture-title">The network of Jordan Voltvictim as a picture/)
  })

  it('a MACE coordinator sees the network without the police-only person, the C link or a child hidden from them', async () => {
    const page = await coordinator.get(`/children/${ids.victim}/exploitation-profile`)
    assert.equal(page.statusCode, 200, page.body)
    assert.match(page.body, /VOLT-SHARED Mick/)
    assert.match(page.body, /Voltpeer/)
    assert.match(page.body, /County lines/)
    for (const text of ['VOLT-RESTRICTED', 'VOLT-CONDITIONS', 'Volthidden', 'VOLT-PLACE Station'])
      assert.ok(!page.body.includes(text), text)
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'child_id'])
      .where('action', '=', 'volt.view')
      .where('child_id', '=', ids.victim)
      .execute()
    assert.ok(
      audit.some((entry) => entry.outcome === 'allowed'),
      'the read of the network is audited',
    )
  })

  it('places, persons, search and hotspots keep to what the viewer may see', async () => {
    const place = await coordinator.get(`/volt/locations/${ids.place}`)
    assert.equal(place.statusCode, 200)
    assert.match(place.body, /Voltpeer/)
    assert.ok(!place.body.includes('Volthidden'))
    assert.ok(!place.body.includes('Voltvictim'), 'the C link to the place is the police’s alone')
    const restricted = await coordinator.get(`/volt/persons/${ids.restricted}`)
    assert.equal(restricted.statusCode, 404)
    assert.ok(!restricted.body.includes('VOLT-RESTRICTED'))
    const shared = await coordinator.get(`/volt/persons/${ids.shared}`)
    assert.equal(shared.statusCode, 200)
    assert.ok(!shared.body.includes('Volthidden'))
    const search = await coordinator.get('/volt/persons?q=volt')
    assert.match(search.body, /VOLT-SHARED/)
    assert.ok(!search.body.includes('VOLT-RESTRICTED'))
    const policeSearch = await police.get('/volt/persons?q=dean')
    assert.match(policeSearch.body, /VOLT-RESTRICTED/)
    const theme = await coordinator.get('/volt/themes/county-lines')
    assert.match(theme.body, /Voltvictim/)

    const spots = await coordinator.get('/volt/hotspots')
    assert.equal(spots.statusCode, 200)
    // Only the peer counts for Leicester's coordinator: the victim's link is C, the other child hidden.
    assert.match(
      spots.body,
      /LE1 5<\/td>\s*<td class="govuk-table__cell">Transport hub<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">1</,
    )
    const policeSpots = await police.get('/volt/hotspots')
    assert.match(policeSpots.body, /govuk-table__cell--numeric">3</)
  })

  it('refuses those who may not see a child’s network, and hides a child they may not know of', async () => {
    const school = await schoolMat.get(`/children/${ids.victim}/exploitation-profile`)
    assert.ok([403, 404].includes(school.statusCode), String(school.statusCode))
    assert.ok(!school.body.includes('VOLT-SHARED'))
    const hidden = await coordinator.get(`/children/${ids.hidden}/exploitation-profile`)
    assert.ok([403, 404].includes(hidden.statusCode))
    assert.ok(!hidden.body.includes('VOLT-SHARED'))
    const volt = await schoolMat.get('/volt')
    assert.equal(volt.statusCode, 200, 'a MAT practitioner holds the gate: each child is still decided')
    const notFound = await coordinator.get('/children/not-an-id/exploitation-profile')
    assert.equal(notFound.statusCode, 404)
  })

  it('counts on the hotspots exactly the children the policy lets each viewer read, in one query', async () => {
    const place = await t.database.db
      .insertInto('volt_location')
      .values({
        name: 'VOLT-COUNT Park',
        location_type: 'park',
        postcode: 'LE9 9ZZ',
        postcode_sector: 'LE9 9',
        agency_id: LA,
        recorded_by: 'user:test',
        recorded_by_name: 'Test',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const children = [
      await child('leicester', 'Countone', [POLICE]),
      await child('leicester', 'Counttwo', []),
      await child('leicester', 'Countsealed', [POLICE], 'sealed'),
      await child('leicester', 'Countpolice', [POLICE], 'police-restricted'),
      await child('leicester', 'Counthealth', ['llr-community-health'], 'health-restricted'),
      await child('rutland', 'Countrutland', [POLICE, LA]),
      await child('rutland', 'Countfar', []),
      await child('leicestershire', 'Countschool', [SCHOOL]),
    ]
    for (const [i, childId] of children.entries())
      await t.database.db
        .insertInto('volt_link')
        .values({
          // Both ways round: the count reads each.
          ...(i % 2 === 0
            ? { a_kind: 'child', a_ref: childId, b_kind: 'location', b_ref: place.id }
            : { a_kind: 'location', a_ref: place.id, b_kind: 'child', b_ref: childId }),
          link_type: 'seen-at',
          source_agency_id: POLICE,
          seen_on: '2026-11-30',
          recorded_by: 'user:test',
          recorded_by_name: 'Test',
        })
        .execute()
    const resources = await getChildResources(t.database.db, children)
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    const person = (
      agencyId: string,
      agencyKind: AgencyKind,
      role: Role,
      laId: string | null,
      agencyLaId?: string,
    ): Actor => ({
      kind: 'user',
      id: '00000000-0000-4000-8000-0000000000aa',
      displayName: 'Viewer',
      agencyId,
      agencyKind,
      ...(agencyLaId ? { agencyLaId } : {}),
      grants: [{ role, laId }],
    })
    const viewers = [
      person(LA, 'local-authority', 'mace-coordinator', 'leicester', 'leicester'),
      person(LA, 'local-authority', 'front-door-screener', null, 'leicester'),
      person(LA, 'local-authority', 'strategy-discussion-chair', 'leicester', 'leicester'),
      person(POLICE, 'police', 'police-public-protection', 'leicester'),
      person(POLICE, 'police', 'police-public-protection', null),
      person('llr-community-health', 'health', 'mace-coordinator', null),
      person(SCHOOL, 'education', 'mat-practitioner', 'leicester'),
      person(SCHOOL, 'education', 'safeguarding-manager', 'leicester'),
    ]
    const counts: number[] = []
    for (const actor of viewers) {
      const expected = children.filter((id) => {
        const resource = resources.get(id)
        return resource !== undefined && decide(actor, 'volt.view', resource).allowed
      }).length
      const caller = { actor, origin: { ip: '127.0.0.1', requestId: 'hotspots-test' } }
      const who = `${actor.grants[0]?.role} of ${actor.agencyId} (${actor.grants[0]?.laId ?? 'all'})`
      const spots = await hotspots({ db: t.database.db, partnership }, caller).catch(() => undefined)
      // Refused the page (no VOLT role): then the policy lets them read none of the children either.
      const counted = spots ? (spots.find((spot) => spot.sector === 'LE9 9')?.children ?? 0) : 0
      assert.equal(counted, expected, who)
      counts.push(counted)
    }
    assert.deepEqual(counts, [3, 2, 2, 3, 3, 1, 0, 0], 'each viewer counts their own children')
  })
})
