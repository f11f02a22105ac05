import type { Generated } from 'kysely'
import type { AccessTables } from '../access/tables.ts'
import type { AuditTables } from '../audit/tables.ts'
import type { EventTables } from '../events/tables.ts'
import type { MaintenanceTables } from '../maintenance/tables.ts'
import type { NotifyTables } from '../notify/tables.ts'
import type { WebhookTables } from '../webhooks/tables.ts'

interface FoundationTables {
  masa_migration: { name: string; applied_at: Generated<Date> }
  masa_setting: { key: string; value: string }
  rate_limit_window: { key: string; count: number; resets_at: Date }
}

/**
 * The platform's own tables, the only ones platform code queries. The whole database (DB in
 * src/database.ts) extends this with each capability's tables; a Kysely<DB> or Transaction<DB> is
 * accepted wherever platform code asks for a Kysely<PlatformDB>.
 */
export interface PlatformDB
  extends FoundationTables,
    AccessTables,
    AuditTables,
    EventTables,
    MaintenanceTables,
    NotifyTables,
    WebhookTables {}
