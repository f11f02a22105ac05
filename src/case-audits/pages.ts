// Case audits' pages: the programmes and the cases an agency is asked to audit, a new programme, a
// programme with its sample, one case (an agency's own part, or everything with the moderation,
// actions and re-audit for the leads), and the child's record through the agency's audit grant.
// Every read and change goes through workflow.ts (audited).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { statusInWords } from '../actions/index.ts'
import { callerOf, requireUser } from '../identity/index.ts'
import { agencyName } from '../meetings/index.ts'
import type { Caller } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { formOf, linesField, listField, postedFields, textField } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import { coursesAskedFor } from '../training/index.ts'
import {
  attendanceForm,
  meetingForm,
  meetingWords,
  programmeMeetings,
  registerMeetingRoutes,
} from './meeting-pages.ts'
import { categoryWords, comparisons, gradeWords, laName, ruleWords } from './presenting.ts'
import { CATEGORIES, DEFAULT_QUESTIONS, GRADES } from './rules.ts'
import { AuditActionInput, ModerationInput, RevokeGrantInput, SampleInput } from './schemas.ts'
import {
  addAction,
  type CaseAuditsContext,
  createProgramme,
  drawSample,
  moderate,
  overview,
  programmeForm,
  readCase,
  readProgramme,
  readRecord,
  revokeGrant,
  startReAudit,
  submitPart,
} from './workflow.ts'

