/** Kysely table types for MACE; the SQL lives in migrations/0030_missing_and_mace.sql. */
import type { Generated } from 'kysely'

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
}
