import type { Generated } from 'kysely'
import type { AccessTables } from '../access/tables.ts'
import type { AuditTables } from '../audit/tables.ts'
import type { EventTables } from '../events/tables.ts'
import type { MaintenanceTables } from '../maintenance/tables.ts'
import type { NotifyTables } from '../notify/tables.ts'
import type { WebhookTables } from '../webhooks/tables.ts'

/**
 * Every table of a partnership's records carries the partnership (migration 0075), filled by the
 * connection's default; it is part of every key, so an ON CONFLICT names it with the key's columns.
 */
export type OfPartnership<Tables> = {
  [Table in keyof Tables]: Tables[Table] & { partnership_id: Generated<string> }
}

/** The installation's own tables, of no partnership. */
interface InstallationTables {
  masa_migration: { name: string; applied_at: Generated<Date> }
}

interface FoundationTables {
  masa_setting: { key: string; value: string }
  rate_limit_window: { key: string; count: number; resets_at: Date }
}

/**
 * The platform's own tables, the only ones platform code queries. The whole database (DB in
 * src/database.ts) extends this with each capability's tables; a Kysely<DB> or Transaction<DB> is
 * accepted wherever platform code asks for a Kysely<PlatformDB>.
 */
export interface PlatformDB
  extends InstallationTables,
    OfPartnership<FoundationTables & AccessTables & AuditTables & EventTables & NotifyTables & WebhookTables>,
    MaintenanceTables {}
