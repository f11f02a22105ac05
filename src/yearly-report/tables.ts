/** Kysely table types for the yearly report; the SQL lives in migrations/0044_yearly_report.sql. */
import type { Generated, JSONColumnType } from 'kysely'
import type { LeadPartner, Published, SectionKey } from './rules.ts'

export interface YearlyReportTables {
  yearly_report: {
    id: Generated<string>
    start_year: number
    revision: Generated<number>
    started_at: Date
    started_by_name: string
    published_at: Date | null
    published_by_name: string | null
    published: JSONColumnType<Published | null, string | null, string | null>
  }
  yearly_report_narrative: {
    report_id: string
    section: SectionKey
    version: number
    body: string
    written_at: Date
    written_by: string
    written_by_name: string
  }
  yearly_report_signoff: {
    report_id: string
    partner: LeadPartner
    revision: number
    agency_id: string
    signed_at: Date
    signed_by: string
    signed_by_name: string
  }
}
