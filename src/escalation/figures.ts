// The professional disagreements raised in a year, in aggregate (the report for the partnership's
// leads, over the whole partnership), for the partnership's yearly report. Counts only, no child named.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import { type Report, reportedIn, reportOf } from './rules.ts'
import { disagreementsIn } from './store.ts'
import { agencyName } from './workflow.ts'

/** The report of the disagreements raised from `from` to `to` (both included, London dates). */
export async function disagreementFigures(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  from: IsoDate,
  to: IsoDate,
): Promise<Report> {
  const rows = await disagreementsIn(
    db,
    partnership.local_authorities.map((la) => la.id),
  )
  return reportOf(reportedIn(rows, { from, to }), (id) => agencyName(partnership, id))
}
