// Strategy discussions' GOV.UK pages: business support books and invites, agencies contribute, the
// chair records and signs off, everyone reads the print-ready record. They work without JavaScript.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { statusInWords } from '../../actions/index.ts'
import { openableItems, refusable } from '../../children/index.ts'
import { formatReferralNumber } from '../../front-door/index.ts'
import { callerOf } from '../../identity/index.ts'
import {
  agenciesServing,
  agencyName,
  awaitingAcknowledgement,
  INVITATION_REPLIES,
  type InvitationReply,
  InvitationReplyBody,
  inviteesFromForm,
  notStartedProblem,
  sendCalendarInvitation,
} from '../../meetings/index.ts'
import { getLa } from '../../partnership/config.ts'
import { audited, type Caller } from '../../platform/access/guard.ts'
import { decide, markingsFor } from '../../platform/access/policy.ts'
import { clockStatus } from '../../platform/calendar/clocks.ts'
import { toIsoDate } from '../../platform/calendar/working-days.ts'
import { dateField, formOf, listField as list, textField } from '../../platform/http/forms.ts'
import type { Chair } from '../rules/chair.ts'
import { type RecordDocument, recordDocument } from '../rules/record-document.ts'
import {
  CORE_KIND_LABELS,
  expectedQuoracy,
  MARKING_LABELS,
  MEETING_REASON_LABELS,
  mayContribute,
  POLICE_DECISION_LABELS,
  STRATEGY_DECISION_LABELS,
  STRATEGY_ORIGIN_LABELS,
  STRATEGY_STATUS_LABELS,
} from '../rules/strategy-discussion.ts'
import {
  type ContributionInput,
  type ScheduleRequest,
  StrategyContribution,
  type StrategyRecord,
} from '../schemas.ts'
import { findSection47ForDiscussion } from '../store/conference.ts'
import * as store from '../store/strategy-discussion.ts'
import { authorizeForLa, chairsFor, may } from '../workflow/access.ts'
import type { ChildProtectionContext } from '../workflow/context.ts'
import * as workflow from '../workflow/strategy-discussion.ts'
import { type Id, registerFormPage, renderer, signedIn } from './form-page.ts'
import { childWordsFromForm, dateParts, type Form, posted, text } from './forms.ts'
import { recordPdf } from './record-pdf.ts'

const ACTION_ROWS = 3
const replyForm = formOf(InvitationReplyBody)
const contributionForm = formOf(StrategyContribution)

