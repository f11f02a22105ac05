// The MASA plan's pages: the plan, a section's form and versions, the registers' forms, publishing
// and the published versions, the plan file's export, import and schema, and the regional forum.
// Every read and change goes through workflow.ts or forum.ts (audited, decided by the policy).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import type { Caller } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { changeOrShowAgain, formOf, type Posted } from '../platform/http/forms.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import feedbackSchemaFile from './feedback-file-schema.json' with { type: 'json' }
import {
  chooseSection,
  feedbackFile,
  importForumPlan,
  readForum,
  recordFeedback,
  widerPlanFile,
} from './forum.ts'
import { masaPlanPdf, type PrintedPlan } from './pdf.ts'
import schemaFile from './plan-file-schema.json' with { type: 'json' }
import { financialYear, poundsOf } from './rules.ts'
import {
  ChoiceInput,
  ContributionInput,
  FeedbackInput,
  PartnerInput,
  type PlanFile,
  ReviewPointInput,
  SectionInput,
} from './schemas.ts'
import { PARTNER_KINDS, SECTION_KEYS, type SectionKey, sectionOf } from './sections.ts'
import {
  addContribution,
  addPartner,
  addReviewPoint,
  changePartner,
  exportPlan,
  importForumFeedback,
  importPlan,
  type MasaPlanContext,
  publishPlan,
  readPartner,
  readPlan,
  readPublished,
  readSection,
  removeContribution,
  removePartner,
  removeReviewPoint,
  signVersion,
  writeSection,
} from './workflow.ts'

type Id = { Params: { id: string } }
type Section = { Params: { section: string } }
type Version = { Params: { version: string } }

const signedIn = { schema: { hide: true }, preHandler: requireUser }
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>
const bodyText = (request: FastifyRequest, name: string) =>
  String((request.body as Record<string, unknown> | undefined)?.[name] ?? '')

/** Text in paragraphs, as a page shows it (each line its own paragraph). */
const paragraphsOf = (text: string | null | undefined) =>
  (text ?? '')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== '')

function versionOf(request: FastifyRequest<Version>): number {
  const { version } = request.params
  if (!/^[1-9]\d{0,5}$/.test(version))
    throw new RequestError(404, 'There is no published version of the plan with that number')
  return Number(version)
}

const NOTICES: Record<string, string> = {
  saved: 'The section is saved as a new version.',
  partner: 'The register of partners is updated.',
  contribution: 'The register of contributions is updated.',
  'review-point': 'The review points are updated.',
  published: 'The plan is published as a new version.',
  signed: 'You signed off this version of the plan.',
  imported: 'The plan file is imported.',
  'feedback-imported':
    'The regional forum’s feedback is imported. Feedback already imported from an earlier file is not repeated.',
  'forum-imported': 'The partnership’s plan is in the forum.',
  feedback: 'The feedback is recorded.',
  chosen: 'The section is in the wider-footprint draft.',
}

const kindItems = (selected?: string) =>
  Object.entries(PARTNER_KINDS).map(([value, text]) => ({ value, text, checked: value === selected }))

const titleOf = (key: SectionKey) => `${SECTION_KEYS.indexOf(key) + 1}. ${sectionOf(key)?.title}`

/** A plan file as a page shows it: numbered section titles, paragraphs, amounts in pounds. */
const forReading = (file: PlanFile) => ({
  ...file,
  sections: file.sections.map((s) => ({ ...s, title: titleOf(s.key), paragraphs: paragraphsOf(s.text) })),
  contributions: file.contributions.map((c) => ({
    ...c,
    yearName: financialYear(c.year),
    amount: c.amountPence === undefined ? null : poundsOf(c.amountPence),
  })),
})

