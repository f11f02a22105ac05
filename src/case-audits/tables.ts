/** Kysely table types for multi-agency case audits; the SQL lives in migrations/0040_case_audits.sql. */
import type { Generated, JSONColumnType } from 'kysely'
import type { AgencyKind } from '../platform/access/actor.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { Answers, Grade, Question, SampleRule } from './rules.ts'

export interface CaseAuditTables {
  case_audit_programme: {
    id: Generated<string>
    reference: Generated<string>
    title: string
    themes: string[]
    starts_on: IsoDate
    ends_on: IsoDate
    questions: JSONColumnType<Question[], string, string>
    agency_ids: string[]
    created_at: Date
    created_by: string
    created_by_name: string
    sample_rule: JSONColumnType<SampleRule | null, string | null, string | null>
    sample_seed: string | null
    sample_pool: number | null
    sampled_at: Date | null
    sampled_by_name: string | null
  }
  case_audit_case: {
    id: Generated<string>
    programme_id: string
    position: number
    child_id: string
    la_id: string
    plan_id: string
    round: Generated<number>
  }
  case_audit_part: {
    case_id: string
    round: number
    agency_id: string
    answers: JSONColumnType<Answers | null, string | null, string | null>
    overall_grade: Grade | null
    summary: string | null
    submitted_at: Date | null
    submitted_by_name: string | null
  }
  case_audit_grant: {
    id: Generated<string>
    case_id: string
    round: number
    agency_id: string
    purpose: string
    granted_at: Date
    expires_at: Date
    granted_by_name: string
    /** Ended early by a lead, with the reason (migration 0061). */
    revoked_at: Date | null
    revoked_by_name: string | null
    revoked_reason: string | null
  }
  case_audit_moderation: {
    case_id: string
    round: number
    met_on: IsoDate
    attendees: string
    agreed_grade: Grade
    findings: string
    learning: string
    recorded_at: Date
    recorded_by_name: string
    /** The moderation meeting it was agreed at, when booked in masa (migration 0068). */
    meeting_id: string | null
  }
  /** A programme's moderation meeting for a round, on the meetings block (migration 0068). */
  case_audit_meeting: {
    id: Generated<string>
    programme_id: string
    round: number
    meets_on: IsoDate
    starts_at: string
    place: string
    scheduled: Generated<number>
    organizer_name: string
    organizer_email: string
    booked_at: Date
    attended_agency_ids: string[] | null
    attendance_recorded_at: Date | null
    attendance_recorded_by_name: string | null
  }
  /** Who a moderation meeting invited, in the meetings block's invitation columns (migration 0068). */
  case_audit_meeting_invitation: {
    meeting_id: string
    agency_id: string
    agency_kind: AgencyKind
    invitee_name: string
    invitee_email: string
    invited_at: Date
  }
}
