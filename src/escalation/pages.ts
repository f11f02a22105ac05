// Professional disagreements' pages: raising one about a child (after the immediate-risk question:
// stage 0 sends the practitioner to the front door and the police, and opens nothing), a
// disagreement with its stages and clock, the form that records a stage, the list of those a person
// is party to, and the report for the partnership's leads (and its CSV and PDF downloads).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { getLa } from '../partnership/config.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { type ExportColumn, sendListExport } from '../platform/exports/list-export.ts'
import { dateField, formOf, govukErrors, textField } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import {
  escalationSettings,
  periodWords,
  type ReportLine,
  reportLines,
  STAGE_NUMBERS,
  STAGES,
} from './rules.ts'
import { ABOUT, ABOUT_KINDS, type AboutKind, DisagreementInput, StageInput } from './schemas.ts'
import {
  type ChildNames,
  childToDisagreeAbout,
  disagreementReport,
  type EscalationContext,
  laAgencyOf,
  listDisagreements,
  raiseDisagreement,
  readDisagreement,
  recordStage,
} from './workflow.ts'

const VIEWS = 'escalation/views'
const raiseForm = formOf(DisagreementInput)
const stageForm = formOf(StageInput)
type ChildRoute = { Params: { id: string }; Querystring: { about?: string; ref?: string } }
type DisagreementRoute = { Params: { id: string } }
type Values = Record<string, string>

export function registerDisagreementPages(app: FastifyInstance, ctx: EscalationContext): void {
  const page = { schema: { hide: true }, preHandler: requireUser }
  app.get<ChildRoute>('/children/:id/disagreements/new', page, showRaiseForm(ctx))
  app.post<ChildRoute>('/children/:id/disagreements', page, raiseFromForm(ctx))
  app.get('/disagreements', page, showList(ctx))
  app.get<ReportRoute>('/disagreements/report', page, showReport(ctx))
  app.get<ReportRoute>('/disagreements/report/download', page, downloadReport(ctx))
  app.get<DisagreementRoute>('/disagreements/:id', page, showDisagreement(ctx))
  app.get<DisagreementRoute>('/disagreements/:id/stage', page, showStageForm(ctx))
  app.post<DisagreementRoute>('/disagreements/:id/stage', page, stageFromForm(ctx))
}

const isAbout = (value: string | undefined): value is AboutKind => ABOUT_KINDS.includes(value as AboutKind)

const showRaiseForm =
  (ctx: EscalationContext) => async (request: FastifyRequest<ChildRoute>, reply: FastifyReply) => {
    const child = await childToDisagreeAbout(ctx, callerOf(request), request.params.id)
    const { about, ref } = request.query
    const known = isAbout(about) ? about : ''
    const values: Values = {
      immediateRisk: '',
      about: known,
      aboutId: known && ref ? ref : '',
      otherAgencyId: known && known !== 'outside-masa' ? (laAgencyOf(ctx.partnership, child.laId) ?? '') : '',
      reasonId: '',
      detail: '',
    }
    return renderRaiseForm(ctx, reply, child, values)
  }

function renderRaiseForm(
  ctx: EscalationContext,
  reply: FastifyReply,
  child: ChildNames,
  values: Values,
  problems: FieldProblem[] = [],
) {
  return reply.view(`${VIEWS}/raise.njk`, {
    child,
    values,
    about: ABOUT,
    agencies: ctx.partnership.agencies,
    reasons: escalationSettings(ctx.partnership).reasons,
    stages: STAGE_NUMBERS.map((stage) => ({ stage, ...STAGES[stage] })),
    ...raiseForm.errors(problems),
  })
}

const RAISE_FIELDS = ['immediateRisk', 'about', 'aboutId', 'otherAgencyId', 'reasonId', 'detail']