export function registerStrategyPages(app: FastifyInstance, ctx: ChildProtectionContext) {
  const render = renderer('child-protection/views/strategy-discussion', viewHelpers(ctx))

  app.get('/strategy-discussions', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const laIds = ctx.partnership.local_authorities
      .filter((la) => may(caller.actor, 'strategy.schedule', { kind: 'la', laId: la.id }))
      .map((la) => la.id)
    const { awaiting, discussions } = await audited(ctx.db, async (trx) => {
      for (const laId of laIds) authorizeForLa(trx, caller, 'strategy.schedule', laId, { list: 'strategy' })
      return {
        awaiting: await openableItems(
          trx,
          caller.actor,
          await store.listAwaitingBooking(trx, laIds),
          (item) => item.childId,
        ),
        discussions: await openableItems(
          trx,
          caller.actor,
          await store.listDiscussions(trx, { laIds, open: true }),
          (item) => item.childId,
        ),
      }
    })
    return render(reply, 'list', { awaiting, discussions, canBook: laIds.length > 0 })
  })

  app.post('/strategy-discussions', signedIn, async (request, reply) => {
    const id = await workflow.requestFromReferral(ctx, callerOf(request), text(posted(request), 'referralId'))
    return reply.redirect(`/strategy-discussions/${id}/schedule`, 303)
  })

  const meetingPage = refusable(ctx.partnership, 'meeting')
  app.get<Id>(
    '/strategy-discussions/:id',
    signedIn,
    meetingPage(async (request: FastifyRequest<Id>, reply) =>
      render(reply, 'discussion', await discussionContext(ctx, callerOf(request), request.params.id)),
    ),
  )

  registerFormPage(app, '/strategy-discussions/:id/schedule', render, {
    view: 'schedule',
    read: async (caller, id) => {
      const file = await workflow.readFile(ctx, caller, id, 'strategy.schedule')
      return { ...file, chairs: await chairsFor(ctx.db, ctx.partnership, 'strategy.chair', file.resource) }
    },
    saved: savedSchedule,
    context: (file, form) => scheduleContext(ctx, file, form),
    dateFields: ['date'],
    save: async (caller, id, form) => {
      await workflow.schedule(ctx, caller, id, scheduleFromForm(form), { chairRequired: true })
      return `/strategy-discussions/${id}`
    },
  })

  app.post<Id>('/strategy-discussions/:id/replies', signedIn, async (request, reply) => {
    const { agencyId, reply: answer } = replyForm.read(request.body) as {
      agencyId: string
      reply: InvitationReply
    }
    await workflow.reply(ctx, callerOf(request), request.params.id, agencyId, answer)
    return reply.redirect(`/strategy-discussions/${request.params.id}#invitations`, 303)
  })

  registerFormPage(app, '/strategy-discussions/:id/contribution', render, {
    view: 'contribution',
    read: async (caller, id) => ({
      ...(await workflow.readFile(ctx, caller, id, 'strategy.contribute')),
      markings: markingsFor(caller.actor.agencyKind),
    }),
    saved: savedContribution,
    context: (file) => ({ ...fileContext(ctx, file), markings: file.markings }),
    save: async (caller, id, form) => {
      await workflow.contribute(ctx, caller, id, contributionForm.read(form) as ContributionInput)
      return `/strategy-discussions/${id}?contributed=1`
    },
  })

  registerFormPage(app, '/strategy-discussions/:id/record/edit', render, {
    view: 'record-form',
    read: (caller, id) => workflow.readFile(ctx, caller, id, 'strategy.chair'),
    saved: savedRecord,
    context: (file, form) => recordFormContext(ctx, file, form),
    dateFields: ['familySharingOn'],
    save: async (caller, id, form) => {
      await workflow.saveRecord(ctx, caller, id, recordFromForm(form))
      return `/strategy-discussions/${id}#record`
    },
  })

  app.post<Id>('/strategy-discussions/:id/sign-off', signedIn, async (request, reply) => {
    await workflow.signOff(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/strategy-discussions/${request.params.id}/record`, 303)
  })

  app.post<Id>('/strategy-discussions/:id/acknowledgement', signedIn, async (request, reply) => {
    await workflow.acknowledge(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/strategy-discussions/${request.params.id}/record`, 303)
  })

  app.get<Id>(
    '/strategy-discussions/:id/record',
    signedIn,
    meetingPage(async (request: FastifyRequest<Id>, reply) => {
      const caller = callerOf(request)
      const file = await workflow.readFile(ctx, caller, request.params.id)
      const document = recordDocument(file, ctx.partnership)
      const unacknowledged = awaitingAcknowledgement(file.circulations).some(
        (c) => c.agency_id === caller.actor.agencyId,
      )
      const on = toIsoDate(ctx.now())
      const actionStatuses = file.actions.map((a) => statusInWords(a, on))
      // The chair's signed-off decision may be disagreed with by whoever may raise one about the child.
      const disagreeHref =
        document.signedOff && decide(caller.actor, 'escalation.raise', file.resource).allowed
          ? `/children/${file.resource.childId}/disagreements/new?about=strategy-outcome&ref=${request.params.id}`
          : undefined
      return render(reply, 'record', {
        document,
        file,
        actionStatuses,
        canAcknowledge: unacknowledged,
        disagreeHref,
      })
    }),
  )

  app.get<Id>(
    '/strategy-discussions/:id/record.pdf',
    signedIn,
    meetingPage(async (request: FastifyRequest<Id>, reply) => {
      const file = await workflow.readFile(ctx, callerOf(request), request.params.id)
      const document = recordDocument(file, ctx.partnership)
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${document.reference}.pdf"`)
        .send(await recordPdf(document, ctx.partnership.partnership.name))
    }),
  )

  app.get<Id>(
    '/strategy-discussions/:id/invitation.ics',
    signedIn,
    meetingPage(async (request: FastifyRequest<Id>, reply) => invitationFile(ctx, request, reply)),
  )
}

