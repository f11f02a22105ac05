// Child protection conferences' steps, shared by the pages and the API. Each step is one audited
// transaction: the access check, the change, its events on the child's chronology, emails, webhooks.

import type { Kysely, Transaction } from 'kysely'
import { getChildResource } from '../children/index.ts'
import { involveAgencies } from '../children/involvement.ts'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import { audited } from '../platform/access/guard.ts'
import type { ChildResource, RecordAction } from '../platform/access/policy.ts'
import { inquorateRescheduleBy } from '../platform/calendar/clocks.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { enqueueWebhook } from '../platform/webhooks/store.ts'
import { authorizeForChild, authorizeMeeting, type Caller, meetingResource } from '../strategy/access.ts'
import { agencyName } from '../strategy/agencies.ts'
import { findDiscussionFile } from '../strategy/store.ts'
import {
  check,
  checkInvitees,
  discussionMeeting,
  type InviteeRequest,
  queueMeetingEmails,
} from '../strategy/workflow.ts'
import {
  type BookingInput,
  bookingProblems,
  CLOSURE_KIND_LABELS,
  type ClosureKind,
  CONFERENCE_KIND_LABELS,
  type ConferenceKind,
  CP_CATEGORY_LABELS,
  type CpCategory,
  conferenceQuoracy,
  coreGroupDueBy,
  type DecisionInput,
  decisionProblems,
  describeQuoracy,
  invitedQuoracyProblem,
  mustReschedule,
  PLAN_END_REASON_LABELS,
  partnersToRecheck,
  RECHECK_ANSWER_LABELS,
  type RecheckAnswer,
  type ReviewInput,
  reportsToParentsDueBy,
  rescheduleProblems,
  reviewDueBy,
  reviewProblems,
} from './rules.ts'
import * as store from './store.ts'

export interface ConferenceContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

export const RECHECK_REQUESTED = 'threshold.recheck-requested'

const today = (ctx: ConferenceContext) => toIsoDate(ctx.now())

async function event(
  trx: Transaction<DB>,
  actor: Actor,
  subject: { childId: string; laId: string },
  type: string,
  summary: string,
  payload: Record<string, unknown>,
) {
  return recordEvent(trx, {
    type,
    childId: subject.childId,
    laId: subject.laId,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary,
    payload,
  })
}

const subjectOf = (row: { child_id: string; la_id: string }) => ({ childId: row.child_id, laId: row.la_id })

const conferencePayload = (c: store.ConferenceRow) => ({
  conferenceId: c.id,
  reference: store.conferenceReference(c.number),
  kind: c.kind,
})

// ---------------------------------------------------------------------------
// The section 47 enquiry's outcome

export interface Section47Conclusion {
  outcome: 'icpc' | 'icpc-not-required'
  reasons: string
}

/** Social care concludes the enquiry; with no conference needed, every partner re-checks its threshold. */
export async function concludeSection47(
  ctx: ConferenceContext,
  caller: Caller,
  id: string,
  input: Section47Conclusion,
) {
  if (!input.reasons.trim()) check([{ field: 'reasons', text: 'Enter the outcome of the enquiry' }])
  return audited(ctx.db, async (trx) => {
    const s47 = await store.lockSection47(trx, id)
    if (!s47) throw new RequestError(404, 'No such section 47 enquiry')
    await authorizeForChild(trx, caller, 'strategy.chair', s47.child_id, { section47Id: id })
    if (s47.outcome) throw new RequestError(409, 'This enquiry has already been concluded')
    await store.writeSection47Outcome(trx, id, input.outcome, input.reasons, today(ctx), caller.actor.id)
    const noConference = input.outcome === 'icpc-not-required'
    await event(
      trx,
      caller.actor,
      subjectOf(s47),
      'section47.concluded',
      noConference
        ? 'Section 47 enquiry concluded: no conference needed'
        : 'Section 47 enquiry concluded: initial conference needed',
      { section47Id: id, outcome: input.outcome },
    )
    if (noConference) await askPartnersToRecheck(trx, ctx, caller.actor, s47, 'nfa-after-s47', id)
  })
}

// ---------------------------------------------------------------------------
// Booking

export interface BookingRequest extends BookingInput {
  invitees: readonly InviteeRequest[]
}

