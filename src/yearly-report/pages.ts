// The yearly report's pages: the years' reports, a draft with its live sections, narratives and
// sign-offs, a section's narrative form and its versions, and the published report as HTML and PDF.
// Every read and change goes through workflow.ts (audited, decided by the policy).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { RequestError } from '../platform/http/errors.ts'
import { changeOrShowAgain, formOf, type Posted } from '../platform/http/forms.ts'
import { yearlyReportPdf } from './pdf.ts'
import { reportingYearOf } from './rules.ts'
import { NarrativeInput, StartInput } from './schemas.ts'
import {
  listReports,
  PublishRefused,
  publish,
  readDraft,
  readPublished,
  sectionVersions,
  signOff,
  startReport,
  writeNarrative,
  type YearlyReportContext,
} from './workflow.ts'

type Year = { Params: { year: string } }
type YearSection = { Params: { year: string; section: string } }

const signedIn = { schema: { hide: true }, preHandler: requireUser }
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>

/** The reporting year in the address, as a number; 404 for anything else. */
function yearOf(request: FastifyRequest<Year>): number {
  const { year } = request.params
  if (!/^20\d\d$/.test(year)) throw new RequestError(404, 'There is no yearly report for that year')
  return Number(year)
}

/** A narrative in paragraphs, as the page shows it (each line its own paragraph). */
const paragraphsOf = (text: string | null | undefined) =>
  (text ?? '')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
const withParagraphs = <T extends { narrative: string | null }>(section: T) => ({
  ...section,
  paragraphs: paragraphsOf(section.narrative),
})

const NOTICES: Record<string, string> = {
  saved: 'The narrative is saved as a new version.',
  signed: 'Your sign-off is recorded.',
  published: 'The report is published.',
}

export function registerYearlyReportPages(app: FastifyInstance, ctx: YearlyReportContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`yearly-report/views/${view}.njk`, context)
  const notice = (request: FastifyRequest) => NOTICES[query(request).done ?? '']

  // ---- The years' reports
  const startForm = formOf(StartInput)
  const showIndex = async (request: FastifyRequest, reply: FastifyReply, posted: Posted = {}) =>
    render(reply, 'index', {
      ...(await listReports(ctx, callerOf(request))),
      form: posted.form ?? { startYear: String(reportingYearOf(ctx.now().toISOString().slice(0, 10)) - 1) },
      ...startForm.errors(posted.problems ?? []),
    })
  app.get('/yearly-report', signedIn, (request, reply) => showIndex(request, reply))
  app.post('/yearly-report', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => `/yearly-report/${await startReport(ctx, callerOf(request), startForm.read(request.body))}`,
      (posted) => showIndex(request, reply, posted),
    ),
  )

  // ---- A draft
  const showDraft = async (request: FastifyRequest<Year>, reply: FastifyReply, refusal?: string) => {
    const draft = await readDraft(ctx, callerOf(request), yearOf(request))
    return render(reply, 'draft', {
      ...draft,
      sections: draft.sections.map(withParagraphs),
      notice: notice(request),
      errors: refusal ? [{ text: refusal, href: '#sign-off' }] : [],
    })
  }
  app.get<Year>('/yearly-report/:year', signedIn, (request, reply) => showDraft(request, reply))

  // ---- A section's narrative and its versions
  const narrativeForm = formOf(NarrativeInput)
  const showSection = async (
    request: FastifyRequest<YearSection>,
    reply: FastifyReply,
    posted: Posted = {},
  ) => {
    const file = await sectionVersions(ctx, callerOf(request), yearOf(request), request.params.section)
    return render(reply, 'section', {
      ...file,
      versions: file.versions.map((v) => ({ ...v, paragraphs: paragraphsOf(v.body) })),
      form: posted.form ?? { body: file.versions[0]?.body ?? '' },
      ...narrativeForm.errors(posted.problems ?? []),
    })
  }
  app.get<YearSection>('/yearly-report/:year/sections/:section', signedIn, (request, reply) =>
    showSection(request, reply),
  )
  app.post<YearSection>('/yearly-report/:year/sections/:section', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        const year = yearOf(request)
        await writeNarrative(
          ctx,
          callerOf(request),
          year,
          request.params.section,
          narrativeForm.read(request.body),
        )
        return `/yearly-report/${year}?done=saved#${request.params.section}`
      },
      (posted) => showSection(request, reply, posted),
    ),
  )

  // ---- Sign-off and publishing
  app.post<Year>('/yearly-report/:year/sign-off', signedIn, async (request, reply) => {
    const year = yearOf(request)
    await signOff(ctx, callerOf(request), year)
    return reply.redirect(`/yearly-report/${year}?done=signed`, 303)
  })
  app.post<Year>('/yearly-report/:year/publish', signedIn, async (request, reply) => {
    const year = yearOf(request)
    try {
      await publish(ctx, callerOf(request), year)
    } catch (error) {
      if (!(error instanceof PublishRefused)) throw error
      reply.code(409)
      return showDraft(request, reply, error.message)
    }
    return reply.redirect(`/yearly-report/${year}/published?done=published`, 303)
  })

  // ---- The published report
  app.get<Year>('/yearly-report/:year/published', signedIn, async (request, reply) => {
    const file = await readPublished(ctx, callerOf(request), yearOf(request))
    return render(reply, 'published', {
      ...file,
      published: { ...file.published, sections: file.published.sections.map(withParagraphs) },
      notice: notice(request),
    })
  })
  app.get<Year>('/yearly-report/:year/published.pdf', signedIn, async (request, reply) => {
    const { published, startYear } = await readPublished(ctx, callerOf(request), yearOf(request))
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="yearly-report-${startYear}.pdf"`)
      .send(await yearlyReportPdf(published, ctx.partnership.partnership.name))
  })
}
