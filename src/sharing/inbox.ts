// Each receiving agency's inbox: what reached it, its acknowledgement, and escalation when overdue.
import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { queueEmail } from '../platform/notify/email.ts'
import { enqueueWebhook } from '../platform/webhooks/store.ts'
import {
  type AcknowledgementState,
  acknowledgementOfEvent,
  acknowledgementState,
  type EventAcknowledgement,
  type NamedChild,
} from './rules.ts'
import { EVENT_TYPE_LABELS, type Risk, type SharedEventType, type SharedSensitivity } from './schemas.ts'

type Db = Kysely<DB> | Transaction<DB>

export interface InboxItem {
  id: string
  eventId: string
  type: SharedEventType
  typeLabel: string
  summary: string
  risk: Risk
  senderAgencyId: string
  receivedAt: Date
  dueAt: Date
  acknowledgedAt: Date | null
  state: AcknowledgementState
  escalatedAt: Date | null
}

export type InboxFilter = 'open' | 'overdue' | 'acknowledged' | 'all'

export async function listInbox(
  db: Db,
  agencyId: string,
  now: Date,
  filter: InboxFilter = 'all',
  limit = 200,
): Promise<InboxItem[]> {
  let query = db
    .selectFrom('sharing_notification as n')
    .innerJoin('shared_event as e', 'e.id', 'n.event_id')
    .leftJoin('sharing_escalation as x', 'x.notification_id', 'n.id')
    .select([
      'n.id',
      'n.event_id',
      'e.type',
      'e.summary',
      'e.risk',
      'e.sender_agency_id',
      'n.created_at',
      'n.due_at',
      'n.acknowledged_at',
      'x.escalated_at',
    ])
    .where('n.agency_id', '=', agencyId)
  if (filter === 'open') query = query.where('n.acknowledged_at', 'is', null)
  if (filter === 'overdue') query = query.where('n.acknowledged_at', 'is', null).where('n.due_at', '<=', now)
  if (filter === 'acknowledged') query = query.where('n.acknowledged_at', 'is not', null)
  const rows = await query.orderBy('n.due_at').orderBy('n.id').limit(limit).execute()
  return rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    typeLabel: EVENT_TYPE_LABELS[row.type],
    summary: row.summary,
    risk: row.risk,
    senderAgencyId: row.sender_agency_id,
    receivedAt: row.created_at,
    dueAt: row.due_at,
    acknowledgedAt: row.acknowledged_at,
    state: acknowledgementState({ dueAt: row.due_at, acknowledgedAt: row.acknowledged_at }, now),
    escalatedAt: row.escalated_at,
  }))
}

export interface SentEventRecipient {
  agencyId: string
  dueAt: Date
  acknowledgedAt: Date | null
  state: AcknowledgementState
}

export interface SentEvent {
  id: string
  senderEventId: string
  typeLabel: string
  summary: string
  sentAt: Date
  recipients: SentEventRecipient[]
  acknowledgement: EventAcknowledgement
}

/** What this agency shared, newest first (since a time, if given), with each agency told and its acknowledgement. */
export async function listSentEvents(
  db: Db,
  agencyId: string,
  now: Date,
  limit: number,
  sentSince?: Date,
): Promise<SentEvent[]> {
  let query = db
    .selectFrom('shared_event as e')
    .select(['e.id', 'e.sender_event_id', 'e.type', 'e.summary', 'e.received_at'])
    .where('e.sender_agency_id', '=', agencyId)
  if (sentSince) query = query.where('e.received_at', '>=', sentSince)
  const events = await query.orderBy('e.received_at', 'desc').orderBy('e.id').limit(limit).execute()
  const recipients = await recipientsByEvent(
    db,
    events.map((event) => event.id),
    now,
  )
  return events.map((event) => {
    const told = recipients.get(event.id) ?? []
    return {
      id: event.id,
      senderEventId: event.sender_event_id,
      typeLabel: EVENT_TYPE_LABELS[event.type],
      summary: event.summary,
      sentAt: event.received_at,
      recipients: told,
      acknowledgement: acknowledgementOfEvent(told, now),
    }
  })
}

