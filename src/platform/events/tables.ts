import type { Generated, JSONColumnType } from 'kysely'
import type { Sensitivity } from './event.ts'

export interface EventTables {
  domain_event: {
    id: Generated<string>
    seq: Generated<number>
    occurred_at: Generated<Date>
    type: string
    child_id: string | null
    la_id: string | null
    agency_id: string
    actor_id: string
    summary: string
    sensitivity: Generated<Sensitivity>
    payload: JSONColumnType<Record<string, unknown>, string, string>
  }
}
