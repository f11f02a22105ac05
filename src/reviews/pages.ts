// Serious incidents' pages: recording one from the child's record, the queue, an incident with the
// forms of its steps, the Panel's notification, the rapid review record (page and PDF), and the
// partnership's view of its recommendations. Every read and change goes through workflow.ts (audited).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { statusInWords } from '../actions/index.ts'
import { callerOf, requireUser } from '../identity/index.ts'
import { agencyName, sendCalendarInvitation } from '../meetings/index.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { formOf, listField, type PostedForm, postedFields } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import { coursesAskedFor } from '../training/index.ts'
import { recordImpact, setThemes, themeList } from './impact.ts'
import { rapidReviewMeeting, recordAttendance, recordMeeting } from './meeting.ts'
import { rapidReviewPdf } from './pdf.ts'
import { reviewsToSign } from './practice-review.ts'
import { registerPracticeReviewPages } from './practice-review-pages.ts'
import { incidentSummary, incidentView, laName, recommendationOverdue } from './presenting.ts'
import { ABUSE_OR_NEGLECT, DECISIONS, HARM, impactState, LCSPR, themesByYear } from './rules.ts'
import {
  AttendanceInput,
  CommissionInput,
  DecisionInput,
  ImpactInput,
  IncidentInput,
  InviteInput,
  MeetingInput,
  NotifiedInput,
  PartDueInput,
  PartInput,
  RecommendationInput,
  RecordInput,
  ReplyInput,
  SentInput,
  ThemesInput,
} from './schemas.ts'
import {
  addRecommendation,
  changePartDue,
  commissionReview,
  defaultPartDueBy,
  incidentForm,
  inviteAgencies,
  type ReviewsContext,
  readIncident,
  recommendationsProgress,
  recordDecision,
  recordIncident,
  recordNotified,
  recordReply,
  recordSent,
  reviewQueue,
  submitPart,
  writeRecord,
} from './workflow.ts'

type Id = { Params: { id: string } }
const body = (request: FastifyRequest) => (request.body ?? {}) as PostedForm
const signedIn = { schema: { hide: true }, preHandler: requireUser }

const choices = (words: Record<string, string>) =>
  Object.entries(words).map(([value, text]) => ({ value, text }))

/** Each step on an incident: its form, its use case and the words shown once it is recorded. */
const STEPS = {
  decision: { form: formOf(DecisionInput), record: recordDecision, done: 'Decision recorded.' },
  notified: {
    form: formOf(NotifiedInput),
    record: recordNotified,
    done: 'Notification to the Panel recorded.',
  },
  invite: {
    form: formOf(InviteInput),
    record: inviteAgencies,
    done: 'Agencies invited to the rapid review.',
  },
  part: {
    form: formOf(PartInput),
    record: submitPart,
    done: 'Your agency’s part was sent to the rapid review.',
  },
  meeting: { form: formOf(MeetingInput), record: recordMeeting, done: 'Rapid review meeting recorded.' },
  record: { form: formOf(RecordInput), record: writeRecord, done: 'Rapid review record saved.' },
  sent: { form: formOf(SentInput), record: recordSent, done: 'Rapid review recorded as sent to the Panel.' },
  reply: { form: formOf(ReplyInput), record: recordReply, done: 'The Panel’s reply recorded.' },
  recommendations: {
    form: formOf(RecommendationInput),
    record: addRecommendation,
    done: 'Recommendation added as an action.',
  },
  commission: {
    form: formOf(CommissionInput),
    record: commissionReview,
    done: 'Local child safeguarding practice review commissioned.',
  },
  'part-due': {
    form: formOf(PartDueInput),
    record: changePartDue,
    done: 'The day the agency’s part is due was changed. Its reminders start again.',
  },
  impact: { form: formOf(ImpactInput), record: recordImpact, done: 'Evidence of impact recorded.' },
  themes: { form: formOf(ThemesInput), record: setThemes, done: 'Themes saved.' },
  attendance: {
    // Its checkboxes have ids of their own: the invitation's share the page.
    form: formOf(AttendanceInput, { anchors: { agencyIds: 'attendedAgencyIds' } }),
    record: recordAttendance,
    done: 'Attendance recorded.',
  },
} as const
type StepName = keyof typeof STEPS

