// Child protection conferences' steps, shared by the pages and the API. Each step is one audited
// transaction: the access check, the change, its events on the child's chronology, emails, webhooks.

import type { Transaction } from 'kysely'
import { getChildResource, involveAgencies } from '../../children/index.ts'
import type { DB } from '../../database.ts'
import {
  agencyName,
  attendingOf,
  authorizeMeeting,
  checkInvitees,
  inviteeFormField,
  isBookedLate,
  lateBookingProblem,
  notStartedProblem,
  queueMeetingEmails,
} from '../../meetings/index.ts'
import type { PartnershipConfig } from '../../partnership/config.ts'
import type { Actor } from '../../platform/access/actor.ts'
import { audited, type Caller } from '../../platform/access/guard.ts'
import type { ChildResource, RecordAction } from '../../platform/access/policy.ts'
import { inquorateRescheduleBy } from '../../platform/calendar/clocks.ts'
import type { IsoDate } from '../../platform/calendar/working-days.ts'
import { govukDate, govukDateAndTime } from '../../platform/http/dates.ts'
import { RequestError } from '../../platform/http/errors.ts'
import { chooseChair } from '../rules/chair.ts'
import {
  bookingProblems,
  CONFERENCE_KIND_LABELS,
  CP_CATEGORY_LABELS,
  conferenceQuoracy,
  decisionProblems,
  describeQuoracy,
  invitedQuoracyProblem,
  mustReschedule,
  reportsToParentsDueBy,
  rescheduleProblems,
} from '../rules/conference.ts'
import {
  type BookingRequest,
  bookingCheck,
  type ConferenceKind,
  type ConferenceRecord,
  type CpCategory,
  conferenceRecordCheck,
  conferenceReportCheck,
  type DecisionInput,
} from '../schemas.ts'
import * as store from '../store/conference.ts'
import { copyParticipants } from '../store/conference-record.ts'
import { findCaseTrail } from '../store/trail.ts'
import { authorizeForChild, authorizeOwnPart, chairsFor, conferenceMeeting } from './access.ts'
import {
  by,
  type ChairStep,
  type ChildProtectionContext,
  check,
  checkInput,
  conferencePayload,
  recordChildEvent,
  subjectOf,
  today,
} from './context.ts'
import { decideReview, startPlan } from './plan.ts'
import { askPartnersToRecheck } from './recheck.ts'

// ---------------------------------------------------------------------------
// Booking

