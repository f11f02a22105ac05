/** Kysely table types for independent scrutiny; the SQL lives in migrations/0048_scrutiny.sql and 0057. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'

export interface ScrutinyTables {
  scrutiny_grant: {
    id: Generated<string>
    reference: Generated<string>
    child_id: string
    la_id: string
    incident_id: string | null
    incident_reference: string | null
    grantee_id: string
    grantee_name: string
    purpose: string
    ends_on: IsoDate
    expires_at: Date
    granted_at: Date
    granted_by: string
    granted_by_name: string
    granted_by_agency_id: string
    revoked_at: Date | null
    revoked_by_name: string | null
    revoke_reason: string | null
    ended_recorded_at: Date | null
    reminded_at: Date | null
  }
}
