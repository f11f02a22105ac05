// A strategy discussion's steps, shared by the pages and the API. Each step is one transaction: the
// access check, the change, its event on the child's chronology, and any email or webhook it sends.

import type { Transaction } from 'kysely'
import { actionFormField } from '../../actions/index.ts'
import {
  endInvitationsAfterNoFurtherAction,
  getChildResource,
  involveAgencies,
} from '../../children/index.ts'
import type { DB } from '../../database.ts'
import {
  agencyName,
  agencyOf,
  authorizeMeeting,
  type CalendarInvitation,
  calendarAttachment,
  checkInvitees,
  type InvitationReply,
  invitationReplyCheck,
  inviteeFormField,
  isBookedLate,
  lateBookingProblem,
  notStartedProblem,
  partsFor,
  queueMeetingEmails,
  serviceLink,
} from '../../meetings/index.ts'
import { getLa } from '../../partnership/config.ts'
import type { Actor, AgencyKind } from '../../platform/access/actor.ts'
import { audited, authorize, type Caller } from '../../platform/access/guard.ts'
import { type ChildResource, partOpensTo, type RecordAction } from '../../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../../platform/calendar/working-days.ts'
import { recordEvent } from '../../platform/events/event.ts'
import { govukDate, govukDateAndTime } from '../../platform/http/dates.ts'
import { RequestError } from '../../platform/http/errors.ts'
import { isUuid } from '../../platform/http/schemas.ts'
import { enqueueWebhook } from '../../platform/webhooks/store.ts'
import { chooseChair } from '../rules/chair.ts'
import { recordDocument } from '../rules/record-document.ts'
import {
  applyStrategyStep,
  attendeeFormField,
  contributionProblems,
  icpcDueAfter,
  mayContribute,
  recordCirculationDueBy,
  recordProblems,
  STRATEGY_DECISION_LABELS,
  StepRefused,
  type StrategyStep,
  scheduleProblems,
  strategyDiscussionDueBy,
  strategyInviteesProblem,
} from '../rules/strategy-discussion.ts'
import {
  type ContributionInput,
  childWordsOf,
  contributionCheck,
  type DirectRequest,
  directRequestCheck,
  type ScheduleRequest,
  type StrategyRecord,
  scheduleCheck,
  strategyRecordCheck,
} from '../schemas.ts'
import * as store from '../store/strategy-discussion.ts'
import { findCaseTrail } from '../store/trail.ts'
import { authorizeForChild, authorizeOwnPart, chairsFor, discussionMeeting } from './access.ts'
import { by, type ChildProtectionContext, check, checkInput } from './context.ts'
import { openSection47 } from './section-47.ts'

export const RECORD_CIRCULATED = 'strategy.record-circulated'

interface Step {
  trx: Transaction<DB>
  discussion: store.DiscussionRow
  child: ChildResource
}

/** Locks the discussion, checks the actor may take the action on its child, and applies the status rules. */
async function openStep(
  trx: Transaction<DB>,
  caller: Caller,
  id: string,
  action: RecordAction,
  step?: StrategyStep,
): Promise<Step> {
  const discussion = await store.lockDiscussion(trx, id)
  if (!discussion) throw new RequestError(404, 'No such strategy discussion')
  const child = await authorizeForChild(trx, caller, action, discussion.child_id)
  if (step) {
    try {
      applyStrategyStep(discussion.status, step)
    } catch (error) {
      if (error instanceof StepRefused) throw new RequestError(409, error.message)
      throw error
    }
  }
  return { trx, discussion, child }
}

/** The record of a discussion is written, and signed off, only once the discussion has started. */
function mustHaveStarted(ctx: ChildProtectionContext, discussion: store.DiscussionRow) {
  const { meeting_date: date, meeting_time: time } = discussion
  const problem = date && time ? notStartedProblem({ date, time }, ctx.now(), 'The discussion') : null
  if (problem) throw new RequestError(409, problem)
}

