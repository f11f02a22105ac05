// Missing episodes' pages: a child's missing history (counts, each episode with its return and its
// return home interview), the forms that record an episode, the return and the interview (the GOV.UK
// error summary, keeping what was typed), and the LA's queue of return interviews due.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireUser } from '../identity/index.ts'
import { formOf, postedFields } from '../platform/http/forms.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { countsInWords } from './rules.ts'
import { EpisodeInput, INTERVIEW_OUTCOMES, InterviewInput, ReturnInput, RISK_GRADINGS } from './schemas.ts'
import {
  childForStep,
  episodeForStep,
  interviewsDue,
  type MissingContext,
  readHistory,
  recordEpisode,
  recordInterview,
  recordReturn,
} from './workflow.ts'

const VIEWS = 'missing/views'
const forms = {
  episode: formOf(EpisodeInput),
  return: formOf(ReturnInput),
  interview: formOf(InterviewInput),
}
type Route = { Params: { id: string } }
const WORDS = { riskGradings: RISK_GRADINGS, outcomes: INTERVIEW_OUTCOMES }

export function registerMissingPages(app: FastifyInstance, ctx: MissingContext): void {
  const page = { schema: { hide: true }, preHandler: requireUser }
  app.get('/missing/return-interviews', page, async (request, reply) =>
    reply.view(`${VIEWS}/queue.njk`, { due: await interviewsDue(ctx, request) }),
  )
  app.get<Route>('/children/:id/missing', page, async (request, reply) => {
    const history = await readHistory(ctx, request, request.params.id)
    const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id
    return reply.view(`${VIEWS}/history.njk`, {
      ...history,
      ...WORDS,
      countsWords: countsInWords(history.counts),
      agencyName,
    })
  })
  app.get<Route>('/children/:id/missing/new', page, async (request, reply) =>
    reply.view(`${VIEWS}/episode.njk`, {
      ...WORDS,
      child: await childForStep(ctx, request, request.params.id),
      form: {},
    }),
  )
  app.post<Route>('/children/:id/missing', page, async (request, reply) => {
    const childId = request.params.id
    try {
      await recordEpisode(ctx, request, childId, forms.episode.read(request.body))
      return reply.redirect(`/children/${childId}/missing`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      const child = await childForStep(ctx, request, childId)
      return again(reply, 'episode', { child }, request, forms.episode.errors(error.problems))
    }
  })
  registerStep(app, ctx, 'return', 'missing.record', recordReturn)
  registerStep(app, ctx, 'interview', 'missing.interview', recordInterview)
}

/** A step on one episode: its form and what it records, then back to the child's missing history. */
function registerStep(
  app: FastifyInstance,
  ctx: MissingContext,
  step: 'return' | 'interview',
  action: 'missing.record' | 'missing.interview',
  record: (ctx: MissingContext, request: FastifyRequest, id: string, sent: unknown) => Promise<unknown>,
): void {
  const page = { schema: { hide: true }, preHandler: requireUser }
  app.get<Route>(`/missing/:id/${step}`, page, async (request, reply) => {
    const found = await episodeForStep(ctx, request, request.params.id, action)
    const done = step === 'return' ? found.episode.returned_at : found.episode.interview_outcome
    if (done) return reply.redirect(`/children/${found.child.childId}/missing`, 303)
    return reply.view(`${VIEWS}/${step}.njk`, { ...WORDS, ...found, form: {} })
  })
  app.post<Route>(`/missing/:id/${step}`, page, async (request, reply) => {
    const found = await episodeForStep(ctx, request, request.params.id, action)
    try {
      await record(ctx, request, request.params.id, forms[step].read(request.body))
      return reply.redirect(`/children/${found.child.childId}/missing`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return again(reply, step, found, request, forms[step].errors(error.problems))
    }
  })
}

/** The form again, with the error summary and what was typed. */
function again(
  reply: FastifyReply,
  view: string,
  context: object,
  request: FastifyRequest,
  errors: ReturnType<(typeof forms)['episode']['errors']>,
) {
  return reply
    .code(400)
    .view(`${VIEWS}/${view}.njk`, { ...WORDS, ...context, form: postedFields(request.body), ...errors })
}
