/** Kysely table types for the self-assessment; the SQL lives in migrations/0039_self_assessment.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { Framework } from './rules.ts'

export interface SelfAssessmentTables {
  self_assessment_round: {
    id: Generated<string>
    year: number
    due_on: IsoDate
    opened_at: Date
    opened_by_name: string
  }
  self_assessment_return: {
    id: Generated<string>
    round_id: string
    agency_id: string
    framework: Framework
    status: 'draft' | 'submitted'
    started_at: Date
    started_by_name: string
    submitted_at: Date | null
    submitted_by_name: string | null
  }
  self_assessment_rating: {
    return_id: string
    standard_id: string
    standard_title: string
    rating: number
    evidence: string
    actions: string | null
    actions_due_on: IsoDate | null
    rated_at: Date
    rated_by_name: string
  }
  self_assessment_challenge: {
    id: Generated<string>
    return_id: string
    standard_id: string
    challenge: string
    challenged_at: Date
    challenged_by_name: string
    response: string | null
    responded_at: Date | null
    responded_by_name: string | null
  }
  self_assessment_reminder: {
    round_id: string
    agency_id: string
    working_days_before: number
    sent_at: Date
  }
}