async function event(
  trx: Transaction<DB>,
  actor: Actor,
  discussion: Pick<store.DiscussionRow, 'id' | 'child_id' | 'la_id' | 'number'>,
  type: string,
  summary: string,
  payload: Record<string, unknown> = {},
) {
  return recordEvent(trx, {
    type,
    childId: discussion.child_id,
    laId: discussion.la_id,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary,
    payload: {
      strategyDiscussionId: discussion.id,
      reference: store.discussionReference(discussion.number),
      ...payload,
    },
  })
}

// ---------------------------------------------------------------------------
// Starting a discussion

export async function requestFromReferral(
  ctx: ChildProtectionContext,
  caller: Caller,
  referralId: string,
): Promise<string> {
  return audited(ctx.db, async (trx) => {
    const referral = isUuid(referralId) ? await store.findReferralForStrategy(trx, referralId) : undefined
    if (!referral) throw new RequestError(404, 'No decided referral with that id')
    if (referral.outcome !== 'strategy-discussion-s47')
      throw new RequestError(409, 'The threshold decision on this referral was not a strategy discussion')
    if (!referral.childId)
      throw new RequestError(
        409,
        'Match the referral to a child’s record before booking the strategy discussion',
      )
    await authorizeForChild(trx, caller, 'strategy.schedule', referral.childId)
    const existing = await store.findDiscussionForReferral(trx, referralId)
    if (existing) return existing
    const origin = referral.urgent ? 'urgent' : 'threshold-decision'
    return insertRequested(trx, ctx, caller.actor, {
      childId: referral.childId,
      laId: referral.laId,
      origin,
      referralId,
      concerns: referral.concerns,
      meetingReasons: [],
    })
  })
}

export async function requestDirect(
  ctx: ChildProtectionContext,
  caller: Caller,
  input: DirectRequest,
): Promise<string> {
  const { actor } = caller
  checkInput(directRequestCheck, input)
  return audited(ctx.db, async (trx) => {
    const resource = await authorizeForChild(trx, caller, 'strategy.schedule', input.childId)
    return insertRequested(trx, ctx, actor, { ...input, laId: resource.laId, referralId: null })
  })
}

async function insertRequested(
  trx: Transaction<DB>,
  ctx: ChildProtectionContext,
  actor: Actor,
  input: Omit<store.NewDiscussion, 'requestedBy' | 'dueBy'>,
): Promise<string> {
  const dueBy = strategyDiscussionDueBy(toIsoDate(ctx.now()), input.origin)
  const discussion = await store.insertDiscussion(trx, { ...input, requestedBy: actor.id, dueBy })
  await event(
    trx,
    actor,
    discussion,
    'strategy.requested',
    `Strategy discussion requested, due by ${govukDate(dueBy)}`,
    {
      origin: input.origin,
      referralId: input.referralId,
      dueBy,
    },
  )
  return discussion.id
}

// ---------------------------------------------------------------------------
// Scheduling and invitations

/**
 * The discussion's calendar invitation, the same in its emails and its download: one UID per
 * discussion, SEQUENCE the times it was booked before (so a rebooking replaces it in calendars). Its
 * words are the reference, the place and a link, never the child.
 */
export function strategyInvitation(
  ctx: ChildProtectionContext,
  meeting: {
    id: string
    number: number
    la_id: string
    meeting_date: IsoDate
    meeting_time: string
    format: string | null
    location: string | null
  },
  attendees: readonly { name: string; email: string }[],
  sequence: number,
): CalendarInvitation {
  const reference = store.discussionReference(meeting.number)
  const la = getLa(ctx.partnership, meeting.la_id)
  const contribute = serviceLink(`/strategy-discussions/${meeting.id}/contribution`, ctx.publicUrl)
  return {
    uid: `${meeting.id}@masa`,
    date: meeting.meeting_date,
    time: meeting.meeting_time,
    durationMinutes: 60,
    summary: `Strategy ${meeting.format ?? 'meeting'} ${reference}`,
    location: meeting.location ?? '',
    description: `Strategy discussion ${reference}. Share what your agency holds before the meeting: ${contribute}`,
    organizer: { name: la.front_door.team_name, email: la.front_door.email },
    attendees,
    sequence,
    stamp: ctx.now(),
  }
}

