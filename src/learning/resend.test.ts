// A learning briefing sent again and who it reached, against a real database and over HTTP: sent
// again only to those who have not said they read it (and to anyone new to the chosen roles), with
// the lead's message (a child's name refused on the error summary), once a day; its reminder counted
// from the last sending; the download of who it reached, for whoever oversees, audited.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { type App, buildApp } from '../app.ts'
import { type DemoUser, seedDemoUsers } from '../identity/index.ts'
import { signIn, type TestBrowser } from '../identity/testing.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Caller } from '../platform/access/guard.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import {
  acknowledgeBriefing,
  type LearningContext,
  publish,
  resend,
  sendReminders,
  writeBriefing,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const HEALTH = 'llr-icb'

describe('a learning briefing sent again, and who it reached', () => {
  let database: TestDatabase
  let app: App
  let ctx: LearningContext
  // Wednesday 23 December 2026.
  let clock = new Date('2026-12-23T10:00:00Z')
  const c: Record<string, Caller> = {}
  let lead: TestBrowser
  let admin: TestBrowser
  let reader: TestBrowser
  let briefingId: string

  const emails = (templateId: string) =>
    database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation'])
      .where('template_id', '=', templateId)
      .orderBy('recipient')
      .execute()

  before(async () => {
    const partnership = await loadPartnershipConfig(LLR)
    database = await openTestDatabase()
    app = await buildApp({ database, partnership, logLevel: 'error', now: () => clock })
    ctx = { db: database.db, partnership, now: () => clock }
    const demo = await seedDemoUsers(database, partnership)
    const holder = (role: string, agencyId?: string) =>
      demo.find(
        (u) => u.grants.some((g) => g.role === role) && (!agencyId || u.agencyId === agencyId),
      ) as DemoUser
    lead = await signIn(app, holder('review-lead'))
    admin = await signIn(app, holder('partnership-admin'))
    reader = await signIn(app, holder('safeguarding-manager', HEALTH))
    const person = (name: string, role: 'review-lead' | 'safeguarding-manager') =>
      enrolledCaller(database.db, {
        name,
        agencyId: role === 'review-lead' ? 'leicester-city-council' : HEALTH,
        role,
      })
    c.lead = await person('Lee Lead', 'review-lead')
    c.ben = await person('Ben Health', 'safeguarding-manager')
    c.bea = await person('Bea Health', 'safeguarding-manager')
    briefingId = (
      await writeBriefing(ctx, c.lead as Caller, {
        title: 'Seeing neglect in a busy household',
        background: 'A rapid review in 2026.',
        keyFindings: 'Signs of neglect were seen and not shared.',
        learning: 'Neglect is cumulative.',
        doDifferently: 'Share each concern.',
        reflectionQuestions: 'What is a day like for the child?',
        themes: ['neglect'],
      })
    ).id
    await publish(ctx, c.lead as Caller, briefingId, { agencyIds: [HEALTH], roles: ['safeguarding-manager'] })
  })
  after(async () => {
    await app.close()
    await database.dispose()
  })

  it('goes again only to those who have not read it, and to whoever has come to hold the roles since', async () => {
    const before = (await emails('learning-briefing-sent')).length
    clock = new Date('2026-12-24T09:00:00Z')
    await acknowledgeBriefing(ctx, c.ben as Caller, briefingId)
    c.cal = await enrolledCaller(database.db, {
      name: 'Cal Newstarter',
      agencyId: HEALTH,
      role: 'safeguarding-manager',
    })
    await assert.rejects(resend(ctx, c.ben as Caller, briefingId, {}), { statusCode: 403 })
    const sent = await resend(ctx, c.lead as Caller, briefingId, {
      note: 'We will talk about it on Tuesday.',
    })
    assert.ok(sent.again >= 1)
    assert.equal(sent.added, 1)
    const again = await emails('learning-briefing-sent-again')
    assert.ok(again.some((e) => e.recipient === 'bea.health@llr-icb.example'))
    assert.ok(!again.some((e) => e.recipient === 'ben.health@llr-icb.example'), 'not to whoever read it')
    assert.equal(again[0]?.personalisation.note, 'We will talk about it on Tuesday.')
    const first = await emails('learning-briefing-sent')
    assert.equal(first.length, before + 1)
    assert.ok(first.some((e) => e.recipient === 'cal.newstarter@llr-icb.example'))
    await assert.rejects(resend(ctx, c.lead as Caller, briefingId, {}), { statusCode: 409 }, 'once a day')
  })

  it('reminds counting from the last sending: five working days after Christmas Eve is 5 January', async () => {
    assert.equal(await sendReminders(database.db, new Date('2027-01-04T08:00:00Z')), 0)
    assert.ok((await sendReminders(database.db, new Date('2027-01-05T08:00:00Z'))) >= 2)
    const reminded = (await emails('learning-briefing-reminder')).map((e) => e.recipient)
    assert.ok(
      reminded.includes('bea.health@llr-icb.example') && reminded.includes('cal.newstarter@llr-icb.example'),
    )
    assert.ok(!reminded.includes('ben.health@llr-icb.example'))
  })

  it('refuses a message naming a child on the error summary, keeping what was typed', async () => {
    clock = new Date('2027-01-06T10:00:00Z')
    await assert.rejects(
      resend(ctx, c.lead as Caller, briefingId, { note: 'x'.repeat(501) }),
      (error: unknown) => error instanceof InvalidInput && error.problems.some((p) => p.field === 'note'),
    )
    const page = await lead.get(`/learning/briefings/${briefingId}`)
    assert.match(page.body, /Send it again/)
    assert.match(page.body, /Download who it reached \(CSV\)/)
    const refused = await lead.post(`/learning/briefings/${briefingId}/resend`, {
      note: 'Ask about NHS number 943 476 5919 on Tuesday',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /There is a problem/)
    assert.match(refused.body, /a learning briefing must not identify the child/)
    assert.match(refused.body, /Ask about NHS number/)
    const sent = await lead.post(`/learning/briefings/${briefingId}/resend`, { note: '' })
    assert.equal(sent.statusCode, 303)
    const after = await lead.get(String(sent.headers.location))
    assert.match(after.body, /Briefing sent again to \d+ (person|people) who had not read it/)
    assert.match(after.body, /Last sent again on 6 January 2027/)
  })

  it('downloads who it reached for whoever oversees (audited), with no child; anyone else is refused', async () => {
    const csv = await admin.get(`/learning/briefings/${briefingId}/reach.csv`)
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(lines[0], 'Name,Agency,Role,Sent,Last sent,Times sent,Reminded,Read,Read on')
    const row = (name: string) => lines.find((line) => line.startsWith(`${name},`))
    assert.equal(
      row('Ben Health'),
      'Ben Health,"Leicester, Leicestershire and Rutland Integrated Care Board",Safeguarding manager,2026-12-23,2026-12-23,1,,Yes,2026-12-24',
    )
    assert.equal(
      row('Bea Health'),
      'Bea Health,"Leicester, Leicestershire and Rutland Integrated Care Board",Safeguarding manager,2026-12-23,2027-01-06,3,2027-01-05,Not yet,',
    )
    assert.match(
      row('Cal Newstarter') ?? '',
      /,Safeguarding manager,2026-12-24,2027-01-06,2,2027-01-05,Not yet,$/,
    )
    assert.doesNotMatch(csv.body, /943 476 5919/)
    assert.equal((await reader.get(`/learning/briefings/${briefingId}/reach.csv`)).statusCode, 403)
    const audited = await database.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('action', '=', 'learning.oversee')
      .execute()
    assert.ok(audited.some((a) => a.outcome === 'allowed' && JSON.stringify(a.detail).includes('"export"')))
    assert.ok(audited.some((a) => a.outcome === 'denied' && JSON.stringify(a.detail).includes('"export"')))
  })
})
