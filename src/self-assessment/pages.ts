// The self-assessment's pages: the rounds and the caller's own returns, opening a round, the
// partnership's view of a round, a return with its standards, rating a standard, submitting, the
// challenge and the agency's response, and an agency's ratings year on year. Every read and change
// goes through workflow.ts (audited, decided by the policy).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { EXPORT_FORMATS, type ExportFormat, sendListExport } from '../platform/exports/list-export.ts'
import { govukDate } from '../platform/http/dates.ts'
import { changeOrShowAgain, formOf, type Posted } from '../platform/http/forms.ts'
import { CHANGES, dueWords, FRAMEWORKS, RATINGS, ragOf, ratingWords } from './rules.ts'
import { ChallengeInput, RatingInput, ResponseInput, RoundInput } from './schemas.ts'
import {
  agencyHistory,
  challengeStandard,
  type ExportedRating,
  exportRound,
  openRound,
  overview,
  rateStandard,
  readChallenge,
  readReturn,
  readRound,
  readStandard,
  respondToChallenge,
  type SelfAssessmentContext,
  startReturn,
  submitReturn,
} from './workflow.ts'

type Id = { Params: { id: string } }
type Standard = { Params: { id: string; standardId: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>

const NOTICES: Record<string, string> = {
  round: 'The round is open. Each agency can now start its return.',
  rated: 'Your rating is saved.',
  submitted: 'Your return is submitted to the partnership.',
  challenged: 'Your challenge is recorded and the agency has been told.',
  responded: 'Your response is recorded.',
}

const RATING_CHOICES = Object.entries(RATINGS).map(([value, text]) => ({ value, text: `${value}: ${text}` }))

/** A rating as the pages show it: the words, and its red, amber or green. */
const ratingView = (rating: number | undefined) =>
  rating ? { text: ratingWords(rating), rag: ragOf(rating), value: rating } : undefined

export function registerSelfAssessmentPages(app: FastifyInstance, ctx: SelfAssessmentContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`self-assessment/views/${view}.njk`, context)
  const notice = (request: FastifyRequest) => NOTICES[query(request).done ?? '']

  app.get('/self-assessment', signedIn, async (request, reply) => {
    const view = await overview(ctx, callerOf(request))
    return render(reply, 'index', {
      ...view,
      own: view.own.map((each) => ({
        ...each,
        words: dueWords(each.status, each.round.due_on, view.today),
      })),
      notice: notice(request),
    })
  })

  // ---- Rounds
  const roundForm = formOf(RoundInput)
  const showNewRound = (reply: FastifyReply, posted: Posted = {}) =>
    render(reply, 'round-new', { form: posted.form ?? {}, ...roundForm.errors(posted.problems ?? []) })
  app.get('/self-assessment/rounds/new', signedIn, async (request, reply) => {
    const { manages } = await overview(ctx, callerOf(request))
    if (!manages) return reply.redirect('/self-assessment', 303)
    return showNewRound(reply)
  })
  app.post('/self-assessment/rounds', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () =>
        `/self-assessment/rounds/${(await openRound(ctx, callerOf(request), roundForm.read(request.body))).id}?done=round`,
      (posted) => showNewRound(reply, posted),
    ),
  )
  app.get<Id>('/self-assessment/rounds/:id', signedIn, async (request, reply) => {
    const view = await readRound(ctx, callerOf(request), request.params.id)
    return render(reply, 'round', {
      round: view.round,
      tables: view.tables.map((table) => ({
        framework: FRAMEWORKS[table.framework],
        standards: table.standards,
        rows: table.rows.map((row) => ({
          ...row,
          statusWords: dueWords(row.status, view.round.due_on, view.today),
          cells: table.standards.map((standard) => {
            const rated = row.ratings[standard.id]
            return rated ? { ...ratingView(rated.rating), change: CHANGES[rated.change] } : undefined
          }),
        })),
        summaries: table.summaries,
      })),
      notice: notice(request),
    })
  })
  app.get<Id>('/self-assessment/rounds/:id/ratings', signedIn, async (request, reply) => {
    const format: ExportFormat = EXPORT_FORMATS.find((f) => f === query(request).format) ?? 'csv'
    const { round, rows } = await exportRound(ctx, callerOf(request), request.params.id, format)
    return sendListExport<ExportedRating>(reply, {
      format,
      filename: `self-assessment-${round.year}`,
      title: `Self-assessment ${round.year}`,
      rows,
      columns: [
        { header: 'Agency', value: (row) => row.agency },
        { header: 'Framework', value: (row) => FRAMEWORKS[row.framework] },
        { header: 'Standard', value: (row) => row.standard },
        { header: 'Rating (1 to 4)', value: (row) => row.rating },
        { header: 'Rating in words', value: (row) => ratingWords(row.rating) },
        { header: 'Last year', value: (row) => row.previous ?? null },
        { header: 'Change', value: (row) => CHANGES[row.change] },
        { header: 'Evidence', value: (row) => row.evidence },
        { header: 'Actions', value: (row) => row.actions },
        { header: 'Actions by', value: (row) => (row.actionsDueOn ? govukDate(row.actionsDueOn) : null) },
        { header: 'Challenges awaiting an answer', value: (row) => row.openChallenges },
      ],
    })
  })
  app.post<Id>('/self-assessment/rounds/:id/start', signedIn, async (request, reply) => {
    const row = await startReturn(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/self-assessment/returns/${row.id}`, 303)
  })

  // ---- A return
  const showReturn = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) => {
    const file = await readReturn(ctx, callerOf(request), request.params.id)
    const problems = posted.problems ?? []
    return render(reply, 'return', {
      ...file,
      framework: FRAMEWORKS[file.ret.framework],
      statusWords: dueWords(file.ret.status, file.round.due_on, file.today),
      standards: file.standards.map((view) => ({
        ...view,
        shown: ratingView(view.rating?.rating),
        previousWords: view.previous ? ratingWords(view.previous) : undefined,
        changeWords: view.change ? CHANGES[view.change] : undefined,
        actionLines: (view.rating?.actions ?? '').split(/\r?\n/).filter((line) => line.trim()),
      })),
      errors: problems.map((problem) => ({ text: problem.text, href: `#${problem.field}` })),
      notice: notice(request),
    })
  }
  app.get<Id>('/self-assessment/returns/:id', signedIn, (request, reply) => showReturn(request, reply))
  app.post<Id>('/self-assessment/returns/:id/submit', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await submitReturn(ctx, callerOf(request), request.params.id)
        return `/self-assessment/returns/${request.params.id}?done=submitted`
      },
      (posted) => showReturn(request, reply, posted),
    ),
  )

  // ---- One standard: its rating (the agency), its challenge (the partnership)
  const ratingForm = formOf(RatingInput)
  const showStandard = async (
    request: FastifyRequest<Standard>,
    reply: FastifyReply,
    posted: Posted = {},
  ) => {
    const file = await readStandard(ctx, callerOf(request), request.params.id, request.params.standardId)
    if (!file.mayEdit) return reply.redirect(`/self-assessment/returns/${file.ret.id}`, 303)
    const rating = file.view.rating
    const [year = '', month = '', day = ''] = (rating?.actions_due_on ?? '').split('-')
    const form = posted.form ?? {
      rating: rating ? String(rating.rating) : '',
      evidence: rating?.evidence ?? '',
      actions: rating?.actions ?? '',
      'actionsDueOn-day': day.replace(/^0/, ''),
      'actionsDueOn-month': month.replace(/^0/, ''),
      'actionsDueOn-year': year,
    }
    return render(reply, 'standard', {
      ...file,
      ratings: RATING_CHOICES,
      previousWords: file.view.previous ? ratingWords(file.view.previous) : undefined,
      form,
      ...ratingForm.errors(posted.problems ?? []),
    })
  }
  app.get<Standard>('/self-assessment/returns/:id/standards/:standardId', signedIn, (request, reply) =>
    showStandard(request, reply),
  )
  app.post<Standard>('/self-assessment/returns/:id/standards/:standardId', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        const { id, standardId } = request.params
        await rateStandard(ctx, callerOf(request), id, standardId, ratingForm.read(request.body))
        return `/self-assessment/returns/${id}?done=rated#standard-${standardId}`
      },
      (posted) => showStandard(request, reply, posted),
    ),
  )

  const challengeForm = formOf(ChallengeInput)
  const showChallengeForm = async (
    request: FastifyRequest<Standard>,
    reply: FastifyReply,
    posted: Posted = {},
  ) => {
    const file = await readStandard(ctx, callerOf(request), request.params.id, request.params.standardId)
    if (!file.mayChallenge || !file.view.rating)
      return reply.redirect(`/self-assessment/returns/${file.ret.id}`, 303)
    return render(reply, 'challenge', {
      ...file,
      shown: ratingView(file.view.rating.rating),
      form: posted.form ?? {},
      ...challengeForm.errors(posted.problems ?? []),
    })
  }
  app.get<Standard>(
    '/self-assessment/returns/:id/standards/:standardId/challenge',
    signedIn,
    (request, reply) => showChallengeForm(request, reply),
  )
  app.post<Standard>(
    '/self-assessment/returns/:id/standards/:standardId/challenge',
    signedIn,
    (request, reply) =>
      changeOrShowAgain(
        request,
        reply,
        async () => {
          const { id, standardId } = request.params
          await challengeStandard(ctx, callerOf(request), id, standardId, challengeForm.read(request.body))
          return `/self-assessment/returns/${id}?done=challenged#standard-${standardId}`
        },
        (posted) => showChallengeForm(request, reply, posted),
      ),
  )

  const responseForm = formOf(ResponseInput)
  const showResponse = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) => {
    const file = await readChallenge(ctx, callerOf(request), request.params.id)
    if (!file.mayRespond) return reply.redirect(`/self-assessment/returns/${file.ret.id}`, 303)
    return render(reply, 'response', {
      ...file,
      shown: ratingView(file.view?.rating?.rating),
      form: posted.form ?? {},
      ...responseForm.errors(posted.problems ?? []),
    })
  }
  app.get<Id>('/self-assessment/challenges/:id/response', signedIn, (request, reply) =>
    showResponse(request, reply),
  )
  app.post<Id>('/self-assessment/challenges/:id/response', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        const returnId = await respondToChallenge(
          ctx,
          callerOf(request),
          request.params.id,
          responseForm.read(request.body),
        )
        return `/self-assessment/returns/${returnId}?done=responded`
      },
      (posted) => showResponse(request, reply, posted),
    ),
  )

  // ---- Year on year
  // An agency's id is a word of the configuration ('leicester-schools'), not a record's id.
  app.get<{ Params: { agencyId: string } }>(
    '/self-assessment/agencies/:agencyId',
    signedIn,
    async (request, reply) => {
      const history = await agencyHistory(ctx, callerOf(request), request.params.agencyId)
      return render(reply, 'agency', {
        ...history,
        framework: FRAMEWORKS[history.framework],
        rows: history.rows.map((row) => ({
          standard: row.standard,
          cells: row.cells.map((cell) => ({
            ...ratingView(cell.rating),
            change: cell.change && cell.change !== 'new' ? CHANGES[cell.change] : undefined,
          })),
        })),
      })
    },
  )
}
