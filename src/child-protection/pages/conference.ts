// Conferences' GOV.UK pages: business support books and collects reports, the chair records
// attendance, quoracy and the decision, and the plan page shows its core group and reviews.

import type { FastifyInstance, FastifyRequest } from 'fastify'
import { refusable } from '../../children/index.ts'
import { formatReferralNumber } from '../../front-door/index.ts'
import { callerOf, safeReturnTo } from '../../identity/index.ts'
import { agenciesServing, agencyName, inviteesFromForm, notStartedProblem } from '../../meetings/index.ts'
import { getLa } from '../../partnership/config.ts'
import type { Caller } from '../../platform/access/guard.ts'
import type { ChildResource } from '../../platform/access/policy.ts'
import { clockStatus, coreGroupFirstMeetingDueBy } from '../../platform/calendar/clocks.ts'
import { toIsoDate } from '../../platform/calendar/working-days.ts'
import { dateField, formOf, listField as list, textField } from '../../platform/http/forms.ts'
import type { Chair } from '../rules/chair.ts'
import {
  CONFERENCE_KIND_LABELS,
  CONFERENCE_STATUS_LABELS,
  CP_CATEGORY_LABELS,
  conferenceQuoracy,
  describeQuoracy,
  PLAN_END_REASON_LABELS,
  RECHECK_ANSWER_LABELS,
} from '../rules/conference.ts'
import { PARTICIPANT_ROLE_LABELS } from '../rules/conference-record.ts'
import {
  type BookingRequest,
  type ConferenceRecord,
  RecheckAnswerBody,
  type RecheckAnswerInput,
  Section47Conclusion,
} from '../schemas.ts'
import { conferenceReference } from '../store/conference.ts'
import { discussionReference } from '../store/strategy-discussion.ts'
import { chairsFor, may } from '../workflow/access.ts'
import * as workflow from '../workflow/conference.ts'
import type { ChildProtectionContext } from '../workflow/context.ts'
import * as plans from '../workflow/plan.ts'
import * as feedback from '../workflow/recheck.ts'
import * as section47 from '../workflow/section-47.ts'
import { coreGroupOnPlan, registerConferenceRecordPages } from './conference-record.ts'
import { type Id, registerFormPage, renderer, signedIn } from './form-page.ts'
import { type Form, formContext, posted, text } from './forms.ts'

const section47Form = formOf(Section47Conclusion)
const recheckForm = formOf(RecheckAnswerBody)