/** Each agency every one of these events was sent to, with its acknowledgement. */
export async function recipientsByEvent(
  db: Db,
  eventIds: string[],
  now: Date,
): Promise<Map<string, SentEventRecipient[]>> {
  const byEvent = new Map<string, SentEventRecipient[]>()
  if (eventIds.length === 0) return byEvent
  const notifications = await db
    .selectFrom('sharing_notification as n')
    .select(['n.event_id', 'n.agency_id', 'n.due_at', 'n.acknowledged_at'])
    .where('n.event_id', 'in', eventIds)
    .orderBy('n.agency_id')
    .execute()
  for (const n of notifications)
    byEvent.set(n.event_id, [
      ...(byEvent.get(n.event_id) ?? []),
      {
        agencyId: n.agency_id,
        dueAt: n.due_at,
        acknowledgedAt: n.acknowledged_at,
        state: acknowledgementState({ dueAt: n.due_at, acknowledgedAt: n.acknowledged_at }, now),
      },
    ])
  return byEvent
}

export interface SharedEventView {
  id: string
  type: SharedEventType
  typeLabel: string
  senderAgencyId: string
  senderEventId: string
  occurredAt: Date
  receivedAt: Date
  summary: string
  details: string | null
  sensitivity: SharedSensitivity
  /** Present only when the viewer's agency may read the marking. */
  restrictedDetails: string | null
  lawfulBasis: string
  risk: Risk
  facts: Record<string, unknown>
  children: {
    position: number
    childId: string | null
    laId: string | null
    reference: Record<string, unknown>
  }[]
}

/** The event as a viewer may see it: the restricted part is joined only under a marking they may read. */
export async function findSharedEvent(
  db: Db,
  eventId: string,
  readableMarkings: readonly SharedSensitivity[],
): Promise<SharedEventView | undefined> {
  const markings = readableMarkings.filter((m) => m !== 'standard')
  const row = await db
    .selectFrom('shared_event as e')
    .leftJoin('shared_event_restricted as r', (join) =>
      markings.length > 0
        ? join.onRef('r.event_id', '=', 'e.id').on('r.marking', 'in', markings)
        : join.onRef('r.event_id', '=', 'e.id').on(sql<boolean>`false`),
    )
    .selectAll('e')
    .select('r.details as restricted_details')
    .where('e.id', '=', eventId)
    .executeTakeFirst()
  if (!row) return undefined
  const children = await db
    .selectFrom('shared_event_child')
    .select(['position', 'child_id', 'la_id', 'reference'])
    .where('event_id', '=', eventId)
    .orderBy('position')
    .execute()
  return {
    id: row.id,
    type: row.type,
    typeLabel: EVENT_TYPE_LABELS[row.type],
    senderAgencyId: row.sender_agency_id,
    senderEventId: row.sender_event_id,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    summary: row.summary,
    details: row.details,
    sensitivity: row.sensitivity,
    restrictedDetails: row.restricted_details,
    lawfulBasis: row.lawful_basis,
    risk: row.risk,
    facts: row.facts,
    children: children.map((c) => ({
      position: c.position,
      childId: c.child_id,
      laId: c.la_id,
      reference: c.reference,
    })),
  }
}

/** The children's names, dates of birth and identifiers, for naming them to a reader who may see them. */
export async function findNamedChildren(db: Db, ids: readonly string[]): Promise<Map<string, NamedChild>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('child')
    .select(['id', 'given_name', 'family_name', 'date_of_birth', 'nhs_number', 'upn', 'la_child_id'])
    .where('id', 'in', ids)
    .execute()
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: `${row.given_name} ${row.family_name}`,
        dateOfBirth: row.date_of_birth,
        nhsNumber: row.nhs_number,
        upn: row.upn,
        laChildId: row.la_child_id,
      },
    ]),
  )
}

export interface NotificationRow {
  id: string
  eventId: string
  agencyId: string
  seesRestricted: boolean
  dueAt: Date
  acknowledgedAt: Date | null
  acknowledgedByName: string | null
  acknowledgementNote: string | null
  ownRecordReference: string | null
}

export async function findNotification(db: Db, id: string): Promise<NotificationRow | undefined> {
  const row = await db.selectFrom('sharing_notification').selectAll().where('id', '=', id).executeTakeFirst()
  return (
    row && {
      id: row.id,
      eventId: row.event_id,
      agencyId: row.agency_id,
      seesRestricted: row.sees_restricted,
      dueAt: row.due_at,
      acknowledgedAt: row.acknowledged_at,
      acknowledgedByName: row.acknowledged_by_name,
      acknowledgementNote: row.acknowledgement_note,
      ownRecordReference: row.own_record_reference,
    }
  )
}

export interface Acknowledgement {
  notificationId: string
  actorId: string
  actorName: string
  agencyId: string
  note: string | null
  reference: string | null
  at: Date
}