type Id = { Params: { id: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }

const choices = (words: Record<string, string>) =>
  Object.entries(words).map(([value, text]) => ({ value, text }))
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>

const sampleForm = formOf(SampleInput)
const moderationForm = formOf(ModerationInput)
const actionForm = formOf(AuditActionInput)
const revokeForm = formOf(RevokeGrantInput)
const programmeErrors = formOf(SampleInput).errors

/** The programme form: themes and questions one a line, agencies as checkboxes. */
const readProgrammeForm = (request: FastifyRequest) => {
  const b = body(request)
  const date = (name: string) => {
    const [d, m, y] = ['day', 'month', 'year'].map((part) => textField(b, `${name}-${part}`) ?? '')
    return d || m || y ? `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : undefined
  }
  return {
    title: textField(b, 'title'),
    themes: linesField(b, 'themes'),
    startsOn: date('startsOn'),
    endsOn: date('endsOn'),
    questions: linesField(b, 'questions'),
    agencyIds: listField(b, 'agencyIds'),
  }
}

/** An agency's part: a grade and a comment per question (grade-q1, comment-q1 …), an overall grade and a summary. */
const readPartForm = (posted: unknown) => {
  const b = (posted ?? {}) as Record<string, unknown>
  const answers: Record<string, { grade: string; comment: string }> = {}
  for (const name of Object.keys(b)) {
    const [, id] = /^grade-(q\d+)$/.exec(name) ?? []
    const grade = id ? textField(b, name) : undefined
    // A question not graded is named by the use case; what was typed for it is shown again.
    if (id && grade) answers[id] = { grade, comment: textField(b, `comment-${id}`) ?? '' }
  }
  return { answers, overallGrade: textField(b, 'overallGrade'), summary: textField(b, 'summary') }
}

/** What the programme's page says once a step is taken. */
const PROGRAMME_DONE: Record<string, string> = {
  meeting:
    'Moderation meeting booked: the auditing agencies are invited by email with a calendar invitation.',
  attendance: 'Attendance recorded: each case can now be moderated.',
}

/** What the case's page says once a step is taken. */
const STEP_DONE: Record<string, string> = {
  part: 'Your agency’s part was saved.',
  moderation: 'Moderation recorded.',
  actions: 'Action added to the actions of the owner agency.',
  're-audit': 'Re-audit started: each agency audits its part again.',
  'revoke-grant': 'The agency’s audit grant has ended.',
}

export function registerCaseAuditPages(app: FastifyInstance, ctx: CaseAuditsContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`case-audits/views/${view}.njk`, context)
  const agencies = ctx.partnership.agencies.map((agency) => ({ value: agency.id, text: agency.name }))
  const words = { grades: choices(GRADES), categories: choices(CATEGORIES), agencies }
  const agency = (id: string) => agencyName(ctx.partnership, id)

  app.get('/case-audits', signedIn, async (request, reply) => {
    const view = await overview(ctx, callerOf(request))
    return render(reply, 'index', {
      programmes: view.programmes,
      mayManage: view.mayManage,
      cases: view.cases.map(({ row, childName }) => ({
        id: row.id,
        child: childName,
        programme: `${row.reference}: ${row.title}`,
        endsOn: row.ends_on,
        round: row.round === 1 ? 'Audit' : 'Re-audit',
        done: row.submitted_at !== null,
      })),
    })
  })

  // ---- A new programme
  const showNew = (
    reply: FastifyReply,
    form: Record<string, unknown>,
    problems: readonly FieldProblem[] = [],
  ) => render(reply, 'new', { form, ...words, ...programmeErrors(problems) })
  app.get('/case-audits/new', signedIn, async (request, reply) => {
    await programmeForm(ctx, callerOf(request))
    return showNew(reply, { questions: DEFAULT_QUESTIONS.join('\n'), agencyIds: [] })
  })
  app.post('/case-audits', signedIn, async (request, reply) => {
    try {
      const row = await createProgramme(ctx, callerOf(request), readProgrammeForm(request))
      return reply.redirect(`/case-audits/programmes/${row.id}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      const posted = postedFields(request.body)
      return showNew(
        reply.code(400),
        { ...posted, agencyIds: listField(body(request), 'agencyIds') },
        error.problems,
      )
    }
  })

  // ---- A programme and its sample
  const showProgramme = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    posted: { step?: string; form?: Record<string, string>; problems?: readonly FieldProblem[] } = {},
  ) => {
    const file = await readProgramme(ctx, callerOf(request), request.params.id)
    const { programme, cases } = file
    const step = posted.step ?? 'sample'
    const errorsOf =
      { sample: sampleForm, meeting: meetingForm, attendance: attendanceForm }[step] ?? sampleForm
    return render(reply, 'programme', {
      ...words,
      step,
      notice: PROGRAMME_DONE[(request.query as Record<string, string | undefined>).done ?? ''],
      meetings: programmeMeetings(ctx, file),
      meetingForm: step === 'sample' ? {} : (posted.form ?? {}),
      p: programme,
      courses: await coursesAskedFor(ctx.db, 'case-audit', programme.id),
      agencyNames: programme.agency_ids.map(agency),
      rule: programme.sample_rule ? ruleWords(programme.sample_rule, programme.sample_pool ?? 0) : undefined,
      cases: cases.map((c) => ({
        id: c.row.id,
        child: c.childName,
        la: laName(ctx.partnership, c.row.la_id),
        round: c.row.round === 1 ? 'Audit' : 'Re-audit',
        parts: `${c.submitted} of ${c.asked}`,
        moderated: c.moderated,
        grades: c.grades.map(gradeWords).join(', then '),
      })),
      form: step === 'sample' ? (posted.form ?? { months: '6', size: '10' }) : { months: '6', size: '10' },
      ...errorsOf.errors(posted.problems ?? []),
    })
  }
  registerMeetingRoutes(app, ctx, showProgramme)
  app.get<Id>('/case-audits/programmes/:id', signedIn, (request, reply) => showProgramme(request, reply))
  app.post<Id>('/case-audits/programmes/:id/sample', signedIn, async (request, reply) => {
    try {
      await drawSample(ctx, callerOf(request), request.params.id, sampleForm.read(request.body))
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return showProgramme(request, reply.code(400), {
        form: postedFields(request.body),
        problems: error.problems,
      })
    }
    return reply.redirect(`/case-audits/programmes/${request.params.id}#sample`, 303)
  })

  // ---- One case
  type Posted = { step?: string; form?: Record<string, string>; problems?: readonly FieldProblem[] }
  const showCase = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) => {
    const file = await readCase(ctx, callerOf(request), request.params.id)
    const today = toIsoDate(ctx.now())
    const { programme, row } = file
    const part = (p: (typeof file.parts)[number]) => ({
      agency: agency(p.agency_id),
      round: p.round === 1 ? 'Audit' : 'Re-audit',
      submitted: p.submitted_at,
      by: p.submitted_by_name,
      overall: gradeWords(p.overall_grade),
      summary: p.summary,
      answers: programme.questions.map((q) => ({
        question: q.text,
        grade: gradeWords(p.answers?.[q.id]?.grade),
        comment: p.answers?.[q.id]?.comment ?? '',
      })),
    })
    const own = file.ownPart
    const ownForm =
      posted.step === 'part'
        ? (posted.form ?? {})
        : Object.fromEntries([
            ['overallGrade', own?.overall_grade ?? ''],
            ['summary', own?.summary ?? ''],
            ...programme.questions.flatMap((q) => [
              [`grade-${q.id}`, own?.answers?.[q.id]?.grade ?? ''],
              [`comment-${q.id}`, own?.answers?.[q.id]?.comment ?? ''],
            ]),
          ])
    const errorsFor = (step: string) =>
      posted.step !== step
        ? { errors: [], fieldErrors: {} }
        : step === 'moderation'
          ? moderationForm.errors(posted.problems ?? [])
          : step === 'actions'
            ? actionForm.errors(posted.problems ?? [])
            : step === 'revoke-grant'
              ? revokeForm.errors(posted.problems ?? [])
              : programmeErrors(posted.problems ?? [])
    const moderated = file.moderations.some((m) => m.round === row.round)
    return render(reply, 'case', {
      ...words,
      ...errorsFor(posted.step ?? ''),
      step: posted.step,
      form: posted.form ?? {},
      ownForm,
      notice: STEP_DONE[(request.query as Record<string, string | undefined>).done ?? ''],
      c: {
        id: row.id,
        child: file.childName,
        la: laName(ctx.partnership, row.la_id),
        plan: `${categoryWords(file.plan.category)}, started`,
        planStarted: file.plan.start_date,
        round: row.round,
        programme: {
          id: programme.id,
          reference: programme.reference,
          title: programme.title,
          endsOn: programme.ends_on,
        },
        questions: programme.questions,
      },
      file,
      parts: file.parts.filter((p) => p.submitted_at).map(part),
      waiting: file.parts
        .filter((p) => !p.submitted_at && p.round === row.round)
        .map((p) => agency(p.agency_id)),
      grants: file.grants.map((g) => ({
        agencyId: g.agency_id,
        agency: agency(g.agency_id),
        round: g.round === 1 ? 'Audit' : 'Re-audit',
        expiresAt: g.expires_at,
        revokedAt: g.revoked_at,
        revokedBy: g.revoked_by_name,
        revokedReason: g.revoked_reason,
        current: g.round === row.round && g.expires_at > ctx.now() && !g.revoked_at,
      })),
      moderations: file.moderations.map((m) => ({
        ...m,
        round: m.round === 1 ? 'Audit' : 'Re-audit',
        grade: gradeWords(m.agreed_grade),
      })),
      moderated,
      meeting: file.meeting ? meetingWords(ctx, file.meeting) : undefined,
      mayReAudit: file.manages && row.round === 1 && moderated,
      comparison: row.round === 2 ? comparisons(ctx.partnership, programme, file.parts) : [],
      actions: file.actions.map((a) => ({
        description: a.description,
        owner: agency(a.owner_agency_id),
        dueBy: a.due_by,
        status: statusInWords(a, today),
      })),
    })
  }
  app.get<Id>('/case-audits/cases/:id', signedIn, (request, reply) => showCase(request, reply))
  app.get<Id>('/case-audits/cases/:id/record', signedIn, async (request, reply) => {
    const record = await readRecord(ctx, callerOf(request), request.params.id)
    return render(reply, 'record', {
      id: record.row.id,
      programme: record.programme,
      child: record.child,
      la: laName(ctx.partnership, record.row.la_id),
      plans: record.plans.map((p) => ({ ...p, category: categoryWords(p.category) })),
      expiresAt: record.expiresAt,
    })
  })

  const STEPS = {
    part: { read: readPartForm, run: submitPart },
    moderation: { read: moderationForm.read, run: moderate },
    actions: { read: actionForm.read, run: addAction },
    'revoke-grant': { read: revokeForm.read, run: revokeGrant },
    're-audit': {
      read: () => ({}),
      run: (c: CaseAuditsContext, caller: Caller, id: string) => startReAudit(c, caller, id),
    },
  } as const
  for (const [name, step] of Object.entries(STEPS))
    app.post<Id>(`/case-audits/cases/:id/${name}`, signedIn, async (request, reply) => {
      try {
        await step.run(ctx, callerOf(request), request.params.id, step.read(request.body))
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error
        return showCase(request, reply.code(400), {
          step: name,
          form: postedFields(request.body),
          problems: error.problems,
        })
      }
      return reply.redirect(`/case-audits/cases/${request.params.id}?done=${name}#${name}`, 303)
    })
}
