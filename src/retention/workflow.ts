// The retention schedule's use cases: the dry-run report, deleting what is past its period in audited
// batches, and legal holds. Each deleted record gets one audit entry of its own, appended to the hash
// chain like any other, so `masa audit verify` holds afterwards.

import type { Transaction } from 'kysely'
import type { Database, DB } from '../database.ts'
import type { RetainedRecordType, RetentionSchedule } from '../partnership/retention-schema.ts'
import { audited, authorize, type Caller, recordServiceStep } from '../platform/access/guard.ts'
import { cutoffDate, RECORD_TYPES, TYPE_WORDS, type TypeReport } from './rules.ts'
import { countPastPeriod, deleteRecords, lockDue, readForeignKeys } from './store.ts'

type Db = Database['db']
type Years = Required<RetentionSchedule>

/** Records deleted in one transaction: a crash loses at most one batch's work, never half a record. */
const BATCH = 100

/** Per kind of record: how many are past their period on `today`, the oldest, and how many are kept. */
export async function retentionReport(
  db: Db | Transaction<DB>,
  years: Years,
  today: string,
): Promise<TypeReport[]> {
  const reports: TypeReport[] = []
  for (const type of RECORD_TYPES)
    reports.push({
      type,
      years: years[type],
      ...(await countPastPeriod(db, type, cutoffDate(today, years[type]))),
    })
  return reports
}

/** The report for the administrators' page: the partnership administrator's, through the policy. */
export async function readRetentionReport(
  db: Db,
  caller: Caller,
  years: Years,
  today: string,
): Promise<TypeReport[]> {
  return audited(db, async (trx) => {
    authorize(trx, { ...caller, action: 'retention.view', resource: { kind: 'partnership' } })
    return retentionReport(trx, years, today)
  })
}

/** Deletes every record past its period that is not kept; resolves to how many of each kind went. */
export async function applyRetention(
  db: Db,
  years: Years,
  today: string,
  { batch = BATCH } = {},
): Promise<Record<RetainedRecordType, number>> {
  const keys = await readForeignKeys(db)
  const deleted = { referral_no_further_action: 0, child_record: 0, lado_allegation: 0 }
  for (const type of RECORD_TYPES) {
    const cutoff = cutoffDate(today, years[type])
    const rule = `${type}: ${TYPE_WORDS[type].rule(years[type])}`
    for (;;) {
      const ids = await audited(db, async (trx) => {
        const due = await lockDue(trx, type, cutoff, batch)
        await deleteRecords(trx, keys, type, due)
        for (const id of due) recordStep(trx, 'deleted', type, id, `Past its retention period (${rule})`)
        return due
      })
      deleted[type] += ids.length
      if (ids.length === 0) break
    }
  }
  return deleted
}

function recordStep(
  trx: Transaction<DB>,
  step: 'deleted' | 'held' | 'released',
  recordType: RetainedRecordType,
  recordId: string,
  reason: string,
): void {
  // The partnership, not the child: the entry names the kind and id of what went, and nothing about the child.
  recordServiceStep(trx, {
    job: 'retention',
    action: 'retention.manage',
    resource: { kind: 'partnership' },
    reason,
    detail: { step, recordType, recordId },
  })
}

export type HoldableType = Exclude<RetainedRecordType, 'referral_no_further_action'>

/**
 * Places a legal hold on a child's record or an allegation: the schedule keeps it until the hold is
 * released. Resolves to false when there is no such record.
 */
export async function placeHold(
  db: Db,
  hold: { type: HoldableType; id: string; reason: string; placedBy: string },
): Promise<boolean> {
  return audited(db, async (trx) => {
    const table = hold.type === 'child_record' ? 'child' : 'lado_allegation'
    const found = await trx.selectFrom(table).select('id').where('id', '=', hold.id).executeTakeFirst()
    if (!found) return false
    await trx
      .insertInto('retention_hold')
      .values({ record_type: hold.type, record_id: hold.id, reason: hold.reason, placed_by: hold.placedBy })
      .onConflict((oc) =>
        oc.columns(['record_type', 'record_id', 'partnership_id']).doUpdateSet({ reason: hold.reason }),
      )
      .execute()
    recordStep(trx, 'held', hold.type, hold.id, `Legal hold placed by ${hold.placedBy}: ${hold.reason}`)
    return true
  })
}

/** Releases a legal hold; resolves to false when the record had none. */
export async function releaseHold(
  db: Db,
  hold: { type: HoldableType; id: string; releasedBy: string },
): Promise<boolean> {
  return audited(db, async (trx) => {
    const released = await trx
      .deleteFrom('retention_hold')
      .where('record_type', '=', hold.type)
      .where('record_id', '=', hold.id)
      .executeTakeFirst()
    if (released.numDeletedRows === 0n) return false
    recordStep(trx, 'released', hold.type, hold.id, `Legal hold released by ${hold.releasedBy}`)
    return true
  })
}
