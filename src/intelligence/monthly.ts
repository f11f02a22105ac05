// The dashboard's figures from each month's stored counts where they hold, counted live where they do
// not. A job, every minute on one server at a time per partnership, counts again each month of the
// last six years and the open month whose records changed since it last ran (the triggers of
// migration 0080 mark them in the same transaction as the change), or whose clocks that were
// running have since run out, or that was never counted. So the dashboard shows a change within
// about a minute: the open month too, whose figures move with every referral, where counting it live
// would cost every request a scan of the month's records. A clock that has run out is such a change:
// in a large partnership some clock runs out every day. A change or run-out clock still uncounted
// after `COUNTED_WITHIN` (the job stopped or failing) makes its month count live, exact but slower.
// The lists behind each number are always live.

import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { MEASURE_DEFINITIONS, type MeasureDefinition } from '../partnership/measure-definitions.ts'
import { BANK_HOLIDAY_DATES } from '../platform/calendar/bank-holidays.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import {
  type CountedMonth,
  heldCounts,
  monthsToCount,
  replaceMonths,
  type StoredCount,
} from './monthly-store.ts'
import { DEFINITIONS, monthsBefore, monthsBetween } from './rules.ts'
import {
  COUNTING_SOURCE,
  type Counted,
  type CountedForAgency,
  countExploitationThemes,
  countMeasured,
  countMonthly,
  countMonthlyThemes,
  type MonthlyCount,
  type Period,
  sumByAgency,
  type ThemeCount,
  type ThemeKind,
} from './store.ts'

/** How many months before the open month the job keeps counted; earlier months are counted live when asked for. */
const KEPT_MONTHS = 72
/** How long a change may wait for the job before its month is counted live (the job runs every minute). */
export const COUNTED_WITHIN = '2 minutes'
/** Months counted in one transaction. */
const MONTHS_AT_ONCE = 12

const THEME = 'theme:'

/**
 * What a month's counts are counted by: the code that counts, the definitions' judgements, the bank
 * holidays and the partnership's LAs. A month counted otherwise (before a release changed a
 * definition, a holiday was added or an LA joined) does not hold, and the job counts it again.
 */
export function countedBy(partnership: PartnershipConfig): string {
  return createHash('sha256')
    .update(COUNTING_SOURCE)
    .update(JSON.stringify(Object.values(DEFINITIONS).map((definition) => definition.judge)))
    .update(BANK_HOLIDAY_DATES.join())
    .update(partnership.local_authorities.map((la) => la.id).join())
    .digest('hex')
    .slice(0, 32)
}

/** The runs of consecutive months ('YYYY-MM', in order) as periods' bounds. */
function runsOf(months: readonly string[]): { from: string; until: string }[] {
  const runs: { from: string; until: string }[] = []
  for (const month of months) {
    const last = runs.at(-1)
    const next = monthsBefore(month, -1)
    if (last && last.until === `${month}-01`) last.until = `${next}-01`
    else runs.push({ from: `${month}-01`, until: `${next}-01` })
  }
  return runs
}

/** The period's months without stored counts that hold, as runs, and the stored counts that do. */
async function splitPeriod(db: Kysely<DB>, p: Period, agency: string | 'each', by: string) {
  const months = monthsBetween(p.from.slice(0, 7), monthsBefore(p.until.slice(0, 7), 1))
  const held = await heldCounts(db, p, agency, { now: p.now, lag: COUNTED_WITHIN, by })
  return { live: runsOf(months.filter((month) => !held.months.has(month))), stored: held.rows }
}

const countedOf = (row: StoredCount): Counted => ({
  laId: row.laId,
  month: row.month,
  counted: row.counted,
  total: row.total,
})

/**
 * Each definition's counts per LA and month over the period (in the order asked), and the themes
 * (unless one agency's part is asked for), the same as counting every month live.
 */
