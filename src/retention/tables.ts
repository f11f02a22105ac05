/** Kysely table types of retention; the SQL lives in migrations/0051_retention_holds.sql. */
import type { ColumnType } from 'kysely'

export interface RetentionHoldTable {
  record_type: 'child_record' | 'lado_allegation'
  record_id: string
  reason: string
  placed_by: string
  placed_at: ColumnType<Date, Date | undefined, never>
}

export interface RetentionTables {
  retention_hold: RetentionHoldTable
}
