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
import { countFigureByAgency, countFigures } from './monthly.ts'
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
  STAGE_WORDS,
  type Standard,
  standardsOf,
  type Value,
} from './rules.ts'
import {
  type Counted,
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
  /** One agency, for the measures counted per agency (the others and the themes are left out). */
  agencyId?: string | null
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
  /** The agency the measures are counted for, if one was chosen. */
  agency: Area | null
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

/** The agency asked for, if any (404 for one not in the partnership). */
function agencyOf(ctx: IntelligenceContext, agencyId: string | null | undefined): Area | null {
  if (!agencyId) return null
  const agency = ctx.partnership.agencies.find((candidate) => candidate.id === agencyId)
  if (!agency) throw new RequestError(404, 'There is no such agency in this partnership')
  return { id: agency.id, name: agency.name }
}

const periodOf = (ctx: IntelligenceContext, areas: Area[], filters: Filters) => ({
  laIds: areas.map((area) => area.id),
  from: `${filters.from}-01`,
  until: `${monthsBefore(filters.to, -1)}-01`,
  now: ctx.now(),
  agencyId: filters.agencyId ?? null,
})

/** What the audit records of a look: the months, and the agency if one was chosen. */
const lookedAt = (filters: Filters) => ({
  from: filters.from,
  to: filters.to,
  ...(filters.agencyId ? { agency: filters.agencyId } : {}),
})

async function itemsOf(
  ctx: IntelligenceContext,
  trx: Kysely<DB>,
  standard: Standard,
  areas: Area[],
  filters: Filters,
) {
  const found = await findMeasured(trx, standard.definition, periodOf(ctx, areas, filters))
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
  const agency = agencyOf(ctx, filters.agencyId)
  const standards = standardsOf(ctx.partnership).filter(
    (standard) => !agency || DEFINITIONS[standard.definition].byAgency,
  )
  const period = periodOf(ctx, areas, filters)
  // Only the counts per LA and month come back from the database: the lists stay where they are.
  const { counts, themes } = await audited(ctx.db, async (trx) => {
    authorizeAreas(trx, caller, areas, { view, ...lookedAt(filters) })
    return countFigures(
      trx,
      ctx.partnership,
      standards.map((standard) => standard.definition),
      period,
    )
  })
  const months = monthsBetween(filters.from, filters.to)
  const model = ctx.partnership.operating_model
  const measures: MeasureSummary[] = []
  for (const [index, standard] of standards.entries())
    measures.push(await summaryOf(standard, counts[index] ?? [], areas, months, model))
  return {
    areas,
    agency,
    model,
    measures,
    comparison: await comparisonChart(measures, areas),
    // The themes are the areas' whole: none when one agency's part is asked for.
    themes: agency ? [] : await themesOf(ctx.partnership, themes, areas),
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

/** Each theme, and its list's columns in words: what each item is, the day, the note (if any). */
const THEMES: {
  id: ThemeKind
  title: string
  counts: string
  reference: string
  on: string
  note?: string
  key: string
}[] = [
  {
    id: 'category',
    title: 'Plans begun by category of abuse',
    counts: 'Plans',
    reference: 'Plans',
    on: 'Plan began',
    key: 'Category',
  },
  {
    id: 'source',
    title: 'Referrals received by source',
    counts: 'Referrals',
    reference: 'Referrals',
    on: 'Received',
    key: 'Source',
  },
  {
    id: 'exploitation',
    title: 'Children linked to an exploitation theme',
    counts: 'Children',
    reference: 'Child (numbered in this list only)',
    on: 'First linked in the period',
    note: 'Links recorded by',
    key: 'Theme',
  },
  {
    id: 'escalation',
    title: 'Professional disagreements by the stage they reached',
    counts: 'Disagreements',
    reference: 'Raised by',
    on: 'Raised',
    note: 'Raised with',
    key: 'Stage reached',
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
  const definition = standard && DEFINITIONS[standard.definition]
  if (!standard || !definition || (agencyOf(ctx, filters.agencyId) && !definition.byAgency))
    throw new RequestError(404, 'There is no such measure')
  const areas = areasFor(ctx, caller, filters.laId)
  const items = await audited(ctx.db, async (trx) => {
    authorizeAreas(trx, caller, areas, { view: purpose, measure: standard.id, ...lookedAt(filters) })
    return itemsOf(ctx, trx, standard, areas, filters)
  })
  const names = new Map(areas.map((area) => [area.id, area.name]))
  const agencyName = agencyNames(ctx.partnership)
  const notes = { agency: agencyName, stage: (stage: string) => STAGE_WORDS[stage] ?? `Stage ${stage}` }
  const holds = definition.note?.holds
  return {
    standard,
    definition,
    areas,
    value: measuredValue(items, standard),
    items: items.map((item) => ({
      ...item,
      areaName: names.get(item.laId) ?? 'Another area',
      reference: definition.agencyReference ? agencyName(item.reference) : item.reference,
      note: holds && holds !== 'words' && item.note ? notes[holds](item.note) : (item.note ?? null),
    })),
  }
}

export interface AgencyComparison {
  standard: Standard
  definition: Definition
  areas: Area[]
  /** Each agency serving the areas, in the partnership's order, with its value over the period. */
  rows: { agency: Area; value: Value }[]
  chart: string
}

/**
 * One measure counted per agency (rules.ts `byAgency`), every agency serving the areas side by side:
 * each value as the dashboard filtered by that agency counts it, so each opens that agency's list.
 */
export async function agencyComparison(
  ctx: IntelligenceContext,
  caller: Caller,
  standardId: string,
  filters: Filters,
  purpose: 'agencies' | 'csv' | 'xlsx' = 'agencies',
): Promise<AgencyComparison> {
  const standard = standardsOf(ctx.partnership).find((candidate) => candidate.id === standardId)
  const definition = standard && DEFINITIONS[standard.definition]
  if (!standard || !definition?.byAgency) throw new RequestError(404, 'There is no such measure')
  const areas = areasFor(ctx, caller, filters.laId)
  const whole = { ...filters, agencyId: null }
  const counts = await audited(ctx.db, async (trx) => {
    authorizeAreas(trx, caller, areas, { view: purpose, measure: standard.id, ...lookedAt(whole) })
    return countFigureByAgency(trx, ctx.partnership, standard.definition, periodOf(ctx, areas, whole))
  })
  const laIds = areas.map((area) => area.id)
  const rows = ctx.partnership.agencies
    .filter((agency) =>
      agency.kind === 'local-authority'
        ? laIds.includes(agency.la)
        : agency.serves === 'all' || agency.serves.some((laId) => laIds.includes(laId)),
    )
    .map((agency) => {
      const found = counts.find((row) => row.agencyId === agency.id)
      return {
        agency: { id: agency.id, name: agency.name },
        value: rated(found?.counted ?? 0, found?.total ?? 0, standard),
      }
    })
  const shownAs = areas.length === 1 ? (areas[0]?.name ?? '') : 'All areas shown'
  const points: BarPoint[] = rows.flatMap(({ agency, value }) =>
    value.percent === null ? [] : [{ category: agency.name, area: shownAs, value: value.percent }],
  )
  return {
    standard,
    definition,
    areas,
    rows,
    chart:
      points.length === 0
        ? ''
        : await barChart(`${standard.title}: each agency’s value over the period`, points, true),
  }
}

/** An agency's name from its id (one since removed from the partnership's file said so). */
const agencyNames = (partnership: PartnershipConfig) => {
  const names = new Map(partnership.agencies.map((agency) => [agency.id, agency.name]))
  return (id: string) => names.get(id) ?? 'An agency no longer in the partnership'
}

export type ThemeListItem = ThemeItem & { areaName: string }

export interface ThemeList {
  theme: (typeof THEMES)[number]
  label: string
  areas: Area[]
  items: ThemeListItem[]
}

/**
 * The items behind one entry of a theme, in an area (or all the caller's) and months, in the least-data
 * view: plans and referrals by reference, disagreements by the agencies party to them, and children
 * linked to an exploitation theme by a number that holds in this list only (never who they are).
 */
export async function themeList(
  ctx: IntelligenceContext,
  caller: Caller,
  themeId: string,
  key: string,
  filters: Filters,
  purpose: 'list' | 'csv' = 'list',
): Promise<ThemeList> {
  const theme = THEMES.find((candidate) => candidate.id === themeId)
  const label = theme ? labelsOf(ctx.partnership, theme.id)[key] : undefined
  if (!theme || label === undefined) throw new RequestError(404, 'There is no such theme')
  const areas = areasFor(ctx, caller, filters.laId)
  const items = await audited(ctx.db, async (trx) => {
    authorizeAreas(trx, caller, areas, {
      view: purpose,
      theme: theme.id,
      key,
      from: filters.from,
      to: filters.to,
    })
    return findThemeItems(trx, theme.id, key, periodOf(ctx, areas, { ...filters, agencyId: null }))
  })
  const names = new Map(areas.map((area) => [area.id, area.name]))
  const agencyName = agencyNames(ctx.partnership)
  const agenciesOf = (ids: string | null) => (ids ?? '').split(',').filter(Boolean).map(agencyName).join(', ')
  return {
    theme,
    label,
    areas,
    items: items.map((item, i) => ({
      ...item,
      areaName: names.get(item.laId) ?? 'Another area',
      ...(theme.id === 'exploitation' ? { reference: `Child ${i + 1}`, note: agenciesOf(item.note) } : {}),
      ...(theme.id === 'escalation'
        ? { reference: agencyName(item.reference), note: agencyName(item.note ?? '') }
        : {}),
    })),
  }
}
