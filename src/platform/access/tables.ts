/** Kysely table types for access; the SQL lives in migrations/0015_meeting_access.sql. */

export interface AccessTables {
  break_glass_opening: {
    /** user_session.id */
    session_id: string
    child_id: string
    reason: string
    opened_at: Date
    expires_at: Date
  }
}
