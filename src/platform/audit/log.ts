// Appending to the hash-chained audit. Only the access guard (platform/access/guard.ts) calls
// appendAuditEvents, inside the transaction of the read or change being recorded.

import { createHash } from 'node:crypto'
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { AuditEventTable } from './tables.ts'

/** One decision about personal data, as the guard hands it over. */
export interface AuditEntry {
  actorKind: 'user' | 'system'
  actorId: string
  agencyId: string
  action: string
  resourceKind: 'child' | 'la' | 'partnership' | 'agency'
  resourceId: string | null
  childId: string | null
  outcome: 'allowed' | 'denied'
  basis: string | null
  reason: string
  lawfulBasis: string | null
  breakGlassReason: string | null
  ip: string
  requestId: string
  detail: Record<string, unknown>
}

/** An entry as the chain holds it; `at` is UTC with microseconds, exactly the text that was hashed. */
export interface AuditRecord extends AuditEntry {
  seq: number
  at: string
  prevHash: string
  hash: string
}

export const GENESIS_HASH = '0'.repeat(64)
const DIGEST_FORMAT = 'masa-audit-1'
const AT_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'

/** `at` as the text the hash covers (a Date would drop the microseconds). */
export const atText = (column: string): RawBuilder<string> =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', ${AT_FORMAT})`

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * sha256 over the row's own fields. seq is not among them: the chain fixes it, since seq is
 * gapless and each row names its predecessor's hash.
 */
export function entryDigest(record: Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>): string {
  return sha256(
    JSON.stringify([
      DIGEST_FORMAT,
      record.at,
      record.actorKind,
      record.actorId,
      record.agencyId,
      record.action,
      record.resourceKind,
      record.resourceId,
      record.childId,
      record.outcome,
      record.basis,
      record.reason,
      record.lawfulBasis,
      record.breakGlassReason,
      record.ip,
      record.requestId,
      canonicalJson(record.detail),
    ]),
  )
}

/** A row's hash: sha256 of the previous row's hash followed by the row's digest, both as hex text. */
export function auditHash(record: Omit<AuditRecord, 'seq' | 'hash'>): string {
  return sha256(record.prevHash + entryDigest(record))
}

/** JSON with object keys sorted, so the same value always gives the same text (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Appends entries at the end of the chain; the head stays locked until the caller's transaction ends. */
export async function appendAuditEvents(trx: Transaction<DB>, entries: readonly AuditEntry[]): Promise<void> {
  const at = new Date().toISOString().replace('Z', '000Z')
  for (const entry of entries) await appendOne(trx, { ...storable(entry), at })
}

/** audit_append (migrations/0004_audit.sql) locks the head, chains the row to it and moves the head on. */
async function appendOne(trx: Transaction<DB>, record: Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>) {
  await sql`SELECT audit_append(${record.at}, ${record.actorKind}, ${record.actorId}, ${record.agencyId},
    ${record.action}, ${record.resourceKind}, ${record.resourceId}, ${record.childId}, ${record.outcome},
    ${record.basis}, ${record.reason}, ${record.lawfulBasis}, ${record.breakGlassReason}, ${record.ip},
    ${record.requestId}, ${JSON.stringify(record.detail)}, ${entryDigest(record)})`.execute(trx)
}

/** What PostgreSQL will give back unchanged: lower-case uuids, JSON-safe detail, no NUL characters. */
function storable(entry: AuditEntry): AuditEntry {
  const text = (value: string) => value.replaceAll('\u0000', '')
  const optional = (value: string | null) => (value === null ? null : text(value))
  return {
    ...entry,
    actorId: text(entry.actorId),
    agencyId: text(entry.agencyId),
    resourceId: optional(entry.resourceId),
    childId: entry.childId?.toLowerCase() ?? null,
    reason: text(entry.reason),
    lawfulBasis: optional(entry.lawfulBasis),
    breakGlassReason: optional(entry.breakGlassReason),
    ip: text(entry.ip),
    requestId: text(entry.requestId),
    detail: JSON.parse(JSON.stringify(entry.detail).replaceAll('\\u0000', '')),
  }
}

type StoredRow = Omit<AuditEventTable, 'at' | 'detail'> & { at: string; detail: Record<string, unknown> }

/** Columns of audit_event with `at` as hashed text: for the verifier and the search. */
export function selectAuditRecords(db: Kysely<DB>) {
  return db
    .selectFrom('audit_event')
    .select([
      'seq',
      atText('at').as('at'),
      'actor_kind',
      'actor_id',
      'agency_id',
      'action',
      'resource_kind',
      'resource_id',
      'child_id',
      'outcome',
      'basis',
      'reason',
      'lawful_basis',
      'break_glass_reason',
      'ip',
      'request_id',
      'detail',
      'prev_hash',
      'hash',
    ])
}

export function fromRow(row: StoredRow): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    agencyId: row.agency_id,
    action: row.action,
    resourceKind: row.resource_kind,
    resourceId: row.resource_id,
    childId: row.child_id,
    outcome: row.outcome,
    basis: row.basis,
    reason: row.reason,
    lawfulBasis: row.lawful_basis,
    breakGlassReason: row.break_glass_reason,
    ip: row.ip,
    requestId: row.request_id,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}
