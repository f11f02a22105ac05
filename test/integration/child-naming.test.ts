// Pages that say what a person needs: the child named and linked on every step of their case, the
// record's flags, the inbox item naming the child with what the receiving agency finds them by, and
// the referrer's threshold result, address and identifiers for the front door. Each only for a
// viewer the policy lets see the child; a viewer refused sees none of it.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as conferences from '../../src/child-protection/workflow/conference.ts'
import * as strategy from '../../src/child-protection/workflow/strategy-discussion.ts'
import { upnCheckLetter } from '../../src/children/index.ts'
import { type DemoUser, seedDemoUsers } from '../../src/identity/index.ts'
import { signIn } from '../../src/identity/testing.ts'
import { loadPartnershipConfig, type PartnershipConfig } from '../../src/partnership/config.ts'
import { DEMO_PARTNERSHIPS, startTestApp, type TestApp } from '../support/app.ts'
import * as cp from '../support/child-protection.ts'
import {
  INVITED_HEALTH,
  LA,
  type Scenario,
  type ScenarioChild,
  seedReadPathScenario,
  type Viewer,
} from '../support/read-path-scenario.ts'

const REVIEW = { date: '2028-03-29', time: '10:30' }

describe('pages name the child, for those who may see them', () => {
  let t: TestApp
  let partnership: PartnershipConfig
  let s: Scenario
  let std: ScenarioChild
  let restricted: ScenarioChild
  const viewer = (name: string) => s.viewers.find((v) => v.name === name) as Viewer
  const page = async (who: string, url: string) => {
    const answer = await viewer(who).get(url)
    return { status: answer.statusCode, body: answer.body }
  }
  const links = (c: ScenarioChild) => [
    `href="/children/${c.childId}"`,
    `href="/referrals/${c.referralId}"`,
    `href="/strategy-discussions/${c.discussionId}"`,
  ]

  before(async () => {
    t = await startTestApp()
    partnership = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    s = await seedReadPathScenario(t, partnership)
    std = s.children.find((c) => c.sensitivity === 'standard') as ScenarioChild
    restricted = s.children.find((c) => c.sensitivity === 'police-restricted') as ScenarioChild
    const organiser = viewer('own LA business support').actor
    await conferences.bookReview(
      { db: t.database.db, partnership, now: () => new Date() },
      { actor: organiser, origin: { ip: '127.0.0.1', requestId: 'naming-review' } },
      std.planId,
      {
        ...REVIEW,
        location: 'Room 2',
        invitees: [
          { agencyId: LA, name: 'Sam Social', email: 'sam@leicester.example' },
          { agencyId: 'leicestershire-police', name: 'PC Jones', email: 'jones@police.example' },
          { agencyId: INVITED_HEALTH, name: 'Hana Health', email: 'hana@health.example' },
        ],
      },
    )
  })
  after(() => t.close())

  it('names the child on the section 47, conference, plan and strategy discussion pages, linking back to the child, the referral and the discussion', async () => {
    const steps = [
      `/section-47/${std.section47Id}`,
      `/conferences/${std.conferenceId}`,
      `/plans/${std.planId}`,
      `/strategy-discussions/${std.discussionId}`,
    ]
    for (const who of ['own LA screener', 'invited health MAT'])
      for (const url of steps) {
        const { status, body } = await page(who, url)
        assert.equal(status, 200, `${who} ${url}`)
        assert.match(body, new RegExp(`: Rowan ${std.familyName}</h1>`), `${who} ${url}`)
        for (const link of links(std).slice(0, 2)) assert.ok(body.includes(link), `${who} ${url} ${link}`)
        assert.ok(body.includes(`Referral ${std.referralNumber}`), `${who} ${url}`)
        if (!url.startsWith('/strategy-discussions'))
          assert.ok(body.includes(links(std)[2] as string), `${who} ${url}`)
      }
    const plan = await page('own LA screener', `/plans/${std.planId}`)
    assert.match(plan.body, /Physical abuse/)
    assert.ok(!/\bPHY\b/.test(plan.body), 'no category codes on the plan page')
  })

  it('shows none of it to a viewer refused the child', async () => {
    for (const url of [
      `/section-47/${std.section47Id}`,
      `/conferences/${std.conferenceId}`,
      `/plans/${std.planId}`,
      `/strategy-discussions/${std.discussionId}`,
    ]) {
      const { status, body } = await page('not-involved hospital MAT', url)
      assert.ok(status === 403 || status === 404, `${url}: ${status}`)
      assert.ok(!body.includes(std.familyName), url)
      for (const link of links(std).slice(1)) assert.ok(!body.includes(link), `${url} ${link}`)
    }
  })

  it('flags the plan, with its category and since when, and the review to come, on the child’s record', async () => {
    const { status, body } = await page('own LA screener', `/children/${std.childId}`)
    assert.equal(status, 200)
    const flags = /data-testid="flags">([\s\S]*?)<\/dl>/.exec(body)?.[1] ?? ''
    assert.match(flags, /On a child protection plan/)
    assert.match(flags, /Physical abuse, since 5 January 2028/)
    assert.ok(flags.includes(`href="/plans/${std.planId}"`))
    assert.match(flags, /Review child protection conference/)
    assert.match(flags, /29 March 2028 at 10:30am/)
    assert.doesNotMatch(flags, /\d{4}-\d{2}-\d{2}|PHY/, 'words, not codes')
  })

  it('flags an open section 47 enquiry and a strategy discussion to come, in words', async () => {
    const ctx = { db: t.database.db, partnership, now: () => new Date() }
    const childId = await cp.insertChild(t.database, 'CN-OPEN')
    await cp.decidedDiscussion(ctx, childId, { date: '2027-12-15', decision: 's47-joint' })
    const next = await cp.requestDiscussion(ctx, childId)
    await strategy.schedule(ctx, cp.businessSupport, next, {
      date: '2027-12-20',
      time: '14:15',
      format: 'meeting',
      location: 'Teams',
      meetingReasons: [],
      invitees: cp.invitees,
      lateReason: cp.lateReason,
    })
    const { status, body } = await page('own LA screener', `/children/${childId}`)
    assert.equal(status, 200)
    const flags = /data-testid="flags">([\s\S]*?)<\/dl>/.exec(body)?.[1] ?? ''
    assert.match(flags, /Section 47 enquiry open/)
    assert.match(flags, /jointly with police; initial conference due by \d{1,2} [A-Z][a-z]+ \d{4}/)
    assert.match(flags, /Strategy discussion/)
    assert.match(flags, /20 December 2027 at 2:15pm/)
    assert.ok(flags.includes(`href="/strategy-discussions/${next}"`))
    assert.doesNotMatch(flags, /\d{4}-\d{2}-\d{2}/)
    const refused = await page('not-involved hospital MAT', `/children/${childId}`)
    assert.ok(refused.status === 403 || refused.status === 404)
    assert.doesNotMatch(refused.body, /Section 47 enquiry open|20 December 2027/)
  })

  it('flags only the steps the reader may open: a school with the child on its roll is not at the conference', async () => {
    const { status, body } = await page('roll-declared school MAT', `/children/${std.childId}`)
    assert.equal(status, 200)
    const flags = /data-testid="flags">([\s\S]*?)<\/dl>/.exec(body)?.[1] ?? ''
    assert.match(flags, /On a child protection plan/)
    assert.doesNotMatch(flags, /Review child protection conference|conferences\//)
  })

  it('names the child on the inbox item with the identifier the receiving agency uses', async () => {
    const health = std.notifications.get(INVITED_HEALTH) as string
    const item = await page('invited health MAT', `/sharing/inbox/${health}`)
    assert.equal(item.status, 200)
    assert.match(
      item.body,
      new RegExp(`Rowan ${std.familyName}</a>, born 12 April 2016, NHS number ${std.nhsNumber}`),
    )
    assert.ok(item.body.includes(`href="/children/${std.childId}"`))

    const la = std.notifications.get(LA) as string
    const laItem = await page('own LA screener', `/sharing/inbox/${la}`)
    assert.equal(laItem.status, 200)
    assert.match(
      laItem.body,
      new RegExp(`Rowan ${std.familyName}</a>, born 12 April 2016, Social care record RPM-std`),
    )
    assert.doesNotMatch(laItem.body, new RegExp(std.nhsNumber), 'only the identifier the agency uses')
  })

  it('names no child on an inbox item whose child is now hidden from the agency', async () => {
    const health = restricted.notifications.get(INVITED_HEALTH)
    assert.ok(health, 'the event reached health before the record was marked')
    const item = await page('invited health MAT', `/sharing/inbox/${health}`)
    assert.ok(item.status === 403 || item.status === 404, String(item.status))
    assert.ok(!item.body.includes(restricted.familyName))
    assert.ok(!item.body.includes(restricted.nhsNumber))
  })

  it('shows screeners the referrer’s threshold result, address and identifiers, and not the referrer', async () => {
    const users = await seedDemoUsers(t.database, partnership)
    const as = (role: string) =>
      signIn(
        t.app,
        users.find((u) => u.grants.some((g) => g.role === role && g.laId !== 'rutland')) as DemoUser,
      )
    const teacher = await as('referrer')
    const upn = `${upnCheckLetter('856201612345')}856201612345`
    const sent = await teacher.post('/referrals/new', {
      idempotencyKey: 'naming-threshold',
      thresholdLevel: '3',
      thresholdIndicators: 'cd-2-health,pc-3-neglect',
      childFirstName: 'Ada',
      childLastName: 'Namingtest',
      'childDateOfBirth-day': '2',
      'childDateOfBirth-month': '3',
      'childDateOfBirth-year': '2015',
      childAddress: '12 Example Street, Leicester',
      childPostcode: 'LE2 1AA',
      childUpn: upn,
      whatHappened: 'Came to school hungry every day this week.',
      worries: 'No coat in winter.',
      familyKnows: 'Mother knows we are referring.',
      consent: 'given',
      urgency: 'standard',
      referralSource: '2A',
      referrerName: 'Test Teacher',
      referrerRole: 'Designated safeguarding lead',
      referrerEmail: 'dsl@school.example',
    })
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500))
    const id = /\/referrals\/([0-9a-f-]{36})/.exec(String(sent.headers.location))?.[1] as string
    const screener = await as('front-door-screener')
    const shown = await screener.get(`/referrals/${id}`)
    assert.equal(shown.statusCode, 200)
    const given = /data-testid="referrer-gave">([\s\S]*?)<\/dl>/.exec(shown.body)?.[1] ?? ''
    assert.match(given, /Level 3: /)
    assert.match(given, /Has missed health appointments or immunisations/)
    assert.match(given, /12 Example Street, Leicester, LE2 1AA/)
    assert.ok(given.includes(upn))
    const own = await teacher.get(`/referrals/${id}`)
    assert.equal(own.statusCode, 200)
    assert.doesNotMatch(own.body, /data-testid="referrer-gave"/)
  })
})