/** Books the discussion; `chairRequired` (the booking form) asks for a chair whenever anyone may chair. */
export async function schedule(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  request: ScheduleRequest,
  { chairRequired = false } = {},
) {
  const { actor } = caller
  return audited(ctx.db, async (trx) => {
    const { discussion, child } = await openStep(trx, caller, id, 'strategy.schedule', 'scheduled')
    const { invitees, problems } = checkInvitees(ctx.partnership, discussion.la_id, request.invitees ?? [])
    const { chair, problem: chairProblem } = chooseChair(
      request.chairUserId,
      await chairsFor(trx, ctx.partnership, 'strategy.chair', child),
      { meeting: 'discussion', required: chairRequired },
    )
    checkInput(
      scheduleCheck,
      request,
      [
        ...scheduleProblems(request, toIsoDate(ctx.now())),
        ...[lateBookingProblem(request.date, discussion.due_by, request.lateReason)].filter(
          (p) => p !== null,
        ),
        ...problems,
        ...[strategyInviteesProblem(invitees.map((i) => i.agencyKind)), chairProblem].filter(
          (p) => p !== null,
        ),
      ],
      inviteeFormField(request.invitees ?? []),
    )
    const status = applyStrategyStep(discussion.status, 'scheduled')
    const late = isBookedLate(request.date, discussion.due_by)
    const lateReason = late ? request.lateReason?.trim() : undefined
    await store.writeSchedule(trx, id, { ...request, lateReason }, { scheduledBy: actor.id, chair }, status)
    await store.upsertInvitations(trx, id, invitees)
    await involveAgencies(
      trx,
      discussion.child_id,
      invitees.map((i) => i.agencyId),
      'meeting',
      'invited to meeting',
    )
    const reference = store.discussionReference(discussion.number)
    const invitation = strategyInvitation(
      ctx,
      {
        ...discussion,
        meeting_date: request.date,
        meeting_time: request.time,
        format: request.format,
        location: request.location,
      },
      invitees,
      await store.scheduleCount(trx, id),
    )
    await queueMeetingEmails(
      trx,
      invitees.map((i) => i.email),
      {
        templateId: 'strategy-invitation',
        reference,
        fields: {
          date: request.date,
          time: request.time,
          format: request.format,
          location: request.location,
          calendar_link: `/strategy-discussions/${id}/invitation.ics`,
          contribute_link: `/strategy-discussions/${id}/contribution`,
        },
        attachments: [calendarAttachment(reference, invitation)],
      },
    )
    await event(
      trx,
      actor,
      discussion,
      'strategy.scheduled',
      `Strategy ${request.format} booked for ${govukDateAndTime(request.date, request.time)}`,
      {
        date: request.date,
        time: request.time,
        format: request.format,
        invitedAgencyIds: invitees.map((i) => i.agencyId),
        meetingReasons: request.meetingReasons,
        dueBy: discussion.due_by,
        ...(late ? { lateReason } : {}),
        ...(chair ? { chairUserId: chair.id } : {}),
      },
    )
  })
}

/** Business support records a reply they were given, or the invited agency replies itself. */
export async function reply(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  agencyId: string,
  answer: InvitationReply,
) {
  const { actor } = caller
  checkInput(invitationReplyCheck, { agencyId, reply: answer })
  return audited(ctx.db, async (trx) => {
    const ownAgency = agencyId === actor.agencyId
    const { discussion } = await openStep(
      trx,
      caller,
      id,
      ownAgency ? 'strategy.contribute' : 'strategy.schedule',
    )
    if (!(await store.writeReply(trx, id, agencyId, answer)))
      check([{ field: 'agencyId', text: 'That agency was not invited to this strategy discussion' }])
    await event(
      trx,
      actor,
      discussion,
      'strategy.reply-recorded',
      `${agencyOf(ctx.partnership, agencyId)?.name}: ${answer}`,
      {
        agencyId,
        reply: answer,
      },
    )
  })
}

