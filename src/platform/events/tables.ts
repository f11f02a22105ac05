import type { Generated, JSONColumnType } from 'kysely'

/** Who beyond the usual readers may see an event: the marking the policy checks. */
export type Sensitivity = 'standard' | 'police-restricted' | 'health-restricted' | 'sealed'

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
