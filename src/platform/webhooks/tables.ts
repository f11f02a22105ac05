/** Kysely table types for webhooks; the SQL lives in migrations/0010_webhooks.sql. */
import type { Generated } from 'kysely'

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export interface WebhookTables {
  webhook_subscription: {
    id: Generated<string>
    agency_id: string
    url: string
    secret_ref: string
    event_types: string[]
    active: Generated<boolean>
    created_at: Generated<Date>
  }
  webhook_delivery: {
    id: Generated<string>
    subscription_id: string
    event_id: string
    event_type: string
    body: string
    status: Generated<DeliveryStatus>
    attempts: Generated<number>
    next_attempt_at: Generated<Date>
    leased_until: Date | null
    last_status_code: number | null
    last_error: string | null
    delivered_at: Date | null
    created_at: Generated<Date>
  }
  webhook_attempt: {
    delivery_id: string
    attempt: number
    attempted_at: Date
    status_code: number | null
    error: string | null
    duration_ms: number
  }
}
