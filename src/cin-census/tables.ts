/** Kysely table types for checked CIN census returns; the SQL lives in migrations/0034_cin_census_runs.sql. */
import type { ColumnType, Generated } from 'kysely'
import type { DifferenceKind } from './reconcile.ts'
import type { RuleTally } from './validate.ts'

export interface CinCensusTables {
  cin_census_run: {
    id: Generated<string>
    la_id: string
    census_year: string | null
    reference_date: string | null
    children: number
    errors: number
    queries: number
    /** Written as JSON text. */
    rules: ColumnType<RuleTally[], string, never>
    findings_total: number
    findings_kept: number
    uploaded_by: string
    uploaded_by_name: string
    uploaded_at: Generated<Date>
  }
  cin_census_difference: {
    run_id: string
    position: number
    child: string
    kind: DifferenceKind
    masa_start: string | null
    return_start: string | null
  }
  cin_census_finding: {
    run_id: string
    position: number
    child: string
    code: string
    records: number
  }
}
