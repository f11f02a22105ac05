// The dashboard's use cases, each asked of the policy for every LA it shows and audited like a read:
// the standards measured over a period (per LA, per month, with their trend charts), and the list
// behind any one number, in the analyst's least-data view (references and dates, never names).

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { type TrendPoint, trendChart } from './chart.ts'
import {
  DEFINITIONS,
  type Definition,
  type Item,
  judged,
  measuredValue,
  monthInWords,
  monthsBefore,
  monthsBetween,
  type Standard,
  standardsOf,
  type Value,
} from './rules.ts'
import { findMeasured } from './store.ts'

export interface IntelligenceContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

/** What the dashboard or a list is asked for: one LA or all the caller may see, and a run of months. */
export interface Filters {
  laId: string | null
  from: string
  to: string
}

export interface Area {
  id: string
  name: string
}

export interface MeasureSummary {
  standard: Standard
  definition: Definition
  overall: Value
  /** The last month of the period with anything measured: the current value. */
  latest?: { words: string; overall: Value }
  byArea: { area: Area; value: Value }[]
  months: { month: string; words: string; overall: Value; byArea: Value[] }[]
  chart: string
}

export interface Dashboard {
  areas: Area[]
  measures: MeasureSummary[]
}

/** The areas the caller may measure: every LA they may read the statistics of, or the one asked for. */
function areasFor(ctx: IntelligenceContext, caller: Caller, laId: string | null): Area[] {
  const las = ctx.partnership.local_authorities
  if (laId !== null) {
    const la = las.find((candidate) => candidate.id === laId)
    if (!la) throw new RequestError(404, 'There is no such local authority in this partnership')
    return [{ id: la.id, name: la.name }]
  }
  return las
    .filter((la) => decide(caller.actor, 'statistics.view', { kind: 'la', laId: la.id }).allowed)
    .map((la) => ({ id: la.id, name: la.name }))
}

/** Asks the policy about each area (audited with the transaction), and for the partnership if none. */
function authorizeAreas(trx: Parameters<typeof authorize>[0], caller: Caller, areas: Area[], detail: object) {
  const access = { ...caller, action: 'statistics.view' as const, detail: { ...detail } }
  if (areas.length === 0) authorize(trx, { ...access, resource: { kind: 'partnership' } })
  for (const area of areas) authorize(trx, { ...access, resource: { kind: 'la', laId: area.id } })
}

const periodOf = (ctx: IntelligenceContext, areas: Area[], from: string, to: string) => ({
  laIds: areas.map((area) => area.id),
  from: `${from}-01`,
  until: `${monthsBefore(to, -1)}-01`,
  now: ctx.now(),
})

async function itemsOf(
  ctx: IntelligenceContext,
  trx: Kysely<DB>,
  standard: Standard,
  areas: Area[],
  filters: Filters,
) {
  const found = await findMeasured(trx, standard.definition, periodOf(ctx, areas, filters.from, filters.to))
  const { judge } = DEFINITIONS[standard.definition]
  const today = toIsoDate(ctx.now())
  return found.flatMap((row) => judged(row, judge, today) ?? [])
}

/** Every standard measured over the period, for each area the caller may see (403 for none). */
export async function dashboard(
  ctx: IntelligenceContext,
  caller: Caller,
  filters: Filters,
): Promise<Dashboard> {
  const areas = areasFor(ctx, caller, filters.laId)
  const itemsByStandard = await audited(ctx.db, async (trx) => {
    authorizeAreas(trx, caller, areas, { view: 'dashboard', from: filters.from, to: filters.to })
    const found: Item[][] = []
    for (const standard of standardsOf(ctx.partnership))
      found.push(await itemsOf(ctx, trx, standard, areas, filters))
    return found
  })
  const months = monthsBetween(filters.from, filters.to)
  const measures: MeasureSummary[] = []
  for (const [index, standard] of standardsOf(ctx.partnership).entries())
    measures.push(await summaryOf(standard, itemsByStandard[index] ?? [], areas, months))
  return { areas, measures }
}

async function summaryOf(
  standard: Standard,
  items: Item[],
  areas: Area[],
  months: string[],
): Promise<MeasureSummary> {
  const inArea = (list: Item[], area: Area) => list.filter((item) => item.laId === area.id)
  const byMonth = months.map((month) => {
    const inMonth = items.filter((item) => item.month === month)
    return {
      month,
      words: monthInWords(month),
      overall: measuredValue(inMonth, standard),
      byArea: areas.map((area) => measuredValue(inArea(inMonth, area), standard)),
    }
  })
  const points: TrendPoint[] = byMonth.flatMap((row) =>
    areas.flatMap((area, i) => {
      const percent = row.byArea[i]?.percent
      return percent === null || percent === undefined ? [] : [{ month: row.month, area: area.name, percent }]
    }),
  )
  return {
    standard,
    definition: DEFINITIONS[standard.definition],
    overall: measuredValue(items, standard),
    latest: byMonth.filter((row) => row.overall.total > 0).at(-1),
    byArea: areas.map((area) => ({ area, value: measuredValue(inArea(items, area), standard) })),
    months: byMonth,
    chart: await trendChart(standard.title, points, standard.target),
  }
}

export interface ListedItem extends Item {
  areaName: string
}

export interface MeasureList {
  standard: Standard
  definition: Definition
  areas: Area[]
  value: Value
  items: ListedItem[]
}

/** The list behind one number: the standard's items in an area (or all the caller's) and month(s). */
export async function measureList(
  ctx: IntelligenceContext,
  caller: Caller,
  standardId: string,
  filters: Filters,
  purpose: 'list' | 'csv' | 'xlsx' = 'list',
): Promise<MeasureList> {
  const standard = standardsOf(ctx.partnership).find((candidate) => candidate.id === standardId)
  if (!standard) throw new RequestError(404, 'There is no such measure')
  const areas = areasFor(ctx, caller, filters.laId)
  const items = await audited(ctx.db, async (trx) => {
    authorizeAreas(trx, caller, areas, {
      view: purpose,
      measure: standard.id,
      from: filters.from,
      to: filters.to,
    })
    return itemsOf(ctx, trx, standard, areas, filters)
  })
  const names = new Map(areas.map((area) => [area.id, area.name]))
  const agencies = new Map(ctx.partnership.agencies.map((agency) => [agency.id, agency.name]))
  const definition = DEFINITIONS[standard.definition]
  return {
    standard,
    definition,
    areas,
    value: measuredValue(items, standard),
    items: items.map((item) => ({
      ...item,
      areaName: names.get(item.laId) ?? 'Another area',
      reference:
        standard.definition === 'acknowledgement-within-sharing-target'
          ? (agencies.get(item.reference) ?? 'An agency no longer in the partnership')
          : item.reference,
    })),
  }
}
