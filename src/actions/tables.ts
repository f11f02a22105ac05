/** Kysely table types for actions; the SQL lives in migrations/0017_actions.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'

/** The kinds of meeting whose actions are kept here. */
export type ActionSourceKind = 'strategy-discussion' | 'mace-discussion' | 'rapid-review' | 'case-audit'

export interface ActionsTables {
  action: {
    id: Generated<string>
    source_kind: ActionSourceKind
    source_id: string
    child_id: string
    position: number
    description: string
    owner_agency_id: string
    owner_name: string | null
    due_by: IsoDate
    completed_at: Date | null
    completed_by: string | null
    completed_by_name: string | null
    evidence: string | null
    alerted_at: Date | null
  }
}