function inviteesOf(partnership: PartnershipConfig, laId: string, request: BookingRequest) {
  const { invitees, problems } = checkInvitees(partnership, laId, request.invitees)
  const attendees = invitees.map((i) => ({
    agencyId: i.agencyId,
    kind: i.agencyKind,
    directInvolvement: true,
  }))
  const quoracy = invitedQuoracyProblem(attendees)
  if (quoracy) problems.push(quoracy)
  return { invitees, problems }
}

/** Business support books the ICPC for an enquiry that needs one. */
export async function bookInitial(
  ctx: ConferenceContext,
  caller: Caller,
  section47Id: string,
  request: BookingRequest,
) {
  return audited(ctx.db, async (trx) => {
    const s47 = await store.lockSection47(trx, section47Id)
    if (!s47) throw new RequestError(404, 'No such section 47 enquiry')
    await authorizeForChild(trx, caller, 'conference.schedule', s47.child_id, { section47Id })
    if (s47.outcome === 'icpc-not-required')
      throw new RequestError(409, 'The enquiry concluded that no conference is needed')
    if (await store.findBookedConference(trx, { section47Id }))
      throw new RequestError(409, 'An initial conference is already booked for this enquiry')
    const id = await book(trx, ctx, caller.actor, request, {
      ...subjectOf(s47),
      kind: 'initial',
      section47Id,
      planId: null,
      dueBy: s47.icpc_due_by,
    })
    if (!s47.outcome)
      await store.writeSection47Outcome(trx, section47Id, 'icpc', null, today(ctx), caller.actor.id)
    return id
  })
}

/** Business support books the plan's next review conference. */
export async function bookReview(
  ctx: ConferenceContext,
  caller: Caller,
  planId: string,
  request: BookingRequest,
) {
  return audited(ctx.db, async (trx) => {
    const plan = await store.lockPlan(trx, planId)
    if (!plan) throw new RequestError(404, 'No such child protection plan')
    await authorizeForChild(trx, caller, 'conference.schedule', plan.child_id, { planId })
    if (plan.end_date || !plan.next_review_due_by) throw new RequestError(409, 'This plan has ended')
    if (await store.findBookedConference(trx, { planId }))
      throw new RequestError(409, 'A review conference is already booked for this plan')
    return book(trx, ctx, caller.actor, request, {
      ...subjectOf(plan),
      kind: 'review',
      section47Id: null,
      planId,
      dueBy: plan.next_review_due_by,
    })
  })
}

interface BookingFor {
  childId: string
  laId: string
  kind: ConferenceKind
  section47Id: string | null
  planId: string | null
  dueBy: IsoDate
}

async function book(
  trx: Transaction<DB>,
  ctx: ConferenceContext,
  actor: Actor,
  request: BookingRequest,
  target: BookingFor,
): Promise<string> {
  const { invitees, problems } = inviteesOf(ctx.partnership, target.laId, request)
  check([...bookingProblems(request, today(ctx)), ...problems])
  const conference = await store.insertConference(trx, {
    ...target,
    replacesId: null,
    date: request.date,
    time: request.time,
    location: request.location,
    reportsToParentsBy: reportsToParentsDueBy(request.date, target.kind),
    bookedBy: actor.id,
  })
  await store.insertInvitations(trx, conference.id, invitees)
  await involveAgencies(
    trx,
    target.childId,
    invitees.map((i) => i.agencyId),
    'meeting',
    'invited to meeting',
  )
  await inviteByEmail(trx, conference, invitees)
  await event(
    trx,
    actor,
    target,
    'conference.booked',
    `${CONFERENCE_KIND_LABELS[target.kind]} booked for ${request.date} at ${request.time} (due by ${target.dueBy})`,
    {
      ...conferencePayload(conference),
      date: request.date,
      dueBy: target.dueBy,
      reportsToParentsBy: conference.reports_to_parents_by,
      invitedAgencyIds: invitees.map((i) => i.agencyId),
    },
  )
  return conference.id
}

async function inviteByEmail(
  trx: Transaction<DB>,
  conference: store.ConferenceRow,
  invitees: readonly { email: string }[],
) {
  await queueMeetingEmails(
    trx,
    invitees.map((i) => i.email),
    {
      templateId: 'conference-invitation',
      reference: store.conferenceReference(conference.number),
      fields: {
        date: conference.meeting_date,
        time: conference.meeting_time,
        location: conference.location,
        report_by: conference.reports_to_parents_by,
        report_link: `/conferences/${conference.id}/report`,
      },
    },
  )
}