// ---------------------------------------------------------------------------
// Before the meeting: each agency's information

export async function contribute(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  input: ContributionInput,
) {
  const { actor } = caller
  return audited(ctx.db, async (trx) => {
    const { discussion, child } = await openStep(trx, caller, id, 'strategy.contribute')
    if (!mayContribute(discussion.status))
      throw new RequestError(
        409,
        'The record of this discussion has been written: add anything further to it through the chair',
      )
    authorizeOwnPart(
      trx,
      caller,
      {
        of: { action: 'strategy.contribute', resource: child },
        for: 'strategy-discussion',
        askedAgencyIds: await store.invitedAgencyIds(trx, id),
      },
      { strategyDiscussionId: id },
    )
    checkInput(contributionCheck, input, contributionProblems(input, actor.agencyKind))
    await store.upsertContribution(trx, id, actor.agencyId, input, by(actor))
    await event(
      trx,
      actor,
      discussion,
      'strategy.contributed',
      `${agencyName(ctx.partnership, actor.agencyId)} shared what its records hold`,
      {
        agencyId: actor.agencyId,
      },
    )
  })
}

// ---------------------------------------------------------------------------
// The record and its sign-off

export async function saveRecord(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  input: StrategyRecord,
) {
  const { actor } = caller
  return audited(ctx.db, async (trx) => {
    const { discussion } = await openStep(trx, caller, id, 'strategy.chair', 'record-saved')
    mustHaveStarted(ctx, discussion)
    const meetingDate = discussion.meeting_date as IsoDate
    const invitations = await store.invitationsOf(trx, id)
    const invited = new Set(invitations.map((i) => i.agency_id))
    const attendance = (input.attendance ?? []).filter((a) => invited.has(a.agencyId))
    const attending = attendance.map((a) => a.agencyId)
    const kindOf = (agencyId: string) => agencyOf(ctx.partnership, agencyId)?.kind
    checkInput(
      strategyRecordCheck,
      input,
      recordProblems({ ...input, attendingAgencyIds: attending }, meetingDate, kindOf),
      (field) => actionFormField(attendeeFormField(input.attendance ?? [])(field)),
    )
    const { decision } = input
    await store.writeRecord(trx, id, {
      ...input,
      attendance: attendance.map((a) => ({ agencyId: a.agencyId, attendeeName: a.attendee })),
      childWords: childWordsOf(input),
      icpcDueBy: icpcDueAfter(meetingDate, decision),
      childId: discussion.child_id,
      recordedBy: by(actor),
    })
    await involveAgencies(
      trx,
      discussion.child_id,
      input.actions.map((a) => a.ownerAgencyId),
      'action',
      'strategy action owner',
    )
    await event(
      trx,
      actor,
      discussion,
      'strategy.recorded',
      `Record written: ${STRATEGY_DECISION_LABELS[decision]}`,
      {
        decision,
        attendingAgencyIds: attending,
        actions: input.actions.length,
      },
    )
  })
}