export function registerMasaPlanPages(app: FastifyInstance, ctx: MasaPlanContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`masa-plan/views/${view}.njk`, context)
  const notice = (request: FastifyRequest) => NOTICES[query(request).done ?? '']
  const json = (reply: FastifyReply, name: string, value: unknown) =>
    reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(JSON.stringify(value, null, 2))

  // ---- The plan
  app.get('/masa-plan', signedIn, async (request, reply) =>
    render(reply, 'plan', { ...(await readPlan(ctx, callerOf(request))), notice: notice(request) }),
  )

  // ---- A section
  const sectionForm = formOf(SectionInput)
  const showSection = async (request: FastifyRequest<Section>, reply: FastifyReply, posted: Posted = {}) => {
    const file = await readSection(ctx, callerOf(request), request.params.section)
    const latest = file.versions[0]
    const body = request.body as Record<string, unknown> | undefined
    const ticked = posted.form ? [body?.answers ?? []].flat().map(String) : (latest?.answers ?? [])
    return render(reply, 'section', {
      ...file,
      versions: file.versions.map((v) => ({ ...v, paragraphs: paragraphsOf(v.body) })),
      form: posted.form ?? { text: latest?.body ?? '' },
      questionItems: file.section.questions.map((q) => ({
        value: q.id,
        text: q.text,
        checked: ticked.includes(q.id),
      })),
      ...sectionForm.errors(posted.problems ?? []),
    })
  }
  app.get<Section>('/masa-plan/sections/:section', signedIn, (request, reply) => showSection(request, reply))
  app.post<Section>('/masa-plan/sections/:section', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await writeSection(ctx, callerOf(request), request.params.section, sectionForm.read(request.body))
        return `/masa-plan?done=saved#${request.params.section}`
      },
      (posted) => showSection(request, reply, posted),
    ),
  )

  // ---- The partners register
  const partnerForm = formOf(PartnerInput)
  const showPartner = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    posted: Posted = {},
  ) => {
    const row = id ? await readPartner(ctx, callerOf(request), id) : null
    const form = posted.form ?? (row ? { name: row.name, kind: row.kind, role: row.role ?? '' } : {})
    return render(reply, 'partner', {
      id,
      form,
      kindItems: kindItems(form.kind),
      ...partnerForm.errors(posted.problems ?? []),
    })
  }
  app.get('/masa-plan/partners/new', signedIn, async (request, reply) => {
    await readPlan(ctx, callerOf(request)).then((plan) => {
      if (!plan.writes) throw new RequestError(403, 'Only the partnership’s business unit changes the plan')
    })
    return showPartner(request, reply, null)
  })
  app.post('/masa-plan/partners', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await addPartner(ctx, callerOf(request), partnerForm.read(request.body))
        return '/masa-plan?done=partner#partners'
      },
      (posted) => showPartner(request, reply, null, posted),
    ),
  )
  app.get<Id>('/masa-plan/partners/:id', signedIn, (request, reply) =>
    showPartner(request, reply, request.params.id),
  )
  app.post<Id>('/masa-plan/partners/:id', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await changePartner(ctx, callerOf(request), request.params.id, partnerForm.read(request.body))
        return '/masa-plan?done=partner#partners'
      },
      (posted) => showPartner(request, reply, request.params.id, posted),
    ),
  )
  app.post<Id>('/masa-plan/partners/:id/remove', signedIn, async (request, reply) => {
    await removePartner(ctx, callerOf(request), request.params.id)
    return reply.redirect('/masa-plan?done=partner#partners', 303)
  })

  // ---- Contributions and review points
  const adding = (
    path: string,
    view: string,
    schema: Parameters<typeof formOf>[0],
    add: typeof addContribution,
    done: string,
  ) => {
    const form = formOf(schema)
    const show = async (request: FastifyRequest, reply: FastifyReply, posted: Posted = {}) => {
      const plan = await readPlan(ctx, callerOf(request))
      if (!plan.writes) throw new RequestError(403, 'Only the partnership’s business unit changes the plan')
      return render(reply, view, { form: posted.form ?? {}, ...form.errors(posted.problems ?? []) })
    }
    app.get(`${path}/new`, signedIn, (request, reply) => show(request, reply))
    app.post(path, signedIn, (request, reply) =>
      changeOrShowAgain(
        request,
        reply,
        async () => {
          await add(ctx, callerOf(request), form.read(request.body))
          return `/masa-plan?done=${done}`
        },
        (posted) => show(request, reply, posted),
      ),
    )
  }
  adding(
    '/masa-plan/contributions',
    'contribution',
    ContributionInput,
    addContribution,
    'contribution#contributions',
  )
  adding(
    '/masa-plan/review-points',
    'review-point',
    ReviewPointInput,
    addReviewPoint,
    'review-point#review-points',
  )
  app.post<Id>('/masa-plan/contributions/:id/remove', signedIn, async (request, reply) => {
    await removeContribution(ctx, callerOf(request), request.params.id)
    return reply.redirect('/masa-plan?done=contribution#contributions', 303)
  })
  app.post<Id>('/masa-plan/review-points/:id/remove', signedIn, async (request, reply) => {
    await removeReviewPoint(ctx, callerOf(request), request.params.id)
    return reply.redirect('/masa-plan?done=review-point#review-points', 303)
  })

  // ---- Versions, export, import and the format
  app.post('/masa-plan/publish', signedIn, async (request, reply) => {
    const version = await publishPlan(ctx, callerOf(request))
    return reply.redirect(`/masa-plan/versions/${version}?done=published`, 303)
  })
  app.get<Version>('/masa-plan/versions/:version', signedIn, async (request, reply) => {
    const row = await readPublished(ctx, callerOf(request), versionOf(request))
    return render(reply, 'published', {
      row,
      file: forReading(row.file),
      kinds: PARTNER_KINDS,
      notice: notice(request),
    })
  })
  const pdf = async (reply: FastifyReply, name: string, plan: PrintedPlan) =>
    reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(await masaPlanPdf(plan, PARTNER_KINDS))
  app.get<Version>('/masa-plan/versions/:version/plan.pdf', signedIn, async (request, reply) => {
    const row = await readPublished(ctx, callerOf(request), versionOf(request))
    const file = forReading(row.file)
    return pdf(reply, `masa-plan-version-${row.version}.pdf`, {
      ...file,
      partnershipName: file.partnership.name,
      at: row.published_at,
      published: { version: row.version, signing: row.partners },
    })
  })
  // The working draft, for whoever may read the plan: every section, those not yet written said so.
  app.get('/masa-plan/draft.pdf', signedIn, async (request, reply) => {
    const file = forReading(await exportPlan(ctx, callerOf(request), 'draft-pdf'))
    const written = new Map(file.sections.map((section) => [section.key, section]))
    return pdf(reply, `masa-plan-${ctx.partnership.partnership.id}-draft.pdf`, {
      ...file,
      sections: SECTION_KEYS.map((key) => written.get(key) ?? { title: titleOf(key), paragraphs: [] }),
      partnershipName: file.partnership.name,
      at: ctx.now(),
    })
  })
  app.post<Version>('/masa-plan/versions/:version/sign-off', signedIn, async (request, reply) => {
    const version = versionOf(request)
    await signVersion(ctx, callerOf(request), version)
    return reply.redirect(`/masa-plan/versions/${version}?done=signed#sign-off`, 303)
  })
  app.get<Version>('/masa-plan/versions/:version/file', signedIn, async (request, reply) => {
    const row = await readPublished(ctx, callerOf(request), versionOf(request))
    return json(reply, `masa-plan-${ctx.partnership.partnership.id}-version-${row.version}.json`, row.file)
  })
  app.get('/masa-plan/export', signedIn, async (request, reply) =>
    json(reply, `masa-plan-${ctx.partnership.partnership.id}.json`, await exportPlan(ctx, callerOf(request))),
  )
  const schema = (path: string, file: unknown) =>
    app.get(path, signedIn, async (_request, reply) =>
      reply.type('application/schema+json; charset=utf-8').send(JSON.stringify(file, null, 2)),
    )
  schema('/masa-plan/schema.json', schemaFile)
  schema('/masa-plan/feedback-schema.json', feedbackSchemaFile)

  // ---- Importing a file into this partnership's plan: a plan file, or a forum's feedback file
  const importing = (
    path: string,
    page: ImportPage,
    take: (caller: Caller, text: string) => Promise<unknown>,
  ) => {
    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      posted: { file?: string; problem?: string } = {},
    ) => {
      const plan = await readPlan(ctx, callerOf(request))
      if (!plan.writes) throw new RequestError(403, 'Only the partnership’s business unit changes the plan')
      return render(reply, 'import', { ...pasted(posted), page, action: path })
    }
    app.get(path, signedIn, (request, reply) => show(request, reply))
    app.post(path, signedIn, async (request, reply) => {
      const text = bodyText(request, 'file')
      try {
        await take(callerOf(request), text)
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error
        reply.code(400)
        return show(request, reply, { file: text, problem: error.problems[0]?.text })
      }
      return reply.redirect(page.done, 303)
    })
  }
  importing('/masa-plan/import', IMPORT_PLAN, (caller, text) => importPlan(ctx, caller, text))
  importing('/masa-plan/feedback/import', IMPORT_FEEDBACK, (caller, text) =>
    importForumFeedback(ctx, caller, text),
  )

  // ---- The regional forum
  const feedbackForm = formOf(FeedbackInput)
  const choiceForm = formOf(ChoiceInput)
  const showForum = async (
    request: FastifyRequest,
    reply: FastifyReply,
    posted: { file?: string; problem?: string; feedback?: Posted } = {},
  ) => {
    const forum = await readForum(ctx, callerOf(request))
    const feedback = posted.feedback ?? {}
    const feedbackErrors = feedbackForm.errors(feedback.problems ?? [])
    const paste = pasted(posted)
    return render(reply, 'forum', {
      ...forum,
      notice: notice(request),
      file: paste.form.file,
      fileError: paste.fieldErrors?.file,
      feedbackForm: feedback.form ?? {},
      feedbackErrors: feedbackErrors.fieldErrors,
      planItems: forum.plans.map((p) => ({
        value: p.ref,
        text: p.name,
        checked: feedback.form?.plan === p.ref,
      })),
      errors: [...(paste.errors ?? []), ...feedbackErrors.errors],
      sections: forum.sections.map((s) => ({
        ...s,
        plans: s.plans.map((p) => ({ ...p, paragraphs: paragraphsOf(p.text) })),
      })),
    })
  }
  app.get('/masa-plan/forum', signedIn, (request, reply) => showForum(request, reply))
  app.post('/masa-plan/forum', signedIn, async (request, reply) => {
    const text = bodyText(request, 'file')
    try {
      await importForumPlan(ctx, callerOf(request), text)
    } catch (error) {
      if (!(error instanceof RequestError) || error.field !== 'file') throw error
      reply.code(error.statusCode)
      const problem = error instanceof InvalidInput ? error.problems[0]?.text : error.message
      return showForum(request, reply, { file: text, problem })
    }
    return reply.redirect('/masa-plan/forum?done=forum-imported', 303)
  })
  app.post('/masa-plan/forum/feedback', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await recordFeedback(ctx, callerOf(request), feedbackForm.read(request.body))
        return '/masa-plan/forum?done=feedback#feedback'
      },
      (posted) => showForum(request, reply, { feedback: posted }),
    ),
  )
  app.post('/masa-plan/forum/choose', signedIn, async (request, reply) => {
    const section = await chooseSection(ctx, callerOf(request), choiceForm.read(request.body))
    return reply.redirect(`/masa-plan/forum?done=chosen#compare-${section}`, 303)
  })
  app.get<Id>('/masa-plan/forum/plans/:id/feedback.json', signedIn, async (request, reply) => {
    const file = await feedbackFile(ctx, callerOf(request), request.params.id)
    return json(reply, `masa-plan-feedback-to-${file.partnership.id}-from-${file.forum.id}.json`, file)
  })
  app.get('/masa-plan/forum/wider-plan', signedIn, async (request, reply) =>
    json(reply, 'masa-plan-wider-footprint-draft.json', await widerPlanFile(ctx, callerOf(request))),
  )
}