const incidentForm_ = formOf(IncidentInput)

/** A date as the GOV.UK date input's three fields show it, to offer a day already filled in. */
const dateParts = (name: string, date: string | undefined): Record<string, string> => {
  if (!date) return {}
  const [year = '', month = '', day = ''] = date.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year,
  }
}

export function registerReviewPages(app: FastifyInstance, ctx: ReviewsContext) {
  registerPracticeReviewPages(app, ctx)
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`reviews/views/${view}.njk`, context)
  const agencies = ctx.partnership.agencies.map((agency) => ({ value: agency.id, text: agency.name }))
  const words = {
    abuseOrNeglect: choices(ABUSE_OR_NEGLECT),
    harms: choices(HARM),
    decisions: choices(DECISIONS),
    lcsprs: choices(LCSPR),
    agencies,
    themeChoices: themeList(ctx).map((theme) => ({ value: theme.id, text: theme.label })),
  }

  // ---- Recording an incident, from the child's record
  const showNew = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    form: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) => {
    const child = await incidentForm(ctx, callerOf(request), request.params.id)
    return render(reply, 'new', {
      child: { ...child, laName: laName(ctx.partnership, child.laId) },
      form,
      ...words,
      ...incidentForm_.errors(problems),
    })
  }
  app.get<Id>('/children/:id/serious-incidents/new', signedIn, (request, reply) => showNew(request, reply))
  app.post<Id>('/children/:id/serious-incidents', signedIn, async (request, reply) => {
    try {
      const row = await recordIncident(
        ctx,
        callerOf(request),
        request.params.id,
        incidentForm_.read(request.body),
      )
      return reply.redirect(`/reviews/${row.id}?recorded=incident`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return showNew(request, reply.code(400), postedFields(request.body), error.problems)
    }
  })

  // ---- The queue and the partnership's progress on recommendations
  app.get('/reviews', signedIn, async (request, reply) => {
    const now = ctx.now()
    const items = await reviewQueue(ctx, callerOf(request))
    return render(reply, 'queue', {
      toSign: await reviewsToSign(ctx, callerOf(request)),
      items: items.map((item) => ({
        ...incidentSummary(ctx.partnership, item.incident, now, item.childName),
        lateAgencies: item.lateAgencyIds.map((id) => agencyName(ctx.partnership, id)),
        overdueRecommendations: item.overdueRecommendations,
      })),
    })
  })
  app.get('/reviews/recommendations', signedIn, async (request, reply) => {
    const today = toIsoDate(ctx.now())
    const { progress, incidents } = await recommendationsProgress(ctx, callerOf(request))
    const rows = progress.map(({ incident, action, impact }) => ({
      id: incident.id,
      reference: incident.reference,
      description: action.description,
      owner: agencyName(ctx.partnership, action.owner_agency_id),
      dueBy: action.due_by,
      status: statusInWords(action, today),
      overdue: recommendationOverdue(action, today),
      state: impactState(action, impact !== undefined),
      impact: impact
        ? { evidence: impact.evidence, on: impact.evidenced_on, by: impact.recorded_by_name }
        : undefined,
    }))
    const count = (state: string) => rows.filter((row) => row.state === state).length
    return render(reply, 'recommendations', {
      rows,
      counts: {
        open: count('open'),
        overdue: rows.filter((row) => row.overdue).length,
        withImpact: count('done-with-impact'),
        withoutImpact: count('done-without-impact'),
      },
      themes: themesByYear(themeList(ctx), incidents),
    })
  })

  // ---- One incident
  const fileOf = async (request: FastifyRequest<Id>) => {
    const file = await readIncident(ctx, callerOf(request), request.params.id)
    return { file, view: incidentView(ctx.partnership, file, ctx.now(), toIsoDate(ctx.now())) }
  }
  const showIncident = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    posted: { step?: StepName; form?: Record<string, unknown>; problems?: readonly FieldProblem[] } = {},
  ) => {
    const { file, view } = await fileOf(request)
    const query = request.query as Record<string, string | undefined>
    const notice =
      query.recorded === 'incident'
        ? 'Serious incident recorded.'
        : query.recorded && query.recorded in STEPS
          ? STEPS[query.recorded as StepName].done
          : undefined
    const invited = new Set(file.parts.map((part) => part.agency_id))
    const la = ctx.partnership.agencies.find(
      (a) => a.kind === 'local-authority' && a.la === file.incident.la_id,
    )
    return render(reply, 'incident', {
      ...words,
      meetingInvitees: agencies
        .filter((agency) => invited.has(agency.value) || agency.value === la?.id)
        .map((agency) => ({
          ...agency,
          checked: file.incident.rapid_review_attended?.includes(agency.value),
        })),
      uninvited: agencies.filter((agency) => !invited.has(agency.value)),
      i: view,
      file,
      courses: await coursesAskedFor(ctx.db, 'review', file.incident.id),
      notice,
      recordForm:
        posted.step === 'record'
          ? posted.form
          : {
              facts: file.incident.facts,
              immediateActions: file.incident.immediate_actions,
              learning: file.incident.learning,
              lcspr: file.incident.lcspr,
              lcsprReason: file.incident.lcspr_reason,
            },
      step: posted.step,
      form: posted.form ?? {},
      partsDueBy: dateParts('dueOn', defaultPartDueBy(ctx, file.incident)),
      ...(posted.step
        ? STEPS[posted.step].form.errors(posted.problems ?? [])
        : { errors: [], fieldErrors: {} }),
    })
  }
  app.get<Id>('/reviews/:id', signedIn, (request, reply) => showIncident(request, reply))
  app.get<Id>('/reviews/:id/notification', signedIn, async (request, reply) => {
    const { file, view } = await fileOf(request)
    if (!file.whole) throw new RequestError(404, 'Not found')
    return render(reply, 'notification', { i: view, file })
  })
  app.get<Id>('/reviews/:id/record', signedIn, async (request, reply) => {
    const { file, view } = await fileOf(request)
    if (!file.whole || !view.record) throw new RequestError(404, 'Not found')
    return render(reply, 'record', { i: view, file })
  })
  app.get<Id>('/reviews/:id/record.pdf', signedIn, async (request, reply) => {
    const { file, view } = await fileOf(request)
    if (!file.whole || !view.record) throw new RequestError(404, 'Not found')
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${view.reference}.pdf"`)
      .send(await rapidReviewPdf(view, ctx.partnership.partnership.name))
  })
  app.get<Id>('/reviews/:id/invitation.ics', signedIn, async (request, reply) => {
    const { reference, invitation } = await rapidReviewMeeting(ctx, callerOf(request), request.params.id)
    return sendCalendarInvitation(reply, reference, invitation)
  })
  for (const [name, step] of Object.entries(STEPS) as [StepName, (typeof STEPS)[StepName]][])
    app.post<Id>(`/reviews/:id/${name}`, signedIn, async (request, reply) => {
      try {
        await step.record(ctx, callerOf(request), request.params.id, step.form.read(request.body))
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error
        // The agencies ticked, kept as a list (the invitation's and the attendance's checkboxes).
        const form = { ...postedFields(request.body), agencyIds: listField(body(request), 'agencyIds') }
        return showIncident(request, reply.code(400), { step: name, form, problems: error.problems })
      }
      return reply.redirect(`/reviews/${request.params.id}?recorded=${name}#step-${name}`, 303)
    })
}
