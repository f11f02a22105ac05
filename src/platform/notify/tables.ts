/** Kysely table types for notifications; the SQL lives in migrations/0006_front_door.sql. */
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
  attempts: Generated<number>
  last_error: string | null
}

export interface NotifyTables {
  notification_outbox: NotificationOutboxTable
}
