// The analyst's Annex A page: choose an LA and a period, see how many rows each list holds, and
// download the workbook. A GET form (nothing changes), so the address can be kept and shared.

import type { FastifyInstance, FastifyReply } from 'fastify'
import { requireUser } from '../identity/index.ts'
import { accessFrom } from '../platform/access/guard.ts'
import { dateField, govukErrors } from '../platform/http/forms.ts'
import { LIST_1, LIST_3, LIST_5, LIST_7 } from './lists.ts'
import { type PeriodAsked, periodOf } from './rules.ts'
import type { Period } from './store.ts'
import { annexWorkbook } from './workbook.ts'
import { type AnnexContext, annexAreas, annexLists } from './workflow.ts'

type Asked = { Querystring: Record<string, string | undefined> }
const signedIn = { schema: { hide: true }, preHandler: requireUser }

/** The period as the address gives it: ISO `from`/`to`, or the form's day, month and year fields. */
export function askedOf(query: Record<string, string | undefined>): PeriodAsked {
  return {
    la: query.la,
    from: query.from || dateField(query, 'from'),
    to: query.to || dateField(query, 'to'),
  }
}

/** The day, month and year fields as typed, or as the ISO date in the address gives them. */
export function typedDate(query: Record<string, string | undefined>, name: string, iso: string | undefined) {
  const [year, month, day] = query[name] ? (iso ?? '').split('-') : []
  return {
    [`${name}-day`]: query[`${name}-day`] ?? day,
    [`${name}-month`]: query[`${name}-month`] ?? month,
    [`${name}-year`]: query[`${name}-year`] ?? year,
  }
}

const addressOf = (period: Period) =>
  `la=${encodeURIComponent(period.laId)}&from=${period.from}&to=${period.to}`

export function registerAnnexPages(app: FastifyInstance, ctx: AnnexContext): void {
  const render = (reply: FastifyReply, context: object) => reply.view('annex-a/views/annex-a.njk', context)

  app.get<Asked>('/returns/annex-a', signedIn, async (request, reply) => {
    const caller = accessFrom(request)
    const las = annexAreas(ctx, caller)
    const asked = askedOf(request.query)
    const form = {
      la: asked.la ?? (las.length === 1 ? las[0]?.id : undefined),
      ...typedDate(request.query, 'from', asked.from),
      ...typedDate(request.query, 'to', asked.to),
    }
    if (asked.la === undefined && asked.from === undefined && asked.to === undefined)
      return render(reply, { las, form })
    const period = periodOf(
      asked,
      las.map((la) => la.id),
    )
    if (Array.isArray(period))
      return render(reply.code(400), {
        las,
        form,
        ...govukErrors(period, { anchors: { from: 'from-day', to: 'to-day' } }),
      })
    const rows = await annexLists(ctx, caller, period, 'counted')
    const counts = [
      { title: LIST_1.title, sheet: LIST_1.sheet, rows: rows.contacts.length },
      { title: LIST_3.title, sheet: LIST_3.sheet, rows: rows.referrals.length },
      { title: LIST_5.title, sheet: LIST_5.sheet, rows: rows.enquiries.length },
      { title: LIST_7.title, sheet: LIST_7.sheet, rows: rows.plans.length },
    ]
    const laName = las.find((la) => la.id === period.laId)?.name
    return render(reply, {
      las,
      form,
      period,
      laName,
      counts,
      download: `/returns/annex-a/workbook.xlsx?${addressOf(period)}`,
    })
  })

  app.get<Asked>('/returns/annex-a/workbook.xlsx', signedIn, async (request, reply) => {
    const caller = accessFrom(request)
    const period = periodOf(
      askedOf(request.query),
      annexAreas(ctx, caller).map((la) => la.id),
    )
    if (Array.isArray(period))
      return reply.redirect(
        `/returns/annex-a?${new URLSearchParams(request.query as Record<string, string>)}`,
      )
    const book = await annexWorkbook(await annexLists(ctx, caller, period, 'downloaded'))
    const name = `annex-a-${period.laId}-${period.from}-to-${period.to}.xlsx`
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(book)
  })
}
