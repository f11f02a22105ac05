// The partnership view of returns: a period's figures for every LA side by side, and every LA's lists
// combined with the identifiers degraded, as CSV or Excel. A GET form (nothing changes). Only for
// those the policy lets compare the partnership's returns (returns.compare); every reading audited.

import type { FastifyInstance, FastifyReply } from 'fastify'
import { requireUser } from '../identity/index.ts'
import { accessFrom } from '../platform/access/guard.ts'
import {
  EXPORT_FORMATS,
  type ExportColumn,
  type ExportFormat,
  sendListExport,
} from '../platform/exports/list-export.ts'
import { govukErrors } from '../platform/http/forms.ts'
import { askedOf, typedDate } from './pages.ts'
import { COMPARISON_COLUMNS, PARTNERSHIP_LISTS, type PartnershipList } from './partnership.ts'
import { datesOf } from './rules.ts'
import { type AnnexContext, openPartnershipView, partnershipReturns } from './workflow.ts'

type Asked = { Querystring: Record<string, string | undefined> }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
const LIST_NAMES = Object.keys(PARTNERSHIP_LISTS) as PartnershipList[]

export function registerPartnershipPages(app: FastifyInstance, ctx: AnnexContext): void {
  const render = (reply: FastifyReply, context: object) =>
    reply.view('annex-a/views/partnership.njk', { lists: PARTNERSHIP_LISTS, ...context })

  app.get<Asked>('/returns/partnership', signedIn, async (request, reply) => {
    const caller = accessFrom(request)
    const asked = askedOf(request.query)
    const form = {
      ...typedDate(request.query, 'from', asked.from),
      ...typedDate(request.query, 'to', asked.to),
    }
    const period = datesOf(asked)
    if (asked.from === undefined && asked.to === undefined) {
      // The form alone still asks the policy (and audits), so the page never opens to someone it would refuse.
      await openPartnershipView(ctx, caller)
      return render(reply, { form })
    }
    if (Array.isArray(period))
      return render(reply.code(400), {
        form,
        ...govukErrors(period, { anchors: { from: 'from-day', to: 'to-day' } }),
      })
    const { comparison, lists } = await partnershipReturns(ctx, caller, period, { step: 'compared' })
    const address = `from=${period.from}&to=${period.to}`
    return render(reply, {
      form,
      period,
      comparison,
      rows: Object.fromEntries(LIST_NAMES.map((name) => [name, lists[name].length])),
      address,
    })
  })

  app.get<Asked>('/returns/partnership/download', signedIn, async (request, reply) => {
    const caller = accessFrom(request)
    const period = datesOf(askedOf(request.query))
    const list = [...LIST_NAMES, 'comparison' as const].find((name) => name === request.query.list)
    if (Array.isArray(period) || !list)
      return reply.redirect(
        `/returns/partnership?${new URLSearchParams(request.query as Record<string, string>)}`,
      )
    const format = EXPORT_FORMATS.find((f) => f === request.query.format) ?? 'csv'
    const { comparison, lists } = await partnershipReturns(ctx, caller, period, {
      step: 'downloaded',
      list,
      format,
    })
    const filename = `partnership-${list}-${period.from}-to-${period.to}`
    const send = <Row>(title: string, rows: readonly Row[], columns: readonly ExportColumn<Row>[]) =>
      sendListExport(reply, { format: format as ExportFormat, filename, title, rows, columns })
    switch (list) {
      case 'comparison':
        return send('Comparison', comparison, COMPARISON_COLUMNS)
      case 'contacts':
        return send(PARTNERSHIP_LISTS.contacts.title, lists.contacts, PARTNERSHIP_LISTS.contacts.columns)
      case 'referrals':
        return send(PARTNERSHIP_LISTS.referrals.title, lists.referrals, PARTNERSHIP_LISTS.referrals.columns)
      case 'enquiries':
        return send(PARTNERSHIP_LISTS.enquiries.title, lists.enquiries, PARTNERSHIP_LISTS.enquiries.columns)
      case 'plans':
        return send(PARTNERSHIP_LISTS.plans.title, lists.plans, PARTNERSHIP_LISTS.plans.columns)
    }
  })
}
