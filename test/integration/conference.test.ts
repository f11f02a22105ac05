import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as conferences from '../../src/child-protection/workflow/conference.ts'
import * as conferenceRecords from '../../src/child-protection/workflow/conference-record.ts'
import type { ChildProtectionContext } from '../../src/child-protection/workflow/context.ts'
import * as plans from '../../src/child-protection/workflow/plan.ts'
import * as feedback from '../../src/child-protection/workflow/recheck.ts'
import * as enquiries from '../../src/child-protection/workflow/section-47.ts'
import { listChildEvents } from '../../src/platform/events/event.ts'
import type { InvalidInput } from '../../src/platform/http/schemas.ts'
import * as cp from '../support/child-protection.ts'
import type { TestDatabase } from '../support/database.ts'

// Monday 1 June 2026; the strategy discussion is on Tuesday 2 June, so the ICPC is due 23 June.
const NOW = new Date('2026-06-01T09:00:00Z')
const { support, strategyChair, chair, police, health } = cp.leicester
const { invitees, conferenceRecord: record } = cp
let clock = NOW

describe('child protection conferences', () => {
  let database: TestDatabase
  let ctx: ChildProtectionContext
  before(async () => ({ database, ctx } = await cp.openChildProtection(() => clock)))
  after(() => database.dispose())

  async function section47(laChildId: string) {
    const childId = await cp.insertChild(database, laChildId)
    await cp.decidedDiscussion(ctx, childId, { date: '2026-06-02', decision: 's47-joint' })
    const s47 = await database.db
      .selectFrom('section47_enquiry')
      .selectAll()
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    return { childId, s47 }
  }

  it('books the ICPC, reschedules when inquorate, makes a plan, reviews and ends it', async () => {
    const { childId, s47 } = await section47('CP-1')
    assert.equal(s47.icpc_due_by, '2026-06-23')
    const first = await conferences.bookInitial(ctx, support, s47.id, {
      date: '2026-06-22',
      time: '10:00',
      location: 'Room 1',
      invitees,
    })
    await conferences.submitReport(ctx, police, first, 'Police report')
    await conferences.submitReport(ctx, health, first, 'Health report')
    // Only reports read and found fit for the parents go to them.
    await assert.rejects(conferences.shareReportsWithParents(ctx, support, first), { statusCode: 409 })
    for (const agencyId of ['leicestershire-police', 'llr-community-health'])
      await conferenceRecords.reviewReport(ctx, support, first, agencyId, {
        forParents: 'share',
        withheldReason: '',
      })
    await conferences.shareReportsWithParents(ctx, support, first)
    await assert.rejects(conferences.recordConference(ctx, chair, first, record({})), {
      statusCode: 409,
      message: 'The conference has not started yet: its record can be written once it starts',
    })
    await assert.rejects(
      conferences.recordConference(
        cp.heldOn(ctx, '2026-06-22'),
        chair,
        first,
        record({ attendingAgencyIds: ['leicester-city-council'] }),
      ),
      (error: InvalidInput) => error.problems.some((p) => p.field === 'interimPlan'),
    )
    const rescheduled = await conferences.recordConference(
      cp.heldOn(ctx, '2026-06-22'),
      chair,
      first,
      record({
        attendingAgencyIds: ['leicester-city-council', 'llr-community-health'],
        interimPlan: 'Daily visits',
        newDate: '2026-06-29',
      }),
    )
    assert.equal(rescheduled.kind, 'rescheduled')
    const second = rescheduled.kind === 'rescheduled' ? rescheduled.conferenceId : ''
    const copied = await conferences.readConference(ctx, chair, second)
    assert.equal(copied.invitations.filter((i) => i.report).length, 2, 'reports carry over')
    // No two consecutive inquorate: the chair decides with those present.
    const decided = await conferences.recordConference(
      cp.heldOn(ctx, '2026-06-29'),
      chair,
      second,
      record({
        attendingAgencyIds: ['leicester-city-council'],
        decision: {
          cpPlan: true,
          category: 'PHY',
          reasons: 'Continuing risk of significant harm',
          planSummary: 'Safety plan',
          dissent: [{ agencyId: 'leicestershire-police', view: 'Would have preferred NEG' }],
          coreGroupAgencyIds: ['leicester-city-council', 'llr-community-health'],
          coreGroupFirstMeetingOn: '2026-07-13',
        },
      }),
    )
    assert.equal(decided.kind, 'decided')
    const planId = decided.kind === 'decided' ? (decided.planId as string) : ''
    const { plan, coreGroup } = await plans.readPlan(ctx, chair, planId)
    assert.equal(plan.category, 'PHY')
    assert.equal(plan.next_review_due_by, '2026-09-29')
    assert.deepEqual(coreGroup, ['leicester-city-council', 'llr-community-health'])

    clock = new Date('2026-09-01T09:00:00Z')
    const review = await conferences.bookReview(ctx, support, planId, {
      date: '2026-09-28',
      time: '10:00',
      location: 'Room 2',
      invitees,
    })
    await conferences.recordConference(
      cp.heldOn(ctx, '2026-09-28'),
      chair,
      review,
      record({ review: { outcome: 'continue', category: 'MUL', reasons: 'Some progress', endReason: null } }),
    )
    const reviewed = await plans.readPlan(ctx, chair, planId)
    // 28 March 2027 is Easter Sunday: back past Good Friday to Thursday.
    assert.equal(reviewed.plan.next_review_due_by, '2027-03-25')
    assert.equal(reviewed.plan.latest_category, 'MUL')

    clock = new Date('2027-03-01T09:00:00Z')
    const last = await conferences.bookReview(ctx, support, planId, {
      date: '2027-03-22',
      time: '10:00',
      location: 'Room 2',
      invitees,
    })
    await conferences.recordConference(
      cp.heldOn(ctx, '2027-03-22'),
      chair,
      last,
      record({ review: { outcome: 'end', category: null, reasons: 'Safe', endReason: 'no-longer-at-risk' } }),
    )
    const ended = await plans.readPlan(ctx, chair, planId)
    assert.equal(ended.plan.end_date, '2027-03-22')
    assert.equal(ended.plan.end_reason, 'no-longer-at-risk')
    const rechecks = await feedback.readRechecks(ctx, chair, childId)
    assert.deepEqual(
      rechecks.map((r) => r.agency_id),
      ['leicestershire-police', 'llr-community-health'],
    )
    const events = await listChildEvents(database.db, childId)
    for (const event of events)
      assert.doesNotMatch(
        event.summary,
        /\d{4}-\d{2}-\d{2}|\d{2}:\d{2}(?![ap]m)/,
        `${event.type} in people’s words`,
      )
    const types = new Set(events.map((e) => e.type))
    for (const type of [
      'conference.booked',
      'conference.report-submitted',
      'conference.reports-shared',
      'conference.inquorate',
      'conference.decided',
      'cp-plan.started',
      'cp-plan.reviewed',
      'cp-plan.ended',
      'threshold.recheck-requested',
    ])
      assert.ok(types.has(type), type)
  })

  it('asks every partner to re-check its threshold when social care closes after s47', async () => {
    clock = NOW
    const { childId, s47 } = await section47('CP-2')
    await assert.rejects(
      enquiries.concludeSection47(ctx, police, s47.id, { outcome: 'icpc-not-required', reasons: 'x' }),
      { statusCode: 403 },
    )
    await enquiries.concludeSection47(ctx, strategyChair, s47.id, {
      outcome: 'icpc-not-required',
      reasons: 'Injury explained; no continuing risk',
    })
    const rechecks = await feedback.readRechecks(ctx, support, childId)
    assert.deepEqual(
      rechecks.map((r) => r.agency_id),
      ['leicestershire-police', 'llr-community-health'],
    )
    const forHealth = rechecks.find((r) => r.agency_id === 'llr-community-health')?.id as string
    await assert.rejects(
      feedback.answerRecheck(ctx, police, forHealth, { answer: 'nothing-further', notes: '' }),
      { statusCode: 403 },
    )
    await feedback.answerRecheck(ctx, health, forHealth, {
      answer: 'own-offer-applies',
      notes: 'Health visitor',
    })
    await assert.rejects(
      feedback.answerRecheck(ctx, health, forHealth, { answer: 'own-offer-applies', notes: '' }),
      { statusCode: 409 },
    )
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('child_id', '=', childId)
      .execute()
    // Only the agency asked answers for itself: the policy's part.write, decided and audited.
    assert.ok(audit.some((a) => a.action === 'part.write' && a.outcome === 'allowed'))
    assert.ok(audit.some((a) => a.action === 'part.write' && a.outcome === 'denied'))
    assert.ok(audit.some((a) => a.action === 'strategy.chair' && a.outcome === 'denied'))
  })
})