// ---------------------------------------------------------------------------
// Reports

interface Step {
  conference: store.ConferenceRow
}

async function openStep(
  trx: Transaction<DB>,
  caller: Caller,
  id: string,
  action: RecordAction,
  mustBeBooked = true,
): Promise<Step> {
  const conference = await store.lockConference(trx, id)
  if (!conference) throw new RequestError(404, 'No such conference')
  await authorizeForChild(trx, caller, action, conference.child_id, { conferenceId: id })
  if (mustBeBooked && conference.status !== 'booked')
    throw new RequestError(409, `This conference is ${conference.status}: it can no longer be changed`)
  return { conference }
}

/** Each invited agency sends a written report, even if it cannot attend. */
export async function submitReport(ctx: ConferenceContext, caller: Caller, id: string, report: string) {
  if (!report.trim()) check([{ field: 'report', text: 'Enter your agency’s report for the conference' }])
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'strategy.contribute')
    const { actor } = caller
    if (!(await store.writeReport(trx, id, actor.agencyId, report)))
      throw new RequestError(403, 'Your agency has not been invited to this conference')
    const agency = agencyName(ctx.partnership, actor.agencyId)
    await event(
      trx,
      actor,
      subjectOf(conference),
      'conference.report-submitted',
      `${agency} sent its report`,
      {
        ...conferencePayload(conference),
        agencyId: actor.agencyId,
      },
    )
  })
}

/** Business support records that the reports went to the parents (due 3 working days before an ICPC). */
export async function shareReportsWithParents(ctx: ConferenceContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'conference.schedule')
    const shared = await store.markReportsShared(trx, id)
    if (shared.length === 0) throw new RequestError(409, 'There are no new reports to share')
    const onTime = today(ctx) <= conference.reports_to_parents_by
    await event(
      trx,
      caller.actor,
      subjectOf(conference),
      'conference.reports-shared',
      `${shared.length} reports shared with the parents${onTime ? '' : ' (late)'}`,
      { ...conferencePayload(conference), agencyIds: shared, onTime },
    )
  })
}

// ---------------------------------------------------------------------------
// The conference: attendance, quoracy and the decision

export interface ConferenceRecord {
  attendingAgencyIds: readonly string[]
  /** Only when inquorate. */
  interimPlan: string
  newDate: IsoDate
  /** An initial conference's decision. */
  decision: DecisionInput
  /** A review conference's decision. */
  review: ReviewInput
}

export type RecordedAs =
  | { kind: 'rescheduled'; conferenceId: string }
  | { kind: 'decided'; planId: string | null }

export async function recordConference(
  ctx: ConferenceContext,
  caller: Caller,
  id: string,
  input: ConferenceRecord,
): Promise<RecordedAs> {
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'conference.chair')
    const file = await store.findConferenceFile(trx, id)
    const invited = file?.invitations ?? []
    const attending = invited.filter((i) => input.attendingAgencyIds.includes(i.agency_id))
    const quoracy = conferenceQuoracy(
      attending.map((i) => ({
        agencyId: i.agency_id,
        kind: i.agency_kind,
        directInvolvement: i.direct_involvement,
      })),
    )
    const attendingIds = attending.map((i) => i.agency_id)
    await store.writeAttendance(trx, id, attendingIds)
    const step: ChairStep = {
      trx,
      ctx,
      actor: caller.actor,
      conference,
      attendingIds,
      quorate: quoracy.quorate,
    }
    if (mustReschedule(quoracy, conference.replaces_id !== null)) {
      const next = await reschedule(step, input, describeQuoracy(quoracy))
      return { kind: 'rescheduled', conferenceId: next }
    }
    const planId =
      conference.kind === 'initial'
        ? await decideInitial(step, input.decision)
        : await decideReview(step, input.review)
    return { kind: 'decided', planId }
  })
}

interface ChairStep {
  trx: Transaction<DB>
  ctx: ConferenceContext
  actor: Actor
  conference: store.ConferenceRow
  attendingIds: string[]
  quorate: boolean
}

const decidedBy = (actor: Actor) => ({ id: actor.id, name: actor.displayName })

