import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as conferences from '../../src/child-protection/workflow/conference.ts'
import type { ChildProtectionContext } from '../../src/child-protection/workflow/context.ts'
import * as feedback from '../../src/child-protection/workflow/recheck.ts'
import * as enquiries from '../../src/child-protection/workflow/section-47.ts'
import { getChildResource } from '../../src/children/index.ts'
import { RECHECK_REASON } from '../../src/children/involvement.ts'
import type { Caller } from '../../src/platform/access/guard.ts'
import { decide } from '../../src/platform/access/policy.ts'
import * as cp from '../support/child-protection.ts'
import type { TestDatabase } from '../support/database.ts'

// Issue 19: involvements end with the case. The meetings and actions of a child protection case
// involve the partners; when the case closes (no further action, no plan, the plan ends) those
// involvements end with the reason and stop opening the child's record, kept as history.

const NOW = new Date('2026-06-01T09:00:00Z')
const { support, strategyChair, chair, police, health } = cp.leicester
const { invitees, conferenceRecord: record } = cp
const LA = 'leicester-city-council'
const POLICE = 'leicestershire-police'
const HEALTH = 'llr-community-health'

const sorted = (rows: string[]) => [...rows].sort()

describe('involvements end with the case', () => {
  let database: TestDatabase
  let ctx: ChildProtectionContext
  let clock = NOW
  before(async () => ({ database, ctx } = await cp.openChildProtection(() => clock)))
  after(() => database.dispose())

  const newChild = (laChildId: string) => cp.insertChild(database, laChildId)
  const discussion = (childId: string, date: string, decision: 's47-joint' | 'nfa') =>
    cp.decidedDiscussion(ctx, childId, {
      date,
      decision,
      actions: [
        {
          ownerAgencyId: HEALTH,
          ownerName: 'Hana Visitor',
          description: 'Health visitor to visit',
          dueBy: date,
        },
      ],
    })
  const current = async (childId: string) =>
    (
      await database.db
        .selectFrom('child_involvement')
        .select(['agency_id', 'kind', 'reason'])
        .where('child_id', '=', childId)
        .where('ended_at', 'is', null)
        .orderBy('agency_id')
        .orderBy('reason')
        .execute()
    )
      .map((row) => `${row.agency_id} ${row.kind}: ${row.reason}`)
      .sort()
  const endedWith = async (childId: string, reason: string) =>
    (
      await database.db
        .selectFrom('child_involvement')
        .select(['agency_id', 'reason'])
        .where('child_id', '=', childId)
        .where('end_reason', '=', reason)
        .orderBy('agency_id')
        .orderBy('reason')
        .execute()
    )
      .map((row) => `${row.agency_id}: ${row.reason}`)
      .sort()
  const opens = async (who: Caller, childId: string) =>
    decide(who.actor, 'child.view', await getChildResource(database.db, childId)).allowed

  it('ends the meetings’ and actions’ involvements when social care closes after the s47, leaving the re-check to answer', async () => {
    clock = NOW
    const childId = await newChild('CL-1')
    await discussion(childId, '2026-06-02', 's47-joint')
    assert.ok(await opens(police, childId), 'invited: the police read the record')
    const s47 = await database.db
      .selectFrom('section47_enquiry')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    await enquiries.concludeSection47(ctx, strategyChair, s47.id, {
      outcome: 'icpc-not-required',
      reasons: 'Injury explained',
    })
    const closed = 'Social care: no further action after the section 47 enquiry'
    assert.deepEqual(
      await endedWith(childId, closed),
      sorted([
        `${HEALTH}: invited to meeting`,
        `${HEALTH}: strategy action owner`,
        `${LA}: invited to meeting`,
        `${POLICE}: invited to meeting`,
      ]),
    )
    assert.deepEqual(
      await current(childId),
      sorted([`${HEALTH} action: ${RECHECK_REASON}`, `${POLICE} action: ${RECHECK_REASON}`]),
    )

    const forHealth = (await feedback.readRechecks(ctx, support, childId)).find((r) => r.agency_id === HEALTH)
    await feedback.answerRecheck(ctx, health, forHealth?.id as string, {
      answer: 'nothing-further',
      notes: '',
    })
    assert.deepEqual(
      await current(childId),
      sorted([`${POLICE} action: ${RECHECK_REASON}`]),
      'answered: health ends',
    )
    assert.equal(await opens(health, childId), false, 'an ended involvement opens nothing')
    assert.ok(await opens(police, childId), 'the police still have their re-check to answer')
  })

  it('keeps the invitations while a plan runs, and ends them all with the plan', async () => {
    clock = NOW
    const childId = await newChild('CL-2')
    await discussion(childId, '2026-06-02', 's47-joint')
    const s47 = await database.db
      .selectFrom('section47_enquiry')
      .select('id')
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    const icpc = await conferences.bookInitial(ctx, support, s47.id, {
      date: '2026-06-22',
      time: '10:00',
      location: 'Room 1',
      invitees,
    })
    const decided = await conferences.recordConference(
      cp.heldOn(ctx, '2026-06-22'),
      chair,
      icpc,
      record({
        decision: {
          cpPlan: true,
          category: 'PHY',
          reasons: 'Continuing risk',
          planSummary: 'Safety plan',
          dissent: [],
          coreGroupAgencyIds: [LA, HEALTH],
          coreGroupFirstMeetingOn: '2026-07-06',
        },
      }),
    )
    const planId = decided.kind === 'decided' ? (decided.planId as string) : ''

    // A new worry during the plan: a strategy discussion decides no further action. The plan's
    // invitations and core group stay.
    clock = new Date('2026-07-01T09:00:00Z')
    await discussion(childId, '2026-07-02', 'nfa')
    assert.deepEqual(await endedWith(childId, 'Strategy discussion decided no further action'), sorted([]))
    assert.ok((await current(childId)).includes(`${POLICE} meeting: invited to meeting`))

    clock = new Date('2026-09-01T09:00:00Z')
    const review = await conferences.bookReview(ctx, support, planId, {
      date: '2026-09-28',
      time: '10:00',
      location: 'Room 2',
      invitees,
      lateReason: cp.lateReason,
    })
    await conferences.recordConference(
      cp.heldOn(ctx, '2026-09-28'),
      chair,
      review,
      record({ review: { outcome: 'end', category: null, reasons: 'Safe', endReason: 'no-longer-at-risk' } }),
    )
    assert.deepEqual(
      await endedWith(childId, 'Child protection plan ended'),
      sorted([
        `${HEALTH}: core group`,
        `${HEALTH}: invited to meeting`,
        `${HEALTH}: strategy action owner`,
        `${LA}: core group`,
        `${LA}: invited to meeting`,
        `${POLICE}: invited to meeting`,
      ]),
    )
    assert.deepEqual(
      await current(childId),
      sorted([`${HEALTH} action: ${RECHECK_REASON}`, `${POLICE} action: ${RECHECK_REASON}`]),
    )
  })

  it('ends the invitations when a strategy discussion decides no further action, keeping the actions', async () => {
    clock = NOW
    const childId = await newChild('CL-3')
    await discussion(childId, '2026-06-02', 'nfa')
    assert.deepEqual(
      await endedWith(childId, 'Strategy discussion decided no further action'),
      sorted([`${HEALTH}: invited to meeting`, `${LA}: invited to meeting`, `${POLICE}: invited to meeting`]),
    )
    assert.deepEqual(await current(childId), sorted([`${HEALTH} action: strategy action owner`]))
    assert.equal(await opens(police, childId), false)
    assert.ok(await opens(health, childId), 'health owns an action')
  })
})
