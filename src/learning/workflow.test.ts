// Learning briefings against a real database: the lead writes (a child's identifier refused) and
// sends a briefing; only those it reached read it (404 for anyone else); an acknowledgement counts
// once; the reach by agency and role; reminders once, after the working days; refusals and the audit.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { reachView } from './presenting.ts'
import {
  acknowledgeBriefing,
  type LearningContext,
  learningHome,
  publish,
  readBriefing,
  sendReminders,
  themesAcrossYears,
  writeBriefing,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
// Wednesday 23 December 2026: five working days on, across Christmas and New Year, is 4 January.
let clock = new Date('2026-12-23T10:00:00Z')

describe('learning briefings', () => {
  let database: TestDatabase
  let ctx: LearningContext
  const callers: Record<string, Caller> = {}

  const person = (name: string, agencyId: string, role: Role) =>
    enrolledCaller(database.db, { name, agencyId, role })

  const BRIEFING = {
    title: 'Seeing neglect in a busy household',
    background: 'A rapid review of a serious incident in 2026.',
    keyFindings: 'Several agencies saw signs of neglect; none shared them.',
    learning: 'Neglect is cumulative: each sighting matters.',
    doDifferently: 'Record and share each concern; use the graded care profile.',
    reflectionQuestions: 'When did you last ask what a day is like for the child?',
    themes: ['neglect', 'information-sharing'],
  }

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => clock }
    callers.lead = await person('Lee Lead', 'leicester-city-council', 'review-lead')
    callers.admin = await person('Pat Admin', 'leicester-city-council', 'partnership-admin')
    callers.ana = await person('Ana Police', 'leicestershire-police', 'police-public-protection')
    callers.ben = await person('Ben Health', 'llr-icb', 'safeguarding-manager')
    callers.bea = await person('Bea Health', 'llr-icb', 'safeguarding-manager')
    callers.cai = await person('Cai Social', 'leicester-city-council', 'mat-practitioner')
    callers.scrutineer = await person('Sam Scrutineer', 'leicester-city-council', 'independent-scrutineer')
  })
  after(async () => database?.dispose())

  let briefingId: string
  it('the reviews lead writes a briefing; a child’s identifier or a theme off the list is refused; no one else may', async () => {
    await assert.rejects(
      writeBriefing(ctx, callers.lead as Caller, {
        ...BRIEFING,
        learning: 'NHS number 943 476 5919',
        themes: ['x'],
      }),
      (error: unknown) =>
        error instanceof InvalidInput &&
        error.problems.some((p) => p.field === 'learning' && /must not identify the child/.test(p.text)) &&
        error.problems.some((p) => p.field === 'themes'),
    )
    await assert.rejects(writeBriefing(ctx, callers.admin as Caller, BRIEFING), { statusCode: 403 })
    await assert.rejects(writeBriefing(ctx, callers.ana as Caller, BRIEFING), { statusCode: 403 })
    briefingId = (await writeBriefing(ctx, callers.lead as Caller, BRIEFING)).id
  })

  it('a draft is read by whoever oversees, and no one else (404)', async () => {
    assert.equal((await readBriefing(ctx, callers.admin as Caller, briefingId)).oversees, true)
    await assert.rejects(readBriefing(ctx, callers.ben as Caller, briefingId), { statusCode: 404 })
  })

  it('sends it to the holders of the chosen roles in the chosen agencies, each emailed a link, once', async () => {
    await assert.rejects(
      publish(ctx, callers.lead as Caller, briefingId, { agencyIds: ['nowhere'], roles: [] }),
      (error: unknown) =>
        error instanceof InvalidInput &&
        error.problems.some((p) => p.field === 'agencyIds') &&
        error.problems.some((p) => p.field === 'roles'),
    )
    await assert.rejects(
      publish(ctx, callers.ana as Caller, briefingId, {
        agencyIds: ['llr-icb'],
        roles: ['safeguarding-manager'],
      }),
      { statusCode: 403 },
    )
    const chosen = {
      agencyIds: ['llr-icb', 'leicestershire-police'],
      roles: ['safeguarding-manager', 'police-public-protection'],
    }
    assert.deepEqual(await publish(ctx, callers.lead as Caller, briefingId, chosen), { sent: 3 })
    await assert.rejects(publish(ctx, callers.lead as Caller, briefingId, chosen), { statusCode: 409 })
    const emails = await database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'template_id'])
      .where('template_id', '=', 'learning-briefing-sent')
      .execute()
    assert.equal(emails.length, 3)
  })

  it('those it reached read it; anyone else is answered 404', async () => {
    const file = await readBriefing(ctx, callers.ben as Caller, briefingId)
    assert.equal(file.oversees, false)
    assert.equal(file.recipients.length, 0, 'a recipient does not see who else it went to')
    await assert.rejects(readBriefing(ctx, callers.cai as Caller, briefingId), { statusCode: 404 })
    await assert.rejects(acknowledgeBriefing(ctx, callers.cai as Caller, briefingId), { statusCode: 404 })
    await assert.rejects(readBriefing(ctx, callers.ben as Caller, 'not-an-id'), { statusCode: 404 })
    const home = await learningHome(ctx, callers.ben as Caller)
    assert.deepEqual(
      home.mine.map((b) => b.title),
      [BRIEFING.title],
    )
    assert.equal(home.all.length, 0)
  })

  it('an acknowledgement counts once, and the reach shows it by agency and role', async () => {
    clock = new Date('2026-12-24T09:00:00Z')
    assert.deepEqual(await acknowledgeBriefing(ctx, callers.ben as Caller, briefingId), { first: true })
    clock = new Date('2026-12-24T09:05:00Z')
    assert.deepEqual(await acknowledgeBriefing(ctx, callers.ben as Caller, briefingId), { first: false })
    const file = await readBriefing(ctx, callers.lead as Caller, briefingId)
    assert.equal(file.mine, undefined)
    assert.equal(
      file.recipients.find((r) => r.user_name === 'Ben Health')?.acknowledged_at?.toISOString(),
      '2026-12-24T09:00:00.000Z',
    )
    const reach = reachView(ctx.partnership, file.recipients)
    assert.deepEqual(reach.total, { key: 'all', sent: 3, acknowledged: 1, reminded: 0, percent: 33 })
    assert.deepEqual(
      reach.byRole.map((r) => [r.label, r.sent, r.acknowledged]),
      [
        ['Police public protection', 1, 0],
        ['Safeguarding manager', 2, 1],
      ],
    )
    assert.deepEqual(
      reach.byAgency.map((r) => [r.sent, r.acknowledged]),
      [
        [1, 0],
        [2, 1],
      ],
    )
    assert.deepEqual(reach.waiting.map((p) => p.name).sort(), ['Ana Police', 'Bea Health'])
    const home = await learningHome(ctx, callers.lead as Caller)
    assert.deepEqual(
      home.all.map((b) => [b.sent, b.acknowledged]),
      [[3, 1]],
    )
  })

  it('reminds the unacknowledged once, on the fifth working day after (bank holidays skipped)', async () => {
    assert.equal(await sendReminders(database.db, new Date('2026-12-31T17:00:00Z')), 0)
    assert.equal(await sendReminders(database.db, new Date('2027-01-04T08:00:00Z')), 2)
    assert.equal(await sendReminders(database.db, new Date('2027-01-05T08:00:00Z')), 0)
    const reminders = await database.db
      .selectFrom('notification_outbox')
      .select('recipient')
      .where('template_id', '=', 'learning-briefing-reminder')
      .execute()
    assert.deepEqual(reminders.map((r) => r.recipient).sort(), [
      'ana.police@leicestershire-police.example',
      'bea.health@llr-icb.example',
    ])
  })

  it('the themes across the years count the briefings sent, for whoever oversees', async () => {
    const { counts } = await themesAcrossYears(ctx, callers.lead as Caller)
    assert.deepEqual(counts, [
      { theme: 'information-sharing', year: 2026, incidents: 0, reviews: 0, briefings: 1 },
      { theme: 'neglect', year: 2026, incidents: 0, reviews: 0, briefings: 1 },
    ])
    await assert.rejects(themesAcrossYears(ctx, callers.ben as Caller), { statusCode: 403 })
  })

  it('a briefing drawn from a review refuses the child’s name, and counts the review under its themes and the incident under its own', async () => {
    const child = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'L-LEARN-1',
        given_name: 'Amara',
        family_name: 'Okafor',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const incident = await database.db
      .insertInto('serious_incident')
      .values({
        child_id: child.id,
        la_id: 'leicester',
        learned_on: '2025-11-03',
        abuse_or_neglect: 'suspected',
        harm: 'seriously-harmed',
        what_happened: 'Synthetic.',
        notify_by: '2025-11-10',
        recorded_at: new Date('2025-11-03T10:00:00Z'),
        recorded_by: 'user:synthetic',
        recorded_by_name: 'Synthetic',
      })
      .returning(['id', 'reference'])
      .executeTakeFirstOrThrow()
    await database.db
      .insertInto('serious_incident_theme')
      .values([
        { incident_id: incident.id, theme: 'neglect' },
        { incident_id: incident.id, theme: 'domestic-abuse' },
      ])
      .execute()
    const drawn = { ...BRIEFING, title: 'Hidden harm', themes: ['neglect'], incidentId: incident.id }
    await assert.rejects(
      writeBriefing(ctx, callers.lead as Caller, { ...drawn, background: 'The review of Amara’s care.' }),
      (error: unknown) =>
        error instanceof InvalidInput &&
        error.problems.some((p) => p.field === 'background' && /must not identify the child/.test(p.text)),
    )
    await assert.rejects(
      writeBriefing(ctx, callers.lead as Caller, {
        ...drawn,
        incidentId: '00000000-0000-4000-8000-000000000000',
      }),
      (error: unknown) =>
        error instanceof InvalidInput && error.problems.some((p) => p.field === 'incidentId'),
    )
    const written = await writeBriefing(ctx, callers.lead as Caller, drawn)
    assert.equal(
      (await readBriefing(ctx, callers.lead as Caller, written.id)).incidentReference,
      incident.reference,
    )
    await publish(ctx, callers.lead as Caller, written.id, {
      agencyIds: ['llr-icb'],
      roles: ['safeguarding-manager'],
    })
    const { counts } = await themesAcrossYears(ctx, callers.scrutineer as Caller)
    assert.deepEqual(
      counts.filter((count) => count.theme === 'neglect' || count.theme === 'domestic-abuse'),
      [
        { theme: 'domestic-abuse', year: 2025, incidents: 1, reviews: 0, briefings: 0 },
        { theme: 'neglect', year: 2025, incidents: 1, reviews: 1, briefings: 0 },
        { theme: 'neglect', year: 2026, incidents: 0, reviews: 0, briefings: 2 },
      ],
    )
  })

  it('audits every step, and every refusal', async () => {
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'like', 'learning.%')
      .execute()
    const seen = new Set(rows.map((row) => `${row.action} ${row.outcome}`))
    for (const expected of [
      'learning.write allowed',
      'learning.write denied',
      'learning.read allowed',
      'learning.oversee allowed',
      'learning.oversee denied',
    ])
      assert.ok(seen.has(expected), expected)
  })
})
