// The local child safeguarding practice review's page: its commissioning, milestones, drafts as
// versions, the lead partners' sign-off of the current draft, publication (refused naming who has
// still to sign) and the Panel's copy, with the time left to the 6-month target. Every read and
// change goes through practice-review.ts (audited).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { agencyName } from '../meetings/index.ts'
import { formOf, postedFields } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import {
  addMilestone,
  meetMilestone,
  PublishRefused,
  readPracticeReview,
  recordPanelCopy,
  recordPublication,
  signOff,
  writeDraft,
} from './practice-review.ts'
import { laName } from './presenting.ts'
import { LEAD_PARTNERS, publicationStatus } from './rules.ts'
import { DraftInput, MilestoneInput, MilestoneMetInput, PanelCopyInput, PublicationInput } from './schemas.ts'
import type { ReviewsContext } from './workflow.ts'

type Id = { Params: { id: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }

const STEPS = {
  milestone: { form: formOf(MilestoneInput), record: addMilestone, done: 'Milestone added.' },
  'milestone-met': {
    form: formOf(MilestoneMetInput),
    record: meetMilestone,
    done: 'Milestone recorded as met.',
  },
  draft: { form: formOf(DraftInput), record: writeDraft, done: 'Draft saved as a new version.' },
  publication: { form: formOf(PublicationInput), record: recordPublication, done: 'Publication recorded.' },
  'panel-copy': { form: formOf(PanelCopyInput), record: recordPanelCopy, done: 'The Panel’s copy recorded.' },
} as const
type StepName = keyof typeof STEPS

export function registerPracticeReviewPages(app: FastifyInstance, ctx: ReviewsContext) {
  const show = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    posted: { step?: StepName; form?: Record<string, string>; problems?: readonly FieldProblem[] } = {},
  ) => {
    const file = await readPracticeReview(ctx, callerOf(request), request.params.id)
    const now = ctx.now()
    const query = request.query as Record<string, string | undefined>
    const notice =
      query.recorded === 'sign-off'
        ? 'Signed off.'
        : query.recorded && query.recorded in STEPS
          ? STEPS[query.recorded as StepName].done
          : undefined
    const { review, incident } = file
    const current = file.drafts[0]
    return reply.view('reviews/views/practice-review.njk', {
      id: incident.id,
      reference: incident.reference,
      laName: laName(ctx.partnership, incident.la_id),
      file,
      notice,
      status: publicationStatus(review.publish_by, review.published_on, now),
      current,
      older: file.drafts.slice(1),
      signoffs: file.signoffs.map((s) => ({
        partner: LEAD_PARTNERS[s.partner],
        by: s.signed_by_name,
        agency: agencyName(ctx.partnership, s.agency_id),
        at: s.signed_at,
      })),
      unsigned: file.unsigned.map((p) => LEAD_PARTNERS[p]),
      signsFor: file.signsFor ? LEAD_PARTNERS[file.signsFor] : undefined,
      openMilestones: file.milestones.filter((m) => !m.met_on).map((m) => ({ value: m.id, text: m.title })),
      step: posted.step,
      form: posted.form ?? {},
      ...(posted.step
        ? STEPS[posted.step].form.errors(posted.problems ?? [])
        : { errors: [], fieldErrors: {} }),
    })
  }

  app.get<Id>('/reviews/:id/practice-review', signedIn, (request, reply) => show(request, reply))
  app.post<Id>('/reviews/:id/practice-review/sign-off', signedIn, async (request, reply) => {
    await signOff(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/reviews/${request.params.id}/practice-review?recorded=sign-off#sign-off`, 303)
  })
  for (const [name, step] of Object.entries(STEPS) as [StepName, (typeof STEPS)[StepName]][])
    app.post<Id>(`/reviews/:id/practice-review/${name}`, signedIn, async (request, reply) => {
      try {
        await step.record(ctx, callerOf(request), request.params.id, step.form.read(request.body))
      } catch (error) {
        const form = postedFields(request.body)
        if (error instanceof PublishRefused)
          return show(request, reply.code(409), {
            step: name,
            form,
            problems: [{ field: 'publishedOn', text: error.message }],
          })
        if (!(error instanceof InvalidInput)) throw error
        return show(request, reply.code(400), { step: name, form, problems: error.problems })
      }
      return reply.redirect(`/reviews/${request.params.id}/practice-review?recorded=${name}#${name}`, 303)
    })
}
