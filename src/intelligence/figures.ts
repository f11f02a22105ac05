// The performance against each standard over a run of months, in aggregate (counted, measured, the
// percentage and its RAG), for the partnership's yearly report. No references, no names: the caller
// (src/yearly-report) asks the policy and audits the read. Read from the monthly counts where they hold.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { countFigures } from './monthly.ts'
import { monthsBefore, rated, standardsOf, targetInWords, type Value } from './rules.ts'

export interface StandardFigure {
  title: string
  target: string
  value: Value
}

/** Every configured standard measured across all the partnership's LAs from month `from` to `to` ('YYYY-MM'). */
export async function performanceFigures(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  from: string,
  to: string,
  now: Date,
): Promise<StandardFigure[]> {
  const period = {
    laIds: partnership.local_authorities.map((la) => la.id),
    from: `${from}-01`,
    until: `${monthsBefore(to, -1)}-01`,
    now,
  }
  const standards = standardsOf(partnership)
  const { counts } = await countFigures(
    db,
    partnership,
    standards.map((standard) => standard.definition),
    period,
  )
  const figures: StandardFigure[] = []
  for (const [index, standard] of standards.entries()) {
    const rows = counts[index] ?? []
    const counted = rows.reduce((n, row) => n + row.counted, 0)
    const total = rows.reduce((n, row) => n + row.total, 0)
    figures.push({
      title: standard.title,
      target: targetInWords(standard),
      value: rated(counted, total, standard),
    })
  }
  return figures
}
