import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PASSWORD, type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { apiKeyFor, policeEvent, type SeededChild, seedChildren } from '../../src/sharing/testing.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

const HOTEL = { kind: 'hotel' as const, description: 'Station Hotel', postcode: 'LE1 1AA' }

describe('who else is linked, and children not yet known', () => {
  let t: TestApp
  let key: string
  let users: DemoUser[]
  let first: SeededChild
  let second: SeededChild
  const post = (items: unknown[]) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/shared-events',
      headers: { authorization: `Bearer ${key}` },
      payload: items,
    })

  before(async () => {
    t = await startTestApp()
    t.app.sharing.now = () => new Date('2026-11-06T12:00:00Z')
    users = await seedDemoUsers(t.database, await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr))
    ;[first, second] = (await seedChildren(t.database.db, 2, {
      laId: 'leicester',
      involvedAgencyIds: ['leicester-schools'],
    })) as [SeededChild, SeededChild]
    key = await apiKeyFor(t.database.db, 'leicestershire-police', ['events:write'])
    // Named with the date of birth as well as the NHS number, so the child is corroborated and the
    // police become involved with it (an identifier alone would not open the record).
    const associated = (id: string, nhs: string, association: object, adults?: object[]) =>
      policeEvent(id, nhs, {
        type: 'new-association',
        children: [
          {
            nhsNumber: nhs,
            givenName: nhs === first.nhsNumber ? 'Child0' : 'Child1',
            familyName: 'Synthetic',
            dateOfBirth: '2015-06-01',
          },
        ],
        association: association as never,
        ...(adults ? { adults: adults as never } : {}),
      })
    const answer = await post([
      associated(
        'A-1',
        first.nhsNumber,
        { from: { adult: 0 }, to: { child: 0 }, relationship: 'associate of' },
        [{ givenName: 'Lee', familyName: 'Offender', role: 'associate' }],
      ),
      associated('A-2', first.nhsNumber, {
        from: { child: 0 },
        to: { place: HOTEL },
        relationship: 'seen at',
      }),
      associated('A-3', second.nhsNumber, {
        from: { child: 0 },
        to: { place: { ...HOTEL, postcode: 'le1 1aa' } },
        relationship: 'seen at',
      }),
    ])
    assert.equal(answer.json().accepted, 3, answer.body)
  })
  after(() => t.close())

  it('shows police the adult, the place and, two steps away, the other child seen there', async () => {
    const police = users.find((u) => u.grants.some((g) => g.role === 'police-public-protection')) as DemoUser
    const browser = await signIn(t.app, {
      email: police.email,
      password: DEMO_PASSWORD,
      totpSecret: police.totpSecret,
    })
    const page = await browser.get(`/children/${first.id}/links`)
    assert.equal(page.statusCode, 200, page.body)
    assert.match(page.body, /Lee Offender \(associate\)/)
    assert.match(page.body, /Station Hotel LE1 1AA/)
    assert.match(page.body, new RegExp(`Child${1} Synthetic`))
    // Each kind and how it was made in words, never the stored codes.
    const cells = [...page.body.matchAll(/<td class="govuk-table__cell">([^<]*)<\/td>/g)].map((m) => m[1])
    for (const words of ['Adult a partner shared', 'Place', 'Associate of', 'Seen at'])
      assert.ok(cells.includes(words), words)
    for (const code of ['adult', 'place', 'child', 'associate of', 'seen at'])
      assert.ok(!cells.includes(code), code)
  })

  it('keeps police-restricted associations from a school', async () => {
    const dsl = users.find((u) => u.grants.some((g) => g.role === 'referrer')) as DemoUser
    await t.database.db
      .updateTable('child_involvement')
      .set({
        user_id: (
          await t.database.db
            .selectFrom('app_user')
            .select('id')
            .where('email', '=', dsl.email)
            .executeTakeFirstOrThrow()
        ).id,
      })
      .where('child_id', '=', first.id)
      .execute()
    const browser = await signIn(t.app, {
      email: dsl.email,
      password: DEMO_PASSWORD,
      totpSecret: dsl.totpSecret,
    })
    const page = await browser.get(`/children/${first.id}/links`)
    assert.equal(page.statusCode, 200, page.body)
    assert.doesNotMatch(page.body, /Lee Offender|Station Hotel/)
  })

  it('tells the LA of the postcode about a child masa does not know, and no one else', async () => {
    const answer = (
      await post([
        policeEvent('U-1', '', {
          type: 'new-child-identified',
          children: [
            { givenName: 'New', familyName: 'Child', dateOfBirth: '2019-03-04', postcode: 'LE15 6AB' },
          ],
        }),
      ])
    ).json()
    assert.equal(answer.accepted, 1, JSON.stringify(answer))
    const told = await t.database.db
      .selectFrom('sharing_notification')
      .select('agency_id')
      .where('event_id', '=', answer.results[0].id)
      .execute()
    assert.deepEqual(
      told.map((n) => n.agency_id),
      ['rutland-county-council'],
    )
  })
})
