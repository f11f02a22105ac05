/** Kysely table types for VOLT; the SQL lives in migrations/0036_volt.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { HandlingCode, IntelligenceAssessment, LocationType, NodeKind, PersonKind } from './rules.ts'

export interface VoltTables {
  volt_person: {
    id: Generated<string>
    name: string
    also_known_as: string | null
    kind: PersonKind
    description: string | null
    police_restricted: Generated<boolean>
    agency_id: string
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
    shared_by: string | null
    shared_at: Date | null
  }
  volt_location: {
    id: Generated<string>
    name: string
    location_type: LocationType
    address: string | null
    postcode: string | null
    postcode_sector: string | null
    agency_id: string
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
  }
  volt_link: {
    id: Generated<string>
    a_kind: NodeKind
    a_ref: string
    b_kind: NodeKind
    b_ref: string
    link_type: string
    source_agency_id: string
    seen_on: IsoDate
    source_evaluation: number | null
    intelligence_assessment: IntelligenceAssessment | null
    handling_code: HandlingCode | null
    handling_conditions: string | null
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
  }
  /** A place or person flagged for an LA's MACE (migrations/0045). */
  volt_mace_flag: {
    id: Generated<string>
    subject_kind: 'person' | 'location'
    subject_id: string
    la_id: string
    reason: string
    agency_id: string
    flagged_by: string
    flagged_by_name: string
    flagged_at: Generated<Date>
    cleared_at: Date | null
    cleared_by: string | null
    cleared_agency_id: string | null
    cleared_by_name: string | null
    cleared_reason: string | null
  }
}
