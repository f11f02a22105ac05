// The performance dashboard's pages: the standards against their targets with each LA's figures and
// the trend, the list behind any number, and both as downloads. Behind the 'intelligence' gate (the
// analyst, the independent scrutineer, the partnership administrator); each LA is asked of the policy.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { getActor, requireUser } from '../identity/index.ts'
import { accessFrom, authorizeGate, type Caller } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { EXPORT_FORMATS, type ExportFormat, sendListExport } from '../platform/exports/list-export.ts'
import { govukDate } from '../platform/http/dates.ts'
import { govukErrors } from '../platform/http/forms.ts'
import { dashboardAsPdf } from './pdf.ts'
import { monthInWords, OPERATING_MODEL_WORDS, RAG_WORDS, type Rag, targetInWords } from './rules.ts'
import { filtersFrom, monthsOffered } from './schemas.ts'
import {
  type AgencyComparison,
  agencyComparison,
  dashboard,
  type Filters,
  type IntelligenceContext,
  type ListedItem,
  measureList,
  type ThemeListItem,
  themeList,
} from './workflow.ts'

const VIEWS = 'intelligence/views'
type MeasureRoute = { Params: { measure: string }; Querystring: Record<string, string> }
type ThemeRoute = { Params: { theme: string }; Querystring: Record<string, string> }

const callerOf = (request: FastifyRequest): Caller => {
  const actor = authorizeGate(getActor(request), 'intelligence')
  return { actor, origin: accessFrom(request).origin }
}

export function registerIntelligencePages(app: FastifyInstance, ctx: IntelligenceContext): void {
  const page = { schema: { hide: true }, preHandler: requireUser }
  app.get('/intelligence', page, showDashboard(ctx))
  app.get('/intelligence/download', page, downloadDashboard(ctx))
  app.get('/intelligence/dashboard.pdf', page, dashboardPdf(ctx))
  app.get<ThemeRoute>('/intelligence/themes/:theme', page, showThemeList(ctx))
  app.get<ThemeRoute>('/intelligence/themes/:theme/download', page, downloadThemeList(ctx))
  app.get<MeasureRoute>('/intelligence/measures/:measure', page, showList(ctx))
  app.get<MeasureRoute>('/intelligence/measures/:measure/download', page, downloadList(ctx))
  app.get<MeasureRoute>('/intelligence/measures/:measure/agencies', page, showAgencies(ctx))
  app.get<MeasureRoute>('/intelligence/measures/:measure/agencies/download', page, downloadAgencies(ctx))
}

const thisMonth = (ctx: IntelligenceContext) => toIsoDate(ctx.now()).slice(0, 7)

/** The query string of a link that keeps the filters: '?la=leicester&agency=llr-icb&from=2026-01&to=2026-03'. */
export function queryOf(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    ...(filters.laId ? { la: filters.laId } : {}),
    ...(filters.agencyId ? { agency: filters.agencyId } : {}),
    from: filters.from,
    to: filters.to,
    ...extra,
  })
  return `?${params.toString()}`
}

const ragWords = (rag: Rag | null) => (rag ? RAG_WORDS[rag] : 'Nothing to measure')

const showDashboard = (ctx: IntelligenceContext) => async (request: FastifyRequest, reply: FastifyReply) => {
  const caller = callerOf(request)
  const { filters, problems } = filtersFrom(request.query, thisMonth(ctx))
  const shown = await dashboard(ctx, caller, filters)
  return reply.view(`${VIEWS}/dashboard.njk`, {
    shown,
    filters,
    query: queryOf(filters),
    period: periodWords(filters),
    months: monthsOffered(thisMonth(ctx)).map((month) => ({ value: month, text: monthInWords(month) })),
    las: ctx.partnership.local_authorities,
    agencies: ctx.partnership.agencies,
    ragWords: RAG_WORDS,
    operatingModelWords: OPERATING_MODEL_WORDS,
    targetInWords,
    ...govukErrors(problems),
  })
}

const periodWords = ({ from, to }: Filters) =>
  from === to ? monthInWords(from) : `${monthInWords(from)} to ${monthInWords(to)}`

