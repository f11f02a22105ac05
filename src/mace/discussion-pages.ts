// The pages of a child's discussion at a MACE meeting: the form (the meeting, what was discussed, the risk
// level, an action on the shared actions block; the GOV.UK error summary keeping what was typed) and
// the record, both for MACE's members only.

import type { FastifyInstance, FastifyReply } from 'fastify'
import { statusInWords } from '../actions/index.ts'
import { requireUser } from '../identity/index.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { dateField, govukErrors, type PostedForm, postedFields, textField } from '../platform/http/forms.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import {
  discussionToReview,
  readDiscussion,
  recordDiscussion,
  recordReview,
  referralToDiscuss,
} from './discussion.ts'
import { RISK_LEVELS } from './schemas.ts'
import { InvalidMaceReferral, type MaceContext } from './workflow.ts'

const VIEWS = 'mace/views'
type Route = { Params: { id: string }; Querystring: { meeting?: string } }
const ANCHORS = { 'actions-1-due': 'actions-1-due-day', reviewOn: 'reviewOn-day' }

/** The posted form as the input: the one action row, when its description is given. */
function readForm(body: unknown) {
  const form = (body ?? {}) as PostedForm
  const action = {
    description: textField(form, 'actions-1-description') ?? '',
    ownerAgencyId: textField(form, 'actions-1-agency') ?? '',
    ownerName: textField(form, 'actions-1-owner') ?? '',
    dueBy: dateField(form, 'actions-1-due') ?? '',
  }
  const given = {
    meetingId: textField(form, 'meetingId'),
    discussion: textField(form, 'discussion'),
    riskLevel: textField(form, 'riskLevel'),
    reviewOn: dateField(form, 'reviewOn') || undefined,
  }
  // A field left empty is absent, as the schema's words for a missing answer expect.
  const answered = Object.entries(given).filter(([, value]) => value !== undefined)
  return { ...Object.fromEntries(answered), actions: action.description ? [action] : [] }
}

export function registerDiscussionPages(app: FastifyInstance, ctx: MaceContext): void {
  const page = { schema: { hide: true }, preHandler: requireUser }
  const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  const render = async (
    reply: FastifyReply,
    referralId: string,
    request: Parameters<typeof referralToDiscuss>[1],
    form: object,
    problems: FieldProblem[] = [],
    reviewing?: string,
  ) =>
    reply.view(`${VIEWS}/discuss.njk`, {
      ...(reviewing
        ? await discussionToReview(ctx, request, reviewing)
        : await referralToDiscuss(ctx, request, referralId)),
      riskLevels: RISK_LEVELS,
      agencies: ctx.partnership.agencies,
      form,
      ...govukErrors(problems, { anchors: ANCHORS }),
    })
  app.get<Route>('/mace/referrals/:id/discussion', page, async (request, reply) =>
    render(reply, request.params.id, request, { meetingId: request.query.meeting ?? '' }),
  )
  app.post<Route>('/mace/referrals/:id/discussion', page, async (request, reply) => {
    try {
      const discussion = await recordDiscussion(ctx, request, request.params.id, readForm(request.body))
      return reply.redirect(`/mace/discussions/${discussion.id}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidMaceReferral)) throw error
      return render(reply.code(400), request.params.id, request, postedFields(request.body), error.problems)
    }
  })
  app.get<Route>('/mace/discussions/:id', page, async (request, reply) => {
    const record = await readDiscussion(ctx, request, request.params.id)
    const today = toIsoDate(new Date())
    return reply.view(`${VIEWS}/discussion.njk`, {
      ...record,
      riskLevels: RISK_LEVELS,
      agencyName,
      actions: record.actions.map((action) => ({ ...action, status: statusInWords(action, today) })),
    })
  })
  app.get<Route>('/mace/discussions/:id/review', page, async (request, reply) =>
    render(reply, '', request, { meetingId: request.query.meeting ?? '' }, [], request.params.id),
  )
  app.post<Route>('/mace/discussions/:id/review', page, async (request, reply) => {
    try {
      const review = await recordReview(ctx, request, request.params.id, readForm(request.body))
      return reply.redirect(`/mace/discussions/${review.id}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidMaceReferral)) throw error
      const posted = postedFields(request.body)
      return render(reply.code(400), '', request, posted, error.problems, request.params.id)
    }
  })
}