/** Records the check once; a second acknowledgement changes nothing and answers false. */
export async function acknowledge(trx: Transaction<DB>, ack: Acknowledgement): Promise<boolean> {
  const updated = await trx
    .updateTable('sharing_notification')
    .set({
      acknowledged_at: ack.at,
      acknowledged_by: ack.actorId,
      acknowledged_by_name: ack.actorName,
      acknowledgement_note: ack.note,
      own_record_reference: ack.reference,
    })
    .where('id', '=', ack.notificationId)
    .where('agency_id', '=', ack.agencyId)
    .where('acknowledged_at', 'is', null)
    .returning('event_id')
    .executeTakeFirst()
  if (!updated) return false
  const children = await trx
    .selectFrom('shared_event_child as c')
    .innerJoin('shared_event as e', 'e.id', 'c.event_id')
    .innerJoin('child as k', 'k.id', 'c.child_id')
    .select(['c.child_id', 'k.la_id', 'e.type', 'e.summary'])
    .distinct()
    .where('c.event_id', '=', updated.event_id)
    .execute()
  if (children.length === 0) return true
  await trx
    .insertInto('domain_event')
    .values(
      children.map((child) => ({
        type: 'sharing.event-acknowledged',
        child_id: child.child_id,
        la_id: child.la_id,
        agency_id: ack.agencyId,
        actor_id: ack.actorId,
        summary: `Checked against own records and recorded: ${EVENT_TYPE_LABELS[child.type]}: ${child.summary}`,
        payload: JSON.stringify({
          sharedEventId: updated.event_id,
          notificationId: ack.notificationId,
          reference: ack.reference,
        }),
        occurred_at: ack.at,
      })),
    )
    .execute()
  return true
}

// ---------------------------------------------------------------------------
// Escalation

export interface EscalationOptions {
  now: Date
  /** Who to tell; the dashboard shows the escalation even if nobody is. */
  recipients: (db: Db, agencyId: string) => Promise<EscalationRecipients>
}

/** An agency's safeguarding managers, or its administrators when it has none (managers: false). */
export interface EscalationRecipients {
  to: string[]
  managers: boolean
}

/**
 * Escalates every overdue acknowledgement once (the primary key stops a second) and emails the
 * managers; marks each escalated, so the next run's index holds only those not yet escalated.
 */
export async function escalateOverdue(db: Kysely<DB>, options: EscalationOptions): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('sharing_notification as n')
      .leftJoin('sharing_escalation as x', 'x.notification_id', 'n.id')
      .select(['n.id', 'n.agency_id', 'x.escalated_at'])
      .where('n.acknowledged_at', 'is', null)
      .where('n.escalated_at', 'is', null)
      .where('n.due_at', '<=', options.now)
      .orderBy('n.due_at')
      .limit(1000)
      .forUpdate('n')
      .modifyEnd(sql`SKIP LOCKED`)
      .execute()
    await markEscalated(trx, due, options.now)
    // One escalated by a server of the previous release, which did not mark it, is only marked.
    const overdue = due.filter((row) => row.escalated_at === null)
    const byAgency = groupBy(overdue, (row) => row.agency_id)
    let escalated = 0
    for (const [agencyId, rows] of byAgency) {
      const recipients = await options.recipients(trx, agencyId)
      const emails = recipients.to
      const inserted = await trx
        .insertInto('sharing_escalation')
        .values(
          rows.map((row) => ({
            notification_id: row.id,
            agency_id: agencyId,
            escalated_at: options.now,
            manager_emails: emails,
          })),
        )
        .onConflict((oc) => oc.columns(['notification_id', 'partnership_id']).doNothing())
        .returning('notification_id')
        .execute()
      escalated += inserted.length
      // Administrators may not open the events themselves: they are asked to name a manager who can.
      const email: { templateId: string; personalisation: Record<string, string> } = recipients.managers
        ? { templateId: 'sharing-overdue', personalisation: { dashboard_link: '/sharing/dashboard' } }
        : { templateId: 'sharing-overdue-no-manager', personalisation: { users_link: '/admin/users' } }
      for (const to of emails)
        await queueEmail(trx, {
          to,
          templateId: email.templateId,
          personalisation: { count: String(inserted.length), ...email.personalisation },
          reference: `sharing-overdue-${agencyId}-${options.now.toISOString()}`,
        })
    }
    return escalated
  })
}

/** Marks notifications escalated: at their escalation's time, or now for those escalated now. */
async function markEscalated(trx: Kysely<DB>, rows: { id: string; escalated_at: Date | null }[], now: Date) {
  if (rows.length === 0) return
  await sql`UPDATE sharing_notification n SET escalated_at = m.at
    FROM unnest(${rows.map((row) => row.id)}::uuid[], ${rows.map((row) => row.escalated_at ?? now)}::timestamptz[]) AS m (id, at)
    WHERE n.id = m.id`.execute(trx)
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row])
  return groups
}

