// Demo rows as the tables take them, the columns COPY writes for each, and the COPY text format.

import type { Selectable } from 'kysely'
import type { DB } from '../database.ts'

// partnership_id is the connection's, by default.
type Row<T, Defaulted extends keyof T> = Omit<Selectable<T>, Defaulted | 'partnership_id'>

export type SchoolRow = Row<DB['school'], 'created_at'>
export type HouseholdRow = Row<DB['household'], 'created_at'>
export type ChildRow = Row<DB['child'], 'created_at' | 'updated_at' | 'sensitivity' | 'merged_into_id'>
export type AliasRow = Row<DB['child_alias'], 'created_at'>
export type PersonRow = Row<DB['person'], 'created_at'>
export type RelationshipRow = Row<DB['relationship'], 'created_at'>
export type ProfessionalRow = Row<DB['professional'], 'created_at'>
/** `since` is a calendar date here ('YYYY-MM-DD'): COPY reads it as midnight. */
export type InvolvementRow = Pick<
  Selectable<DB['child_involvement']>,
  'id' | 'child_id' | 'agency_id' | 'kind' | 'reason' | 'lawful_basis'
> & { since: string }

/** A roll or caseload entry as the agency's system declared it; dates as 'YYYY-MM-DD'. */
export type DeclarationRow = Pick<
  Selectable<DB['agency_declaration']>,
  | 'id'
  | 'agency_id'
  | 'kind'
  | 'given_name'
  | 'family_name'
  | 'date_of_birth'
  | 'nhs_number'
  | 'upn'
  | 'lawful_basis'
  | 'declared_by'
  | 'child_id'
> & { declared_at: string; last_declared_at: string }

type Columns<T> = readonly (keyof T & string)[]

export const SCHOOL_COLUMNS: Columns<SchoolRow> = [
  'id',
  'la_id',
  'name',
  'urn',
  'establishment_number',
  'phase',
]
export const HOUSEHOLD_COLUMNS: Columns<HouseholdRow> = [
  'id',
  'la_id',
  'address_line1',
  'address_line2',
  'town',
  'postcode',
]
export const CHILD_COLUMNS: Columns<ChildRow> = [
  'id',
  'la_id',
  'la_child_id',
  'given_name',
  'family_name',
  'date_of_birth',
  'expected_date_of_birth',
  'sex',
  'ethnicity',
  'nhs_number',
  'upn',
  'upn_unknown',
  'household_id',
  'school_id',
]
export const ALIAS_COLUMNS: Columns<AliasRow> = ['id', 'child_id', 'given_name', 'family_name', 'kind']
export const PERSON_COLUMNS: Columns<PersonRow> = [
  'id',
  'given_name',
  'family_name',
  'date_of_birth',
  'sex',
  'nhs_number',
  'household_id',
]
export const RELATIONSHIP_COLUMNS: Columns<RelationshipRow> = [
  'id',
  'child_id',
  'person_id',
  'related_child_id',
  'kind',
]
export const PROFESSIONAL_COLUMNS: Columns<ProfessionalRow> = [
  'id',
  'agency_id',
  'la_id',
  'school_id',
  'given_name',
  'family_name',
  'job_title',
  'email',
  'phone',
]
export const INVOLVEMENT_COLUMNS: Columns<InvolvementRow> = [
  'id',
  'child_id',
  'agency_id',
  'kind',
  'reason',
  'lawful_basis',
  'since',
]

export const DECLARATION_COLUMNS: Columns<DeclarationRow> = [
  'id',
  'agency_id',
  'kind',
  'given_name',
  'family_name',
  'date_of_birth',
  'nhs_number',
  'upn',
  'lawful_basis',
  'declared_by',
  'declared_at',
  'last_declared_at',
  'child_id',
]

/**
 * Rows as PostgreSQL COPY text: one line per row, tab-separated, \N for null, each line ending
 * in a newline. One string per batch, so COPY gets large chunks rather than a chunk per row.
 */
export function copyText<T>(rows: readonly T[], columns: Columns<T>): string {
  const lines = new Array<string>(rows.length + 1)
  const fields = new Array<string>(columns.length)
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as T
    for (let i = 0; i < columns.length; i++) {
      fields[i] = copyField(row[columns[i] as keyof T] as string | null)
    }
    lines[r] = fields.join('\t')
  }
  lines[rows.length] = ''
  return lines.join('\n')
}

/** Rows as COPY text lines, one at a time, for streaming rows that are made as they go. */
export function* copyLines<T>(rows: Iterable<T>, columns: Columns<T>): Generator<string> {
  for (const row of rows) yield copyText([row], columns)
}

const NEEDS_ESCAPE = /[\\\t\n\r]/

export function copyField(value: string | null): string {
  if (value === null) return '\\N'
  if (!NEEDS_ESCAPE.test(value)) return value
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}
