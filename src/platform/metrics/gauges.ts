// What a gauge reads at each scrape: a capability (or the platform) names its metric and how to count
// it; the metrics plugin asks it when Prometheus scrapes, so a count is never older than the scrape.

import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db/database.ts'
import type { PlatformDB } from '../db/schema.ts'
import { EMAIL_RETRIES } from '../notify/email.ts'

export interface GaugeReading {
  labels?: Record<string, string>
  value: number
}

export interface GaugeSource {
  /** A Prometheus name: masa_<what>, e.g. masa_actions_overdue. */
  name: string
  help: string
  labelNames?: readonly string[]
  read(): Promise<readonly GaugeReading[]>
}

/** The platform's own backlogs: the email outbox, webhook deliveries and, on PostgreSQL, the pool. */
export function platformGauges(database: Database): GaugeSource[] {
  const gauges = [emailOutboxGauge(database.db), webhookDeliveriesGauge(database.db)]
  return database.engine === 'postgres' ? [...gauges, poolGauge(database)] : gauges
}

function emailOutboxGauge(db: Kysely<PlatformDB>): GaugeSource {
  return {
    name: 'masa_email_outbox',
    help: 'Emails not yet sent: waiting (first try due), retrying (a try failed), given_up (no more tries)',
    labelNames: ['state'],
    async read() {
      const { rows } = await sql<{ waiting: number; retrying: number; given_up: number }>`
        SELECT count(*) FILTER (WHERE attempts = 0)::int AS waiting,
               count(*) FILTER (WHERE attempts > 0 AND attempts < ${EMAIL_RETRIES.maxAttempts})::int AS retrying,
               count(*) FILTER (WHERE attempts >= ${EMAIL_RETRIES.maxAttempts})::int AS given_up
        FROM notification_outbox WHERE sent_at IS NULL`.execute(db)
      return byState(rows[0])
    },
  }
}

function webhookDeliveriesGauge(db: Kysely<PlatformDB>): GaugeSource {
  return {
    name: 'masa_webhook_deliveries',
    help: 'Webhook deliveries not yet made: waiting (first try due), retrying (a try failed), failed (no more tries)',
    labelNames: ['state'],
    async read() {
      const { rows } = await sql<{ waiting: number; retrying: number; failed: number }>`
        SELECT count(*) FILTER (WHERE status = 'pending' AND attempts = 0)::int AS waiting,
               count(*) FILTER (WHERE status = 'pending' AND attempts > 0)::int AS retrying,
               count(*) FILTER (WHERE status = 'failed')::int AS failed
        FROM webhook_delivery WHERE status <> 'delivered'`.execute(db)
      return byState(rows[0])
    },
  }
}

function poolGauge({ pool }: Database): GaugeSource {
  return {
    name: 'masa_db_pool_connections',
    help: 'PostgreSQL connections of this process: total open, idle, and queries waiting for one',
    labelNames: ['state'],
    read: async () => byState({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  }
}

const byState = (counts: Record<string, number> | undefined): GaugeReading[] =>
  Object.entries(counts ?? {}).map(([state, value]) => ({ labels: { state }, value }))
