// The address and the school a referral gave, offered to the child's record: shown only to those who
// may update the record and read the referral; adding either writes the record, the audit and the
// chronology at once. A school is offered only when it names one the service knows.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import { type Scenario, type ScenarioChild, seedReadPathScenario } from '../support/read-path-scenario.ts'

const OFFER = 'data-testid="address-offer"'
const OFFERED_TO = new Set(['own LA screener', 'own LA business support'])

describe('an address and a school from a referral, offered to the record', () => {
  let t: TestApp
  let s: Scenario
  let std: ScenarioChild
  let screener: TestBrowser
  let partner: TestBrowser

  before(async () => {
    t = await startTestApp()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    s = await seedReadPathScenario(t, partnership)
    std = s.children.find((c) => c.sensitivity === 'standard') as ScenarioChild
    await t.database.db
      .updateTable('referral')
      .set({ child_address: '12 Synthetic Road, Leicester', child_postcode: 'le2 1aa' })
      .where('id', '=', std.referralId)
      .execute()
    const users = await seedDemoUsers(t.database, partnership)
    const as = (role: string, agencyId: (id: string) => boolean) =>
      signIn(
        t.app,
        users.find((u) => agencyId(u.agencyId) && u.grants.some((g) => g.role === role)) as DemoUser,
      )
    screener = await as('front-door-screener', (id) => id === 'leicester-city-council')
    partner = await as('police-public-protection', (id) => id === 'leicestershire-police')
  })
  after(() => t.close())

  it('shows the offer only to the child’s LA staff who may read the referral', async () => {
    for (const viewer of s.viewers) {
      const { statusCode, body } = await viewer.get(`/children/${std.childId}`)
      if (OFFERED_TO.has(viewer.name)) {
        assert.equal(statusCode, 200, viewer.name)
        assert.ok(body.includes(OFFER), viewer.name)
        assert.match(
          body,
          new RegExp(
            `From referral ${std.referralNumber} on \\d{1,2} \\w+ \\d{4}: 12 Synthetic Road, Leicester, le2 1aa`,
          ),
        )
        assert.match(body, /Add to the record/)
      } else {
        assert.ok(!body.includes(OFFER), viewer.name)
        assert.ok(!body.includes('12 Synthetic Road'), viewer.name)
      }
    }
  })

  it('refuses a partner, and a referral that is not about this child, and an id that is no id', async () => {
    const url = `/children/${std.childId}/address-from-referral`
    const refused = await partner.post(url, { referralId: std.referralId })
    assert.ok([403, 404].includes(refused.statusCode), `partner: ${refused.statusCode}`)
    const other = s.children.find((c) => c.childId !== std.childId) as ScenarioChild
    assert.equal((await screener.post(url, { referralId: other.referralId })).statusCode, 404)
    assert.equal((await screener.post(url, { referralId: 'not-an-id' })).statusCode, 404)
    assert.equal((await screener.post(url, {})).statusCode, 404)
    assert.equal(
      (await screener.post('/children/not-a-child/address-from-referral', { referralId: std.referralId }))
        .statusCode,
      404,
    )
    const missing = await screener.post(url, { referralId: std.referralId }, { csrf: false })
    assert.equal(missing.statusCode, 403, 'no CSRF token')
    const child = await t.database.db
      .selectFrom('child')
      .select('household_id')
      .where('id', '=', std.childId)
      .executeTakeFirstOrThrow()
    assert.equal(child.household_id, null)
  })

  it('adds the address to the record with its audit and chronology event, then offers it no more', async () => {
    const added = await screener.post(`/children/${std.childId}/address-from-referral`, {
      referralId: std.referralId,
    })
    assert.equal(added.statusCode, 303)
    const db = t.database.db
    const household = await db
      .selectFrom('child')
      .innerJoin('household', 'household.id', 'child.household_id')
      .select(['address_line1', 'address_line2', 'town', 'postcode', 'household.la_id'])
      .where('child.id', '=', std.childId)
      .executeTakeFirstOrThrow()
    assert.deepEqual(household, {
      address_line1: '12 Synthetic Road',
      address_line2: null,
      town: 'Leicester',
      postcode: 'LE2 1AA',
      la_id: 'leicester',
    })
    const event = await db
      .selectFrom('domain_event')
      .select('summary')
      .where('child_id', '=', std.childId)
      .where('type', '=', 'child.updated')
      .executeTakeFirstOrThrow()
    assert.equal(event.summary, `Address added from referral ${std.referralNumber}`)
    const audit = await db
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'child.update')
      .where('child_id', '=', std.childId)
      .execute()
    assert.ok(audit.some((row) => row.outcome === 'allowed'))
    assert.ok(
      audit.some((row) => row.outcome === 'denied'),
      'the partner’s attempt is audited too',
    )

    const page = await screener.get(String(added.headers.location))
    assert.match(page.body, /Address added to the record/)
    assert.match(page.body, /12 Synthetic Road, Leicester LE2 1AA/)
    assert.ok(!page.body.includes(OFFER), 'the record holds it now')
  })

  it('offers a school the service knows, adds it, then offers it no more', async () => {
    const db = t.database.db
    const url = `/children/${std.childId}`
    await db
      .updateTable('referral')
      .set({ child_school: 'Nowhere Academy' })
      .where('id', '=', std.referralId)
      .execute()
    assert.ok(!(await screener.get(url)).body.includes('data-testid="school-offer"'), 'an unknown school')
    const { id } = await db
      .insertInto('school')
      .values({ la_id: 'leicester', name: 'Synthetic Park Primary', phase: 'primary' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .updateTable('referral')
      .set({ child_school: ' synthetic park primary ' })
      .where('id', '=', std.referralId)
      .execute()
    const page = await screener.get(url)
    assert.match(page.body, /data-testid="school-offer"/)
    assert.match(
      page.body,
      new RegExp(`From referral ${std.referralNumber} on \\d{1,2} \\w+ \\d{4}: Synthetic Park Primary`),
    )
    assert.ok(
      !(await partner.get(url)).body.includes('Synthetic Park Primary'),
      'the partner is not offered it',
    )
    const refused = await partner.post(`${url}/school-from-referral`, { referralId: std.referralId })
    assert.ok([403, 404].includes(refused.statusCode), `partner: ${refused.statusCode}`)

    const added = await screener.post(`${url}/school-from-referral`, { referralId: std.referralId })
    assert.equal(added.statusCode, 303)
    const child = await db
      .selectFrom('child')
      .select('school_id')
      .where('id', '=', std.childId)
      .executeTakeFirstOrThrow()
    assert.equal(child.school_id, id)
    const events = await db
      .selectFrom('domain_event')
      .select('summary')
      .where('child_id', '=', std.childId)
      .where('type', '=', 'child.updated')
      .execute()
    assert.ok(events.some((event) => event.summary === `School added from referral ${std.referralNumber}`))
    const after = await screener.get(String(added.headers.location))
    assert.match(after.body, /School added to the record/)
    assert.ok(!after.body.includes('data-testid="school-offer"'), 'the record holds it now')
  })
})
