import type { Generated } from 'kysely'
import type { ChildrenTables } from '../../children/tables.ts'
import type { IdentityTables } from '../../identity/tables.ts'
import type { AuditTables } from '../audit/tables.ts'
import type { EventTables } from '../events/tables.ts'

interface FoundationTables {
  masa_migration: { name: string; applied_at: Generated<Date> }
  masa_setting: { key: string; value: string }
}

/** The database as Kysely sees it: each capability declares its own tables beside its code. */
export interface DB extends FoundationTables, ChildrenTables, IdentityTables, AuditTables, EventTables {}