async function reschedule(step: ChairStep, input: ConferenceRecord, quoracy: string): Promise<string> {
  const { trx, actor, conference } = step
  check(rescheduleProblems(conference.meeting_date, input.newDate, input.interimPlan))
  await store.writeOutcome(trx, conference.id, {
    status: 'inquorate',
    quorate: false,
    cpPlan: null,
    category: null,
    reasons: quoracy,
    interimPlan: input.interimPlan,
    reviewOutcome: null,
    planId: null,
    decidedBy: decidedBy(actor),
  })
  const next = await store.insertConference(trx, {
    childId: conference.child_id,
    laId: conference.la_id,
    kind: conference.kind,
    section47Id: conference.section47_id,
    planId: conference.plan_id,
    replacesId: conference.id,
    dueBy: inquorateRescheduleBy(conference.meeting_date),
    date: input.newDate,
    time: conference.meeting_time,
    location: conference.location,
    reportsToParentsBy: reportsToParentsDueBy(input.newDate, conference.kind),
    bookedBy: actor.id,
  })
  await store.copyInvitations(trx, conference.id, next.id)
  const invitees = await trx
    .selectFrom('conference_invitation')
    .select('invitee_email as email')
    .where('conference_id', '=', next.id)
    .execute()
  await inviteByEmail(trx, next, invitees)
  await event(
    trx,
    actor,
    subjectOf(conference),
    'conference.inquorate',
    `Conference inquorate (${quoracy}); interim plan agreed and rebooked for ${input.newDate}`,
    { ...conferencePayload(conference), newConferenceId: next.id, newDate: input.newDate },
  )
  return next.id
}

async function decideInitial(step: ChairStep, input: DecisionInput): Promise<string | null> {
  const { trx, ctx, actor, conference } = step
  const date = conference.meeting_date
  check(decisionProblems(input, date))
  const planId = input.cpPlan ? await startPlan(step, input) : null
  await store.writeOutcome(trx, conference.id, {
    status: 'decided',
    quorate: step.quorate,
    cpPlan: input.cpPlan,
    category: input.cpPlan ? input.category : null,
    reasons: input.reasons,
    interimPlan: null,
    reviewOutcome: null,
    planId,
    decidedBy: decidedBy(actor),
  })
  await store.writeDissent(trx, conference.id, input.dissent)
  await event(
    trx,
    actor,
    subjectOf(conference),
    'conference.decided',
    input.cpPlan
      ? `Child protection plan: ${CP_CATEGORY_LABELS[input.category as CpCategory]}${input.dissent.length ? ' (dissent recorded)' : ''}`
      : 'No child protection plan',
    {
      ...conferencePayload(conference),
      cpPlan: input.cpPlan,
      category: input.category,
      quorate: step.quorate,
      attendingAgencyIds: step.attendingIds,
      dissentingAgencyIds: input.dissent.map((d) => d.agencyId),
    },
  )
  if (!input.cpPlan) await askPartnersToRecheck(trx, ctx, actor, conference, 'no-cp-plan', conference.id)
  return planId
}

