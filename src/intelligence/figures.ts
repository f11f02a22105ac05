// The performance against each standard over a run of months, in aggregate: counted, measured, the
// percentage and its RAG for the partnership's yearly report; counts per LA and month for the figures
// other partnerships compare (src/model-comparison). No references, no names: the caller asks the
// policy and audits the read. Read from the monthly counts where they hold.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { MeasureDefinition } from '../partnership/measure-definitions.ts'
import { countFigures } from './monthly.ts'
import { monthsBefore, rated, standardsOf, targetInWords, type Value } from './rules.ts'

export interface StandardFigure {
  title: string
  target: string
  value: Value
}

export interface MonthlyFigure {
  laId: string
  definition: MeasureDefinition
  /** 'YYYY-MM' */
  month: string
  counted: number
  total: number
}

/** Each configured standard's definition counted per LA and month, across all the partnership's LAs. */
export async function monthlyFigures(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  from: string,
  to: string,
  now: Date,
): Promise<MonthlyFigure[]> {
  const period = {
    laIds: partnership.local_authorities.map((la) => la.id),
    from: `${from}-01`,
    until: `${monthsBefore(to, -1)}-01`,
    now,
  }
  const definitions = [...new Set(standardsOf(partnership).map((standard) => standard.definition))]
  const { counts } = await countFigures(db, partnership, definitions, period)
  return definitions.flatMap((definition, index) =>
    (counts[index] ?? []).map((row) => ({ ...row, definition })),
  )
}

/** Every configured standard measured across all the partnership's LAs from month `from` to `to` ('YYYY-MM'). */
export async function performanceFigures(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  from: string,
  to: string,
  now: Date,
): Promise<StandardFigure[]> {
  const figures = await monthlyFigures(db, partnership, from, to, now)
  return standardsOf(partnership).map((standard) => {
    const counts = figures.filter((figure) => figure.definition === standard.definition)
    const counted = counts.reduce((n, row) => n + row.counted, 0)
    const total = counts.reduce((n, row) => n + row.total, 0)
    return { title: standard.title, target: targetInWords(standard), value: rated(counted, total, standard) }
  })
}
