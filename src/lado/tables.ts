/** Kysely table types for the LADO's allegations; the SQL lives in migrations/0026, 0062, 0065 and 0066. */
import type { Generated } from 'kysely'
import type { AgencyKind } from '../platform/access/actor.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type {
  Consideration,
  EmployerAction,
  EmployerSector,
  HarmCategory,
  HarmTestLimb,
  Outcome,
} from './rules.ts'

export type PersonMarking = 'lado-restricted' | 'standard'

export interface LadoTables {
  lado_referral_link: {
    id: Generated<string>
    token_hash: string
    email: string
    created_at: Generated<Date>
    expires_at: Date
    used_at: Date | null
  }
  lado_allegation: {
    id: Generated<string>
    reference: Generated<string>
    la_id: string
    referred_at: Date
    lado_informed_by: IsoDate
    referrer: string
    referrer_name: string
    referrer_email: string
    referrer_organisation: string
    person_name: string
    person_role: string
    employer: string
    employer_sector: EmployerSector
    person_marking: Generated<PersonMarking>
    harm_test: HarmTestLimb[]
    harm_category: HarmCategory
    what_happened: string
    children_concerned: string
    considered_at: Date | null
    /** When the LADO was reminded that the consideration's clock ran out (once). */
    consideration_reminded_at: Generated<Date | null>
    considered_by_name: string | null
    consideration: Consideration | null
    consideration_reasons: string | null
    dbs_referred_on: IsoDate | null
    tra_referred_on: IsoDate | null
    outcome: Outcome | null
    outcome_on: IsoDate | null
    outcome_notes: string | null
  }
  /**
   * An allegation management meeting: booked (a date, start time and place, its invitees emailed the
   * calendar invitation; migration 0065), then its record once it has started (who attended, the
   * minutes). One recorded before booking existed has a date and minutes only.
   */
  lado_meeting: {
    id: Generated<string>
    allegation_id: string
    held_on: IsoDate
    meeting_time: string | null
    location: string | null
    booked_at: Date | null
    booked_by_name: string | null
    booked_by_email: string | null
    invited_agency_ids: Generated<string[]>
    others_invited: string | null
    minutes: string | null
    recorded_at: Date | null
    recorded_by_name: string | null
  }
  /** Each person invited to a booked meeting, for their agency, and whether the agency attended. */
  lado_meeting_invitation: {
    meeting_id: string
    agency_id: string
    agency_kind: AgencyKind
    invitee_name: string
    invitee_email: string
    attended: boolean | null
  }
  /** The children's records the LADO linked an allegation to (migration 0066). */
  lado_allegation_child: {
    allegation_id: string
    child_id: string
    linked_at: Date
    linked_by_name: string
  }
  lado_employer_action: {
    id: Generated<string>
    allegation_id: string
    kind: EmployerAction
    taken_on: IsoDate
    notes: string | null
    recorded_at: Date
  }
}