async function startPlan(step: ChairStep, input: DecisionInput): Promise<string> {
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
  await event(
    trx,
    actor,
    subjectOf(conference),
    'cp-plan.started',
    `Child protection plan started (${input.category}); core group meets by ${input.coreGroupFirstMeetingOn}; first review due by ${nextReviewDueBy}`,
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

async function decideReview(step: ChairStep, input: ReviewInput): Promise<string | null> {
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
    decidedBy: decidedBy(actor),
  })
  if (ends) {
    await store.endPlan(
      trx,
      planId,
      conference.meeting_date,
      input.endReason as NonNullable<ReviewInput['endReason']>,
    )
    await event(
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
  await event(
    trx,
    actor,
    subjectOf(conference),
    'cp-plan.reviewed',
    `Plan continues; next review due by ${next}`,
    {
      ...conferencePayload(conference),
      planId,
      category: input.category ?? plan.latest_category,
      nextReviewDueBy: next,
    },
  )
  return planId
}

// ---------------------------------------------------------------------------
// The feedback loop (model 2): one agency closes its part, every other involved partner re-checks

async function askPartnersToRecheck(
  trx: Transaction<DB>,
  ctx: ConferenceContext,
  actor: Actor,
  subject: { child_id: string; la_id: string },
  closureKind: ClosureKind,
  sourceId: string,
) {
  const closing = ctx.partnership.agencies.find((a) => a.kind === 'local-authority' && a.la === subject.la_id)
  const closingAgencyId = closing?.id ?? actor.agencyId
  const agencyIds = partnersToRecheck(await store.involvedAgencies(trx, subject.child_id), closingAgencyId)
  await store.insertRechecks(trx, {
    ...subjectOf(subject),
    closingAgencyId,
    closureKind,
    sourceId,
    agencyIds,
  })
  const asked = await event(
    trx,
    actor,
    subjectOf(subject),
    RECHECK_REQUESTED,
    `${CLOSURE_KIND_LABELS[closureKind]}: ${agencyIds.length} partners asked to re-check their own threshold`,
    { closureKind, sourceId, closingAgencyId, agencyIds },
  )
  await enqueueWebhook(trx, {
    eventId: asked.id,
    type: RECHECK_REQUESTED,
    occurredAt: asked.occurredAt,
    agencyIds,
    data: { childId: subject.child_id, closureKind, closingAgencyId, sourceId },
  })
}

export interface RecheckAnswerInput {
  answer: RecheckAnswer | null
  notes: string
}

export async function answerRecheck(
  ctx: ConferenceContext,
  caller: Caller,
  id: string,
  input: RecheckAnswerInput,
) {
  if (!input.answer) check([{ field: 'answer', text: 'Select your agency’s answer' }])
  return audited(ctx.db, async (trx) => {
    const recheck = await store.lockRecheck(trx, id)
    if (!recheck) throw new RequestError(404, 'No such request')
    await authorizeForChild(trx, caller, 'event.acknowledge', recheck.child_id, { recheckId: id })
    const { actor } = caller
    if (recheck.agency_id !== actor.agencyId)
      throw new RequestError(403, 'Only the agency asked can answer for itself')
    if (recheck.answer) throw new RequestError(409, 'Your agency has already answered')
    const answer = input.answer as RecheckAnswer
    await store.writeRecheckAnswer(trx, id, answer, input.notes, actor.id)
    const agency = agencyName(ctx.partnership, actor.agencyId)
    await event(
      trx,
      actor,
      subjectOf(recheck),
      'threshold.recheck-answered',
      `${agency}: ${RECHECK_ANSWER_LABELS[answer]}`,
      {
        recheckId: id,
        agencyId: actor.agencyId,
        answer,
        sourceId: recheck.source_id,
      },
    )
  })
}

// ---------------------------------------------------------------------------
// Reading

/** A conference as the policy sees it: the agencies invited and attending, who booked and chaired it. */
export function conferenceMeeting(child: ChildResource, file: store.ConferenceFile) {
  const c = file.conference
  return meetingResource(child, {
    id: c.id,
    laId: c.la_id,
    invitations: file.invitations,
    named: [c.booked_by, c.decided_by],
  })
}

export async function readConference(ctx: ConferenceContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const file = await store.findConferenceFile(trx, id)
    if (!file) throw new RequestError(404, 'No such conference')
    const resource = await getChildResource(trx, file.conference.child_id)
    authorizeMeeting(trx, caller, conferenceMeeting(resource, file), { conferenceId: id })
    return { ...file, resource }
  })
}

export async function readPlan(ctx: ConferenceContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const plan = await store.findPlan(trx, id)
    if (!plan) throw new RequestError(404, 'No such child protection plan')
    const resource = await authorizeForChild(trx, caller, 'child.view', plan.child_id, { planId: id })
    const [conferences, coreGroup, booked] = await Promise.all([
      store.conferencesForPlan(trx, id),
      store.coreGroupOf(trx, id),
      store.findBookedConference(trx, { planId: id }),
    ])
    return { plan, conferences, coreGroup, booked, resource }
  })
}

export async function readSection47(ctx: ConferenceContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const s47 = await trx.selectFrom('section47_enquiry').selectAll().where('id', '=', id).executeTakeFirst()
    const discussion = s47 && (await findDiscussionFile(trx, s47.strategy_discussion_id))
    if (!s47 || !discussion) throw new RequestError(404, 'No such section 47 enquiry')
    // The enquiry opens to whoever may read the strategy discussion that started it.
    const resource = await getChildResource(trx, s47.child_id)
    authorizeMeeting(trx, caller, discussionMeeting(resource, discussion), { section47Id: id })
    const booked = await store.findBookedConference(trx, { section47Id: id })
    return { s47, booked, resource }
  })
}

export async function readRechecks(ctx: ConferenceContext, caller: Caller, childId: string) {
  return audited(ctx.db, async (trx) => {
    await authorizeForChild(trx, caller, 'child.view', childId, { rechecks: true })
    return store.listRechecksForChild(trx, childId)
  })
}
