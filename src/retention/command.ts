// `masa retention`: the schedule's dry run (the default), `--apply` to delete what is past its period,
// and `masa retention hold|release` for legal holds. Run on the server by an operator; each deletion
// and hold is recorded in the audit as the service's own step.

import type { AppConfig } from '../config.ts'
import { openConfiguredDatabase } from '../database.ts'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { retentionYears } from '../partnership/retention-schema.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { migrate } from '../platform/db/migrate.ts'
import { govukDate } from '../platform/http/dates.ts'
import { describeTypeReport, RECORD_TYPES, TYPE_WORDS } from './rules.ts'
import { applyRetention, type HoldableType, placeHold, releaseHold, retentionReport } from './workflow.ts'

async function withDatabase<T>(
  config: AppConfig,
  work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>,
) {
  const database = await openConfiguredDatabase(config)
  try {
    await migrate(database)
    return await work(database)
  } finally {
    await database.close()
  }
}

/** Prints the dry run, or with `apply` deletes and prints what went; resolves to the exit code. */
export async function runRetentionCommand(
  config: AppConfig,
  options: { apply?: boolean } = {},
): Promise<number> {
  const partnership = await loadPartnershipConfig(config.partnershipFile)
  const years = retentionYears(partnership.retention)
  const today = toIsoDate(new Date())
  return withDatabase(config, async ({ db }) => {
    const reports = await retentionReport(db, years, today)
    const lines = reports
      .map(describeTypeReport)
      .flatMap((kind) => ['', kind.heading, `  The schedule: ${kind.rule}.`, `  ${kind.finding}`])
    console.log(
      [`Retention schedule of ${partnership.partnership.name} on ${govukDate(today)}`, ...lines].join('\n'),
    )
    if (!options.apply) {
      console.log('\nDry run: nothing was deleted. `masa retention --apply` deletes the records above.')
      return 0
    }
    const deleted = await applyRetention(db, years, today)
    const done = RECORD_TYPES.map((type) => `${TYPE_WORDS[type].heading}: ${deleted[type]}`)
    console.log(['', 'Deleted, each with one audit entry:', ...done.map((line) => `  ${line}`)].join('\n'))
    return 0
  })
}

export interface HoldCommand {
  type: HoldableType
  id: string
  by: string
  reason?: string
  release?: boolean
}

/** Places (or with `release`, releases) a legal hold; resolves to the exit code (1: no such record or hold). */
export async function runRetentionHoldCommand(config: AppConfig, command: HoldCommand): Promise<number> {
  return withDatabase(config, async ({ db }) => {
    const { type, id, by } = command
    if (command.release) {
      const released = await releaseHold(db, { type, id, releasedBy: by })
      console.log(released ? 'Hold released.' : 'That record has no hold.')
      return released ? 0 : 1
    }
    const reason = command.reason?.trim()
    if (!reason) {
      console.error('Give the reason for the hold with --reason.')
      return 1
    }
    const placed = await placeHold(db, { type, id, reason, placedBy: by })
    console.log(placed ? 'Hold placed: the retention schedule keeps this record.' : 'No such record.')
    return placed ? 0 : 1
  })
}
