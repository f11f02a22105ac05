import type { Generated } from 'kysely'

export interface AlertTables {
  alert_reader: {
    user_id: string
    /** The last domain_event.seq the person has seen on their alerts page. */
    seen_up_to: Generated<number>
    email: Generated<boolean>
    /** The last domain_event.seq an alert email has counted. */
    emailed_up_to: Generated<number>
  }
}
