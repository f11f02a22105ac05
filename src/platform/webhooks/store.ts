import { type Kysely, sql, type Transaction } from 'kysely'
import type { PlatformDB } from '../db/schema.ts'
import type { NextStep } from './rules.ts'

type Db = Kysely<PlatformDB> | Transaction<PlatformDB>

export interface NewSubscription {
  agencyId: string
  url: string
  secretRef: string
  eventTypes: readonly string[]
}

export async function createSubscription(db: Db, subscription: NewSubscription): Promise<string> {
  const row = await db
    .insertInto('webhook_subscription')
    .values({
      agency_id: subscription.agencyId,
      url: subscription.url,
      secret_ref: subscription.secretRef,
      event_types: [...subscription.eventTypes],
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export interface OutgoingEvent {
  /** The domain event's id: the receiver's idempotency key. */
  eventId: string
  type: string
  occurredAt: Date
  /** Agencies with a legitimate interest in this event; each of their matching subscriptions gets it. */
  agencyIds: readonly string[]
  data: Record<string, unknown>
}

/** Queues the event for every matching subscription, in the transaction that records the event. */
export async function enqueueWebhook(trx: Transaction<PlatformDB>, event: OutgoingEvent): Promise<number> {
  if (event.agencyIds.length === 0) return 0
  const subscriptions = await trx
    .selectFrom('webhook_subscription')
    .select(['id', 'agency_id'])
    .where('active', '=', true)
    .where('agency_id', 'in', [...event.agencyIds])
    .where(sql<boolean>`${event.type} = ANY(event_types)`)
    .execute()
  if (subscriptions.length === 0) return 0
  const rows = subscriptions.map((subscription) => ({
    subscription_id: subscription.id,
    event_id: event.eventId,
    event_type: event.type,
    body: JSON.stringify({
      id: event.eventId,
      type: event.type,
      occurredAt: event.occurredAt.toISOString(),
      agencyId: subscription.agency_id,
      data: event.data,
    }),
  }))
  await trx
    .insertInto('webhook_delivery')
    .values(rows)
    .onConflict((oc) => oc.columns(['subscription_id', 'event_id', 'partnership_id']).doNothing())
    .execute()
  return rows.length
}

export interface ClaimedDelivery {
  id: string
  eventId: string
  eventType: string
  body: string
  attempts: number
  url: string
  secretRef: string
}

/** Leases up to `limit` due deliveries; SKIP LOCKED lets several workers (or servers) share the queue. */
export async function claimDueDeliveries(
  db: Kysely<PlatformDB>,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const leasedUntil = new Date(now.getTime() + leaseMs)
  const result = await sql<{
    id: string
    event_id: string
    event_type: string
    body: string
    attempts: number
    url: string
    secret_ref: string
  }>`
    UPDATE webhook_delivery AS d SET leased_until = ${leasedUntil}
    FROM webhook_subscription AS s
    WHERE s.id = d.subscription_id AND d.id IN (
      SELECT id FROM webhook_delivery
      WHERE status = 'pending' AND next_attempt_at <= ${now}
        AND (leased_until IS NULL OR leased_until <= ${now})
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.event_id, d.event_type, d.body, d.attempts, s.url, s.secret_ref`.execute(db)
  return result.rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    body: row.body,
    attempts: row.attempts,
    url: row.url,
    secretRef: row.secret_ref,
  }))
}

export interface AttemptLog {
  deliveryId: string
  attempt: number
  attemptedAt: Date
  statusCode: number | null
  error: string | null
  durationMs: number
  next: NextStep
}

export async function recordAttempt(db: Kysely<PlatformDB>, log: AttemptLog): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_attempt')
      .values({
        delivery_id: log.deliveryId,
        attempt: log.attempt,
        attempted_at: log.attemptedAt,
        status_code: log.statusCode,
        error: log.error,
        duration_ms: log.durationMs,
      })
      .execute()
    await trx
      .updateTable('webhook_delivery')
      .set({
        status: log.next.status,
        attempts: log.attempt,
        leased_until: null,
        last_status_code: log.statusCode,
        last_error: log.error,
        ...(log.next.status === 'pending' ? { next_attempt_at: log.next.nextAttemptAt } : {}),
        ...(log.next.status === 'delivered' ? { delivered_at: log.attemptedAt } : {}),
      })
      .where('id', '=', log.deliveryId)
      .execute()
  })
}

export interface DeliverySummary {
  id: string
  eventId: string
  eventType: string
  agencyId: string
  url: string
  status: string
  attempts: number
  lastStatusCode: number | null
  nextAttemptAt: Date
  deliveredAt: Date | null
}

export async function listDeliveriesForEvent(db: Db, eventId: string): Promise<DeliverySummary[]> {
  const rows = await db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_subscription as s', 's.id', 'd.subscription_id')
    .select([
      'd.id',
      'd.event_id',
      'd.event_type',
      's.agency_id',
      's.url',
      'd.status',
      'd.attempts',
      'd.last_status_code',
      'd.next_attempt_at',
      'd.delivered_at',
    ])
    .where('d.event_id', '=', eventId)
    .orderBy('s.agency_id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    agencyId: row.agency_id,
    url: row.url,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
  }))
}
