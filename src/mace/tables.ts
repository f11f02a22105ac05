/** Kysely table types for MACE; the SQL lives in migrations/0030_missing_and_mace.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { RiskLevel } from './schemas.ts'

export interface MaceTables {
  mace_referral: {
    id: Generated<string>
    child_id: string
    la_id: string
    agency_id: string
    referred_by: string
    referred_by_name: string
    screening_id: string | null
    reason: string
    referred_at: Generated<Date>
  }
  mace_discussion: {
    id: Generated<string>
    referral_id: string
    child_id: string
    held_on: IsoDate
    discussion: string
    risk_level: RiskLevel
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
  }
}
