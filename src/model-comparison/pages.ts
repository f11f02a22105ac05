// The comparison of operating models: `GET /model-comparison` (each standard for each model, a chart
// beside its table, then each LA), `POST /model-comparison` (import another partnership's pasted
// figures file), `GET /model-comparison/figures.json` (this partnership's file for the others) and
// `GET /model-comparison/download?format=csv|xlsx` (the LAs' rows). Every read goes through workflow.ts.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import {
  barChart,
  monthInWords,
  monthsBefore,
  RAG_WORDS,
  targetInWords,
  type Value,
} from '../intelligence/index.ts'
import { EXPORT_FORMATS, type ExportFormat, sendListExport } from '../platform/exports/list-export.ts'
import { InvalidInput } from '../platform/http/schemas.ts'
import { lastTwelveMonths, type MeasureComparison, type Period } from './rules.ts'
import { type ComparisonContext, comparison, figuresFile, importFiguresFile } from './workflow.ts'

const signedIn = { schema: { hide: true }, preHandler: requireUser }
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>

/** Five years of months to choose from, newest first. */
const MONTHS_OFFERED = 60

const valueWords = (value: Value) =>
  value.percent === null ? 'None measured' : `${value.percent}% (${value.counted} of ${value.total})`

const periodWords = ({ from, to }: Period) =>
  from === to ? monthInWords(from) : `${monthInWords(from)} to ${monthInWords(to)}`

export function registerComparisonPages(app: FastifyInstance, ctx: ComparisonContext) {
  const latest = () => lastTwelveMonths(ctx.now()).to
  const offered = () => Array.from({ length: MONTHS_OFFERED }, (_, i) => monthsBefore(latest(), i))

  /** The months asked for, or the last twelve; a month not offered, or months running backwards, is a problem. */
  const periodOf = (request: FastifyRequest) => {
    const asked = { ...lastTwelveMonths(ctx.now()), ...pick(query(request)) }
    const months = offered()
    const problems = [
      ...(['from', 'to'] as const)
        .filter((field) => !months.includes(asked[field]))
        .map((field) => ({
          field,
          text: `Choose a month from the list for ${field === 'from' ? '“From”' : '“To”'}`,
        })),
    ]
    if (problems.length === 0 && asked.from > asked.to)
      problems.push({ field: 'to', text: '“To” must be the same month as “From” or after it' })
    return { period: problems.length === 0 ? asked : lastTwelveMonths(ctx.now()), asked, problems }
  }

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    posted: { file?: string; problem?: string } = {},
  ) => {
    const { period, asked, problems } = periodOf(request)
    const shown = await comparison(ctx, callerOf(request), period)
    const choices = (field: 'from' | 'to') =>
      offered().map((value) => ({ value, text: monthInWords(value), selected: value === asked[field] }))
    const errors = [
      ...problems.map(({ field, text }) => ({ text, href: `#${field}` })),
      ...(posted.problem ? [{ text: posted.problem, href: '#file' }] : []),
    ]
    if (errors.length > 0) reply.code(400)
    return reply.view('model-comparison/views/comparison.njk', {
      ...shown,
      periodText: periodWords(period),
      fromMonths: choices('from'),
      toMonths: choices('to'),
      measures: await Promise.all(shown.measures.map(presented)),
      files: shown.files.map((file) => ({ ...file, months: periodWords(file) })),
      imported: query(request).done === 'imported' ? query(request).name : undefined,
      form: { file: posted.file ?? '' },
      errors,
      fieldErrors: Object.fromEntries(errors.map(({ text, href }) => [href.slice(1), { text }])),
    })
  }

  app.get('/model-comparison', signedIn, (request, reply) => show(request, reply))

  app.post('/model-comparison', signedIn, async (request, reply) => {
    const text = String((request.body as Record<string, unknown> | undefined)?.file ?? '')
    try {
      const name = await importFiguresFile(ctx, callerOf(request), text)
      return reply.redirect(`/model-comparison?done=imported&name=${encodeURIComponent(name)}`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return show(request, reply, { file: text, problem: error.problems[0]?.text })
    }
  })

  app.get('/model-comparison/figures.json', signedIn, async (request, reply) => {
    const { period, problems } = periodOf(request)
    if (problems[0]) return reply.code(400).send({ message: problems[0].text, field: problems[0].field })
    const file = await figuresFile(ctx, callerOf(request), period)
    return reply
      .header(
        'content-disposition',
        `attachment; filename="performance-figures-${period.from}-to-${period.to}.json"`,
      )
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(file, null, 1))
  })

  app.get('/model-comparison/download', signedIn, async (request, reply) => {
    const { period, problems } = periodOf(request)
    const format = query(request).format as ExportFormat
    if (problems[0]) return reply.code(400).send({ message: problems[0].text, field: problems[0].field })
    if (!EXPORT_FORMATS.includes(format))
      return reply.code(400).send({ message: 'format is csv or xlsx', field: 'format' })
    const shown = await comparison(ctx, callerOf(request), period, 'export')
    const rows = shown.measures.flatMap((measure) => measure.byArea.map((area) => ({ measure, area })))
    return sendListExport(reply, {
      format,
      filename: `operating-models-${period.from}-to-${period.to}`,
      title: 'Operating models compared',
      rows,
      columns: [
        { header: 'Measure', value: (row) => row.measure.standard.title },
        { header: 'Partnership', value: (row) => row.area.partnership },
        { header: 'Local authority', value: (row) => row.area.area },
        { header: 'Operating model', value: (row) => row.area.model },
        { header: 'Counted', value: (row) => row.area.value.counted },
        { header: 'Of', value: (row) => row.area.value.total },
        { header: 'Per cent', value: (row) => row.area.value.percent },
        { header: 'Target', value: (row) => targetInWords(row.measure.standard) },
        {
          header: 'Rating',
          value: (row) => (row.area.value.rag ? RAG_WORDS[row.area.value.rag] : 'None measured'),
        },
      ],
    })
  })
}

const pick = (asked: Record<string, string | undefined>) =>
  Object.fromEntries(
    (['from', 'to'] as const).flatMap((field) => (asked[field] ? [[field, asked[field]]] : [])),
  )

/** A measure in words, with its chart of the models' values (none when nothing was measured). */
async function presented(measure: MeasureComparison) {
  const points = measure.byModel.flatMap(({ model, value }) =>
    value.percent === null
      ? []
      : [{ category: `Model ${model}`, area: 'All its local authorities', value: value.percent }],
  )
  const inWords = (value: Value) => ({
    text: valueWords(value),
    rating: value.rag ? RAG_WORDS[value.rag] : 'None measured',
  })
  return {
    title: measure.standard.title,
    target: targetInWords(measure.standard),
    chart:
      points.length > 0
        ? await barChart(`${measure.standard.title}: each operating model`, points, true)
        : '',
    byModel: measure.byModel.map((model) => ({ ...model, ...inWords(model.value) })),
    byArea: measure.byArea.map((area) => ({ ...area, ...inWords(area.value) })),
  }
}
