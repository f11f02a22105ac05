// Appending to the hash-chained audit. Only the access guard (platform/access/guard.ts) calls
// appendAuditEvents, inside the transaction of the read or change being recorded, and
// appendReadAuditEvents, just after a read-only step's transaction.

import { createHash } from 'node:crypto'
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import { ownPartnership } from '../db/database.ts'
import type { PlatformDB } from '../db/schema.ts'
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

/** An entry with the time it was appended: UTC with microseconds, exactly the text that is hashed. */
export interface StampedEntry extends AuditEntry {
  at: string
}

/** An entry as the log holds it; seq orders the whole log (across chains) for searching. */
export interface AuditRecord extends StampedEntry {
  seq: number
  prevHash: string
  hash: string
}

/** An entry with its place in its chain (chainSeq counts from 1 without gaps): for the verifier. */
export interface ChainedRecord extends AuditRecord {
  chainId: number
  chainSeq: number
}

/** The independent chains the log is split into, so concurrent appends rarely wait (migrations/0004_audit.sql). */
export const AUDIT_CHAINS = 16

export const GENESIS_HASH = '0'.repeat(64)
const DIGEST_FORMAT = 'masa-audit-1'
const AT_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'

/** `at` as the text the hash covers (a Date would drop the microseconds). */
export const atText = (column: string): RawBuilder<string> =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', ${AT_FORMAT})`

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * sha256 over the row's own fields. Its place is not among them: the chain fixes it, since chainSeq
 * is gapless and each row names its predecessor's hash.
 */
export function entryDigest(record: StampedEntry): string {
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
export function auditHash(record: StampedEntry & { prevHash: string }): string {
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

/**
 * Appends entries at the end of the transaction's chain in one statement: audit_append
 * (migrations/0004_audit.sql) picks the chain, chains the rows to its head and moves the head on,
 * which stays locked until the caller's transaction ends. With `evenIfNone`, no entries still take a
 * chain's head until the transaction ends, as an append would (see guard.ts `uniformTiming`).
 */
export async function appendAuditEvents(
  trx: Transaction<PlatformDB>,
  entries: readonly AuditEntry[],
  { evenIfNone = false } = {},
): Promise<void> {
  if (entries.length === 0) {
    // audit_chain_pick locks a chain's head for the rest of the transaction, as an append would.
    if (evenIfNone) await sql`SELECT audit_chain_pick()`.execute(trx)
    return
  }
  await appendStatement(trx, entries)
}

/** One call of audit_append: in the caller's transaction, or as a transaction of its own. */
async function appendStatement(db: Kysely<PlatformDB>, entries: readonly AuditEntry[]): Promise<void> {
  const at = new Date().toISOString().replace('Z', '000Z')
  const rows = entries.map((entry) => columns({ ...storable(entry), at }))
  await sql`SELECT audit_append(${at}, ${JSON.stringify(rows)}::jsonb)`.execute(db)
}

interface WaitingRead {
  entries: readonly AuditEntry[]
  appended: () => void
  failed: (error: unknown) => void
}

/** The reads waiting for their entries to be appended, and whether an append is under way. */
interface ReadGroup {
  waiting: WaitingRead[]
  appending: boolean
}

const readGroups = new WeakMap<Kysely<PlatformDB>, ReadGroup>()

/** At most this many reads' entries in one statement, so a burst does not make one huge one. */
const MOST_READS_TOGETHER = 100

/**
 * Appends a read's entries after its read-only transaction has ended, in one statement (its own
 * transaction) together with those of every read that finished while the previous group was being
 * appended: on the embedded engine, where statements take turns on one connection, a busy moment's
 * pages then share one append instead of paying for one each. Resolves once the entries are
 * committed, so the read is answered only once it is on record; one read's entries that cannot be
 * appended fail that read alone.
 */
export function appendReadAuditEvents(db: Kysely<PlatformDB>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return Promise.resolve()
  let group = readGroups.get(db)
  if (!group) {
    group = { waiting: [], appending: false }
    readGroups.set(db, group)
  }
  const joined = group
  return new Promise((appended, failed) => {
    joined.waiting.push({ entries, appended, failed })
    if (!joined.appending) void appendWaiting(db, joined)
  })
}

async function appendWaiting(db: Kysely<PlatformDB>, group: ReadGroup): Promise<void> {
  group.appending = true
  try {
    while (group.waiting.length > 0) await appendTogether(db, group.waiting.splice(0, MOST_READS_TOGETHER))
  } finally {
    group.appending = false
  }
}

async function appendTogether(db: Kysely<PlatformDB>, reads: readonly WaitingRead[]): Promise<void> {
  try {
    await appendStatement(
      db,
      reads.flatMap((read) => read.entries),
    )
  } catch (error) {
    if (reads.length === 1) return reads[0]?.failed(error)
    for (const read of reads) await appendTogether(db, [read])
    return
  }
  for (const read of reads) read.appended()
}

/** The row as audit_append reads it: audit_event's column names, and the digest it chains. */
function columns(record: StampedEntry) {
  return {
    actor_kind: record.actorKind,
    actor_id: record.actorId,
    agency_id: record.agencyId,
    action: record.action,
    resource_kind: record.resourceKind,
    resource_id: record.resourceId,
    child_id: record.childId,
    outcome: record.outcome,
    basis: record.basis,
    reason: record.reason,
    lawful_basis: record.lawfulBasis,
    break_glass_reason: record.breakGlassReason,
    ip: record.ip,
    request_id: record.requestId,
    detail: record.detail,
    digest: entryDigest(record),
  }
}

// A UTF-16 half without its other half: JSON.stringify escapes it, and jsonb refuses the escape.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** What PostgreSQL will give back unchanged: lower-case uuids, JSON-safe detail, no NUL characters. */
function storable(entry: AuditEntry): AuditEntry {
  const text = (value: string) => value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD')
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
export function selectAuditRecords(db: Kysely<PlatformDB>) {
  return db
    .selectFrom('audit_event')
    .select([
      'seq',
      'chain_id',
      'chain_seq',
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
    .where('partnership_id', '=', ownPartnership)
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

export function fromChainedRow(row: StoredRow): ChainedRecord {
  return { ...fromRow(row), chainId: row.chain_id, chainSeq: row.chain_seq }
}