async function invitationFile(ctx: ChildProtectionContext, request: FastifyRequest<Id>, reply: FastifyReply) {
  const file = await workflow.readFile(ctx, callerOf(request), request.params.id)
  const d = file.discussion
  if (!d.meeting_date || !d.meeting_time) return reply.code(404).view('platform/views/not-found.njk')
  const attendees = file.invitations.map((i) => ({ name: i.invitee_name, email: i.invitee_email }))
  const sequence = Math.max(0, (await store.scheduleCount(ctx.db, d.id)) - 1)
  return sendCalendarInvitation(
    reply,
    store.discussionReference(d.number),
    workflow.strategyInvitation(
      ctx,
      { ...d, meeting_date: d.meeting_date, meeting_time: d.meeting_time },
      attendees,
      sequence,
    ),
  )
}

// ---------------------------------------------------------------------------
// Contexts

function viewHelpers(ctx: ChildProtectionContext) {
  return {
    originLabels: STRATEGY_ORIGIN_LABELS,
    statusLabels: STRATEGY_STATUS_LABELS,
    decisionLabels: STRATEGY_DECISION_LABELS,
    policeDecisionLabels: POLICE_DECISION_LABELS,
    meetingReasonLabels: MEETING_REASON_LABELS,
    markingLabels: MARKING_LABELS,
    coreKindLabels: CORE_KIND_LABELS,
    reference: store.discussionReference,
    referralReference: formatReferralNumber,
    laName: (id: string) => getLa(ctx.partnership, id).name,
    agencyName: (id: string) => agencyName(ctx.partnership, id),
    clock: (dueBy: string) => clockStatus(dueBy, toIsoDate(ctx.now())),
  }
}

function fileContext(ctx: ChildProtectionContext, file: store.StrategyDiscussionFile) {
  return { file, discussion: file.discussion, child: file.child, today: toIsoDate(ctx.now()) }
}

async function discussionContext(ctx: ChildProtectionContext, caller: Caller, id: string) {
  const file = await workflow.readFile(ctx, caller, id)
  const contributed = new Set([...file.contributions, ...file.withheldContributions].map((c) => c.agency_id))
  const { resource } = file
  const { actor } = caller
  const { status, meeting_date: date, meeting_time: time } = file.discussion
  const notStarted = date && time ? notStartedProblem({ date, time }, ctx.now(), 'The discussion') : null
  const invited = file.invitations.some((i) => i.agency_id === actor.agencyId)
  const document: RecordDocument = recordDocument(file, ctx.partnership)
  return {
    ...fileContext(ctx, file),
    document,
    quoracy: expectedQuoracy(
      file.invitations.map((i) => ({
        agencyKind: i.agency_kind,
        reply: i.reply,
        contributed: contributed.has(i.agency_id),
      })),
    ),
    contributed: [...contributed],
    canSchedule:
      (status === 'requested' || status === 'scheduled') && may(actor, 'strategy.schedule', resource),
    canContribute: invited && mayContribute(status) && may(actor, 'strategy.contribute', resource),
    mayChair: (status === 'scheduled' || status === 'recorded') && may(actor, 'strategy.chair', resource),
    notStarted,
    canSignOff: status === 'recorded' && !notStarted && may(actor, 'strategy.chair', resource),
    replies: INVITATION_REPLIES,
    section47: await findSection47ForDiscussion(ctx.db, id),
    trail: file.trail,
    onDiscussion: true,
    mayOpenChild: may(actor, 'child.view', resource),
    // The practitioners' survey (src/voice) for those invited to it or chairing it, once it is held.
    mayAnswerSurvey:
      (status === 'recorded' || status === 'signed-off') &&
      (invited || file.discussion.chair_user_id === actor.id),
  }
}

function savedSchedule(file: store.StrategyDiscussionFile): Form {
  const d = file.discussion
  const form: Form = {
    ...dateParts('date', d.meeting_date),
    time: d.meeting_time ?? '',
    format: d.format ?? '',
    location: d.location ?? '',
    meetingReasons: d.meeting_reasons,
    invite: file.invitations.map((i) => i.agency_id),
    lateReason: d.late_reason ?? '',
    chairUserId: d.chair_user_id ?? '',
  }
  for (const i of file.invitations) {
    form[`name-${i.agency_id}`] = i.invitee_name
    form[`email-${i.agency_id}`] = i.invitee_email
  }
  return form
}