const raiseFromForm =
  (ctx: EscalationContext) => async (request: FastifyRequest<ChildRoute>, reply: FastifyReply) => {
    const caller = callerOf(request)
    const childId = request.params.id
    const body = (request.body ?? {}) as Record<string, unknown>
    const values = Object.fromEntries(RAISE_FIELDS.map((field) => [field, textField(body, field) ?? '']))
    const child = await childToDisagreeAbout(ctx, caller, childId)
    // Stage 0: a child at immediate risk is for the front door and the police now, not a disagreement.
    if (values.immediateRisk === 'yes')
      return reply.view(`${VIEWS}/stage-zero.njk`, {
        child,
        frontDoor: getLa(ctx.partnership, child.laId).front_door,
      })
    if (values.immediateRisk !== 'no') {
      const problem = {
        field: 'immediateRisk',
        text: 'Select whether the child is at immediate risk of harm',
      }
      return renderRaiseForm(ctx, reply.code(400), child, values, [problem])
    }
    try {
      const disagreement = await raiseDisagreement(ctx, caller, childId, raiseForm.read(body))
      return reply.redirect(`/disagreements/${disagreement.id}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return renderRaiseForm(ctx, reply.code(400), child, values, error.problems)
    }
  }

const showDisagreement =
  (ctx: EscalationContext) => async (request: FastifyRequest<DisagreementRoute>, reply: FastifyReply) => {
    const record = await readDisagreement(ctx, callerOf(request), request.params.id)
    return reply.view(`${VIEWS}/disagreement.njk`, { ...record, ...words(record.disagreement) })
  }

/** The words and dates a disagreement's pages show. */
const words = (disagreement: { stage: number; raisedAt: Date; resolvedAt: Date | null }) => ({
  raisedOn: toIsoDate(disagreement.raisedAt),
  resolvedOn: disagreement.resolvedAt && toIsoDate(disagreement.resolvedAt),
  about: ABOUT,
  stageWords: STAGES,
  stageTitle: STAGES[disagreement.stage as keyof typeof STAGES].title,
})

const showStageForm =
  (ctx: EscalationContext) => async (request: FastifyRequest<DisagreementRoute>, reply: FastifyReply) => {
    const record = await readDisagreement(ctx, callerOf(request), request.params.id)
    return renderStageForm(reply, record, { who: '', discussed: '', outcome: '' })
  }

function renderStageForm(
  reply: FastifyReply,
  record: Awaited<ReturnType<typeof readDisagreement>>,
  values: Values,
  problems: FieldProblem[] = [],
) {
  return reply.view(`${VIEWS}/stage.njk`, {
    ...record,
    ...words(record.disagreement),
    values,
    ...stageForm.errors(problems),
  })
}

const stageFromForm =
  (ctx: EscalationContext) => async (request: FastifyRequest<DisagreementRoute>, reply: FastifyReply) => {
    const caller = callerOf(request)
    const { id } = request.params
    const body = (request.body ?? {}) as Record<string, unknown>
    try {
      await recordStage(ctx, caller, id, stageForm.read(body))
      return reply.redirect(`/disagreements/${id}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      const values = Object.fromEntries(
        ['who', 'discussed', 'outcome'].map((f) => [f, textField(body, f) ?? '']),
      )
      const record = await readDisagreement(ctx, caller, id)
      return renderStageForm(reply.code(400), record, values, error.problems)
    }
  }

const showList = (ctx: EscalationContext) => async (request: FastifyRequest, reply: FastifyReply) => {
  const disagreements = await listDisagreements(ctx, callerOf(request))
  return reply.view(`${VIEWS}/list.njk`, { disagreements, about: ABOUT, stageWords: STAGES })
}

type ReportRoute = { Querystring: Record<string, string | undefined> }

/** The period as the address gives it: ISO `from` and `to` (the downloads), or the form's date fields. */
const periodAsked = (query: Record<string, string | undefined>) => ({
  from: query.from || dateField(query, 'from'),
  to: query.to || dateField(query, 'to'),
})

/** The form's day, month and year fields as typed, or as the address's ISO date gives them. */
function typedDate(query: Record<string, string | undefined>, name: string) {
  const [year, month, day] = (query[name] ?? '').split('-')
  return Object.fromEntries(
    (['day', 'month', 'year'] as const).map((part) => [
      `${name}-${part}`,
      query[`${name}-${part}`] ?? { day, month, year }[part] ?? '',
    ]),
  )
}

const showReport =
  (ctx: EscalationContext) => async (request: FastifyRequest<ReportRoute>, reply: FastifyReply) => {
    const form = { ...typedDate(request.query, 'from'), ...typedDate(request.query, 'to') }
    const shown = { partnership: ctx.partnership.partnership, form }
    try {
      const { report, laNames, period } = await disagreementReport(ctx, callerOf(request), {
        period: periodAsked(request.query),
      })
      const download = new URLSearchParams(
        Object.entries(period).filter((entry): entry is [string, string] => Boolean(entry[1])),
      ).toString()
      return reply.view(`${VIEWS}/report.njk`, {
        ...shown,
        report,
        laNames,
        periodWords: periodWords(period),
        download: download ? `&${download}` : '',
      })
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return reply.code(400).view(`${VIEWS}/report.njk`, {
        ...shown,
        ...govukErrors(error.problems, { anchors: { from: 'from-day', to: 'to-day' } }),
      })
    }
  }

const REPORT_COLUMNS: readonly ExportColumn<ReportLine>[] = [
  { header: 'Grouped by', value: (line) => line.by },
  { header: 'Group', value: (line) => line.group },
  { header: 'Raised (by the agency)', value: (line) => line.raised },
  { header: 'Resolved', value: (line) => line.resolved },
  { header: 'Raised with the agency', value: (line) => line.raisedWith },
  { header: 'Working days to resolve', value: (line) => line.workingDays },
]

const downloadReport =
  (ctx: EscalationContext) => async (request: FastifyRequest<ReportRoute>, reply: FastifyReply) => {
    const format = request.query.format === 'pdf' ? 'pdf' : 'csv'
    const { from, to } = request.query
    const { report, laNames, period } = await disagreementReport(ctx, callerOf(request), {
      period: { from, to },
      downloaded: format,
    })
    const when = periodWords(period)
    return sendListExport(reply, {
      format,
      title: `Professional disagreements: ${laNames.join(', ')}${when ? `, ${when}` : ''}`,
      marking: `OFFICIAL · ${ctx.partnership.partnership.name}`,
      filename: `disagreements-report-${toIsoDate(new Date())}`,
      rows: reportLines(report),
      columns: REPORT_COLUMNS,
    })
  }
