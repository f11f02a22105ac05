// The dashboard's use cases, each asked of the policy for every LA it shows and audited like a read:
// the standards measured over a period (per LA, per month, with their trend charts), and the list
// behind any one number, in the analyst's least-data view (references and dates, never names).

import type { Kysely } from 'kysely'
import { CP_CATEGORY_LABELS } from '../child-protection/index.ts'
import type { DB } from '../database.ts'
import { REFERRAL_SOURCES } from '../front-door/index.ts'
import type { OperatingModel, PartnershipConfig } from '../partnership/config-schema.ts'
import { audited, authorize, type Caller } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { themesOf as exploitationThemesOf } from '../volt/index.ts'
import { type BarPoint, barChart, type TrendPoint, trendChart } from './chart.ts'
import {
  DEFINITIONS,
  type Definition,
  type Item,
  judged,
  measuredValue,
  monthInWords,
  monthsBefore,
  monthsBetween,
  OPERATING_MODEL_WORDS,
  rated,
  type Standard,
  standardsOf,
  type Value,
} from './rules.ts'
import {
  type Counted,
  countMeasured,
  countThemes,
  findMeasured,
  findThemeItems,
  type ThemeCount,
  type ThemeItem,
  type ThemeKind,
} from './store.ts'

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
  /** The LAs grouped by the operating model of their partnership. */
  byModel: { model: OperatingModel; words: string; value: Value }[]
  months: { month: string; words: string; overall: Value; byArea: Value[] }[]
  chart: string
}

export interface Theme {
  id: ThemeKind
  title: string
  /** What the theme counts, in words ('Plans'). */
  counts: string
  rows: { key: string; label: string; byArea: number[]; total: number }[]
  chart: string
}

export interface Dashboard {
  areas: Area[]
  model: OperatingModel
  measures: MeasureSummary[]
  /** Every measure's value per area over the period, as one chart. */
  comparison: string
  themes: Theme[]
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
  view: 'dashboard' | 'csv' | 'pdf' = 'dashboard',
): Promise<Dashboard> {
  const areas = areasFor(ctx, caller, filters.laId)
  const standards = standardsOf(ctx.partnership)
  const period = periodOf(ctx, areas, filters.from, filters.to)
  // Only the counts per LA and month come back from the database: the lists stay where they are.
  const { counts, themes } = await audited(ctx.db, async (trx) => {
    authorizeAreas(trx, caller, areas, { view, from: filters.from, to: filters.to })
    const counts: Counted[][] = []
    for (const standard of standards)
      counts.push(
        await countMeasured(trx, standard.definition, DEFINITIONS[standard.definition].judge, period),
      )
    return { counts, themes: await countThemes(trx, period) }
  })
  const months = monthsBetween(filters.from, filters.to)
  const model = ctx.partnership.operating_model
  const measures: MeasureSummary[] = []
  for (const [index, standard] of standards.entries())
    measures.push(await summaryOf(standard, counts[index] ?? [], areas, months, model))
  return {
    areas,
    model,
    measures,
    comparison: await comparisonChart(measures, areas),
    themes: await themesOf(ctx.partnership, themes, areas),
  }
}

const sum = (rows: readonly Counted[]) =>
  rows.reduce((total, row) => ({ counted: total.counted + row.counted, total: total.total + row.total }), {
    counted: 0,
    total: 0,
  })

async function summaryOf(
  standard: Standard,
  counts: Counted[],
  areas: Area[],
  months: string[],
  model: OperatingModel,
): Promise<MeasureSummary> {
  const value = (rows: readonly Counted[]) => {
    const { counted, total } = sum(rows)
    return rated(counted, total, standard)
  }
  const byMonth = months.map((month) => {
    const inMonth = counts.filter((row) => row.month === month)
    return {
      month,
      words: monthInWords(month),
      overall: value(inMonth),
      byArea: areas.map((area) => value(inMonth.filter((row) => row.laId === area.id))),
    }
  })
  const points: TrendPoint[] = byMonth.flatMap((row) =>
    areas.flatMap((area, i) => {
      const percent = row.byArea[i]?.percent
      return percent === null || percent === undefined ? [] : [{ month: row.month, area: area.name, percent }]
    }),
  )
  const byArea = areas.map((area) => ({ area, value: value(counts.filter((row) => row.laId === area.id)) }))
  return {
    standard,
    definition: DEFINITIONS[standard.definition],
    overall: value(counts),
    latest: byMonth.filter((row) => row.overall.total > 0).at(-1),
    byArea,
    // This installation runs one partnership, so one operating model: its LAs together.
    byModel: [{ model, words: OPERATING_MODEL_WORDS[model], value: value(counts) }],
    months: byMonth,
    chart: await trendChart(standard.title, points, standard.target),
  }
}

