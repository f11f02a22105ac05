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
}
