/** Kysely table types for conferences; the SQL lives in migrations/0009_conferences.sql. */
import type { Generated } from 'kysely'
import type { AgencyKind } from '../partnership/config.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type {
  ClosureKind,
  ConferenceKind,
  ConferenceStatus,
  CpCategory,
  PlanEndReason,
  RecheckAnswer,
  ReviewOutcome,
} from './rules.ts'

/** Columns conferences add to the front door's child_protection_plan (ALTER TABLE in 0009). */
export interface PlanExtension {
  latest_category: CpCategory | null
  plan_summary: string | null
  next_review_due_by: IsoDate | null
  core_group_first_meeting_on: IsoDate | null
  end_reason: PlanEndReason | null
}

export interface ConferenceTables {
  section47_enquiry: {
    id: Generated<string>
    child_id: string
    la_id: string
    strategy_discussion_id: string
    joint_with_police: boolean
    started_on: IsoDate
    icpc_due_by: IsoDate
    outcome: 'icpc' | 'icpc-not-required' | null
    outcome_reasons: string | null
    outcome_on: IsoDate | null
    outcome_by: string | null
  }
  conference: {
    id: Generated<string>
    number: Generated<number>
    child_id: string
    la_id: string
    kind: ConferenceKind
    section47_id: string | null
    plan_id: string | null
    replaces_id: string | null
    due_by: IsoDate
    meeting_date: IsoDate
    meeting_time: string
    location: string
    reports_to_parents_by: IsoDate
    status: ConferenceStatus
    booked_by: string
    booked_at: Generated<Date>
    quorate: boolean | null
    cp_plan: boolean | null
    category: CpCategory | null
    reasons: string | null
    interim_plan: string | null
    review_outcome: ReviewOutcome | null
    decided_by: string | null
    decided_by_name: string | null
    decided_at: Date | null
  }
  conference_invitation: {
    conference_id: string
    agency_id: string
    agency_kind: AgencyKind
    invitee_name: string
    invitee_email: string
    direct_involvement: Generated<boolean>
    attended: boolean | null
    report: string | null
    report_submitted_at: Date | null
    report_shared_with_parents_at: Date | null
  }
  conference_dissent: { conference_id: string; agency_id: string; view: string }
  core_group_member: { plan_id: string; agency_id: string; since: IsoDate }
  threshold_recheck: {
    id: Generated<string>
    child_id: string
    la_id: string
    closing_agency_id: string
    closure_kind: ClosureKind
    source_id: string
    agency_id: string
    asked_at: Generated<Date>
    answer: RecheckAnswer | null
    answer_notes: string | null
    answered_at: Date | null
    answered_by: string | null
  }
}
