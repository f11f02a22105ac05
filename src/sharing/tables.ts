/** Kysely table types for partner information sharing; the SQL lives in migrations/0011_sharing.sql. */
import type { Generated, JSONColumnType } from 'kysely'
import type { Risk, SharedEventType, SharedSensitivity } from './schemas.ts'

type Json = JSONColumnType<Record<string, unknown>, string, string>

export type NodeKind = 'child' | 'person' | 'adult' | 'place'

export interface SharingTables {
  shared_event: {
    id: Generated<string>
    sender_agency_id: string
    sender_event_id: string
    content_hash: string
    type: SharedEventType
    occurred_at: Date
    received_at: Date
    posted_by: string
    summary: string
    details: string | null
    sensitivity: SharedSensitivity
    lawful_basis: string
    risk: Risk
    facts: Json
  }
  shared_event_restricted: {
    event_id: string
    marking: Exclude<SharedSensitivity, 'standard'>
    details: string
  }
  shared_event_child: {
    event_id: string
    position: number
    child_id: string | null
    la_id: string | null
    reference: Json
  }
  sharing_notification: {
    id: Generated<string>
    event_id: string
    agency_id: string
    sees_restricted: boolean
    created_at: Date
    due_at: Date
    acknowledged_at: Date | null
    acknowledged_by: string | null
    acknowledged_by_name: string | null
    acknowledgement_note: string | null
    own_record_reference: string | null
    dispatched_at: Date | null
    escalated_at: Generated<Date | null>
  }
  sharing_escalation: {
    notification_id: string
    agency_id: string
    escalated_at: Date
    manager_emails: string[]
  }
  place: {
    id: Generated<string>
    kind: string
    description: string
    postcode: Generated<string>
    created_at: Generated<Date>
  }
  shared_event_adult: {
    id: Generated<string>
    event_id: string
    position: number
    person_id: string | null
    given_name: string | null
    family_name: string | null
    date_of_birth: string | null
    role: string
  }
  association: {
    id: Generated<string>
    event_id: string
    from_kind: NodeKind
    from_id: string
    to_kind: NodeKind
    to_id: string
    relationship: string
    sensitivity: SharedSensitivity
    agency_id: string
    created_at: Date
  }
}
