/** Kysely table types for children's moves across borders; the SQL lives in migrations/0038_moves.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { RiskLevel, WhoMoved } from './rules.ts'

export interface MovesTables {
  child_move: {
    id: Generated<string>
    child_id: string
    placing_la_id: string
    host_dfe_code: string
    host_la_id: string | null
    host_la_name: string
    moved_on: IsoDate
    who_moved: WhoMoved
    reason: string
    risk_level: RiskLevel
    risk_summary: string
    contact_name: string
    contact_email: string
    acknowledge_by: IsoDate
    recorded_by: string
    recorded_by_name: string
    recorded_agency_id: string
    recorded_at: Generated<Date>
    notified_at: Date | null
    acknowledged_at: Date | null
    acknowledged_by_name: string | null
    acknowledgement_note: string | null
    escalated_at: Date | null
  }
  child_move_link: {
    id: Generated<string>
    move_id: string
    token_hash: string
    created_at: Generated<Date>
    expires_at: Date
  }
}