/** Every measure's value over the period, area beside area: the comparison between LAs. */
async function comparisonChart(measures: MeasureSummary[], areas: Area[]): Promise<string> {
  const points: BarPoint[] = measures.flatMap((measure) =>
    measure.byArea.flatMap(({ area, value }) =>
      value.percent === null
        ? []
        : [{ category: measure.standard.title, area: area.name, value: value.percent }],
    ),
  )
  return barChart(
    `Each measure’s value over the period in ${areas.map((area) => area.name).join(', ')}, side by side`,
    points,
    true,
  )
}

const STAGE_WORDS: Record<string, string> = {
  '1': 'Stage 1: practitioners',
  '2': 'Stage 2: managers',
  '3': 'Stage 3: senior managers',
  '4': 'Stage 4: the partnership’s leads',
}

const THEMES: { id: ThemeKind; title: string; counts: string }[] = [
  { id: 'category', title: 'Plans begun by category of abuse', counts: 'Plans' },
  { id: 'source', title: 'Referrals received by source', counts: 'Referrals' },
  { id: 'exploitation', title: 'Children linked to an exploitation theme', counts: 'Children' },
  {
    id: 'escalation',
    title: 'Professional disagreements by the stage they reached',
    counts: 'Disagreements',
  },
]

function labelsOf(partnership: PartnershipConfig, theme: ThemeKind): Record<string, string> {
  if (theme === 'category') return CP_CATEGORY_LABELS
  if (theme === 'source') return REFERRAL_SOURCES
  if (theme === 'exploitation')
    return Object.fromEntries(exploitationThemesOf(partnership).map((t) => [t.id, t.label]))
  return STAGE_WORDS
}

/** Each theme as rows (its entries with anything counted, in the order of its list) by area, and a chart. */
async function themesOf(
  partnership: PartnershipConfig,
  counts: ThemeCount[],
  areas: Area[],
): Promise<Theme[]> {
  const themes: Theme[] = []
  for (const theme of THEMES) {
    const labels = labelsOf(partnership, theme.id)
    const ofTheme = counts.filter((row) => row.theme === theme.id)
    const keys = [...Object.keys(labels), ...ofTheme.map((row) => row.key).filter((key) => !(key in labels))]
    const rows = keys.flatMap((key) => {
      const byArea = areas.map((area) =>
        ofTheme.filter((row) => row.key === key && row.laId === area.id).reduce((n, row) => n + row.count, 0),
      )
      const total = byArea.reduce((n, count) => n + count, 0)
      return total === 0 ? [] : [{ key, label: labels[key] ?? `Other (${key})`, byArea, total }]
    })
    const points = rows.flatMap((row) =>
      areas.map((area, i) => ({ category: row.label, area: area.name, value: row.byArea[i] ?? 0 })),
    )
    themes.push({
      ...theme,
      rows,
      chart: rows.length === 0 ? '' : await barChart(`${theme.title}, by area`, points, false),
    })
  }
  return themes
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
      note: definition.note?.agency
        ? (agencies.get(item.note ?? '') ?? 'An agency no longer in the partnership')
        : (item.note ?? null),
    })),
  }
}

/** The themes whose counts open the list behind them: references and days, never a child's identity. */
export const LISTED_THEMES = ['category', 'source'] as const

export interface ThemeList {
  theme: (typeof THEMES)[number]
  label: string
  areas: Area[]
  items: (ThemeItem & { areaName: string })[]
}

/** The plans or referrals behind one entry of a theme, in an area (or all the caller's) and months. */
export async function themeList(
  ctx: IntelligenceContext,
  caller: Caller,
  themeId: string,
  key: string,
  filters: Filters,
  purpose: 'list' | 'csv' = 'list',
): Promise<ThemeList> {
  const theme = THEMES.find((candidate) => candidate.id === themeId)
  const listed = LISTED_THEMES.find((id) => id === themeId)
  const label = theme ? labelsOf(ctx.partnership, theme.id)[key] : undefined
  if (!theme || !listed || label === undefined) throw new RequestError(404, 'There is no such theme')
  const areas = areasFor(ctx, caller, filters.laId)
  const items = await audited(ctx.db, async (trx) => {
    authorizeAreas(trx, caller, areas, {
      view: purpose,
      theme: theme.id,
      key,
      from: filters.from,
      to: filters.to,
    })
    return findThemeItems(trx, listed, key, periodOf(ctx, areas, filters.from, filters.to))
  })
  const names = new Map(areas.map((area) => [area.id, area.name]))
  return {
    theme,
    label,
    areas,
    items: items.map((item) => ({ ...item, areaName: names.get(item.laId) ?? 'Another area' })),
  }
}