/** What the import page says for each kind of file. */
interface ImportPage {
  title: string
  intro: string
  schema: string
  label: string
  button: string
  done: string
}

const IMPORT_PLAN: ImportPage = {
  title: 'Import a plan file',
  intro:
    'The file becomes this partnership’s plan: each section whose text or answers differ is saved as a new version (earlier versions are kept), and the registers of partners and contributions and the review points are replaced by the file’s.',
  schema: '/masa-plan/schema.json',
  label: 'Paste the plan file (JSON)',
  button: 'Import the plan file',
  done: '/masa-plan?done=imported',
}

const IMPORT_FEEDBACK: ImportPage = {
  title: 'Import a regional forum’s feedback',
  intro:
    'A regional forum that compared this partnership’s plan in another installation sends its feedback back as a file. Its feedback appears on the plan’s page, with the forum, who recorded it and when; feedback already imported from an earlier file is not repeated.',
  schema: '/masa-plan/feedback-schema.json',
  label: 'Paste the feedback file (JSON)',
  button: 'Import the feedback',
  done: '/masa-plan?done=feedback-imported#feedback',
}

/** A pasted file's form, shown again with its problem. */
function pasted(posted: { file?: string; problem?: string }) {
  return {
    form: { file: posted.file ?? '' },
    ...(posted.problem
      ? { errors: [{ text: posted.problem, href: '#file' }], fieldErrors: { file: { text: posted.problem } } }
      : {}),
  }
}
