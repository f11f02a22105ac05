/** Kysely table types for notifications; the SQL lives in migrations/0006_front_door.sql, 0012_email_retries.sql and 0056. */
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
  attachments: JSONColumnType<EmailAttachment[] | null, string | null, string | null>
}

/** A file sent with an email, as text (a calendar invitation): the name it is sent by, its media type. */
export interface EmailAttachment {
  fileName: string
  /** With its parameters, e.g. 'text/calendar; charset=utf-8; method=REQUEST'. */
  contentType: string
  content: string
}

export interface NotifyTables {
  notification_outbox: NotificationOutboxTable
}
