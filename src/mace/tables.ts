/** Kysely table types for MACE; the SQL lives in migrations/0030_missing_and_mace.sql and 0028_mace_meetings.sql and 0045_mace_agenda_strategic_circulation.sql and 0058_mace_partnership_meetings.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { MeetingFormat, MeetingKind } from './meeting-schemas.ts'
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
    /** When MACE discusses the child again; none when MACE closed the child's case (0045). */
    review_on: IsoDate | null
    /** The discussion this one reviews; none for a referral's first discussion (0045). */
    reviews_discussion_id: string | null
  }
  mace_meeting: {
    id: Generated<string>
    /** None for a meeting of the whole partnership (0058). */
    la_id: string | null
    held_on: IsoDate
    start_time: string
    format: MeetingFormat
    venue: string
    scheduled_by: string
    scheduled_by_name: string
    scheduled_at: Generated<Date>
    minutes: string | null
    minutes_recorded_by_name: string | null
    minutes_recorded_at: Date | null
    kind: Generated<MeetingKind>
    /** A strategic meeting's actions, as text (the actions block holds a child's actions only). */
    actions_agreed: string | null
  }
  mace_meeting_attendance: {
    meeting_id: string
    agency_id: string
    attendee_name: string | null
  }
  mace_discussion_meeting: {
    discussion_id: string
    meeting_id: string
  }
  mace_flag_discussion: {
    id: Generated<string>
    flag_id: string
    meeting_id: string
    discussion: string
    review_on: IsoDate | null
    recorded_by: string
    recorded_by_name: string
    recorded_at: Generated<Date>
  }
  mace_minutes_circulation: {
    meeting_id: string
    agency_id: string
    sent_at: Date
    due_by: IsoDate
    acknowledged_at: Date | null
    acknowledged_by: string | null
    acknowledged_by_name: string | null
  }
}
