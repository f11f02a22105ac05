/**
 * Kysely table types for child protection, the one owner of these tables: strategy discussions
 * (migrations/0008_strategy.sql), section 47 enquiries, conferences, plans and core groups, and the
 * feedback loop's re-checks (0009_conferences.sql; the plan table itself is created in 0006); a
 * conference's record, its family participants, reports read for the parents, core group meetings and
 * the plan's progress (0027_conference_record.sql).
 */
import type { Generated } from 'kysely'
import type { InvitationReply } from '../meetings/index.ts'
import type { AgencyKind } from '../partnership/config.ts'
import type { PartMarking } from '../platform/access/policy.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type {
  ClosureKind,
  ConferenceKind,
  ConferenceStatus,
  CpCategory,
  ParticipantRole,
  PlanEndReason,
  PoliceDecision,
  RecheckAnswer,
  ReportForParents,
  ReviewOutcome,
  StrategyDecision,
  StrategyFormat,
  StrategyOrigin,
  StrategyStatus,
} from './schemas.ts'

/** A child protection plan; front door reads it to tell a referral about a live plan. */
export interface ChildProtectionPlanTable {
  id: Generated<string>
  child_id: string
  la_id: string
  category: CpCategory
  start_date: string
  end_date: string | null
  latest_category: CpCategory | null
  plan_summary: string | null
  next_review_due_by: IsoDate | null
  core_group_first_meeting_on: IsoDate | null
  end_reason: PlanEndReason | null
}

export interface ChildProtectionTables {
  strategy_discussion: {
    id: Generated<string>
    number: Generated<number>
    child_id: string
    la_id: string
    origin: StrategyOrigin
    referral_id: string | null
    concerns: string
    meeting_reasons: string[]
    requested_by: string
    requested_at: Generated<Date>
    due_by: IsoDate
    status: StrategyStatus
    format: StrategyFormat | null
    meeting_date: IsoDate | null
    meeting_time: string | null
    location: string | null
    scheduled_by: string | null
    signed_off_at: Date | null
    signed_off_by: string | null
    signed_off_by_name: string | null
    circulation_due_by: IsoDate | null
    late_reason: string | null
    chair_user_id: string | null
    chair_name: string | null
  }
  strategy_invitation: {
    discussion_id: string
    agency_id: string
    agency_kind: AgencyKind
    invitee_name: string
    invitee_email: string
    invited_at: Generated<Date>
    reply: Generated<InvitationReply>
    replied_at: Date | null
    attended: boolean | null
    attendee_name: string | null
  }
  strategy_contribution: {
    discussion_id: string
    agency_id: string
    records_held: string
    risks: string
    strengths: string
    contributed_by: string
    contributed_by_name: string
    contributed_at: Generated<Date>
    marking: Generated<PartMarking>
  }
  strategy_record: {
    discussion_id: string
    information_shared: string
    risk_analysis: string
    decision: StrategyDecision
    decision_reasons: string
    police_decision: PoliceDecision
    family_sharing: string
    family_sharing_on: IsoDate | null
    /** The child's wishes and feelings in their own words, or how they were sought (migration 0061). */
    child_words: string | null
    icpc_due_by: IsoDate | null
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
  }
  strategy_circulation: {
    discussion_id: string
    agency_id: string
    sent_at: Date
    due_by: IsoDate
    acknowledged_at: Date | null
    acknowledged_by: string | null
    acknowledged_by_name: string | null
  }
  child_protection_plan: ChildProtectionPlanTable
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
    late_reason: string | null
    chair_user_id: string | null
    chair_name: string | null
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
    report_read_at: Date | null
    report_read_by_name: string | null
    report_for_parents: ReportForParents | null
    report_withheld_reason: string | null
  }
  conference_dissent: { conference_id: string; agency_id: string; view: string }
  core_group_member: { plan_id: string; agency_id: string; since: IsoDate }
  conference_minutes: {
    conference_id: string
    discussion: string
    risk_analysis: string
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
    signed_off_at: Date | null
    signed_off_by: string | null
    signed_off_by_name: string | null
    circulation_due_by: IsoDate | null
  }
  conference_circulation: {
    conference_id: string
    agency_id: string
    sent_at: Date
    due_by: IsoDate
    acknowledged_at: Date | null
    acknowledged_by: string | null
    acknowledged_by_name: string | null
  }
  conference_participant: {
    id: Generated<string>
    conference_id: string
    role: ParticipantRole
    name: string
    relationship: string
    invited_by: string
    invited_at: Generated<Date>
    attended: boolean | null
    views: string | null
  }
  core_group_meeting: {
    id: Generated<string>
    plan_id: string
    held_on: IsoDate
    attending_agency_ids: string[]
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
    /** The child's wishes and feelings in their own words, or how they were sought (migration 0042). */
    child_words: string | null
  }
  plan_outcome: {
    id: Generated<string>
    plan_id: string
    position: number
    outcome: string
    agreed_at_meeting_id: string
  }
  plan_progress: { meeting_id: string; outcome_id: string; progress: string }
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
