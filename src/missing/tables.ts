/** Kysely table types for missing episodes; the SQL lives in migrations/0030_missing_and_mace.sql. */
import type { Generated } from 'kysely'
import type { InterviewOutcome, RiskGrading } from './schemas.ts'

export interface MissingTables {
  missing_episode: {
    id: Generated<string>
    child_id: string
    agency_id: string
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
    went_missing_at: Date
    reported_at: Date
    risk: RiskGrading
    returned_at: Date | null
    where_found: string | null
    return_recorded_by: string | null
    interview_offered_at: Date | null
    interview_outcome: InterviewOutcome | null
    interview_child_said: string | null
    interview_agency_id: string | null
    interview_recorded_by: string | null
    interview_recorded_by_name: string | null
  }
}
