/** Kysely table types for notifications; the SQL lives in migrations/0006_front_door.sql and 0012_email_retries.sql. */
import type { Generated, JSONColumnType } from 'kysely'

export interface NotificationOutboxTable {
  id: Generated<string>
  channel: 'email'
  recipient: string
  template_id: string
  personalisation: JSONColumnType<Record<string, string>, string, string>
  reference: string
  created_at: Generated<Date>
  sent_at: Date | null
  /** Tries made; a row with MAX_ATTEMPTS of them and no sent_at has been given up. */
  attempts: Generated<number>
  last_error: string | null
  next_attempt_at: Generated<Date>
}

export interface NotifyTables {
  notification_outbox: NotificationOutboxTable
}
