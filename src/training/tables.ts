/** Kysely table types for multi-agency training; the SQL lives in migrations/0033_training.sql. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { AskedForKind, Attendance, PlaceStatus } from './rules.ts'

export interface TrainingTables {
  training_course: {
    id: Generated<string>
    title: string
    level: number
    audience: string
    description: string
    priorities: Generated<string[]>
    /** Free text of courses written before they linked by reference (migration 0067). */
    asked_for_by: string | null
    asked_for_kind: AskedForKind | null
    asked_for_id: string | null
    asked_for_reference: string | null
    created_at: Date
    created_by_name: string
    updated_at: Date | null
    updated_by_name: string | null
  }
  training_session: {
    id: Generated<string>
    course_id: string
    held_on: IsoDate
    starts_at: string
    ends_at: string
    venue: string | null
    online_link: string | null
    capacity: number
    created_at: Date
  }
  training_booking: {
    id: Generated<string>
    session_id: string
    user_id: string
    user_name: string
    user_email: string
    agency_id: string
    role: string
    status: PlaceStatus
    asked_at: Date
    promoted_at: Date | null
    cancelled_at: Date | null
    attendance: Attendance | null
    confidence_before: number
    confidence_after: number | null
    will_do_differently: string | null
    evaluated_at: Date | null
    follow_up_due: IsoDate | null
    follow_up: string | null
    followed_up_at: Date | null
  }
}
