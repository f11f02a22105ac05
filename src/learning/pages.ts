// Learning briefings' pages: the briefings (one's own; every one for whoever oversees), writing one,
// reading, acknowledging and sending it, its reach, its PDF, and the themes across the years. Every
// read and change goes through workflow.ts (audited, decided by the policy).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { agencyName } from '../meetings/index.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { sendListExport } from '../platform/exports/list-export.ts'
import { formOf, listField, postedFields } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import {
  briefingPdf,
  reachColumns,
  reachView,
  roleChoices,
  sectionsOf,
  themesGrid,
  themeWords,
} from './presenting.ts'
import { BriefingInput, PublishInput, ResendInput } from './schemas.ts'
import {
  acknowledgeBriefing,
  briefingForm,
  editBriefing,
  type LearningContext,
  learningHome,
  publish,
  reachExport,
  readBriefing,
  resend,
  themesAcrossYears,
  writeBriefing,
} from './workflow.ts'

type Id = { Params: { id: string } }
type Posted = { form?: Record<string, unknown>; problems?: readonly FieldProblem[] }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>
/** The London day of an instant, for the date filters; none for none. */
const dayOf = (at: Date | null | undefined) => (at ? toIsoDate(at) : undefined)
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>

/** After sending again: how many were sent it again, and how many for the first time. */
function sentAgainNotice(q: Record<string, string | undefined>): string | undefined {
  if (q.again === undefined) return undefined
  const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`
  const again = Number(q.again) || 0
  const added = Number(q.added) || 0
  if (again + added === 0)
    return 'Everyone it reached has read it, and no one new holds those roles: nothing was sent.'
  return `Briefing sent again to ${people(again)} who had not read it${added ? `, and to ${people(added)} new to those roles` : ''}.`
}

const NOTICES: Record<string, string> = {
  written: 'Briefing saved. Check it, then choose who to send it to.',
  acknowledged: 'Thank you: your acknowledgement is recorded.',
}

export function registerLearningPages(app: FastifyInstance, ctx: LearningContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`learning/views/${view}.njk`, context)

  app.get('/learning', signedIn, async (request, reply) => {
    const home = await learningHome(ctx, callerOf(request))
    return render(reply, 'index', {
      ...home,
      all: home.all.map((briefing) => ({
        ...briefing,
        sentOn: dayOf(briefing.published_at),
        themes: themeWords(ctx.partnership, briefing.themes),
      })),
      mine: home.mine.map((briefing) => ({
        ...briefing,
        sentOn: dayOf(briefing.published_at),
        themes: themeWords(ctx.partnership, briefing.themes),
      })),
    })
  })

  // ---- Writing
  const briefingFormOf = formOf(BriefingInput)
  const showNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    posted: Posted = {},
    editing?: string,
  ) => {
    const { themes, incidents } = await briefingForm(ctx, callerOf(request))
    return render(reply, 'new', {
      themes,
      incidents,
      action: editing ? `/learning/briefings/${editing}/edit` : '/learning',
      editing: Boolean(editing),
      form: posted.form ?? { themes: [] },
      ...briefingFormOf.errors(posted.problems ?? []),
    })
  }
  app.get('/learning/new', signedIn, (request, reply) => showNew(request, reply))
  app.post('/learning', signedIn, async (request, reply) => {
    try {
      const briefing = await writeBriefing(ctx, callerOf(request), briefingFormOf.read(request.body))
      return reply.redirect(`/learning/briefings/${briefing.id}?done=written`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      reply.code(400)
      const form = { ...postedFields(request.body), themes: listField(body(request), 'themes') }
      return showNew(request, reply, { form, problems: error.problems })
    }
  })

  app.get<Id>('/learning/briefings/:id/edit', signedIn, async (request, reply) => {
    const { briefing: b } = await readBriefing(ctx, callerOf(request), request.params.id)
    if (b.published_at) return reply.redirect(`/learning/briefings/${b.id}`, 303)
    const form = {
      title: b.title,
      background: b.background,
      keyFindings: b.key_findings,
      learning: b.learning,
      doDifferently: b.do_differently,
      reflectionQuestions: b.reflection_questions,
      furtherReading: b.further_reading ?? '',
      themes: b.themes,
      incidentId: b.incident_id ?? '',
    }
    return showNew(request, reply, { form }, b.id)
  })
  app.post<Id>('/learning/briefings/:id/edit', signedIn, async (request, reply) => {
    try {
      const id = await editBriefing(
        ctx,
        callerOf(request),
        request.params.id,
        briefingFormOf.read(request.body),
      )
      return reply.redirect(`/learning/briefings/${id}?done=written`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      reply.code(400)
      const form = { ...postedFields(request.body), themes: listField(body(request), 'themes') }
      return showNew(request, reply, { form, problems: error.problems }, request.params.id)
    }
  })

  // ---- A briefing: reading, acknowledging, sending (and again), its reach
  const publishForm = formOf(PublishInput)
  const resendForm = formOf(ResendInput)
  const showBriefing = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    posted: Posted & { resending?: boolean } = {},
  ) => {
    const file = await readBriefing(ctx, callerOf(request), request.params.id)
    return render(reply, 'briefing', {
      b: file.briefing,
      sections: sectionsOf(file.briefing),
      themes: themeWords(ctx.partnership, file.briefing.themes),
      incidentReference: file.incidentReference,
      mine: file.mine,
      sentOn: dayOf(file.briefing.published_at),
      acknowledgedOn: dayOf(file.mine?.acknowledged_at),
      oversees: file.oversees,
      writes: file.writes,
      reach: file.briefing.published_at ? reachView(ctx.partnership, file.recipients) : undefined,
      sentTo: {
        agencies: file.briefing.sent_to_agencies.map((id) => agencyName(ctx.partnership, id)),
        roles: file.briefing.sent_to_roles.map(
          (role) => roleChoices().find((c) => c.value === role)?.text ?? role,
        ),
      },
      agencies: ctx.partnership.agencies.map((agency) => ({ value: agency.id, text: agency.name })),
      roles: roleChoices(),
      notice: NOTICES[query(request).done ?? ''] ?? sentAgainNotice(query(request)),
      sentCount: query(request).sent,
      resentOn: dayOf(file.briefing.resent_at),
      resending: posted.resending,
      form: posted.form ?? { agencyIds: [], roles: [] },
      ...(posted.resending ? resendForm : publishForm).errors(posted.problems ?? []),
    })
  }
  app.get<Id>('/learning/briefings/:id', signedIn, (request, reply) => showBriefing(request, reply))
  app.get<Id>('/learning/briefings/:id/pdf', signedIn, async (request, reply) => {
    const file = await readBriefing(ctx, callerOf(request), request.params.id)
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', 'inline; filename="learning-briefing.pdf"')
      .send(await briefingPdf(file.briefing, ctx.partnership, file.incidentReference))
  })
  app.post<Id>('/learning/briefings/:id/acknowledge', signedIn, async (request, reply) => {
    await acknowledgeBriefing(ctx, callerOf(request), request.params.id)
    return reply.redirect(`/learning/briefings/${request.params.id}?done=acknowledged`, 303)
  })
  app.post<Id>('/learning/briefings/:id/publish', signedIn, async (request, reply) => {
    try {
      const { sent } = await publish(
        ctx,
        callerOf(request),
        request.params.id,
        publishForm.read(request.body),
      )
      return reply.redirect(`/learning/briefings/${request.params.id}?sent=${sent}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      reply.code(400)
      const form = {
        agencyIds: listField(body(request), 'agencyIds'),
        roles: listField(body(request), 'roles'),
      }
      return showBriefing(request, reply, { form, problems: error.problems })
    }
  })

  app.post<Id>('/learning/briefings/:id/resend', signedIn, async (request, reply) => {
    try {
      const { again, added } = await resend(
        ctx,
        callerOf(request),
        request.params.id,
        resendForm.read(request.body),
      )
      return reply.redirect(`/learning/briefings/${request.params.id}?again=${again}&added=${added}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      reply.code(400)
      return showBriefing(request, reply, {
        form: postedFields(request.body),
        problems: error.problems,
        resending: true,
      })
    }
  })
  app.get<Id>('/learning/briefings/:id/reach.csv', signedIn, async (request, reply) => {
    const { briefing, recipients } = await reachExport(ctx, callerOf(request), request.params.id)
    return sendListExport(reply, {
      format: 'csv',
      filename: `learning-briefing-reach-${dayOf(briefing.published_at)}`,
      rows: recipients,
      columns: reachColumns(ctx.partnership),
    })
  })

  // ---- Themes across the years
  app.get('/learning/themes', signedIn, async (request, reply) => {
    const { counts } = await themesAcrossYears(ctx, callerOf(request))
    return render(reply, 'themes', themesGrid(ctx.partnership, counts))
  })
}
