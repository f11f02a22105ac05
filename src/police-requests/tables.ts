/** Kysely table types for form 87a requests; the SQL lives in migrations/0029_police_information_requests.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { LawfulBasis, Outcome } from './schemas.ts'

export interface PoliceRequestTables {
  police_information_request: {
    id: Generated<string>
    child_id: string
    la_id: string
    police_agency_id: string
    agency_id: string
    requested_by: string
    requested_by_name: string
    requested_at: Generated<Date>
    request: string
    reason: string
    lawful_basis: LawfulBasis
    due_by: IsoDate
    outcome: Outcome | null
    answer: string | null
    answered_by: string | null
    answered_by_name: string | null
    answered_at: Date | null
    /** When the overdue answer was escalated to the force's managers (once); migration 0046. */
    escalated_at: Generated<Date | null>
  }
}
