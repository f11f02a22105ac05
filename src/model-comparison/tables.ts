/** Kysely table types of the imported figures files; the SQL lives in migrations/0086_model_comparison_import.sql. */
import type { Generated, JSONColumnType } from 'kysely'
import type { FigureRow } from './schemas.ts'

export interface ModelComparisonTables {
  model_comparison_import: {
    id: Generated<string>
    source_partnership_id: string
    source_partnership_name: string
    operating_model: string
    from_month: string
    to_month: string
    rows: JSONColumnType<FigureRow[], string, string>
    imported_by_name: string
    imported_at: Date
  }
}