const downloadDashboard =
  (ctx: IntelligenceContext) => async (request: FastifyRequest, reply: FastifyReply) => {
    const caller = callerOf(request)
    const { filters } = filtersFrom(request.query, thisMonth(ctx))
    const shown = await dashboard(ctx, caller, filters, 'csv')
    const rows = shown.measures.flatMap((measure) =>
      measure.months.flatMap((month) =>
        shown.areas.map((area, i) => ({
          measure,
          month: month.month,
          area: area.name,
          value: month.byArea[i],
        })),
      ),
    )
    return sendListExport(reply, {
      format: 'csv',
      filename: `performance-${filters.from}-to-${filters.to}`,
      rows,
      columns: [
        { header: 'Measure', value: (row) => row.measure.standard.title },
        { header: 'Area', value: (row) => row.area },
        { header: 'Agency', value: () => shown.agency?.name ?? 'All agencies' },
        { header: 'Operating model', value: () => shown.model },
        { header: 'Month', value: (row) => row.month },
        { header: 'Counted', value: (row) => row.value?.counted ?? 0 },
        { header: 'Of', value: (row) => row.value?.total ?? 0 },
        { header: 'Per cent', value: (row) => row.value?.percent ?? null },
        { header: 'Target', value: (row) => targetInWords(row.measure.standard) },
        { header: 'Rating', value: (row) => ragWords(row.value?.rag ?? null) },
      ],
    })
  }

const dashboardPdf = (ctx: IntelligenceContext) => async (request: FastifyRequest, reply: FastifyReply) => {
  const caller = callerOf(request)
  const { filters } = filtersFrom(request.query, thisMonth(ctx))
  const shown = await dashboard(ctx, caller, filters, 'pdf')
  const pdf = await dashboardAsPdf(shown, {
    partnershipName: ctx.partnership.partnership.name,
    period: periodWords(filters),
    areas:
      (filters.laId ? (shown.areas[0]?.name ?? '') : shown.areas.map((area) => area.name).join(', ')) +
      (shown.agency ? `: ${shown.agency.name}’s part` : ''),
  })
  return reply
    .type('application/pdf')
    .header(
      'content-disposition',
      `attachment; filename="performance-${filters.laId ?? 'all-areas'}-${filters.from}-to-${filters.to}.pdf"`,
    )
    .send(pdf)
}

function listFilters(ctx: IntelligenceContext, request: FastifyRequest<MeasureRoute>) {
  return filtersFrom(request.query, thisMonth(ctx)).filters
}

const showList =
  (ctx: IntelligenceContext) => async (request: FastifyRequest<MeasureRoute>, reply: FastifyReply) => {
    const caller = callerOf(request)
    const filters = listFilters(ctx, request)
    const list = await measureList(ctx, caller, request.params.measure, filters)
    return reply.view(`${VIEWS}/list.njk`, {
      list,
      filters,
      period: periodWords(filters),
      areaWords: filters.laId ? list.areas[0]?.name : 'All areas you may see',
      agencyName: ctx.partnership.agencies.find((agency) => agency.id === filters.agencyId)?.name,
      query: queryOf(filters),
      agenciesQuery: queryOf({ ...filters, agencyId: null }),
      ragWords: ragWords(list.value.rag),
      target: targetInWords(list.standard),
    })
  }

const yesNo = (answer: boolean) => (answer ? 'Yes' : 'No')

const downloadList =
  (ctx: IntelligenceContext) => async (request: FastifyRequest<MeasureRoute>, reply: FastifyReply) => {
    const caller = callerOf(request)
    const format: ExportFormat = EXPORT_FORMATS.find((f) => f === request.query.format) ?? 'csv'
    const filters = listFilters(ctx, request)
    const list = await measureList(ctx, caller, request.params.measure, filters, format)
    const { definition } = list
    const date = (value: string | null) => (value ? govukDate(value) : '')
    return sendListExport<ListedItem>(reply, {
      format,
      title: list.standard.title,
      filename: `${list.standard.id}-${filters.laId ?? 'all-areas'}-${filters.from}-to-${filters.to}`,
      rows: list.items,
      columns: [
        { header: 'Area', value: (item) => item.areaName },
        { header: definition.reference, value: (item) => item.reference },
        ...(definition.note
          ? [{ header: definition.note.header, value: (item: ListedItem) => item.note ?? '' }]
          : []),
        { header: definition.started, value: (item) => date(item.startedOn) },
        { header: definition.ended, value: (item) => date(item.endedOn) },
        ...(definition.judge.kind === 'clock' || definition.judge.kind === 'due'
          ? [{ header: 'Due by', value: (item: ListedItem) => date(item.dueOn) }]
          : []),
        { header: definition.counted, value: (item) => yesNo(item.counted) },
      ],
    })
  }

