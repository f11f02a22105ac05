// The performance against each standard over a run of months, in aggregate (counted, measured, the
// percentage and its RAG), for the partnership's yearly report. No references, no names: the caller
// (src/yearly-report) asks the policy and audits the read.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import {
  DEFINITIONS,
  judged,
  measuredValue,
  monthsBefore,
  standardsOf,
  targetInWords,
  type Value,
} from './rules.ts'
import { findMeasured } from './store.ts'

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
  const today = toIsoDate(now)
  const figures: StandardFigure[] = []
  for (const standard of standardsOf(partnership)) {
    const found = await findMeasured(db, standard.definition, period)
    const { judge } = DEFINITIONS[standard.definition]
    const items = found.flatMap((row) => judged(row, judge, today) ?? [])
    figures.push({
      title: standard.title,
      target: targetInWords(standard),
      value: measuredValue(items, standard),
    })
  }
  return figures
}
