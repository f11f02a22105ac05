// The professional disagreements raised in a year, in aggregate (the report for the partnership's
// leads, over the whole partnership), for the partnership's yearly report. Counts only, no child named.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { isStage, type Report, reportOf } from './rules.ts'
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
  const reported = rows
    .map((row) => ({
      stage: isStage(row.stage) ? row.stage : 1,
      raiserAgencyId: row.raiserAgencyId,
      otherAgencyId: row.otherAgencyId,
      reasonLabel: row.reasonLabel,
      raisedOn: toIsoDate(row.raisedAt),
      resolvedOn: row.resolvedAt && toIsoDate(row.resolvedAt),
    }))
    .filter((row) => row.raisedOn >= from && row.raisedOn <= to)
  return reportOf(reported, (id) => agencyName(partnership, id))
}