const showThemeList =
  (ctx: IntelligenceContext) => async (request: FastifyRequest<ThemeRoute>, reply: FastifyReply) => {
    const caller = callerOf(request)
    const { filters } = filtersFrom(request.query, thisMonth(ctx))
    const key = request.query.key ?? ''
    const list = await themeList(ctx, caller, request.params.theme, key, filters)
    return reply.view(`${VIEWS}/theme-list.njk`, {
      list,
      period: periodWords(filters),
      areaWords: filters.laId ? list.areas[0]?.name : 'All areas you may see',
      query: queryOf({ ...filters, agencyId: null }),
      download: queryOf({ ...filters, agencyId: null }, { key }),
    })
  }

const downloadThemeList =
  (ctx: IntelligenceContext) => async (request: FastifyRequest<ThemeRoute>, reply: FastifyReply) => {
    const caller = callerOf(request)
    const { filters } = filtersFrom(request.query, thisMonth(ctx))
    const key = request.query.key ?? ''
    const list = await themeList(ctx, caller, request.params.theme, key, filters, 'csv')
    return sendListExport(reply, {
      format: 'csv',
      filename: `${list.theme.id}-${key}-${filters.laId ?? 'all-areas'}-${filters.from}-to-${filters.to}`,
      rows: list.items,
      columns: [
        { header: 'Area', value: (item) => item.areaName },
        { header: list.theme.reference, value: (item) => item.reference },
        ...(list.theme.note
          ? [{ header: list.theme.note, value: (item: ThemeListItem) => item.note ?? '' }]
          : []),
        { header: list.theme.on, value: (item) => govukDate(item.on) },
        { header: list.theme.key, value: () => list.label },
      ],
    })
  }

const showAgencies =
  (ctx: IntelligenceContext) => async (request: FastifyRequest<MeasureRoute>, reply: FastifyReply) => {
    const caller = callerOf(request)
    const filters = { ...listFilters(ctx, request), agencyId: null }
    const compared = await agencyComparison(ctx, caller, request.params.measure, filters)
    return reply.view(`${VIEWS}/agencies.njk`, {
      compared,
      period: periodWords(filters),
      areaWords: filters.laId ? compared.areas[0]?.name : 'All areas you may see',
      query: queryOf(filters),
      ragWords: RAG_WORDS,
      target: targetInWords(compared.standard),
    })
  }

type AgencyRow = AgencyComparison['rows'][number]

const downloadAgencies =
  (ctx: IntelligenceContext) => async (request: FastifyRequest<MeasureRoute>, reply: FastifyReply) => {
    const caller = callerOf(request)
    const format: ExportFormat = EXPORT_FORMATS.find((f) => f === request.query.format) ?? 'csv'
    const filters = { ...listFilters(ctx, request), agencyId: null }
    const compared = await agencyComparison(ctx, caller, request.params.measure, filters, format)
    const areas = compared.areas.map((area) => area.name).join(', ')
    return sendListExport<AgencyRow>(reply, {
      format,
      title: `${compared.standard.title}: each agency`,
      filename: `${compared.standard.id}-by-agency-${filters.laId ?? 'all-areas'}-${filters.from}-to-${filters.to}`,
      rows: compared.rows,
      columns: [
        { header: 'Agency', value: (row) => row.agency.name },
        { header: 'Areas', value: () => areas },
        { header: 'Counted', value: (row) => row.value.counted },
        { header: 'Of', value: (row) => row.value.total },
        { header: 'Per cent', value: (row) => row.value.percent },
        { header: 'Target', value: () => targetInWords(compared.standard) },
        { header: 'Rating', value: (row) => ragWords(row.value.rag) },
      ],
    })
  }