export async function signOff(ctx: ChildProtectionContext, caller: Caller, id: string) {
  const { actor } = caller
  return audited(ctx.db, async (trx) => {
    const { discussion } = await openStep(trx, caller, id, 'strategy.chair', 'signed-off')
    mustHaveStarted(ctx, discussion)
    const meetingDate = discussion.meeting_date as IsoDate
    const dueBy = recordCirculationDueBy(meetingDate)
    const attending = (await store.invitationsOf(trx, id)).filter((i) => i.attended)
    await store.writeSignOff(
      trx,
      id,
      by(actor),
      dueBy,
      attending.map((a) => a.agency_id),
    )
    const file = await store.findDiscussionFile(trx, id)
    if (!file?.record) throw new RequestError(409, 'Write the record before signing it off')
    await event(trx, actor, discussion, 'strategy.signed-off', `Record signed off by ${actor.displayName}`)
    const circulated = await event(
      trx,
      actor,
      discussion,
      RECORD_CIRCULATED,
      `Record sent to ${attending.length} attending agencies`,
      {
        agencyIds: attending.map((a) => a.agency_id),
        acknowledgeBy: dueBy,
      },
    )
    await queueMeetingEmails(
      trx,
      attending.map((a) => a.invitee_email),
      {
        templateId: 'strategy-record',
        reference: store.discussionReference(discussion.number),
        fields: { record_link: `/strategy-discussions/${id}/record`, acknowledge_by: dueBy },
      },
    )
    // Each agency's system gets the record as its people read it: parts marked for another kind withheld.
    for (const { agency_id: agencyId } of attending)
      await enqueueWebhook(trx, {
        eventId: circulated.id,
        type: RECORD_CIRCULATED,
        occurredAt: circulated.occurredAt,
        agencyIds: [agencyId],
        data: recordDocument(copyFor(file, agencyOf(ctx.partnership, agencyId)?.kind), ctx.partnership),
      })
    const record = file.record
    if (record.decision === 'nfa')
      await endInvitationsAfterNoFurtherAction(trx, {
        childId: discussion.child_id,
        reason: 'Strategy discussion decided no further action',
        at: ctx.now(),
      })
    if (record.icpc_due_by)
      await openSection47(trx, actor, {
        childId: discussion.child_id,
        laId: discussion.la_id,
        strategyDiscussionId: id,
        jointWithPolice: record.decision === 's47-joint',
        startedOn: meetingDate,
        icpcDueBy: record.icpc_due_by,
      })
  })
}

/** The discussion's file as an agency of this kind may read it. */
function copyFor(file: store.StrategyDiscussionFile, kind: AgencyKind | undefined) {
  const opens = (c: store.ContributionRow) => partOpensTo(c.marking, kind ?? 'other')
  return {
    ...file,
    contributions: file.contributions.filter(opens),
    withheldContributions: file.contributions.filter((c) => !opens(c)),
  }
}

export async function acknowledge(ctx: ChildProtectionContext, caller: Caller, id: string) {
  const { actor } = caller
  return audited(ctx.db, async (trx) => {
    const { discussion } = await openStep(trx, caller, id, 'event.acknowledge')
    if (!(await store.writeAcknowledgement(trx, id, actor.agencyId, by(actor))))
      throw new RequestError(409, 'Your agency has no unacknowledged copy of this record')
    await event(
      trx,
      actor,
      discussion,
      'strategy.record-acknowledged',
      `${agencyName(ctx.partnership, actor.agencyId)} acknowledged the record`,
      {
        agencyId: actor.agencyId,
      },
    )
  })
}

// ---------------------------------------------------------------------------
// Reading

/**
 * The discussion as the caller may read it: the meeting must open to them (and, for a step's form,
 * the step too), and each agency's contribution only within its marking; the rest is withheld.
 */
export async function readFile(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  action: RecordAction | 'meeting.view' = 'meeting.view',
) {
  return audited(ctx.db, async (trx) => {
    const file = await store.findDiscussionFile(trx, id)
    if (!file) throw new RequestError(404, 'No such strategy discussion')
    const detail = { strategyDiscussionId: id }
    const resource = await getChildResource(trx, file.discussion.child_id)
    const meeting = discussionMeeting(resource, file)
    authorizeMeeting(trx, caller, meeting, detail)
    if (action !== 'meeting.view') authorize(trx, { ...caller, action, resource, detail })
    const { readable, withheld } = partsFor(caller.actor, meeting, file.contributions)
    const trail = await findCaseTrail(trx, file.discussion.child_id, { discussionId: id })
    return { ...file, contributions: readable, withheldContributions: withheld, resource, meeting, trail }
  })
}
