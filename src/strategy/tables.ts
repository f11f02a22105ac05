/** Kysely table types for strategy discussions; the SQL lives in migrations/0008_strategy.sql. */
import type { Generated } from 'kysely'
import type { AgencyKind } from '../partnership/config.ts'
import type { PartMarking } from '../platform/access/policy.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type {
  InvitationReply,
  PoliceDecision,
  StrategyDecision,
  StrategyFormat,
  StrategyOrigin,
  StrategyStatus,
} from './rules.ts'

export interface StrategyTables {
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
    icpc_due_by: IsoDate | null
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
  }
  strategy_action: {
    id: Generated<string>
    discussion_id: string
    position: number
    description: string
    owner_agency_id: string
    owner_name: string
    due_by: IsoDate
    completed_at: Date | null
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
}
