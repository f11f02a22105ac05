// Conferences' GOV.UK pages: business support books and collects reports, the chair records
// attendance, quoracy and the decision, and the plan page shows its core group and reviews.

import type { FastifyInstance, FastifyReply } from 'fastify'
import { requireUser } from '../identity/guards.ts'
import { getLa } from '../partnership/config.ts'
import { clockStatus, coreGroupFirstMeetingDueBy } from '../platform/calendar/clocks.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { callerOf, may } from '../strategy/access.ts'
import { dateField, type Form, formContext, list, posted, text, withProblems } from '../strategy/forms.ts'
import { agenciesServing, agencyOf } from '../strategy/workflow.ts'
import {
  CONFERENCE_KIND_LABELS,
  CP_CATEGORY_LABELS,
  type CpCategory,
  conferenceQuoracy,
  describeQuoracy,
  PLAN_END_REASON_LABELS,
  type PlanEndReason,
  RECHECK_ANSWER_LABELS,
  type RecheckAnswer,
  type ReviewOutcome,
} from './rules.ts'
import { conferenceReference } from './store.ts'
import * as workflow from './workflow.ts'

const VIEWS = 'conferences/views'
type Id = { Params: { id: string } }
type Problems = { field: string; text: string }[]

export function registerConferencePages(app: FastifyInstance, ctx: workflow.ConferenceContext) {
  const signedIn = { schema: { hide: true }, preHandler: requireUser }
  const helpers = {
    kindLabels: CONFERENCE_KIND_LABELS,
    categoryLabels: CP_CATEGORY_LABELS,
    endReasonLabels: PLAN_END_REASON_LABELS,
    recheckLabels: RECHECK_ANSWER_LABELS,
    reference: conferenceReference,
    laName: (id: string) => getLa(ctx.partnership, id).name,
    agencyName: (id: string) => agencyOf(ctx.partnership, id)?.name ?? id,
    clock: (dueBy: string) => clockStatus(dueBy, toIsoDate(ctx.now())),
  }
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`${VIEWS}/${view}.njk`, { ...helpers, ...context })

  app.get<Id>('/section-47/:id', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const read = await workflow.readSection47(ctx, caller, request.params.id)
    const rechecks = await workflow.readRechecks(ctx, caller, read.s47.child_id)
    return render(reply, 'section47', {
      ...read,
      rechecks: rechecks.filter((r) => r.source_id === read.s47.id),
      returnTo: request.url,
      canBook:
        !read.booked &&
        read.s47.outcome !== 'icpc-not-required' &&
        may(caller.actor, 'conference.schedule', read.resource),
      canConclude: !read.s47.outcome && may(caller.actor, 'strategy.chair', read.resource),
      ...formContext({}, []),
    })
  })

  app.post<Id>('/section-47/:id/outcome', signedIn, async (request, reply) => {
    const form = posted(request)
    const outcome = text(form, 'outcome') === 'icpc' ? 'icpc' : 'icpc-not-required'
    await workflow.concludeSection47(ctx, callerOf(request), request.params.id, {
      outcome,
      reasons: text(form, 'reasons'),
    })
    return reply.redirect(`/section-47/${request.params.id}`, 303)
  })

  app.get<Id>('/section-47/:id/conference', signedIn, async (request, reply) => {
    const read = await workflow.readSection47(ctx, callerOf(request), request.params.id)
    return render(reply, 'book', bookContext(ctx, read.s47.la_id, read.s47.icpc_due_by, 'initial', {}, []))
  })

  app.post<Id>('/section-47/:id/conference', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const form = posted(request)
    return withProblems(
      async () => {
        const id = await workflow.bookInitial(ctx, caller, request.params.id, bookingFromForm(form))
        return reply.redirect(`/conferences/${id}`, 303)
      },
      async (problems) => {
        const read = await workflow.readSection47(ctx, caller, request.params.id)
        return render(
          reply.code(400),
          'book',
          bookContext(ctx, read.s47.la_id, read.s47.icpc_due_by, 'initial', form, problems),
        )
      },
    )
  })

  app.get<Id>('/plans/:id', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const read = await workflow.readPlan(ctx, caller, request.params.id)
    const open = !read.plan.end_date
    const rechecks = await workflow.readRechecks(ctx, caller, read.plan.child_id)
    return render(reply, 'plan', {
      ...read,
      rechecks: rechecks.filter((r) => r.source_id === read.plan.id),
      returnTo: request.url,
      canBook: open && !read.booked && may(caller.actor, 'conference.schedule', read.resource),
    })
  })

  app.get<Id>('/plans/:id/review', signedIn, async (request, reply) => {
    const read = await workflow.readPlan(ctx, callerOf(request), request.params.id)
    return render(
      reply,
      'book',
      bookContext(ctx, read.plan.la_id, read.plan.next_review_due_by ?? '', 'review', {}, []),
    )
  })

  app.post<Id>('/plans/:id/review', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const form = posted(request)
    return withProblems(
      async () => {
        const id = await workflow.bookReview(ctx, caller, request.params.id, bookingFromForm(form))
        return reply.redirect(`/conferences/${id}`, 303)
      },
      async (problems) => {
        const read = await workflow.readPlan(ctx, caller, request.params.id)
        const due = read.plan.next_review_due_by ?? ''
        return render(
          reply.code(400),
          'book',
          bookContext(ctx, read.plan.la_id, due, 'review', form, problems),
        )
      },
    )
  })

  app.get<Id>('/conferences/:id', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const file = await workflow.readConference(ctx, caller, request.params.id)
    const booked = file.conference.status === 'booked'
    const invited = file.invitations.some((i) => i.agency_id === caller.actor.agencyId)
    const rechecks = await workflow.readRechecks(ctx, caller, file.conference.child_id)
    return render(reply, 'conference', {
      ...file,
      rechecks: rechecks.filter((r) => r.source_id === file.conference.id),
      returnTo: request.url,
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
      canShare:
        booked &&
        may(caller.actor, 'conference.schedule', file.resource) &&
        file.invitations.some((i) => i.report && !i.report_shared_with_parents_at),
      canRecord: booked && may(caller.actor, 'conference.chair', file.resource),
    })
  })

  app.get<Id>('/conferences/:id/report', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const file = await workflow.readConference(ctx, caller, request.params.id)
    const own = file.invitations.find((i) => i.agency_id === caller.actor.agencyId)
    return render(reply, 'report', { ...file, ...formContext({ report: own?.report ?? '' }, []) })
  })

  app.post<Id>('/conferences/:id/report', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const form = posted(request)
    return withProblems(
      async () => {
        await workflow.submitReport(ctx, caller, request.params.id, text(form, 'report'))
        return reply.redirect(`/conferences/${request.params.id}`, 303)
      },
      async (problems) => {
        const file = await workflow.readConference(ctx, caller, request.params.id)
        return render(reply.code(400), 'report', { ...file, ...formContext(form, problems) })
      },
    )
  })

  app.post<Id>('/conferences/:id/reports-shared', signedIn, async (request, reply) => {
    await workflow.shareReportsWithParents(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/conferences/${request.params.id}`, 303)
  })

  app.get<Id>('/conferences/:id/record', signedIn, async (request, reply) => {
    const file = await workflow.readConference(ctx, callerOf(request), request.params.id)
    const attending = file.invitations.map((i) => i.agency_id)
    return render(reply, 'record', recordContext(ctx, file, { attending }, []))
  })

  app.post<Id>('/conferences/:id/record', signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const form = posted(request)
    return withProblems(
      async () => {
        const recorded = await workflow.recordConference(ctx, caller, request.params.id, recordFromForm(form))
        if (recorded.kind === 'rescheduled')
          return reply.redirect(`/conferences/${recorded.conferenceId}`, 303)
        return reply.redirect(
          recorded.planId ? `/plans/${recorded.planId}` : `/conferences/${request.params.id}`,
          303,
        )
      },
      async (problems) => {
        const file = await workflow.readConference(ctx, caller, request.params.id)
        return render(reply.code(400), 'record', recordContext(ctx, file, form, problems))
      },
    )
  })

  app.post<Id>('/threshold-rechecks/:id', signedIn, async (request, reply) => {
    const form = posted(request)
    const answer = (Object.keys(RECHECK_ANSWER_LABELS).find((a) => a === text(form, 'answer')) ??
      null) as RecheckAnswer | null
    await workflow.answerRecheck(ctx, callerOf(request), request.params.id, {
      answer,
      notes: text(form, 'notes'),
    })
    return reply.redirect(text(form, 'returnTo').startsWith('/') ? text(form, 'returnTo') : '/', 303)
  })
}

function bookContext(
  ctx: workflow.ConferenceContext,
  laId: string,
  dueBy: string,
  kind: 'initial' | 'review',
  form: Form,
  problems: Problems,
) {
  return {
    ...formContext(form, problems, ['date']),
    dueBy,
    kind,
    agencies: agenciesServing(ctx.partnership, laId),
    invited: list(form, 'invite'),
  }
}

function bookingFromForm(form: Form): workflow.BookingRequest {
  return {
    date: dateField(form, 'date'),
    time: text(form, 'time'),
    location: text(form, 'location'),
    invitees: list(form, 'invite').map((agencyId) => ({
      agencyId,
      name: text(form, `name-${agencyId}`),
      email: text(form, `email-${agencyId}`),
    })),
  }
}

function recordContext(
  ctx: workflow.ConferenceContext,
  file: Awaited<ReturnType<typeof workflow.readConference>>,
  form: Form,
  problems: Problems,
) {
  const date = file.conference.meeting_date
  return {
    ...file,
    ...formContext(form, problems, ['newDate', 'coreGroupFirstMeetingOn']),
    attending: list(form, 'attending'),
    coreGroup: list(form, 'coreGroup'),
    coreGroupDueBy: coreGroupFirstMeetingDueBy(date),
    agencies: agenciesServing(ctx.partnership, file.conference.la_id),
    mayBeInquorate: file.conference.replaces_id === null,
  }
}

function recordFromForm(form: Form): workflow.ConferenceRecord {
  const cpPlan = text(form, 'cpPlan')
  const dissentAgency = text(form, 'dissentAgency')
  return {
    attendingAgencyIds: list(form, 'attending'),
    interimPlan: text(form, 'interimPlan'),
    newDate: dateField(form, 'newDate'),
    decision: {
      cpPlan: cpPlan === 'yes' ? true : cpPlan === 'no' ? false : null,
      category: (text(form, 'category') || null) as CpCategory | null,
      reasons: text(form, 'reasons'),
      planSummary: text(form, 'planSummary'),
      dissent: dissentAgency ? [{ agencyId: dissentAgency, view: text(form, 'dissentView') }] : [],
      coreGroupAgencyIds: list(form, 'coreGroup'),
      coreGroupFirstMeetingOn: dateField(form, 'coreGroupFirstMeetingOn') || null,
    },
    review: {
      outcome: (text(form, 'reviewOutcome') || null) as ReviewOutcome | null,
      category: (text(form, 'category') || null) as CpCategory | null,
      reasons: text(form, 'reasons'),
      endReason: (text(form, 'endReason') || null) as PlanEndReason | null,
    },
  }
}
