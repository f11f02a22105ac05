// VOLT's API through the service on PGlite: a police force's analysts' system reads a child's network
// as the force sees it (a child it may not read is not found) and records links as a batch, whole or
// not at all, the problems named by item; another kind of agency's system holds nothing with the same
// scopes; the routes and their schemas are in the OpenAPI document.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { apiKeyFor } from '../sharing/testing.ts'

const POLICE = 'leicestershire-police'
const SCHOOL = 'leicester-schools'

describe('VOLT’s API for agencies’ systems', () => {
  let t: TestApp
  let analysts: string
  let schoolSystem: string
  const ids: Record<string, string> = {}

  const call = (key: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload } : {}),
    })
  const linkCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('volt_link')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const item = (from: string, to: string, extra: object = {}) => ({
    from,
    to,
    linkType: 'seen-with',
    sourceAgencyId: POLICE,
    seenOn: '2026-11-28',
    sourceEvaluation: '1',
    intelligenceAssessment: 'A',
    handlingCode: 'P',
    ...extra,
  })

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    analysts = await apiKeyFor(t.database.db, POLICE, ['volt:read', 'volt:write'])
    schoolSystem = await apiKeyFor(t.database.db, SCHOOL, ['volt:read', 'volt:write', 'cases:read'])
    for (const [name, involved] of [
      ['Apivictim', [POLICE, SCHOOL]],
      ['Apihidden', []],
    ] as const) {
      const row = await t.database.db
        .insertInto('child')
        .values({
          la_id: 'leicester',
          la_child_id: `VOLTAPI-${name}`,
          given_name: 'Ash',
          family_name: name,
          date_of_birth: '2011-07-08',
          sex: 'M',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const agency_id of involved)
        await t.database.db
          .insertInto('child_involvement')
          .values({ child_id: row.id, agency_id, kind: 'added-by-la', reason: 'known', user_id: null })
          .execute()
      ids[name] = row.id
    }
    const person = await t.database.db
      .insertInto('volt_person')
      .values({
        name: 'API-PERSON Kane',
        kind: 'adult',
        agency_id: POLICE,
        recorded_by: 'user:test',
        recorded_by_name: 'Test',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids.person = person.id
  })
  after(() => t.close())

  it('records a batch whole, then reads the network with the grading', async () => {
    const made = await call(analysts, 'POST', '/api/v1/volt/links', {
      items: [
        item(`child:${ids.Apivictim}`, `person:${ids.person}`),
        item(`child:${ids.Apivictim}`, 'theme:county-lines', {
          handlingCode: 'C',
          handlingConditions: 'API-CONDITIONS',
        }),
      ],
    })
    assert.equal(made.statusCode, 201, made.body)
    assert.equal(made.json().recorded.length, 2)
    const network = await call(analysts, 'GET', `/api/v1/children/${ids.Apivictim}/volt-network`)
    assert.equal(network.statusCode, 200, network.body)
    const body = network.json()
    assert.equal(body.child.name, 'Ash Apivictim')
    const toPerson = body.links.find((link: { to: { id: string } }) => link.to.id === ids.person)
    assert.equal(toPerson.to.name, 'API-PERSON Kane', 'a police-only person: the force sees them')
    assert.deepEqual(
      { ...toPerson.grading, words: undefined },
      {
        sourceEvaluation: '1',
        intelligenceAssessment: 'A',
        handlingCode: 'P',
        conditions: null,
        words: undefined,
      },
    )
    assert.match(network.body, /API-CONDITIONS/)
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'volt.view')
      .where('child_id', '=', ids.Apivictim)
      .where('actor_kind', '=', 'system')
      .execute()
    assert.ok(
      audit.some((entry) => entry.outcome === 'allowed'),
      'the read is audited',
    )
  })

  it('keeps none of a batch with a problem, naming each item at fault', async () => {
    const before = await linkCount()
    const bad = await call(analysts, 'POST', '/api/v1/volt/links', {
      items: [
        item(`child:${ids.Apivictim}`, 'theme:cse'),
        item(`child:${ids.Apivictim}`, 'theme:cce', { sourceAgencyId: 'nobody' }),
        item(`child:${ids.Apivictim}`, 'theme:not-a-theme'),
      ],
    })
    assert.equal(bad.statusCode, 400, bad.body)
    // The API names the first problem (as every route does), by its item.
    assert.equal(bad.json().field, 'items[1].sourceAgencyId')
    assert.equal(await linkCount(), before, 'none kept')
    const several = await call(analysts, 'POST', '/api/v1/volt/links', {
      items: [
        item(`child:${ids.Apivictim}`, 'theme:cse'),
        item(`child:${ids.Apivictim}`, 'theme:cce', { linkType: 'knows', seenOn: 'soon' }),
        item(`child:${ids.Apivictim}`, 'theme:cse'),
        item(`child:${ids.Apivictim}`, 'theme:cse', { handlingCode: 'X', sourceAgencyId: 'nobody' }),
      ],
    })
    assert.equal(several.statusCode, 400, several.body)
    const answer = several.json()
    assert.equal(answer.field, 'items[1].linkType', 'the first problem, as before')
    assert.match(answer.message, /Select how they are linked/)
    assert.deepEqual(
      answer.problems.map((problem: { field: string }) => problem.field).sort(),
      ['items[1].linkType', 'items[1].seenOn', 'items[3].handlingCode', 'items[3].sourceAgencyId'],
      'every problem of every item, each named by its item and field',
    )
    assert.ok(answer.problems.every((problem: { message: string }) => problem.message.length > 0))
    assert.equal(await linkCount(), before, 'none kept')
    const theme = await call(analysts, 'POST', '/api/v1/volt/links', {
      items: [
        item(`child:${ids.Apivictim}`, 'theme:cse'),
        item(`child:${ids.Apivictim}`, 'theme:not-a-theme'),
      ],
    })
    assert.equal(theme.statusCode, 400)
    assert.equal(theme.json().field, 'items[1].to')
    const invalid = await call(analysts, 'POST', '/api/v1/volt/links', {
      items: [item(`child:${ids.Apivictim}`, 'theme:cse', { linkType: 'knows' })],
    })
    assert.equal(invalid.statusCode, 400)
    assert.equal(invalid.json().field, 'items[0].linkType')
    const tooMany = await call(analysts, 'POST', '/api/v1/volt/links', {
      items: Array.from({ length: 101 }, () => item(`child:${ids.Apivictim}`, 'theme:cse')),
    })
    assert.equal(tooMany.statusCode, 400)
    assert.equal(tooMany.json().field, 'items')
    const hidden = await call(analysts, 'POST', '/api/v1/volt/links', {
      items: [item(`child:${ids.Apivictim}`, 'theme:cse'), item(`child:${ids.Apihidden}`, 'theme:cse')],
    })
    assert.equal(hidden.statusCode, 404, hidden.body)
    assert.equal(hidden.json().field, 'items[1].from')
    assert.equal(await linkCount(), before, 'none kept')
  })

  it('hides a child the force may not read, and opens nothing to another kind of agency’s system', async () => {
    const hidden = await call(analysts, 'GET', `/api/v1/children/${ids.Apihidden}/volt-network`)
    assert.equal(hidden.statusCode, 404)
    assert.equal((await call(analysts, 'GET', '/api/v1/children/not-an-id/volt-network')).statusCode, 400)
    const school = await call(schoolSystem, 'GET', `/api/v1/children/${ids.Apivictim}/volt-network`)
    assert.ok([403, 404].includes(school.statusCode), String(school.statusCode))
    assert.doesNotMatch(school.body, /API-PERSON/)
    const schoolPost = await call(schoolSystem, 'POST', '/api/v1/volt/links', {
      items: [item(`child:${ids.Apivictim}`, 'theme:cse')],
    })
    assert.ok([403, 404].includes(schoolPost.statusCode), String(schoolPost.statusCode))
  })

  it('reads the places and persons flagged for an LA’s MACE, and a place’s or person’s flags, audited', async () => {
    const db = t.database.db
    const place = await db
      .insertInto('volt_location')
      .values({
        name: 'API-PLACE Arcade',
        location_type: 'shop',
        address: null,
        postcode: null,
        postcode_sector: null,
        agency_id: POLICE,
        recorded_by: 'user:test',
        recorded_by_name: 'Test',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const flag = (
      subject_kind: 'person' | 'location',
      subject_id: string,
      la_id: string,
      cleared = false,
    ) => ({
      subject_kind,
      subject_id,
      la_id,
      reason: `API-REASON ${subject_kind} ${la_id}`,
      agency_id: POLICE,
      flagged_by: 'user:test',
      flagged_by_name: 'Test officer',
      cleared_at: cleared ? new Date() : null,
      cleared_by: null,
      cleared_by_name: cleared ? 'Test coordinator' : null,
      cleared_agency_id: cleared ? 'leicester-cs' : null,
      cleared_reason: cleared ? 'API-CLEARED no longer a concern' : null,
    })
    await db
      .insertInto('volt_mace_flag')
      .values([
        flag('person', ids.person as string, 'leicester'),
        flag('location', place.id, 'leicester'),
        flag('location', place.id, 'rutland', true),
      ])
      .execute()
    const flags = async (key: string, url: string) => {
      const answer = await call(key, 'GET', url)
      assert.equal(answer.statusCode, 200, answer.body)
      return answer.json().flags as { subject: { name: string }; cleared: { reason: string } | null }[]
    }
    const leicester = await flags(analysts, '/api/v1/volt/mace-flags?laId=leicester')
    assert.deepEqual(leicester.map((f) => f.subject.name).sort(), ['API-PERSON Kane', 'API-PLACE Arcade'])
    assert.deepEqual(await flags(analysts, '/api/v1/volt/mace-flags?laId=rutland'), [], 'open ones only')
    const rutland = await flags(analysts, '/api/v1/volt/mace-flags?laId=rutland&state=all')
    assert.equal(rutland[0]?.cleared?.reason, 'API-CLEARED no longer a concern')
    assert.equal((await flags(analysts, `/api/v1/volt/locations/${place.id}/mace-flags`)).length, 2)
    const person = await flags(analysts, `/api/v1/volt/persons/${ids.person}/mace-flags`)
    assert.deepEqual(
      person.map((f) => f.subject.name),
      ['API-PERSON Kane'],
      'a police-only person: the force sees them',
    )
    const unknownLa = await call(analysts, 'GET', '/api/v1/volt/mace-flags?laId=nowhere')
    assert.equal(unknownLa.statusCode, 400)
    assert.equal(unknownLa.json().field, 'laId')
    const missing = await call(analysts, 'GET', `/api/v1/volt/persons/${place.id}/mace-flags`)
    assert.equal(missing.statusCode, 404, 'a place’s id is no person')
    const school = await call(schoolSystem, 'GET', '/api/v1/volt/mace-flags?laId=leicester')
    assert.equal(school.statusCode, 403)
    assert.doesNotMatch(school.body, /API-/)
    const audit = await db
      .selectFrom('audit_event')
      .select(['resource_kind', 'resource_id', 'outcome'])
      .where('action', '=', 'volt.view')
      .where('actor_kind', '=', 'system')
      .where(sql<boolean>`detail->>'view' = 'mace-flags'`)
      .execute()
    assert.ok(audit.some((entry) => entry.resource_id === 'leicester' && entry.outcome === 'allowed'))
    assert.ok(audit.some((entry) => entry.resource_kind === 'partnership' && entry.outcome === 'allowed'))
  })

  it('is in the OpenAPI document with its schemas', async () => {
    const document = (await t.app.inject('/api/openapi.json')).json()
    assert.ok(document.paths['/api/v1/volt/links']?.post)
    assert.ok(document.paths['/api/v1/children/{id}/volt-network']?.get)
    const post = JSON.stringify(document.paths['/api/v1/volt/links'].post)
    assert.match(post, /maxItems/)
    assert.match(post, /"problems"/, 'the 400 lists every problem')
    for (const path of ['mace-flags', 'locations/{id}/mace-flags', 'persons/{id}/mace-flags'])
      assert.match(JSON.stringify(document.paths[`/api/v1/volt/${path}`]?.get), /"reason"/, path)
  })
})
