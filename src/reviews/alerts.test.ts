// The rapid review's parts and recommendations against a real database, across Christmas and New
// Year: each invited agency's part is due by a day (by default 3 working days before the meeting),
// its safeguarding managers are reminded once on the eve and once when it is late (none once given),
// the reviews lead sees who is late; a recommendation past its due date is told to the reviews leads
// once (reference, number, owner; never its words nor the child) and shows as overdue on their lists.

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { enrolledCaller } from '../../test/support/people.ts'
import { completeAction } from '../actions/workflow.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import type { AgencyKind, Role } from '../platform/access/actor.ts'
import type { Caller } from '../platform/access/guard.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { alertOverdueRecommendations, remindParts } from './alerts.ts'
import {
  addRecommendation,
  changePartDue,
  inviteAgencies,
  type ReviewsContext,
  readIncident,
  recordDecision,
  recordIncident,
  recordNotified,
  reviewQueue,
  submitPart,
  writeRecord,
} from './workflow.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const POLICE = 'leicestershire-police'
const HEALTH = 'llr-icb'
const SCHOOLS = 'leicester-schools'
const at = (day: string) => new Date(`${day}T09:00:00Z`)

describe('rapid review parts due and recommendations overdue', () => {
  let database: TestDatabase
  let ctx: ReviewsContext
  let clock = at('2026-12-14')
  let id: string
  let reference: string
  const c: Record<string, Caller> = {}

  const person = (name: string, agencyId: string, agencyKind: AgencyKind, role: Role, agencyLaId?: string) =>
    enrolledCaller(database.db, {
      name,
      agencyId,
      agencyKind,
      role,
      ...(agencyLaId ? { agencyLaId, laId: agencyLaId } : {}),
    })
  const emails = (templateId: string) =>
    database.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'personalisation'])
      .where('template_id', '=', templateId)
      .orderBy('recipient')
      .execute()
  const part = async (agencyId: string) =>
    (await readIncident(ctx, c.lead as Caller, id)).parts.find((p) => p.agency_id === agencyId)

  before(async () => {
    database = await openTestDatabase()
    ctx = { db: database.db, partnership: await loadPartnershipConfig(LLR), now: () => clock }
    c.la = await person(
      'Lena Council',
      'leicester-city-council',
      'local-authority',
      'safeguarding-manager',
      'leicester',
    )
    c.lead = await person('Rae Reviews', 'leicester-city-council', 'local-authority', 'review-lead')
    c.police = await person('Pat Constable', POLICE, 'police', 'safeguarding-manager')
    c.health = await person('Hana Board', HEALTH, 'health', 'safeguarding-manager')
    c.school = await person('Sam School', SCHOOLS, 'education', 'safeguarding-manager')
    const child = await database.db
      .insertInto('child')
      .values({
        la_id: 'leicester',
        la_child_id: 'ALERTS-1',
        given_name: 'Tamsin',
        family_name: 'Oakworth',
        date_of_birth: '2020-01-09',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const row = await recordIncident(ctx, c.la as Caller, child.id, {
      learnedOn: '2026-12-14',
      abuseOrNeglect: 'known',
      harm: 'seriously-harmed',
      whatHappened: 'Synthetic: admitted to hospital with injuries.',
    })
    id = row.id
    reference = row.reference
    await recordDecision(ctx, c.la as Caller, id, { decision: 'notify', decisionReason: 'Criteria met' })
    clock = at('2026-12-15')
    await recordNotified(ctx, c.la as Caller, id, { notifiedOn: '2026-12-15' })
  })
  after(() => database.dispose())

  it('asks each agency for its part by a day: by default 3 working days before the expected meeting', async () => {
    clock = at('2026-12-16')
    // Due to the Panel on Friday 8 January (Christmas, Boxing Day and New Year skipped); the meeting
    // expected a week before, on 31 December; the parts 3 working days before that, Thursday 24 December.
    await inviteAgencies(ctx, c.lead as Caller, id, { agencyIds: [POLICE, HEALTH] })
    assert.equal((await part(POLICE))?.due_on, '2026-12-24')
    const invitations = await emails('rapid-review-invitation')
    assert.deepEqual(
      invitations.map((e) => [e.recipient, e.personalisation.part_due_by]),
      [
        ['hana.board@llr-icb.example', '2026-12-24'],
        ['pat.constable@leicestershire-police.example', '2026-12-24'],
      ],
    )
  })

  it('refuses a day in the past or after the rapid review is due, naming the field', async () => {
    for (const dueOn of ['2026-12-15', '2027-01-11'])
      await assert.rejects(
        inviteAgencies(ctx, c.lead as Caller, id, { agencyIds: [SCHOOLS], dueOn }),
        (error: unknown) => error instanceof InvalidInput && error.problems.some((p) => p.field === 'dueOn'),
      )
    await inviteAgencies(ctx, c.lead as Caller, id, { agencyIds: [SCHOOLS], dueOn: '2027-01-06' })
    assert.equal((await part(SCHOOLS))?.due_on, '2027-01-06')
  })

  it('reminds an agency once on the eve of its day and once when late, never once it gave its part', async () => {
    clock = at('2026-12-22')
    assert.equal(await remindParts(ctx, clock), 0, 'two working days before: not yet')
    clock = at('2026-12-23')
    assert.equal(await remindParts(ctx, clock), 2)
    assert.equal(await remindParts(ctx, clock), 0, 'once')
    assert.deepEqual(
      (await emails('rapid-review-part-due-soon')).map((e) => [e.recipient, e.personalisation.reference]),
      [
        ['hana.board@llr-icb.example', reference],
        ['pat.constable@leicestershire-police.example', reference],
      ],
    )
    clock = at('2026-12-24')
    await submitPart(ctx, c.health as Caller, id, {
      chronology: 'Health chronology',
      immediateLearning: 'Learning',
    })
    assert.equal(await remindParts(ctx, clock), 0, 'due today, already reminded')
    clock = at('2026-12-29')
    assert.equal(await remindParts(ctx, clock), 1, 'the police are late; health gave its part')
    assert.equal(await remindParts(ctx, clock), 0, 'once')
    assert.deepEqual(
      (await emails('rapid-review-part-overdue')).map((e) => e.recipient),
      ['pat.constable@leicestershire-police.example'],
    )
  })

  it('shows the reviews lead who is late, and the invited agency only its own part', async () => {
    const [lead] = await reviewQueue(ctx, c.lead as Caller)
    assert.deepEqual(lead?.lateAgencyIds, [POLICE])
    const [police] = await reviewQueue(ctx, c.police as Caller)
    assert.deepEqual(police?.lateAgencyIds, [], 'an invited agency is not told of the others')
    const file = await readIncident(ctx, c.police as Caller, id)
    assert.deepEqual(
      file.parts.map((p) => [p.agency_id, p.due_on]),
      [[POLICE, '2026-12-24']],
    )
  })

  it('another day for a late part starts its reminders again; only for an invited agency yet to give it', async () => {
    await assert.rejects(
      changePartDue(ctx, c.lead as Caller, id, { agencyId: HEALTH, newDueOn: '2027-01-05' }),
      (error: unknown) => error instanceof InvalidInput && error.problems.some((p) => p.field === 'agencyId'),
    )
    await assert.rejects(
      changePartDue(ctx, c.police as Caller, id, { agencyId: POLICE, newDueOn: '2027-01-05' }),
      {
        statusCode: 404,
      },
    )
    await changePartDue(ctx, c.lead as Caller, id, { agencyId: POLICE, newDueOn: '2027-01-06' })
    assert.deepEqual((await reviewQueue(ctx, c.lead as Caller))[0]?.lateAgencyIds, [])
    clock = at('2027-01-04')
    assert.equal(await remindParts(ctx, clock), 0)
    clock = at('2027-01-05')
    assert.equal(await remindParts(ctx, clock), 2, 'the police and the schools, due on the 6th')
  })

  it('tells the reviews leads once of a recommendation past its due date, without its words or the child', async () => {
    clock = at('2027-01-06')
    await writeRecord(ctx, c.lead as Caller, id, {
      facts: 'Facts',
      immediateActions: 'Safety plan',
      learning: 'Learning',
      lcspr: 'not-recommended',
      lcsprReason: 'Learning is in hand',
    })
    const recommend = (description: string, ownerAgencyId: string, dueBy: string) =>
      addRecommendation(ctx, c.lead as Caller, id, { description, ownerAgencyId, dueBy })
    await recommend('Tamsin’s school to train its staff on neglect', SCHOOLS, '2027-01-08')
    await recommend('Health to audit its referrals', HEALTH, '2027-01-08')
    await recommend('Police to review their checks', POLICE, '2027-02-26')
    const actions = (await readIncident(ctx, c.lead as Caller, id)).actions
    clock = at('2027-01-08')
    assert.equal(await alertOverdueRecommendations(ctx, clock), 0, 'due today is not overdue')
    await completeAction(ctx, c.health as Caller, actions[1]?.id as string, { evidence: 'Audited' })
    clock = at('2027-01-11')
    assert.equal(await alertOverdueRecommendations(ctx, clock), 1, 'the schools’, not health’s (done)')
    assert.equal(await alertOverdueRecommendations(ctx, clock), 0, 'once')
    const told = await emails('recommendation-overdue')
    assert.deepEqual(
      told.map((e) => e.recipient),
      ['rae.reviews@leicester-city-council.example'],
      'the reviews leads',
    )
    assert.deepEqual(told[0]?.personalisation, {
      reference,
      overdue: 'Recommendation 1, owned by Leicester schools',
      due_by: '2027-01-08',
      link: `/reviews/${id}#step-recommendations`,
    })
    assert.doesNotMatch(JSON.stringify(told), /Tamsin|Oakworth|train its staff/)
    const [item] = await reviewQueue(ctx, c.lead as Caller)
    assert.equal(item?.overdueRecommendations, 1)
  })
})
