// The demo partnership's moves, disruption and NRM, self-assessment, case audits, learning briefing
// and voice (src/demo: moves-nrm.ts, assurance.ts, audits-voice.ts): each page shows its demo content
// to the demo user the policy lets read it, and not to one it refuses.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sendDemoAssurance } from '../../src/demo/assurance.ts'
import { sendDemoAuditsAndVoice } from '../../src/demo/audits-voice.ts'
import { sendDemoExploitation } from '../../src/demo/exploitation.ts'
import { loadDemoData } from '../../src/demo/load-demo.ts'
import { sendDemoMovesAndNrm } from '../../src/demo/moves-nrm.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn, type TestBrowser } from '../../src/identity/testing.ts'
import { loadPartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'

describe('the demo partnership’s moves, NRM, self-assessment, case audits, briefing and voice', () => {
  let t: TestApp
  let users: DemoUser[]
  const browsers = new Map<string, TestBrowser>()
  /** The demo user (by email prefix or role), signed in once. */
  const as = async (who: string) => {
    const user = users.find((u) => u.email.startsWith(`${who}@`) || u.email.startsWith(`${who}.`))
    if (!user) throw new Error(`no demo user ${who}`)
    const known = browsers.get(user.email)
    if (known) return known
    const browser = await signIn(t.app, user)
    browsers.set(user.email, browser)
    return browser
  }
  const manager = (agencyId: string) =>
    users.find((u) => u.agencyId === agencyId && u.grants.some((g) => g.role === 'safeguarding-manager'))
  const asUser = async (user: DemoUser | undefined) => {
    if (!user) throw new Error('no such demo user')
    const known = browsers.get(user.email) ?? (await signIn(t.app, user))
    browsers.set(user.email, known)
    return known
  }
  let figures: Record<string, unknown> = {}

  before(async () => {
    t = await startTestApp()
    const partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    await loadDemoData(t.database, partnership, { children: 600, seed: 1 })
    users = await seedDemoUsers(t.database, partnership)
    assert.equal(await sendDemoExploitation(t.database, partnership), 2)
    figures = {
      ...(await sendDemoMovesAndNrm(t.database, partnership)),
      ...(await sendDemoAssurance(t.database, partnership)),
      ...(await sendDemoAuditsAndVoice(t.database, partnership)),
    }
  })
  after(() => t.close())

  it('records each through the use cases, audited', async () => {
    assert.deepEqual(figures, {
      disruptions: 2,
      nrmReferrals: 2,
      moves: 2,
      returnsSubmitted: 4,
      challenges: 1,
      briefingSentTo: figures.briefingSentTo,
      acknowledged: 2,
      plans: 6,
      sampled: 4,
      partsSubmitted: 1,
      familyAnswers: 7,
      practitionerAnswers: 3,
    })
    assert.ok(Number(figures.briefingSentTo) >= 4)
    const actions = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .distinct()
      .where('request_id', 'like', 'demo-%')
      .execute()
    const audited = new Set(actions.map((row) => row.action))
    for (const action of [
      'move.record',
      'move.acknowledge',
      'disruption-nrm.record',
      'self-assessment.complete',
      'self-assessment.manage',
      'learning.write',
      'case-audit.manage',
      'case-audit.contribute',
      'voice.issue',
      'voice.answer',
      'voice.manage',
    ])
      assert.ok(audited.has(action), `${action} audited`)
  })

  it('moves: the host LA has one to acknowledge, the placing LA sees both out; a school sees none', async () => {
    const host = await (await as('front-door-screener.leicestershire')).get('/moves')
    assert.equal(host.statusCode, 200)
    assert.match(host.body, /Moved into your area: to acknowledge/)
    assert.match(host.body, /Leicester/)
    const placing = await (await as('front-door-screener.leicester')).get('/moves')
    assert.equal(placing.statusCode, 200)
    assert.match(placing.body, /Nottinghamshire/)
    assert.match(placing.body, /Leicestershire/)
    assert.match(placing.body, /Acknowledged/)
    const school = await (await as('referrer')).get('/moves')
    assert.ok([403, 404].includes(school.statusCode), `school: ${school.statusCode}`)
  })

  it('NRM: the MACE coordinator’s due list has both referrals; a school is refused', async () => {
    const list = await (await as('mace-coordinator')).get('/nrm-referrals')
    assert.equal(list.statusCode, 200)
    assert.match(list.body, /reasonable grounds/i)
    assert.match(list.body, /conclusive grounds/i)
    const school = await (await as('referrer')).get('/nrm-referrals')
    assert.ok([403, 404].includes(school.statusCode), `school: ${school.statusCode}`)
    const { child_id } = await t.database.db
      .selectFrom('disruption_tactic_use')
      .select('child_id')
      .executeTakeFirstOrThrow()
    const child = await (await as('mace-coordinator')).get(`/children/${child_id}/disruption-and-nrm`)
    assert.equal(child.statusCode, 200)
    assert.match(child.body, /Child abduction warning notice/)
    assert.match(child.body, /Location disruption/)
    const other = await (await as('front-door-screener.rutland')).get(
      `/children/${child_id}/disruption-and-nrm`,
    )
    // Another LA's screener: the child is not hidden from them, the records are refused.
    assert.equal(other.statusCode, 403)
    assert.doesNotMatch(other.body, /Child abduction warning notice/)
  })

  it('self-assessment: the administrator sees the round’s returns; the police their challenge; health not the police’s', async () => {
    const overview = await (await as('partnership-admin')).get('/self-assessment')
    assert.equal(overview.statusCode, 200)
    const round = /href="(\/self-assessment\/rounds\/[0-9a-f-]+)"/.exec(overview.body)?.[1]
    assert.ok(round, 'a round is listed')
    const page = await (await as('partnership-admin')).get(round)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Leicestershire Police/)
    const police = await asUser(manager('leicestershire-police'))
    const own = await police.get('/self-assessment')
    const policeReturn = /href="(\/self-assessment\/returns\/[0-9a-f-]+)"/.exec(own.body)?.[1]
    assert.ok(policeReturn, 'the police’s return is listed')
    const ret = await police.get(policeReturn)
    assert.match(ret.body, /what changed in how children’s views are recorded/)
    const health = users.find(
      (u) => u.grants.some((g) => g.role === 'safeguarding-manager') && /icb|health/.test(u.agencyId),
    )
    assert.equal((await (await asUser(health)).get(policeReturn)).statusCode, 404)
  })

  it('case audits: the lead sees the sample, each auditing agency’s manager its cases; a school sees none', async () => {
    const lead = await as('review-lead')
    const overview = await lead.get('/case-audits')
    assert.equal(overview.statusCode, 200)
    const programme = /href="(\/case-audits\/programmes\/[0-9a-f-]+)"/.exec(overview.body)?.[1]
    assert.ok(programme, 'the programme is listed')
    const page = await lead.get(programme)
    assert.equal(page.statusCode, 200)
    assert.equal(page.body.match(/href="\/case-audits\/cases\//g)?.length, 4)
    for (const agency of ['leicestershire-police', 'leicester-city-council', 'llr-icb']) {
      const asked = await (await asUser(manager(agency))).get('/case-audits')
      assert.equal(asked.statusCode, 200)
      assert.equal(asked.body.match(/href="\/case-audits\/cases\//g)?.length, 4, agency)
    }
    const school = await (await as('referrer')).get(programme)
    assert.ok([403, 404].includes(school.statusCode), `school: ${school.statusCode}`)
  })

  it('learning: the lead sees the reach, a recipient the briefing; someone it was not sent to gets 404', async () => {
    const lead = await as('review-lead')
    const home = await lead.get('/learning')
    const briefing = /href="(\/learning\/briefings\/[0-9a-f-]+)"/.exec(home.body)?.[1]
    assert.ok(briefing, 'the briefing is listed')
    const page = await lead.get(briefing)
    assert.match(page.body, /2 of \d+ have read it/)
    const reader = await (await asUser(manager('leicestershire-police'))).get(briefing)
    assert.equal(reader.statusCode, 200)
    assert.match(reader.body, /children missing from home and exploitation/)
    assert.equal((await (await as('lado')).get(briefing)).statusCode, 404)
  })

  it('voice: the administrator sees counts of 5 and more and “fewer than 5”, and what changed; a school is refused', async () => {
    const page = await (await as('partnership-admin')).get('/voice')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Families: 7 answers/)
    assert.match(page.body, /numeric">5</)
    assert.match(page.body, /Practitioners: fewer than 5 answers/)
    assert.match(page.body, /fewer than 5/)
    assert.match(page.body, /Reports now go to parents 3 working days/)
    const school = await (await as('referrer')).get('/voice')
    assert.ok([403, 404].includes(school.statusCode), `school: ${school.statusCode}`)
  })
})
