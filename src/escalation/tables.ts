/** Kysely table types for professional disagreements; the SQL lives in migrations/0025_escalation.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { AboutKind, StageOutcome } from './schemas.ts'

export interface EscalationTables {
  disagreement: {
    id: Generated<string>
    child_id: string
    la_id: string
    raised_by: string
    raised_by_name: string
    raiser_agency_id: string
    other_agency_id: string
    about_kind: AboutKind
    about_id: string | null
    reason_id: string
    reason_label: string
    detail: string
    stage: Generated<number>
    stage_started_on: IsoDate
    stage_due_by: IsoDate
    prompted_at: Date | null
    raised_at: Generated<Date>
    resolved_at: Date | null
  }
  disagreement_stage: {
    id: Generated<string>
    disagreement_id: string
    stage: number
    who: string
    discussed: string
    outcome: StageOutcome
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
  }
}