export async function countFigures(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  definitions: readonly MeasureDefinition[],
  p: Period,
): Promise<{ counts: Counted[][]; themes: ThemeCount[] }> {
  const { live, stored } = await splitPeriod(db, p, p.agencyId ?? '', countedBy(partnership))
  const counts: Counted[][] = []
  for (const definition of definitions) {
    const rows = stored.filter((row) => row.figure === definition).map(countedOf)
    for (const run of live)
      rows.push(...(await countMeasured(db, definition, DEFINITIONS[definition].judge, { ...p, ...run })))
    counts.push(rows)
  }
  if (p.agencyId) return { counts, themes: [] }
  const themes: ThemeCount[] = stored
    .filter((row) => row.figure.startsWith(THEME))
    .map((row) => ({
      theme: row.figure.slice(THEME.length) as ThemeKind,
      key: row.key,
      laId: row.laId,
      month: row.month,
      count: row.total,
    }))
  for (const run of live) themes.push(...(await countMonthlyThemes(db, { ...p, ...run })))
  themes.push(...(await countExploitationThemes(db, p)))
  return { counts, themes }
}

/** A measure counted per agency (rules.ts `byAgency`) over the period, every agency at once. */
export async function countFigureByAgency(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  definition: MeasureDefinition,
  p: Period,
): Promise<CountedForAgency[]> {
  const { live, stored } = await splitPeriod(db, p, 'each', countedBy(partnership))
  const rows: MonthlyCount[] = []
  for (const run of live)
    rows.push(...(await countMonthly(db, definition, DEFINITIONS[definition].judge, { ...p, ...run }, true)))
  return sumByAgency([
    ...rows,
    ...stored
      .filter((row) => row.figure === definition)
      .map((row) => ({ ...countedOf(row), agencyId: row.agencyId, staleFrom: null })),
  ])
}

const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null || b > a ? a : b)

/** Counts the months (consecutive runs) of every definition and theme, as the job stores them. */
async function countForStore(
  db: Kysely<DB>,
  period: Omit<Period, 'from' | 'until'>,
  months: readonly string[],
) {
  const counted = new Map<string, CountedMonth>(months.map((month) => [month, { month, staleFrom: null }]))
  const counts: StoredCount[] = []
  const keep = (figure: string, row: MonthlyCount) => {
    const month = counted.get(row.month)
    if (month) month.staleFrom = earliest(month.staleFrom, row.staleFrom)
    if (row.total > 0) counts.push({ ...row, figure, key: '' })
  }
  for (const run of runsOf(months)) {
    const p = { ...period, ...run }
    for (const definition of MEASURE_DEFINITIONS) {
      const { judge, byAgency } = DEFINITIONS[definition]
      for (const row of await countMonthly(db, definition, judge, p)) keep(definition, row)
      if (byAgency)
        for (const row of await countMonthly(db, definition, judge, p, true)) keep(definition, row)
    }
    for (const theme of await countMonthlyThemes(db, p))
      counts.push({
        month: theme.month,
        figure: `${THEME}${theme.theme}`,
        laId: theme.laId,
        agencyId: '',
        key: theme.key,
        counted: theme.count,
        total: theme.count,
      })
  }
  return { months: [...counted.values()], counts }
}

/**
 * The job: counts every month of the last six years and the open month that does not hold (never
 * counted, a record changed, a clock that was running has run out), a year's months a transaction. Each
 * transaction reads one snapshot (repeatable read): the counts and the marks it clears are of the
 * same records, so a change it did not see stays marked for its next run.
 */
export async function countChangedMonths(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  now: Date,
): Promise<{ months: number }> {
  const today = toIsoDate(now)
  const open = today.slice(0, 7)
  const kept = { from: monthsBefore(open, KEPT_MONTHS), until: monthsBefore(open, -1) }
  const by = countedBy(partnership)
  const due = await monthsToCount(db, kept.from, kept.until, { now, lag: null, by })
  const laIds = partnership.local_authorities.map((la) => la.id)
  for (let i = 0; i < due.length; i += MONTHS_AT_ONCE) {
    const months = due.slice(i, i + MONTHS_AT_ONCE)
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const found = await countForStore(trx, { laIds, now, agencyId: null }, months)
        await replaceMonths(trx, found.months, found.counts, { now, by }, kept)
      })
  }
  return { months: due.length }
}