// ---------------------------------------------------------------------------
// Delivery by email and webhook (an outbox: a crash before commit leaves rows for the next run)

export interface DispatchOptions {
  now: Date
  limit: number
  /** Who in an agency is emailed about its new shared events. */
  inboxEmails: (db: Db, agencyIds: readonly string[]) => Promise<Map<string, string[]>>
}

/**
 * Claims undispatched notifications, queues one email per agency (no personal data: a count and a
 * link) and a signed webhook per notification, and marks them dispatched, all in one transaction.
 */
export async function dispatchNotifications(db: Kysely<DB>, options: DispatchOptions): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .selectFrom('sharing_notification')
      .select(['id', 'event_id', 'agency_id', 'sees_restricted'])
      .where('dispatched_at', 'is', null)
      .orderBy('created_at')
      .limit(options.limit)
      .forUpdate()
      .modifyEnd(sql`SKIP LOCKED`)
      .execute()
    if (claimed.length === 0) return 0
    await queueWebhooks(trx, claimed)
    await queueInboxEmails(trx, options, claimed)
    await trx
      .updateTable('sharing_notification')
      .set({ dispatched_at: options.now })
      .where(
        'id',
        'in',
        claimed.map((row) => row.id),
      )
      .execute()
    return claimed.length
  })
}

type Claimed = { id: string; event_id: string; agency_id: string; sees_restricted: boolean }

async function queueWebhooks(trx: Transaction<DB>, claimed: Claimed[]) {
  const subscribed = await trx
    .selectFrom('webhook_subscription')
    .select('agency_id')
    .distinct()
    .where('active', '=', true)
    .where('agency_id', 'in', unique(claimed.map((row) => row.agency_id)))
    .execute()
  const agencies = new Set(subscribed.map((row) => row.agency_id))
  for (const row of claimed.filter((r) => agencies.has(r.agency_id))) {
    const event = await findSharedEvent(
      trx,
      row.event_id,
      row.sees_restricted ? ['police-restricted', 'health-restricted'] : [],
    )
    if (!event) continue
    await enqueueWebhook(trx, {
      eventId: row.id,
      type: `sharing.${event.type}`,
      occurredAt: event.occurredAt,
      agencyIds: [row.agency_id],
      data: { ...event, notificationId: row.id, dueAt: undefined },
    })
  }
}

async function queueInboxEmails(trx: Transaction<DB>, options: DispatchOptions, claimed: Claimed[]) {
  const counts = groupBy(claimed, (row) => row.agency_id)
  const emails = await options.inboxEmails(trx, [...counts.keys()])
  for (const [agencyId, rows] of counts)
    for (const to of emails.get(agencyId) ?? [])
      await queueEmail(trx, {
        to,
        templateId: 'sharing-new-events',
        personalisation: { count: String(rows.length), inbox_link: '/sharing/inbox' },
        reference: `sharing-${rows[0]?.id}`,
      })
}

const unique = <T>(values: T[]): T[] => [...new Set(values)]

// ---------------------------------------------------------------------------
// The agency's dashboard

export interface Dashboard {
  open: number
  overdue: number
  escalated: number
  acknowledgedInTime: number
  acknowledgedLate: number
}

export async function agencyDashboard(db: Db, agencyId: string, now: Date): Promise<Dashboard> {
  const row = await db
    .selectFrom('sharing_notification as n')
    .leftJoin('sharing_escalation as x', 'x.notification_id', 'n.id')
    .select([
      sql<number>`count(*) FILTER (WHERE n.acknowledged_at IS NULL)::int`.as('open'),
      sql<number>`count(*) FILTER (WHERE n.acknowledged_at IS NULL AND n.due_at <= ${now})::int`.as(
        'overdue',
      ),
      sql<number>`count(x.notification_id) FILTER (WHERE n.acknowledged_at IS NULL)::int`.as('escalated'),
      sql<number>`count(*) FILTER (WHERE n.acknowledged_at < n.due_at)::int`.as('in_time'),
      sql<number>`count(*) FILTER (WHERE n.acknowledged_at >= n.due_at)::int`.as('late'),
    ])
    .where('n.agency_id', '=', agencyId)
    .executeTakeFirstOrThrow()
  return {
    open: row.open,
    overdue: row.overdue,
    escalated: row.escalated,
    acknowledgedInTime: row.in_time,
    acknowledgedLate: row.late,
  }
}
