/** Kysely table types for the audit; the SQL lives in migrations/0004_audit.sql. */
import type { ColumnType, JSONColumnType } from 'kysely'

export interface AuditEventTable {
  seq: number
  chain_id: number
  chain_seq: number
  /** Written as an ISO string with microseconds, the same text the hash was taken over. */
  at: ColumnType<Date, string, never>
  actor_kind: 'user' | 'system'
  actor_id: string
  agency_id: string
  action: string
  resource_kind: 'child' | 'la' | 'partnership' | 'agency'
  resource_id: string | null
  child_id: string | null
  outcome: 'allowed' | 'denied'
  basis: string | null
  reason: string
  lawful_basis: string | null
  break_glass_reason: string | null
  ip: string
  request_id: string
  detail: JSONColumnType<Record<string, unknown>, string, never>
  prev_hash: string
  hash: string
}

export interface AuditChainHeadTable {
  chain_id: number
  chain_seq: number
  hash: string
}

export interface AuditTables {
  audit_event: AuditEventTable
  audit_chain_head: AuditChainHeadTable
}