function inviteesOf(partnership: PartnershipConfig, laId: string, request: BookingRequest) {
  const { invitees, problems } = checkInvitees(partnership, laId, request.invitees ?? [])
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
  ctx: ChildProtectionContext,
  caller: Caller,
  section47Id: string,
  request: BookingRequest,
  options: BookingOptions = {},
) {
  return audited(ctx.db, async (trx) => {
    const s47 = await store.lockSection47(trx, section47Id)
    if (!s47) throw new RequestError(404, 'No such section 47 enquiry')
    const child = await authorizeForChild(trx, caller, 'conference.schedule', s47.child_id, { section47Id })
    if (s47.outcome === 'icpc-not-required')
      throw new RequestError(409, 'The enquiry concluded that no conference is needed')
    if (await store.findBookedConference(trx, { section47Id }))
      throw new RequestError(409, 'An initial conference is already booked for this enquiry')
    const id = await book(trx, ctx, caller.actor, request, options, {
      child,
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
  ctx: ChildProtectionContext,
  caller: Caller,
  planId: string,
  request: BookingRequest,
  options: BookingOptions = {},
) {
  return audited(ctx.db, async (trx) => {
    const plan = await store.lockPlan(trx, planId)
    if (!plan) throw new RequestError(404, 'No such child protection plan')
    const child = await authorizeForChild(trx, caller, 'conference.schedule', plan.child_id, { planId })
    if (plan.end_date || !plan.next_review_due_by) throw new RequestError(409, 'This plan has ended')
    if (await store.findBookedConference(trx, { planId }))
      throw new RequestError(409, 'A review conference is already booked for this plan')
    return book(trx, ctx, caller.actor, request, options, {
      child,
      ...subjectOf(plan),
      kind: 'review',
      section47Id: null,
      planId,
      dueBy: plan.next_review_due_by,
    })
  })
}

/** The booking form asks for a chair whenever anyone may chair (`chairRequired`). */
interface BookingOptions {
  chairRequired?: boolean
}

interface BookingFor {
  child: ChildResource
  childId: string
  laId: string
  kind: ConferenceKind
  section47Id: string | null
  planId: string | null
  dueBy: IsoDate
}

async function book(
  trx: Transaction<DB>,
  ctx: ChildProtectionContext,
  actor: Actor,
  request: BookingRequest,
  { chairRequired = false }: BookingOptions,
  { child, ...target }: BookingFor,
): Promise<string> {
  const { invitees, problems } = inviteesOf(ctx.partnership, target.laId, request)
  const { chair, problem: chairProblem } = chooseChair(
    request.chairUserId,
    await chairsFor(trx, ctx.partnership, 'conference.chair', child),
    { meeting: 'conference', required: chairRequired },
  )
  checkInput(
    bookingCheck,
    request,
    [
      ...bookingProblems(request, today(ctx)),
      ...[lateBookingProblem(request.date, target.dueBy, request.lateReason)].filter((p) => p !== null),
      ...problems,
      ...[chairProblem].filter((p) => p !== null),
    ],
    inviteeFormField(request.invitees),
  )
  const lateReason = isBookedLate(request.date, target.dueBy) ? (request.lateReason?.trim() ?? null) : null
  const conference = await store.insertConference(trx, {
    ...target,
    replacesId: null,
    date: request.date,
    time: request.time,
    location: request.location,
    reportsToParentsBy: reportsToParentsDueBy(request.date, target.kind),
    bookedBy: actor.id,
    lateReason,
    chair,
  })
  await store.insertInvitations(trx, conference.id, invitees)
  await involveAgencies(
    trx,
    target.childId,
    invitees.map((i) => i.agencyId),
    'meeting',
    'invited to meeting',
  )
  await inviteByEmail(
    trx,
    conference,
    invitees.map((i) => i.email),
  )
  await recordChildEvent(
    trx,
    actor,
    target,
    'conference.booked',
    `${CONFERENCE_KIND_LABELS[target.kind]} booked for ${govukDateAndTime(request.date, request.time)} (due by ${govukDate(target.dueBy)})`,
    {
      ...conferencePayload(conference),
      date: request.date,
      dueBy: target.dueBy,
      reportsToParentsBy: conference.reports_to_parents_by,
      invitedAgencyIds: invitees.map((i) => i.agencyId),
      ...(lateReason ? { lateReason } : {}),
      ...(chair ? { chairUserId: chair.id } : {}),
    },
  )
  return conference.id
}

async function inviteByEmail(
  trx: Transaction<DB>,
  conference: store.ConferenceRow,
  emails: readonly string[],
) {
  await queueMeetingEmails(trx, emails, {
    templateId: 'conference-invitation',
    reference: store.conferenceReference(conference.number),
    fields: {
      date: conference.meeting_date,
      time: conference.meeting_time,
      location: conference.location,
      report_by: conference.reports_to_parents_by,
      report_link: `/conferences/${conference.id}/report`,
    },
  })
}

// ---------------------------------------------------------------------------
// Reports

interface Step {
  conference: store.ConferenceRow
  child: ChildResource
}

export async function openStep(
  trx: Transaction<DB>,
  caller: Caller,
  id: string,
  action: RecordAction,
  mustBeBooked = true,
): Promise<Step> {
  const conference = await store.lockConference(trx, id)
  if (!conference) throw new RequestError(404, 'No such conference')
  const child = await authorizeForChild(trx, caller, action, conference.child_id, { conferenceId: id })
  if (mustBeBooked && conference.status !== 'booked')
    throw new RequestError(409, `This conference is ${conference.status}: it can no longer be changed`)
  return { conference, child }
}

/** Each invited agency sends a written report, even if it cannot attend. */
export async function submitReport(ctx: ChildProtectionContext, caller: Caller, id: string, report: string) {
  checkInput(conferenceReportCheck, { report })
  return audited(ctx.db, async (trx) => {
    const { conference, child } = await openStep(trx, caller, id, 'strategy.contribute')
    const { actor } = caller
    const invited = await store.invitationsOf(trx, id)
    authorizeOwnPart(
      trx,
      caller,
      {
        of: { action: 'strategy.contribute', resource: child },
        for: 'conference',
        askedAgencyIds: invited.map((i) => i.agency_id),
      },
      { conferenceId: id },
    )
    await store.writeReport(trx, id, actor.agencyId, report)
    const agency = agencyName(ctx.partnership, actor.agencyId)
    await recordChildEvent(
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
export async function shareReportsWithParents(ctx: ChildProtectionContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'conference.schedule')
    const shared = await store.markReportsShared(trx, id)
    if (shared.length === 0) throw new RequestError(409, 'There are no new reports to share')
    const onTime = today(ctx) <= conference.reports_to_parents_by
    await recordChildEvent(
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

export type RecordedAs =
  | { kind: 'rescheduled'; conferenceId: string }
  | { kind: 'decided'; planId: string | null }

export async function recordConference(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  input: ConferenceRecord,
): Promise<RecordedAs> {
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'conference.chair')
    const notStarted = notStartedProblem(
      { date: conference.meeting_date, time: conference.meeting_time },
      ctx.now(),
      'The conference',
    )
    if (notStarted) throw new RequestError(409, notStarted)
    // A blank new date is none: only an inquorate conference needs one.
    checkInput(conferenceRecordCheck, { ...input, newDate: input.newDate || undefined })
    const file = await store.findConferenceFile(trx, id)
    const invited = file?.invitations ?? []
    const attending = attendingOf(invited, input.attendingAgencyIds)
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

async function reschedule(step: ChairStep, input: ConferenceRecord, quoracy: string): Promise<string> {
  const { trx, actor, conference } = step
  const newDate = input.newDate ?? ''
  check(rescheduleProblems(conference.meeting_date, newDate, input.interimPlan))
  await store.writeOutcome(trx, conference.id, {
    status: 'inquorate',
    quorate: false,
    cpPlan: null,
    category: null,
    reasons: quoracy,
    interimPlan: input.interimPlan,
    reviewOutcome: null,
    planId: null,
    decidedBy: by(actor),
  })
  const next = await store.insertConference(trx, {
    childId: conference.child_id,
    laId: conference.la_id,
    kind: conference.kind,
    section47Id: conference.section47_id,
    planId: conference.plan_id,
    replacesId: conference.id,
    dueBy: inquorateRescheduleBy(conference.meeting_date),
    date: newDate,
    time: conference.meeting_time,
    location: conference.location,
    reportsToParentsBy: reportsToParentsDueBy(newDate, conference.kind),
    bookedBy: actor.id,
    lateReason: null,
    chair: conference.chair_user_id
      ? { id: conference.chair_user_id, name: conference.chair_name ?? '' }
      : null,
  })
  await store.copyInvitations(trx, conference.id, next.id)
  await copyParticipants(trx, conference.id, next.id)
  const invitations = await store.invitationsOf(trx, next.id)
  await inviteByEmail(
    trx,
    next,
    invitations.map((i) => i.invitee_email),
  )
  await recordChildEvent(
    trx,
    actor,
    subjectOf(conference),
    'conference.inquorate',
    `Conference inquorate (${quoracy}); interim plan agreed and rebooked for ${govukDate(newDate)}`,
    { ...conferencePayload(conference), newConferenceId: next.id, newDate },
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
    decidedBy: by(actor),
  })
  await store.writeDissent(trx, conference.id, input.dissent)
  await recordChildEvent(
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

// ---------------------------------------------------------------------------
// Reading

/** The conference as the caller may read it; for a step's form, the step must be theirs too. */
export async function readConference(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  step?: RecordAction,
) {
  return audited(ctx.db, async (trx) => {
    const file = await store.findConferenceFile(trx, id)
    if (!file) throw new RequestError(404, 'No such conference')
    const resource = await getChildResource(trx, file.conference.child_id)
    authorizeMeeting(trx, caller, conferenceMeeting(resource, file), { conferenceId: id })
    if (step) await authorizeForChild(trx, caller, step, resource.childId, { conferenceId: id })
    const { section47_id, plan_id } = file.conference
    const trail = await findCaseTrail(trx, resource.childId, { section47Id: section47_id, planId: plan_id })
    return { ...file, resource, trail }
  })
}
