// Child protection plans: started by an initial conference, continued or ended by a review, and read
// with their conferences and core group.

import { involveAgencies } from '../../children/index.ts'
import { audited, type Caller } from '../../platform/access/guard.ts'
import type { RecordAction } from '../../platform/access/policy.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'
import { govukDate } from '../../platform/http/dates.ts'
import { RequestError } from '../../platform/http/errors.ts'
import {
  CP_CATEGORY_LABELS,
  coreGroupDueBy,
  PLAN_END_REASON_LABELS,
  reviewDueBy,
  reviewProblems,
} from '../rules/conference.ts'
import type { CpCategory, DecisionInput, ReviewInput } from '../schemas.ts'
import * as store from '../store/conference.ts'
import { findCoreGroupRecord } from '../store/core-group.ts'
import { findCaseTrail } from '../store/trail.ts'
import { authorizeForChild } from './access.ts'
import {
  by,
  type ChairStep,
  type ChildProtectionContext,
  check,
  conferencePayload,
  recordChildEvent,
  subjectOf,
} from './context.ts'
import { askPartnersToRecheck } from './recheck.ts'

export async function startPlan(step: ChairStep, input: DecisionInput): Promise<string> {
  const { trx, actor, conference } = step
  const date = conference.meeting_date
  const nextReviewDueBy = reviewDueBy(date, [])
  const planId = await store.insertPlan(trx, {
    childId: conference.child_id,
    laId: conference.la_id,
    category: input.category as CpCategory,
    startDate: date,
    summary: input.planSummary,
    nextReviewDueBy,
    coreGroupFirstMeetingOn: input.coreGroupFirstMeetingOn as IsoDate,
  })
  await store.writeCoreGroup(trx, planId, input.coreGroupAgencyIds, date)
  await involveAgencies(trx, conference.child_id, input.coreGroupAgencyIds, 'meeting', 'core group')
  await recordChildEvent(
    trx,
    actor,
    subjectOf(conference),
    'cp-plan.started',
    `Child protection plan started (${CP_CATEGORY_LABELS[input.category as CpCategory]}); core group meets by ${govukDate(input.coreGroupFirstMeetingOn)}; first review due by ${govukDate(nextReviewDueBy)}`,
    {
      planId,
      category: input.category,
      coreGroupAgencyIds: [...input.coreGroupAgencyIds],
      coreGroupFirstMeetingOn: input.coreGroupFirstMeetingOn,
      coreGroupDueBy: coreGroupDueBy(date),
      nextReviewDueBy,
    },
  )
  return planId
}

export async function decideReview(step: ChairStep, input: ReviewInput): Promise<string | null> {
  const { trx, ctx, actor, conference } = step
  check(reviewProblems(input))
  const planId = conference.plan_id as string
  const plan = await store.lockPlan(trx, planId)
  if (!plan || plan.end_date) throw new RequestError(409, 'This plan has already ended')
  const ends = input.outcome === 'end'
  await store.writeOutcome(trx, conference.id, {
    status: 'decided',
    quorate: step.quorate,
    cpPlan: !ends,
    category: ends ? null : (input.category ?? plan.latest_category),
    reasons: input.reasons,
    interimPlan: null,
    reviewOutcome: input.outcome,
    planId,
    decidedBy: by(actor),
  })
  if (ends) {
    await store.endPlan(
      trx,
      planId,
      conference.meeting_date,
      input.endReason as NonNullable<ReviewInput['endReason']>,
    )
    await recordChildEvent(
      trx,
      actor,
      subjectOf(conference),
      'cp-plan.ended',
      `Child protection plan ended: ${PLAN_END_REASON_LABELS[input.endReason as NonNullable<ReviewInput['endReason']>]}`,
      { ...conferencePayload(conference), planId, endReason: input.endReason },
    )
    await askPartnersToRecheck(trx, ctx, actor, conference, 'plan-ended', planId)
    return planId
  }
  const held = [...(await store.reviewsHeld(trx, planId)), conference.meeting_date]
  const next = reviewDueBy(plan.start_date, held)
  await store.continuePlan(trx, planId, input.category, next)
  await recordChildEvent(
    trx,
    actor,
    subjectOf(conference),
    'cp-plan.reviewed',
    `Plan continues; next review due by ${govukDate(next)}`,
    {
      ...conferencePayload(conference),
      planId,
      category: input.category ?? plan.latest_category,
      nextReviewDueBy: next,
    },
  )
  return planId
}

/** The plan, read by whoever may open the child's record (or, for a step's form, take the step). */
export async function readPlan(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  action: RecordAction = 'child.view',
) {
  return audited(ctx.db, async (trx) => {
    const plan = await store.findPlan(trx, id)
    if (!plan) throw new RequestError(404, 'No such child protection plan')
    const resource = await authorizeForChild(trx, caller, action, plan.child_id, { planId: id })
    const [conferences, coreGroup, booked, trail, coreGroupRecord] = await Promise.all([
      store.conferencesForPlan(trx, id),
      store.coreGroupOf(trx, id),
      store.findBookedConference(trx, { planId: id }),
      findCaseTrail(trx, plan.child_id, { planId: id }),
      findCoreGroupRecord(trx, id),
    ])
    return { plan, conferences, coreGroup, booked, resource, trail, coreGroupRecord }
  })
}
