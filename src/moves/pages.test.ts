// Moves through the service's pages on PGlite: the child's record offers the form to the placing LA
// only; a move in joins the host LA's next MACE agenda (not a later one), named to the host's MACE
// coordinator; the list and the move refuse whoever the policy refuses.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../../test/support/app.ts'
import { enrolUser } from '../../test/support/people.ts'
import { DEMO_PASSWORD } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import type { Role } from '../platform/access/actor.ts'

const DAY = 86_400_000

describe('moves through the pages, and the host’s MACE agenda', () => {
  let t: TestApp
  let placer: TestBrowser
  let hostMace: TestBrowser
  let rutland: TestBrowser
  let childId: string

  const person = async (agencyId: string, role: Role, laId: string) => {
    const email = `${role}.${laId}@${agencyId}.example`
    const totpSecret = await enrolUser(t.database.db, {
      agencyId,
      email,
      displayName: email,
      grants: [{ role, laId }],
    })
    return signIn(t.app, { email, password: DEMO_PASSWORD, totpSecret })
  }
  const dateFields = (date: Date) => ({
    'date-day': String(date.getUTCDate()),
    'date-month': String(date.getUTCMonth() + 1),
    'date-year': String(date.getUTCFullYear()),
  })

  before(async () => {
    t = await startTestApp(DEMO_PARTNERSHIPS.llr)
    placer = await person('leicester-city-council', 'front-door-screener', 'leicester')
    hostMace = await person('leicestershire-county-council', 'mace-coordinator', 'leicestershire')
    rutland = await person('rutland-county-council', 'mace-coordinator', 'rutland')
    const child = await t.database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'MOVE-PAGES-1',
        given_name: 'Sam',
        family_name: 'Bordercross',
        date_of_birth: '2011-09-10',
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    childId = child.id
  })
  after(() => t.close())

  it('offers the form on the record to the placing LA only', async () => {
    assert.match((await placer.get(`/children/${childId}`)).body, /Record a move to another local authority/)
    const form = await placer.get(`/children/${childId}/moves/new`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Nottinghamshire/)
    assert.doesNotMatch(form.body, /<option value="856"/, 'not the child’s own LA')
    assert.equal((await rutland.get(`/children/${childId}/moves/new`)).statusCode, 403)
  })

  it('puts a move in on the host’s next MACE agenda only, and lets the host read and acknowledge it', async () => {
    const meetings: string[] = []
    for (const days of [7, 14]) {
      const scheduled = await hostMace.post('/mace/meetings', {
        laId: 'leicestershire',
        ...dateFields(new Date(Date.now() + days * DAY)),
        time: '10:00',
        format: 'online',
        venue: 'Video call',
      })
      assert.equal(scheduled.statusCode, 303, scheduled.body)
      meetings.push(/\/mace\/meetings\/([0-9a-f-]{36})/.exec(String(scheduled.headers.location))?.[1] ?? '')
    }
    const bad = await placer.post(`/children/${childId}/moves`, { whoMoved: 'child', hostDfeCode: '855' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter a summary of the exploitation risk assessment/)
    const recorded = await placer.post(`/children/${childId}/moves`, {
      whoMoved: 'child',
      hostDfeCode: '855',
      ...Object.fromEntries(
        Object.entries(dateFields(new Date())).map(([k, v]) => [k.replace('date', 'movedOn'), v]),
      ),
      reason: 'Placed with kinship carers',
      riskLevel: 'medium',
      riskSummary: 'PAGES-RISK: groomed online by an older male',
    })
    assert.equal(recorded.statusCode, 303, recorded.body)
    const moveId = /\/moves\/([0-9a-f-]{36})/.exec(String(recorded.headers.location))?.[1] ?? ''

    const next = await hostMace.get(`/mace/meetings/${meetings[0]}`)
    assert.match(next.body, /id="agenda"[\s\S]*Moved in<\/td>\s*<td[^>]*>(<a[^>]*>)?Sam Bordercross/)
    const later = await hostMace.get(`/mace/meetings/${meetings[1]}`)
    assert.doesNotMatch(later.body, /Sam Bordercross/)

    const seen = await hostMace.get(`/moves/${moveId}`)
    assert.equal(seen.statusCode, 200)
    assert.match(seen.body, /PAGES-RISK/)
    for (const refused of [await rutland.get(`/moves/${moveId}`), await rutland.get('/moves/not-a-move')]) {
      assert.equal(refused.statusCode, 404)
      assert.doesNotMatch(refused.body, /PAGES-RISK|Bordercross/)
    }
    assert.doesNotMatch((await rutland.get('/moves')).body, /Bordercross/)
    const acknowledged = await hostMace.post(`/moves/${moveId}/acknowledgement`, { note: '' })
    assert.equal(acknowledged.statusCode, 303)
    assert.equal((await placer.post(`/moves/${moveId}/acknowledgement`, {})).statusCode, 404)
    assert.equal((await t.app.inject({ method: 'GET', url: '/moves/shared/not-a-token' })).statusCode, 410)
  })
})