export function registerConferencePages(app: FastifyInstance, ctx: ChildProtectionContext) {
  const render = renderer('child-protection/views/conference', {
    kindLabels: CONFERENCE_KIND_LABELS,
    categoryLabels: CP_CATEGORY_LABELS,
    endReasonLabels: PLAN_END_REASON_LABELS,
    recheckLabels: RECHECK_ANSWER_LABELS,
    reference: conferenceReference,
    statusLabels: CONFERENCE_STATUS_LABELS,
    referralReference: formatReferralNumber,
    discussionReference,
    laName: (id: string) => getLa(ctx.partnership, id).name,
    agencyName: (id: string) => agencyName(ctx.partnership, id),
    clock: (dueBy: string) => clockStatus(dueBy, toIsoDate(ctx.now())),
  })

  registerConferenceRecordPages(app, ctx, render)
  const meetingPage = refusable(ctx.partnership, 'meeting')
  app.get<Id>(
    '/section-47/:id',
    signedIn,
    meetingPage(async (request: FastifyRequest<Id>, reply) => {
      const caller = callerOf(request)
      const read = await section47.readSection47(ctx, caller, request.params.id)
      const rechecks = await feedback.readRechecks(ctx, caller, read.s47.child_id)
      return render(reply, 'section47', {
        ...read,
        rechecks: rechecks.filter((r) => r.source_id === read.s47.id),
        returnTo: request.url,
        mayOpenChild: may(caller.actor, 'child.view', read.resource),
        canBook:
          !read.booked &&
          read.s47.outcome !== 'icpc-not-required' &&
          may(caller.actor, 'conference.schedule', read.resource),
        canConclude: !read.s47.outcome && may(caller.actor, 'strategy.chair', read.resource),
        ...formContext({}, []),
      })
    }),
  )

  app.post<Id>('/section-47/:id/outcome', signedIn, async (request, reply) => {
    const conclusion = section47Form.read(request.body) as Section47Conclusion
    await section47.concludeSection47(ctx, callerOf(request), request.params.id, conclusion)
    return reply.redirect(`/section-47/${request.params.id}`, 303)
  })

  registerFormPage(app, '/section-47/:id/conference', render, {
    ...bookingPage((caller, id, request) =>
      workflow.bookInitial(ctx, caller, id, request, { chairRequired: true }),
    ),
    read: async (caller, id) => withChairs(ctx, await section47.readSection47(ctx, caller, id)),
    context: ({ s47, chairs }, form) => bookContext(ctx, s47.la_id, s47.icpc_due_by, 'initial', form, chairs),
  })

  app.get<Id>(
    '/plans/:id',
    signedIn,
    refusable(
      ctx.partnership,
      'record',
    )(async (request: FastifyRequest<Id>, reply) => {
      const caller = callerOf(request)
      const read = await plans.readPlan(ctx, caller, request.params.id)
      const open = !read.plan.end_date
      const rechecks = await feedback.readRechecks(ctx, caller, read.plan.child_id)
      return render(reply, 'plan', {
        ...read,
        rechecks: rechecks.filter((r) => r.source_id === read.plan.id),
        returnTo: request.url,
        mayOpenChild: true,
        canBook: open && !read.booked && may(caller.actor, 'conference.schedule', read.resource),
        canRecordCoreGroup: open && may(caller.actor, 'conference.schedule', read.resource),
        ...coreGroupOnPlan(read),
      })
    }),
  )

  registerFormPage(app, '/plans/:id/review', render, {
    ...bookingPage((caller, id, request) =>
      workflow.bookReview(ctx, caller, id, request, { chairRequired: true }),
    ),
    read: async (caller, id) => withChairs(ctx, await plans.readPlan(ctx, caller, id)),
    context: ({ plan, chairs }, form) =>
      bookContext(ctx, plan.la_id, plan.next_review_due_by ?? '', 'review', form, chairs),
  })

  app.get<Id>(
    '/conferences/:id',
    signedIn,
    meetingPage(async (request: FastifyRequest<Id>, reply) => {
      const caller = callerOf(request)
      const file = await workflow.readConference(ctx, caller, request.params.id)
      const { conference } = file
      const booked = conference.status === 'booked'
      const notStarted = notStartedProblem(
        { date: conference.meeting_date, time: conference.meeting_time },
        ctx.now(),
        'The conference',
      )
      const invited = file.invitations.some((i) => i.agency_id === caller.actor.agencyId)
      const rechecks = await feedback.readRechecks(ctx, caller, file.conference.child_id)
      return render(reply, 'conference', {
        ...file,
        rechecks: rechecks.filter((r) => r.source_id === file.conference.id),
        returnTo: request.url,
        mayOpenChild: may(caller.actor, 'child.view', file.resource),
        quoracy: describeQuoracy(
          conferenceQuoracy(
            file.invitations.map((i) => ({
              agencyId: i.agency_id,
              kind: i.agency_kind,
              directInvolvement: i.direct_involvement,
            })),
          ),
        ),
        canReport: booked && invited && may(caller.actor, 'strategy.contribute', file.resource),
        ...organiserLinks(file, may(caller.actor, 'conference.schedule', file.resource)),
        mayChair: booked && may(caller.actor, 'conference.chair', file.resource),
        mayMinute: !booked && may(caller.actor, 'conference.chair', file.resource),
        // The voice of children and families (src/voice): the family's survey once it is decided, and
        // the practitioners' survey for those invited to it or chairing it once it is held.
        mayAskFamily: conference.status === 'decided' && may(caller.actor, 'voice.issue', file.resource),
        mayAnswerSurvey:
          (conference.status === 'decided' || conference.status === 'inquorate') &&
          (invited || conference.chair_user_id === caller.actor.id),
        roleLabels: PARTICIPANT_ROLE_LABELS,
        notStarted,
      })
    }),
  )

  registerFormPage(app, '/conferences/:id/report', render, {
    view: 'report',
    read: (caller, id) => workflow.readConference(ctx, caller, id),
    saved: (file, caller) => ({
      report: file.invitations.find((i) => i.agency_id === caller.actor.agencyId)?.report ?? '',
    }),
    context: (file) => file,
    save: async (caller, id, form) => {
      await workflow.submitReport(ctx, caller, id, text(form, 'report'))
      return `/conferences/${id}`
    },
  })

  app.post<Id>('/conferences/:id/reports-shared', signedIn, async (request, reply) => {
    await workflow.shareReportsWithParents(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/conferences/${request.params.id}`, 303)
  })

  registerFormPage(app, '/conferences/:id/record', render, {
    view: 'record',
    read: (caller, id) => workflow.readConference(ctx, caller, id),
    saved: (file) => ({ attending: file.invitations.map((i) => i.agency_id) }),
    context: (file, form) => recordContext(ctx, file, form),
    dateFields: ['newDate', 'coreGroupFirstMeetingOn'],
    save: async (caller, id, form) => {
      const recorded = await workflow.recordConference(ctx, caller, id, recordFromForm(form))
      if (recorded.kind === 'rescheduled') return `/conferences/${recorded.conferenceId}`
      return recorded.planId ? `/plans/${recorded.planId}` : `/conferences/${id}`
    },
  })

  app.post<Id>('/threshold-rechecks/:id', signedIn, async (request, reply) => {
    const { answer, notes = '' } = recheckForm.read(request.body) as Partial<RecheckAnswerInput>
    await feedback.answerRecheck(ctx, callerOf(request), request.params.id, {
      answer,
      notes,
    } as RecheckAnswerInput)
    return reply.redirect(safeReturnTo(text(posted(request), 'returnTo')), 303)
  })
}

/** What business support and the chair may do before the conference: invite, read reports, share them. */
function organiserLinks(file: Awaited<ReturnType<typeof workflow.readConference>>, organises: boolean) {
  const booked = file.conference.status === 'booked'
  return {
    organises,
    canInvite: booked && organises,
    canShare:
      booked &&
      organises &&
      file.invitations.some((i) => i.report_for_parents === 'share' && !i.report_shared_with_parents_at),
  }
}

/** The booking form, the same for an initial and a review conference; `book` is the step that books it. */
function bookingPage(book: (caller: Caller, id: string, request: BookingRequest) => Promise<string>) {
  return {
    view: 'book',
    saved: () => ({}),
    dateFields: ['date'],
    save: async (caller: Caller, id: string, form: Form) =>
      `/conferences/${await book(caller, id, bookingFromForm(form))}`,
  }
}

/** What a booking form is about, with the people who may chair its conference. */
async function withChairs<Read extends { resource: ChildResource }>(ctx: ChildProtectionContext, read: Read) {
  return { ...read, chairs: await chairsFor(ctx.db, ctx.partnership, 'conference.chair', read.resource) }
}

function bookContext(
  ctx: ChildProtectionContext,
  laId: string,
  dueBy: string,
  kind: 'initial' | 'review',
  form: Form,
  chairs: readonly Chair[],
) {
  return {
    dueBy,
    kind,
    chairs,
    agencies: agenciesServing(ctx.partnership, laId),
    invited: list(form, 'invite'),
  }
}

function bookingFromForm(form: Form): BookingRequest {
  return {
    date: dateField(form, 'date') ?? '',
    time: text(form, 'time'),
    location: text(form, 'location'),
    invitees: inviteesFromForm(form),
    lateReason: textField(form, 'lateReason'),
    chairUserId: textField(form, 'chairUserId'),
  }
}

function recordContext(
  ctx: ChildProtectionContext,
  file: Awaited<ReturnType<typeof workflow.readConference>>,
  form: Form,
) {
  const date = file.conference.meeting_date
  return {
    ...file,
    attending: list(form, 'attending'),
    coreGroup: list(form, 'coreGroup'),
    coreGroupDueBy: coreGroupFirstMeetingDueBy(date),
    agencies: agenciesServing(ctx.partnership, file.conference.la_id),
    mayBeInquorate: file.conference.replaces_id === null,
  }
}

/** The chair's record: choices not made are null, for the rules to say what the conference needs. */
function recordFromForm(form: Form): ConferenceRecord {
  const cpPlan = text(form, 'cpPlan')
  const dissentAgency = text(form, 'dissentAgency')
  const chosen = (name: string) => textField(form, name) ?? null
  return {
    attendingAgencyIds: list(form, 'attending'),
    interimPlan: text(form, 'interimPlan'),
    newDate: dateField(form, 'newDate'),
    decision: {
      cpPlan: cpPlan === 'yes' ? true : cpPlan === 'no' ? false : null,
      category: chosen('category'),
      reasons: text(form, 'reasons'),
      planSummary: text(form, 'planSummary'),
      dissent: dissentAgency ? [{ agencyId: dissentAgency, view: text(form, 'dissentView') }] : [],
      coreGroupAgencyIds: list(form, 'coreGroup'),
      coreGroupFirstMeetingOn: dateField(form, 'coreGroupFirstMeetingOn') ?? null,
    },
    review: {
      outcome: chosen('reviewOutcome'),
      category: chosen('category'),
      reasons: text(form, 'reasons'),
      endReason: chosen('endReason'),
    },
  } as ConferenceRecord
}
