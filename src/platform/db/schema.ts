import type { Generated } from 'kysely'
import type { ChildProtectionTables } from '../../child-protection/index.ts'
import type { ChildrenTables } from '../../children/tables.ts'
import type { FrontDoorTables } from '../../front-door/tables.ts'
import type { IdentityTables } from '../../identity/tables.ts'
import type { SharingTables } from '../../sharing/tables.ts'
import type { AccessTables } from '../access/tables.ts'
import type { AuditTables } from '../audit/tables.ts'
import type { EventTables } from '../events/tables.ts'
import type { MaintenanceTables } from '../maintenance/tables.ts'
import type { WebhookTables } from '../webhooks/tables.ts'

interface FoundationTables {
  masa_migration: { name: string; applied_at: Generated<Date> }
  masa_setting: { key: string; value: string }
}

/** The database as Kysely sees it: each capability declares its own tables beside its code. */
export interface DB
  extends FoundationTables,
    ChildrenTables,
    IdentityTables,
    AuditTables,
    AccessTables,
    EventTables,
    WebhookTables,
    ChildProtectionTables,
    FrontDoorTables,
    SharingTables,
    MaintenanceTables {}