function scheduleContext(
  ctx: ChildProtectionContext,
  file: store.StrategyDiscussionFile & { chairs: readonly Chair[] },
  form: Form,
) {
  return {
    ...fileContext(ctx, file),
    chairs: file.chairs,
    agencies: agenciesServing(ctx.partnership, file.discussion.la_id),
    meetingReasons: Object.entries(MEETING_REASON_LABELS).map(([value, label]) => ({ value, text: label })),
    invited: list(form, 'invite'),
    chosenReasons: list(form, 'meetingReasons'),
  }
}

/** The schedule as the API takes it (a meeting unless a call is chosen); the invitees by agency. */
function scheduleFromForm(form: Form): ScheduleRequest {
  return {
    date: dateField(form, 'date') ?? '',
    time: text(form, 'time'),
    format: (text(form, 'format') || 'meeting') as ScheduleRequest['format'],
    location: text(form, 'location'),
    meetingReasons: list(form, 'meetingReasons') as ScheduleRequest['meetingReasons'],
    invitees: inviteesFromForm(form),
    lateReason: textField(form, 'lateReason'),
    chairUserId: textField(form, 'chairUserId'),
  }
}

function savedContribution(file: store.StrategyDiscussionFile, caller: Caller): Form {
  const own = file.contributions.find((c) => c.agency_id === caller.actor.agencyId)
  return {
    recordsHeld: own?.records_held ?? '',
    risks: own?.risks ?? '',
    strengths: own?.strengths ?? '',
    marking: own?.marking ?? 'standard',
  }
}

function savedRecord(file: store.StrategyDiscussionFile): Form {
  const r = file.record
  const form: Form = {
    attending: file.invitations.filter((i) => i.attended ?? i.reply === 'accepted').map((i) => i.agency_id),
    informationShared: r?.information_shared ?? '',
    riskAnalysis: r?.risk_analysis ?? '',
    decision: r?.decision ?? '',
    decisionReasons: r?.decision_reasons ?? '',
    policeDecision: r?.police_decision ?? '',
    familySharing: r?.family_sharing ?? '',
    ...dateParts('familySharingOn', r?.family_sharing_on),
    childWords: r?.child_words ?? '',
  }
  for (const i of file.invitations) form[`attendee-${i.agency_id}`] = i.attendee_name ?? i.invitee_name
  file.actions.forEach((a, index) => {
    const n = index + 1
    Object.assign(form, {
      [`actions-${n}-description`]: a.description,
      [`actions-${n}-agency`]: a.owner_agency_id,
      [`actions-${n}-owner`]: a.owner_name,
      ...dateParts(`actions-${n}-due`, a.due_by),
    })
  })
  return form
}

function recordFormContext(ctx: ChildProtectionContext, file: store.StrategyDiscussionFile, form: Form) {
  return {
    ...fileContext(ctx, file),
    attending: list(form, 'attending'),
    actionRows: Array.from({ length: Math.max(ACTION_ROWS, file.actions.length + 1) }, (_, i) => i + 1),
    agencies: agenciesServing(ctx.partnership, file.discussion.la_id),
  }
}

/**
 * The record as the API takes it. Decisions not chosen are left out, for the schema to say so; an
 * action row left empty is not an action.
 */
function recordFromForm(form: Form): StrategyRecord {
  const actions = []
  for (let n = 1; form[`actions-${n}-description`] !== undefined; n++) {
    const action = {
      description: text(form, `actions-${n}-description`),
      ownerAgencyId: text(form, `actions-${n}-agency`),
      ownerName: text(form, `actions-${n}-owner`),
      dueBy: dateField(form, `actions-${n}-due`) ?? '',
    }
    if (action.description || action.ownerName || action.dueBy) actions.push(action)
  }
  const chosen = (name: string) => textField(form, name)
  return {
    attendance: list(form, 'attending').map((agencyId) => ({
      agencyId,
      attendee: text(form, `attendee-${agencyId}`),
    })),
    informationShared: text(form, 'informationShared'),
    riskAnalysis: text(form, 'riskAnalysis'),
    decision: chosen('decision'),
    decisionReasons: text(form, 'decisionReasons'),
    policeDecision: chosen('policeDecision'),
    familySharing: text(form, 'familySharing'),
    familySharingOn: dateField(form, 'familySharingOn') ?? null,
    ...childWordsFromForm(form),
    actions,
  } as StrategyRecord
}
