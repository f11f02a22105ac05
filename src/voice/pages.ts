// The voice of children and families' pages: sending a family the survey after a conference, the
// family's page behind its link (no account; rate limited, CSRF like every form), a practitioner's
// survey after a meeting, and "What you told us and what we changed". Every read and change goes
// through workflow.ts (audited).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { formOf, postedFields } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import {
  CHILD_QUESTIONS,
  CHILD_SUGGESTION,
  FAMILY_QUESTIONS,
  FAMILY_SUGGESTION,
  LINK_LIFETIME_WORDS,
  PRACTITIONER_QUESTIONS,
  PRACTITIONER_SUGGESTION,
  SCALE,
  type SurveyFor,
  THEMES,
} from './rules.ts'
import { ChangeInput, ChildAnswers, FamilyAnswers, IssueInput, PractitionerAnswers } from './schemas.ts'
import type { MeetingKind } from './tables.ts'
import {
  answerPractitionerSurvey,
  answerSurvey,
  issueSurvey,
  openSurvey,
  practitionerSurvey,
  recordChange,
  results,
  surveysForConference,
  type VoiceContext,
} from './workflow.ts'

type ConferenceParams = { Params: { conferenceId: string } }
type Token = { Params: { token: string } }
type MeetingParams = { Params: { kind: string; meetingId: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
/** The family's pages: at most 10 a minute from one address, like the LADO's public form. */
const limited = { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode

const issueForm = formOf(IssueInput)
/** The survey behind a link: the family's, or the child's in plain words. */
const SURVEYS = {
  family: {
    view: 'family',
    form: formOf(FamilyAnswers),
    questions: FAMILY_QUESTIONS,
    suggestion: FAMILY_SUGGESTION,
  },
  child: {
    view: 'child',
    form: formOf(ChildAnswers),
    questions: CHILD_QUESTIONS,
    suggestion: CHILD_SUGGESTION,
  },
} as const
const practitionerForm = formOf(PractitionerAnswers)
const changeForm = formOf(ChangeInput)

export function registerVoicePages(app: FastifyInstance, ctx: VoiceContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`voice/views/${view}.njk`, { scale: SCALE, ...context })

  // ---- Sending the family's survey after a conference
  const showIssue = async (
    request: FastifyRequest<ConferenceParams>,
    reply: FastifyReply,
    form: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) => {
    const surveys = await surveysForConference(ctx, callerOf(request), request.params.conferenceId)
    const sent = (request.query as Record<string, string | undefined>).sent !== undefined
    return render(reply, 'issue', {
      ...surveys,
      form,
      sent,
      lifetime: LINK_LIFETIME_WORDS,
      ...issueForm.errors(problems),
    })
  }
  app.get<ConferenceParams>('/voice/conferences/:conferenceId/survey', signedIn, (request, reply) =>
    showIssue(request, reply),
  )
  app.post<ConferenceParams>('/voice/conferences/:conferenceId/survey', signedIn, async (request, reply) => {
    try {
      await issueSurvey(ctx, callerOf(request), request.params.conferenceId, issueForm.read(request.body))
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return showIssue(request, reply.code(400), postedFields(request.body), error.problems)
    }
    return reply.redirect(`/voice/conferences/${request.params.conferenceId}/survey?sent=1`, 303)
  })

  // ---- The family's page behind its link
  const showSurvey = (
    reply: FastifyReply,
    token: string,
    opened: { meetingDate: string; audience: SurveyFor },
    form: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) => {
    const survey = SURVEYS[opened.audience]
    return render(reply, survey.view, {
      action: `/voice/survey/${token}`,
      meetingDate: opened.meetingDate,
      questions: survey.questions,
      suggestionText: survey.suggestion,
      form,
      ...survey.form.errors(problems),
    })
  }
  const spent = (reply: FastifyReply) => render(reply.code(410), 'link-spent', {})
  app.get<Token>('/voice/survey/:token', limited, async (request, reply) => {
    try {
      return showSurvey(reply, request.params.token, await openSurvey(ctx, request.params.token))
    } catch (error) {
      if (statusOf(error) === 410) return spent(reply)
      throw error
    }
  })
  app.post<Token>('/voice/survey/:token', limited, async (request, reply) => {
    const { token } = request.params
    try {
      const opened = await openSurvey(ctx, token)
      try {
        await answerSurvey(ctx, token, SURVEYS[opened.audience].form.read(request.body))
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error
        return showSurvey(reply.code(400), token, opened, postedFields(request.body), error.problems)
      }
    } catch (error) {
      if (statusOf(error) === 410) return spent(reply)
      throw error
    }
    return render(reply, 'thank-you', {})
  })

  // ---- A practitioner's survey after a meeting
  const showPractitioner = async (
    request: FastifyRequest<MeetingParams>,
    reply: FastifyReply,
    form: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) => {
    const { kind, meetingId } = request.params
    const survey = await practitionerSurvey(ctx, callerOf(request), kind as MeetingKind, meetingId)
    const query = request.query as Record<string, string | undefined>
    return render(reply, 'practitioner', {
      ...survey,
      action: `/voice/meetings/${kind}/${meetingId}`,
      thanked: query.answered !== undefined,
      questions: PRACTITIONER_QUESTIONS,
      suggestionText: PRACTITIONER_SUGGESTION,
      form,
      ...practitionerForm.errors(problems),
    })
  }
  app.get<MeetingParams>('/voice/meetings/:kind/:meetingId', signedIn, (request, reply) =>
    showPractitioner(request, reply),
  )
  app.post<MeetingParams>('/voice/meetings/:kind/:meetingId', signedIn, async (request, reply) => {
    const { kind, meetingId } = request.params
    try {
      await answerPractitionerSurvey(
        ctx,
        callerOf(request),
        kind as MeetingKind,
        meetingId,
        practitionerForm.read(request.body),
      )
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return showPractitioner(request, reply.code(400), postedFields(request.body), error.problems)
    }
    return reply.redirect(`/voice/meetings/${kind}/${meetingId}?answered=1`, 303)
  })

  // ---- What you told us and what we changed
  const showResults = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) => {
    const found = await results(ctx, callerOf(request))
    const recorded = (request.query as Record<string, string | undefined>).recorded !== undefined
    return render(reply, 'results', {
      ...found,
      themes: THEMES,
      recorded,
      form,
      ...changeForm.errors(problems),
    })
  }
  app.get('/voice', signedIn, (request, reply) => showResults(request, reply))
  app.post('/voice/changes', signedIn, async (request, reply) => {
    try {
      await recordChange(ctx, callerOf(request), changeForm.read(request.body))
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return showResults(request, reply.code(400), postedFields(request.body), error.problems)
    }
    return reply.redirect('/voice?recorded=1', 303)
  })
}
