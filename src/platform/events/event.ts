import type { Kysely, Transaction } from 'kysely'
import type { PlatformDB } from '../db/schema.ts'
import type { Sensitivity } from './tables.ts'

export type { Sensitivity } from './tables.ts'

/** What happened, to whom, by whom: one entry on the child's multi-agency chronology. */
export interface DomainEvent {
  /** Dotted and past tense, from the domain: 'referral.received', 'threshold.decided', 'strategy.scheduled'. */
  type: string
  childId: string | null
  laId: string | null
  agencyId: string
  actorId: string
  summary: string
  sensitivity?: Sensitivity
  payload?: Record<string, unknown>
  occurredAt?: Date
}

export interface RecordedEvent extends Required<Omit<DomainEvent, 'occurredAt'>> {
  id: string
  seq: number
  occurredAt: Date
}

/** Must be called with the transaction that makes the change, so the two commit or fail together. */
export async function recordEvent(trx: Transaction<PlatformDB>, event: DomainEvent): Promise<RecordedEvent> {
  const row = await trx
    .insertInto('domain_event')
    .values(eventRow(event))
    .returningAll()
    .executeTakeFirstOrThrow()
  return toRecordedEvent(row)
}

/** Several events in one statement, in the order given (their seq follows it). */
export async function recordEvents(
  trx: Transaction<PlatformDB>,
  events: readonly DomainEvent[],
): Promise<void> {
  if (events.length > 0) await trx.insertInto('domain_event').values(events.map(eventRow)).execute()
}

function eventRow(event: DomainEvent) {
  return {
    type: event.type,
    child_id: event.childId,
    la_id: event.laId,
    agency_id: event.agencyId,
    actor_id: event.actorId,
    summary: event.summary,
    sensitivity: event.sensitivity ?? 'standard',
    payload: JSON.stringify(event.payload ?? {}),
    ...(event.occurredAt ? { occurred_at: event.occurredAt } : {}),
  }
}

export async function listChildEvents(
  db: Kysely<PlatformDB> | Transaction<PlatformDB>,
  childId: string,
): Promise<RecordedEvent[]> {
  const rows = await db
    .selectFrom('domain_event')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('occurred_at')
    .orderBy('seq')
    .execute()
  return rows.map(toRecordedEvent)
}

type EventRow = {
  id: string
  seq: number
  occurred_at: Date
  type: string
  child_id: string | null
  la_id: string | null
  agency_id: string
  actor_id: string
  summary: string
  sensitivity: Sensitivity
  payload: Record<string, unknown>
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurred_at,
    type: row.type,
    childId: row.child_id,
    laId: row.la_id,
    agencyId: row.agency_id,
    actorId: row.actor_id,
    summary: row.summary,
    sensitivity: row.sensitivity,
    payload: row.payload,
  }
}
