// VOLT's changes through the service on PGlite: the police edit and delete persons of concern and
// their graded links, a MACE coordinator edits and deletes places and their own links but not the
// police's, what was typed is kept on a problem, a person or place is deleted only once nothing links
// to it, a deleted link is gone from every path, and every change is in the audit.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { signedInPerson } from '../../test/support/people.ts'
import type { TestBrowser } from '../identity/testing.ts'

const POLICE = 'leicestershire-police'
const LA = 'leicester-city-council'

describe('VOLT: changing and deleting persons, places and links', () => {
  let t: TestApp
  let police: TestBrowser
  let coordinator: TestBrowser
  const ids: Record<string, string> = {}

  async function child(laId: string, familyName: string) {
    const row = await t.database.db
      .insertInto('child')
      .values({
        la_id: laId,
        la_child_id: `VOLTCH-${familyName}`,
        given_name: 'Casey',
        family_name: familyName,
        date_of_birth: '2010-05-06',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.database.db
      .insertInto('child_involvement')
      .values({ child_id: row.id, agency_id: POLICE, kind: 'added-by-la', reason: 'known', user_id: null })
      .execute()
    return row.id
  }
  const idFrom = (location: unknown) => /\/([0-9a-f-]{36})$/.exec(String(location))?.[1] as string
  const date = { 'seenOn-day': '1', 'seenOn-month': '12', 'seenOn-year': '2026' }
  const graded = { sourceEvaluation: '2', intelligenceAssessment: 'C', handlingCode: 'P' }
  async function linkId(from: string, to: string) {
    const [fromKind, fromRef] = from.split(':')
    const [toKind, toRef] = to.split(':')
    const row = await t.database.db
      .selectFrom('volt_link')
      .select('id')
      .where('a_kind', '=', fromKind as 'child')
      .where('a_ref', '=', fromRef as string)
      .where('b_kind', '=', toKind as 'person')
      .where('b_ref', '=', toRef as string)
      .executeTakeFirstOrThrow()
    return row.id
  }

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    police = await signedInPerson(t, {
      agencyId: POLICE,
      email: 'ppp@voltchange.example',
      role: 'police-public-protection',
    })
    coordinator = await signedInPerson(t, {
      agencyId: LA,
      email: 'mace@voltchange.example',
      role: 'mace-coordinator',
    })
    ids.child = await child('leicester', 'Changeling')
    ids.hidden = await child('rutland', 'Changehidden')
    const person = await police.post('/volt/persons', { name: 'CHANGE-PERSON Lee', kind: 'adult' })
    ids.person = idFrom(person.headers.location)
    await police.post(`/volt/persons/${ids.person}/share`, {})
    const place = await coordinator.post('/volt/locations', {
      name: 'CHANGE-PLACE Arcade',
      locationType: 'shop',
      postcode: 'LE2 1AA',
    })
    ids.place = idFrom(place.headers.location)
    for (const [by, from, to, extra] of [
      [police, `child:${ids.child}`, `person:${ids.person}`, graded],
      [coordinator, `child:${ids.child}`, `location:${ids.place}`, { sourceAgencyId: LA }],
      [police, `child:${ids.hidden}`, `location:${ids.place}`, graded],
    ] as const) {
      const made = await by.post('/volt/links', {
        from,
        to,
        linkType: 'seen-at',
        sourceAgencyId: POLICE,
        ...date,
        ...extra,
      })
      assert.equal(made.statusCode, 303, made.body)
    }
    ids.personLink = await linkId(`child:${ids.child}`, `person:${ids.person}`)
    ids.placeLink = await linkId(`child:${ids.child}`, `location:${ids.place}`)
    ids.hiddenLink = await linkId(`child:${ids.hidden}`, `location:${ids.place}`)
  })
  after(() => t.close())

  it('the police change a person; a problem keeps what was typed; others may not', async () => {
    const form = await police.get(`/volt/persons/${ids.person}/edit`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /value="CHANGE-PERSON Lee"/)
    const bad = await police.post(`/volt/persons/${ids.person}/edit`, {
      name: '',
      alsoKnownAs: 'CHANGE-TYPED Leo',
      kind: 'adult',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter the person’s name as known/)
    assert.match(bad.body, /value="CHANGE-TYPED Leo"/, 'keeps what was typed')
    const good = await police.post(`/volt/persons/${ids.person}/edit`, {
      name: 'CHANGE-PERSON Lee Renamed',
      alsoKnownAs: 'Leo',
      kind: 'adult',
    })
    assert.equal(good.statusCode, 303, good.body)
    assert.match((await coordinator.get(`/volt/persons/${ids.person}`)).body, /CHANGE-PERSON Lee Renamed/)
    assert.equal((await coordinator.get(`/volt/persons/${ids.person}/edit`)).statusCode, 403)
    assert.equal(
      (await coordinator.post(`/volt/persons/${ids.person}/edit`, { name: 'X', kind: 'adult' })).statusCode,
      403,
    )
    assert.equal((await police.get('/volt/persons/not-an-id/edit')).statusCode, 404)
    const entry = await t.database.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('action', '=', 'volt.person')
      .where(({ eb, ref }) => eb(ref('detail', '->>').key('step'), '=', 'edit-person'))
      .where('outcome', '=', 'allowed')
      .executeTakeFirstOrThrow()
    assert.deepEqual((entry.detail as { changed: string[] }).changed, ['name', 'alsoKnownAs'])
  })

  it('a place is changed by whoever records places, and deleted only once nothing links to it', async () => {
    const bad = await coordinator.post(`/volt/locations/${ids.place}/edit`, {
      name: 'CHANGE-PLACE Arcade North',
      locationType: 'shop',
      postcode: 'not a postcode',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter a real postcode/)
    assert.match(bad.body, /value="CHANGE-PLACE Arcade North"/)
    const good = await coordinator.post(`/volt/locations/${ids.place}/edit`, {
      name: 'CHANGE-PLACE Arcade North',
      locationType: 'shop',
      postcode: 'le3 9zz',
    })
    assert.equal(good.statusCode, 303, good.body)
    const row = await t.database.db
      .selectFrom('volt_location')
      .select(['postcode', 'postcode_sector'])
      .where('id', '=', ids.place)
      .executeTakeFirstOrThrow()
    assert.deepEqual(row, { postcode: 'LE3 9ZZ', postcode_sector: 'LE3 9' })
    // Two links: one the coordinator sees, one to a child hidden from them. Both stay.
    const page = await coordinator.get(`/volt/locations/${ids.place}/delete`)
    assert.match(page.body, /2 links still join this place/)
    assert.doesNotMatch(page.body, /govuk-button--warning/)
    const refused = await coordinator.post(`/volt/locations/${ids.place}/delete`, {})
    assert.equal(refused.statusCode, 409)
    assert.ok(
      await t.database.db
        .selectFrom('volt_link')
        .select('id')
        .where('id', '=', ids.hiddenLink)
        .executeTakeFirst(),
    )
  })

  it('links: the police’s graded ones are theirs, a hidden child’s is not found, a deleted one is gone everywhere', async () => {
    assert.equal((await coordinator.get(`/volt/links/${ids.personLink}/edit`)).statusCode, 403)
    assert.equal((await coordinator.post(`/volt/links/${ids.personLink}/delete`, {})).statusCode, 403)
    // A child outside the coordinator's reach: refused as the policy answers it, never shown.
    const hidden = await coordinator.get(`/volt/links/${ids.hiddenLink}/edit`)
    assert.ok([403, 404].includes(hidden.statusCode), String(hidden.statusCode))
    assert.doesNotMatch(hidden.body, /Changehidden/)
    const hiddenDelete = await coordinator.post(`/volt/links/${ids.hiddenLink}/delete`, {})
    assert.ok([403, 404].includes(hiddenDelete.statusCode), String(hiddenDelete.statusCode))

    // The coordinator's own link: a problem keeps what was typed, then saved.
    const bad = await coordinator.post(`/volt/links/${ids.placeLink}/edit`, {
      linkType: 'found-at',
      sourceAgencyId: LA,
      'seenOn-day': '31',
      'seenOn-month': '2',
      'seenOn-year': '2026',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /The date it was seen or known must be a real date/)
    assert.match(bad.body, /value="31"/)
    const saved = await coordinator.post(`/volt/links/${ids.placeLink}/edit`, {
      linkType: 'found-at',
      sourceAgencyId: LA,
      ...date,
    })
    assert.equal(saved.statusCode, 303, saved.body)
    assert.equal(saved.headers.location, `/children/${ids.child}/exploitation-profile`)
    assert.match((await coordinator.get(String(saved.headers.location))).body, /Found at when missing/)

    // The police grade their link C: from then on it is theirs alone.
    const toC = await police.post(`/volt/links/${ids.personLink}/edit`, {
      linkType: 'seen-with',
      sourceAgencyId: POLICE,
      ...date,
      ...graded,
      handlingCode: 'C',
      handlingConditions: 'CHANGE-CONDITIONS',
    })
    assert.equal(toC.statusCode, 303, toC.body)
    const profile = await coordinator.get(`/children/${ids.child}/exploitation-profile`)
    assert.doesNotMatch(profile.body, /CHANGE-PERSON/)
    assert.equal((await coordinator.get(`/volt/links/${ids.personLink}/edit`)).statusCode, 404)

    // Deleted: gone from the profile, the place, the person, the hotspots.
    const confirm = await coordinator.get(`/volt/links/${ids.placeLink}/delete`)
    assert.match(confirm.body, /Delete the link/)
    const deleted = await coordinator.post(`/volt/links/${ids.placeLink}/delete`, {})
    assert.equal(deleted.statusCode, 303)
    const deletedToo = await police.post(`/volt/links/${ids.personLink}/delete`, {})
    assert.equal(deletedToo.statusCode, 303)
    assert.doesNotMatch(
      (await police.get(`/children/${ids.child}/exploitation-profile`)).body,
      /CHANGE-PERSON|CHANGE-PLACE/,
    )
    for (const url of [`/volt/locations/${ids.place}`, `/volt/persons/${ids.person}`])
      assert.doesNotMatch((await police.get(url)).body, /Changeling/, url)
    assert.doesNotMatch((await coordinator.get('/volt/hotspots')).body, /LE3 9/)
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['child_id', 'action'])
      .where(({ eb, ref }) => eb(ref('detail', '->>').key('step'), '=', 'delete-link'))
      .where('outcome', '=', 'allowed')
      .execute()
    assert.equal(
      audit.filter((entry) => entry.child_id === ids.child).length,
      2,
      'on the child’s audit trail',
    )
  })

  it('deletes a person and a place once no link is left', async () => {
    const person = await police.post(`/volt/persons/${ids.person}/delete`, {})
    assert.equal(person.statusCode, 303, person.body)
    assert.equal((await police.get(`/volt/persons/${ids.person}`)).statusCode, 404)
    assert.equal((await police.post(`/volt/links/${ids.hiddenLink}/delete`, {})).statusCode, 303)
    const flagged = await coordinator.post(`/volt/locations/${ids.place}/mace-flag`, {
      laId: 'leicester',
      reason: 'Seen with older men',
    })
    assert.equal(flagged.statusCode, 303, flagged.body)
    const place = await coordinator.post(`/volt/locations/${ids.place}/delete`, {})
    assert.equal(place.statusCode, 303)
    assert.equal((await coordinator.get(`/volt/locations/${ids.place}`)).statusCode, 404)
    const flags = await t.database.db
      .selectFrom('volt_mace_flag')
      .select('cleared_at')
      .where('subject_id', '=', ids.place)
      .execute()
    assert.equal(flags.length, 1)
    assert.ok(flags[0]?.cleared_at, 'a deleted place leaves no MACE agenda')
  })
})
