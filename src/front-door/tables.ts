/** Kysely table types for this capability; the SQL lives in migrations/0006_front_door.sql (and 0023). */
import type { Generated, JSONColumnType } from 'kysely'
import type { PartMarking } from '../platform/access/policy.ts'
import type {
  Consent,
  MatAgencyKind,
  Outcome,
  Queue,
  ReferralSource,
  Route,
  Urgency,
  WithoutContributionsReason,
} from './schemas.ts'

export type ReferralStatus = 'awaiting-screening' | 'in-triage' | 'awaiting-strategy-discussion' | 'decided'

export interface ReferralTable {
  id: Generated<string>
  number: Generated<number>
  la_id: string
  child_id: string | null
  child_first_name: string
  child_last_name: string
  child_other_names: string | null
  child_date_of_birth: string | null
  child_address: string | null
  child_postcode: string | null
  child_school: string | null
  child_nhs_number: string | null
  child_upn: string | null
  what_happened: string
  worries: string
  family_knows: string
  consent: Consent
  lawful_basis_without_consent: string | null
  urgency: Urgency
  referral_source: ReferralSource
  referrer_user_id: string
  referrer_name: string
  referrer_agency_id: string
  referrer_role: string
  referrer_phone: string | null
  referrer_email: string
  route: Route
  queue: Queue
  priority: number
  had_live_cp_plan: boolean
  received_at: Date
  decision_due_by: string
  status: ReferralStatus
  client_id: string
  idempotency_key: string
  request_hash: string
  threshold_result: JSONColumnType<Record<string, unknown> | null, string | null, string | null>
}

export interface MatContributionTable {
  id: Generated<string>
  referral_id: string
  agency_id: string
  agency_kind: MatAgencyKind
  records_hold: string
  household: string
  lawful_basis: string
  contributed_by: string
  contributed_by_name: string
  contributed_at: Date
  marking: Generated<PartMarking>
}

export interface ThresholdDecisionTable {
  referral_id: string
  outcome: Outcome
  reasons: string
  level_of_need: number
  decided_by: string
  decided_by_name: string
  decided_by_agency_id: string
  decided_at: Date
  working_days_taken: number
  within_timescale: boolean
  feedback_to_referrer: string
  contributing_agency_kinds: string[]
  without_contributions_reason: WithoutContributionsReason | null
  without_contributions_detail: string | null
}

export interface FrontDoorTables {
  referral: ReferralTable
  mat_contribution: MatContributionTable
  threshold_decision: ThresholdDecisionTable
}
