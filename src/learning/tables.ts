/** Kysely table types for learning briefings; the SQL lives in migrations/0043_learning_briefings.sql and 0064. */
import type { Generated } from 'kysely'

export interface LearningTables {
  learning_briefing: {
    id: Generated<string>
    title: string
    background: string
    key_findings: string
    learning: string
    do_differently: string
    reflection_questions: string
    further_reading: string | null
    themes: Generated<string[]>
    incident_id: string | null
    written_at: Date
    written_by: string
    written_by_name: string
    published_at: Date | null
    published_by_name: string | null
    sent_to_agencies: Generated<string[]>
    sent_to_roles: Generated<string[]>
    remind_after_working_days: number | null
    /** Migration 0064: when it was last sent again, and by whom. */
    resent_at: Date | null
    resent_by_name: string | null
  }
  learning_recipient: {
    id: Generated<string>
    briefing_id: string
    user_id: string
    user_name: string
    email: string
    agency_id: string
    role: string
    sent_at: Date
    acknowledged_at: Date | null
    reminded_at: Date | null
    /** Migration 0064: when the person was last sent it, and how many times. */
    last_sent_at: Date
    times_sent: Generated<number>
  }
}
