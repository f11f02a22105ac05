// The retention schedule's SQL: which records of each kind are past their period (and which of those
// are kept), and deleting records with every row that depends on them. The one writer of other
// capabilities' tables besides the demo loader: it only deletes, and finds what depends on a record
// from the database's own foreign keys, so a table added later is covered without a change here.

import { type RawBuilder, sql, type Transaction } from 'kysely'
import type { Database, DB } from '../database.ts'
import type { RetainedRecordType } from '../partnership/retention-schema.ts'

type Db = Database['db'] | Transaction<DB>

/** A record past its period: its id, the date its period ran from, and whether it is kept. */
interface Candidate {
  id: string
  anchor: string
  kept: boolean
}

/**
 * Whether the child `childId` (or a record merged into it) must be kept whatever its age: an open
 * plan or section 47 enquiry, a legal hold, a sealed record, or a serious incident notified about it
 * (the notification and the review that follows have their own retention, and learning hangs on them).
 */
function childIsKept(childId: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (
    SELECT 1 FROM child AS kept_child
    WHERE (kept_child.id = ${childId} OR kept_child.merged_into_id = ${childId})
      AND (kept_child.sensitivity = 'sealed'
        OR EXISTS (SELECT 1 FROM child_protection_plan p WHERE p.child_id = kept_child.id AND p.end_date IS NULL)
        OR EXISTS (SELECT 1 FROM section47_enquiry s WHERE s.child_id = kept_child.id AND s.outcome IS NULL)
        OR EXISTS (SELECT 1 FROM serious_incident i WHERE i.child_id = kept_child.id)
        OR EXISTS (SELECT 1 FROM retention_hold h
          WHERE h.record_type = 'child_record' AND h.record_id = kept_child.id)))`
}

/** Each kind's records whose period started on or before `cutoff`: an SQL query of Candidate rows. */
const PAST_PERIOD: Record<RetainedRecordType, (cutoff: string) => RawBuilder<Candidate>> = {
  // A referral that started a strategy discussion belongs to the child's protection record instead.
  referral_no_further_action: (cutoff) => sql<Candidate>`
    SELECT r.id, to_char(d.decided_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS anchor,
      ${childIsKept(sql.ref('r.child_id'))} AS kept
    FROM referral r JOIN threshold_decision d ON d.referral_id = r.id
    WHERE d.outcome = 'nfa-advice'
      AND (d.decided_at AT TIME ZONE 'Europe/London')::date <= ${cutoff}::date
      AND NOT EXISTS (SELECT 1 FROM strategy_discussion s WHERE s.referral_id = r.id)`,
  // A record merged into another goes with the one it was merged into, never on its own.
  child_record: (cutoff) => sql<Candidate>`
    SELECT c.id, coalesce(c.date_of_birth, c.expected_date_of_birth)::text AS anchor,
      ${childIsKept(sql.ref('c.id'))} AS kept
    FROM child c
    WHERE c.merged_into_id IS NULL AND coalesce(c.date_of_birth, c.expected_date_of_birth) <= ${cutoff}::date`,
  lado_allegation: (cutoff) => sql<Candidate>`
    SELECT a.id, a.outcome_on::text AS anchor,
      EXISTS (SELECT 1 FROM retention_hold h
        WHERE h.record_type = 'lado_allegation' AND h.record_id = a.id) AS kept
    FROM lado_allegation a
    WHERE a.outcome_on <= ${cutoff}::date`,
}

export interface PastPeriodCounts {
  due: number
  oldest: string | null
  kept: number
}

export async function countPastPeriod(
  db: Db,
  type: RetainedRecordType,
  cutoff: string,
): Promise<PastPeriodCounts> {
  const { rows } = await sql<PastPeriodCounts>`
    SELECT count(*) FILTER (WHERE NOT kept)::int AS due, min(anchor) FILTER (WHERE NOT kept) AS oldest,
      count(*) FILTER (WHERE kept)::int AS kept
    FROM (${PAST_PERIOD[type](cutoff)}) AS candidate`.execute(db)
  return rows[0] ?? { due: 0, oldest: null, kept: 0 }
}

/**
 * The next `limit` records due for deletion, oldest first, locked until the transaction ends. They are
 * checked again once locked: a plan opened meanwhile on a child (which must wait for the child's lock
 * from then on) keeps it.
 */
export async function lockDue(
  trx: Transaction<DB>,
  type: RetainedRecordType,
  cutoff: string,
  limit: number,
): Promise<string[]> {
  const due = (among: RawBuilder<boolean>) =>
    sql<{ id: string }>`SELECT id FROM (${PAST_PERIOD[type](cutoff)}) AS candidate
      WHERE NOT kept AND ${among} ORDER BY anchor, id LIMIT ${limit}`.execute(trx)
  const { rows } = await due(sql<boolean>`true`)
  const ids = rows.map((row) => row.id)
  await sql`SELECT 1 FROM ${sql.table(ROOT_TABLE[type])} WHERE id = ANY(${ids}::uuid[]) FOR UPDATE`.execute(
    trx,
  )
  const { rows: still } = await due(sql<boolean>`id = ANY(${ids}::uuid[])`)
  return still.map((row) => row.id)
}

const ROOT_TABLE: Record<RetainedRecordType, string> = {
  referral_no_further_action: 'referral',
  child_record: 'child',
  lado_allegation: 'lado_allegation',
}

/** A foreign key whose rows must go before the rows they point at (not one that sets itself to null). */
interface ForeignKey {
  table: string
  columns: string[]
  references: string
  referencedColumns: string[]
}

export async function readForeignKeys(db: Db): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    SELECT t.relname AS "table", r.relname AS "references",
      array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k (num, n)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.n) AS columns,
      array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k (num, n)
        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.n) AS "referencedColumns"
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE c.contype = 'f' AND c.confdeltype IN ('a', 'r', 'c') AND n.nspname = current_schema()
    ORDER BY t.relname, c.conname`.execute(db)
  return rows
}

/**
 * Deletes the records of a kind with everything that depends on them, children's merged records
 * and chronology included. Within the caller's transaction: all of it goes, or none.
 */
export async function deleteRecords(
  trx: Transaction<DB>,
  keys: readonly ForeignKey[],
  type: RetainedRecordType,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return
  const list = sql`${[...ids]}::uuid[]`
  if (type === 'child_record') {
    await sql`DELETE FROM domain_event WHERE child_id IN (
      SELECT id FROM child WHERE id = ANY(${list}) OR merged_into_id = ANY(${list}))`.execute(trx)
    const where = sql<boolean>`(child.id = ANY(${list}) OR child.merged_into_id = ANY(${list}))`
    await deleteWithDependents(trx, keys, 'child', where, [])
    return
  }
  if (type === 'referral_no_further_action')
    await sql`DELETE FROM domain_event
      WHERE payload ? 'referralId' AND payload->>'referralId' = ANY(${[...ids]}::text[])`.execute(trx)
  const table = ROOT_TABLE[type]
  await deleteWithDependents(trx, keys, table, sql<boolean>`${sql.ref(`${table}.id`)} = ANY(${list})`, [])
}

/**
 * Deletes the rows of `table` that `where` picks, after the rows that point at them (depth first, so a
 * row's dependents still find it). A table that points at itself is unlinked first: one row of the
 * record may point at another that goes by a different path.
 */
async function deleteWithDependents(
  trx: Transaction<DB>,
  keys: readonly ForeignKey[],
  table: string,
  where: RawBuilder<boolean>,
  path: readonly string[],
): Promise<void> {
  const columns = (owner: string, names: readonly string[]) =>
    sql.join(names.map((name) => sql.ref(`${owner}.${name}`)))
  for (const key of keys) {
    if (key.references !== table || path.includes(key.table)) continue
    const pointing = sql<boolean>`(${columns(key.table, key.columns)}) IN (
      SELECT ${columns(table, key.referencedColumns)} FROM ${sql.table(table)} WHERE ${where})`
    if (key.table === table) {
      const unlink = sql.join(key.columns.map((name) => sql`${sql.ref(name)} = NULL`))
      await sql`UPDATE ${sql.table(table)} SET ${unlink} WHERE ${pointing}`.execute(trx)
    } else await deleteWithDependents(trx, keys, key.table, pointing, [...path, table])
  }
  await sql`DELETE FROM ${sql.table(table)} WHERE ${where}`.execute(trx)
}
