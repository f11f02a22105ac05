/** Kysely table types of disruption tactics used and NRM referrals; the SQL lives in migrations/0037_disruption_and_nrm.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { NrmDecision } from './schemas.ts'

export interface DisruptionNrmTables {
  disruption_tactic_use: {
    id: Generated<string>
    child_id: string
    la_id: string
    discussion_id: string | null
    tactic: string
    tactic_label: string
    used_on: IsoDate
    used_by_agency_id: string
    used_by_name: string
    recorded_by: string
    recorded_by_agency_id: string
    recorded_by_name: string
    recorded_at: Generated<Date>
    outcome: string | null
    outcome_recorded_by_name: string | null
    outcome_recorded_at: Date | null
  }
  nrm_referral: {
    id: Generated<string>
    child_id: string
    la_id: string
    discussion_id: string | null
    first_responder_agency_id: string
    referred_on: IsoDate
    rg_due_by: IsoDate
    recorded_by: string
    recorded_by_agency_id: string
    recorded_by_name: string
    recorded_at: Generated<Date>
    rg_decision: NrmDecision | null
    rg_decided_on: IsoDate | null
    rg_recorded_by_name: string | null
    cg_decision: NrmDecision | null
    cg_decided_on: IsoDate | null
    cg_recorded_by_name: string | null
    outcome: string | null
  }
}
