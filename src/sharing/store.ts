// Sharing's SQL: shared events stored once per sender id with their details, people, links and
// notifications; the children and involvements an intake needs; who in an agency is told.
import { randomUUID } from 'node:crypto'
import { type Kysely, sql, type Transaction } from 'kysely'
import { findChildResources, type NewInvolvement, recordInvolvements } from '../children/index.ts'
import type { DB } from '../database.ts'
import { peopleWithRoles } from '../identity/index.ts'
import { laForPostcode } from '../partnership/config.ts'
import type { Agency, PartnershipConfig } from '../partnership/config-schema.ts'
import type { Role } from '../platform/access/actor.ts'
import type { ChildResource, Decision, Sensitivity } from '../platform/access/policy.ts'
import type { EscalationRecipients } from './inbox.ts'
import {
  type AcknowledgementTimes,
  acknowledgementDueAt,
  type ConcernedChild,
  corroborated,
  type KnownChild,
  lasForUnknownChild,
  type Recipient,
  recipientsOf,
  reusedId,
  type Sender,
} from './rules.ts'
import {
  type AssociationEnd,
  EVENT_TYPE_LABELS,
  type ItemResult,
  type PlaceRef,
  RISKS,
  type Risk,
  type SharedEventInput,
} from './schemas.ts'
import type { NodeKind } from './tables.ts'

export interface SharingContext {
  partnership: PartnershipConfig
  times: AcknowledgementTimes
  /** The access policy's answer: may this agency be told of an event with this marking at all. */
  mayReceive?: (agency: Agency, child: { sensitivity: Sensitivity }) => boolean
  /**
   * Asks the access guard whether the poster may share about one known child (event.post); the
   * answer, a refusal too, is audited in the intake transaction.
   */
  authorizePost: (trx: Transaction<DB>, child: ChildResource, lawfulBasis: string) => Decision
}

export interface IntakeRequest {
  sender: Sender
  actorId: string
  receivedAt: Date
  items: readonly unknown[]
}

export interface Candidate {
  index: number
  id: string
  hash: string
  item: SharedEventInput
}

export interface Resolved extends Candidate {
  children: (KnownChild | undefined)[]
}

export type Involvements = Map<string, { agencyIds: string[]; userIds: string[] }>

export async function findKnownChildren(
  trx: Transaction<DB>,
  refs: SharedEventInput['children'],
): Promise<KnownChild[]> {
  const ids = unique(refs.flatMap((r) => (r.childId ? [r.childId.toLowerCase()] : [])))
  const nhs = unique(refs.flatMap((r) => (r.nhsNumber ? [r.nhsNumber] : [])))
  const upns = unique(refs.flatMap((r) => (r.upn ? [r.upn] : [])))
  const births = unique(
    refs.flatMap((r) => (r.dateOfBirth && !r.childId && !r.nhsNumber && !r.upn ? [r.dateOfBirth] : [])),
  )
  if (ids.length + nhs.length + upns.length + births.length === 0) return []
  // A merged record answers as the record it was merged into.
  const rows = await sql<{
    found_id: string
    id: string
    la_id: string
    nhs_number: string | null
    upn: string | null
    given_name: string
    family_name: string
    date_of_birth: string | null
    sensitivity: Sensitivity
  }>`
    SELECT c.id AS found_id, coalesce(m.id, c.id) AS id, coalesce(m.la_id, c.la_id) AS la_id,
           coalesce(m.sensitivity, c.sensitivity) AS sensitivity,
           c.nhs_number, c.upn, c.given_name, c.family_name, c.date_of_birth
    FROM child c LEFT JOIN child m ON m.id = c.merged_into_id
    WHERE c.id = ANY(${ids}::uuid[]) OR c.nhs_number = ANY(${nhs}::text[]) OR c.upn = ANY(${upns}::text[])
       OR c.date_of_birth = ANY(${births}::date[])`.execute(trx)
  return rows.rows.map((row) => ({
    id: row.id,
    foundId: row.found_id,
    laId: row.la_id,
    nhsNumber: row.nhs_number,
    upn: row.upn,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    sensitivity: row.sensitivity,
  }))
}

export async function findPeople(trx: Transaction<DB>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await trx
    .selectFrom('person')
    .select('id')
    .where('id', 'in', unique(ids.map((id) => id.toLowerCase())))
    .execute()
  return new Set(rows.map((row) => row.id))
}

const unique = <T>(values: T[]): T[] => [...new Set(values)]

// ---------------------------------------------------------------------------
// Events, once per sender id

export async function insertEvents(
  trx: Transaction<DB>,
  request: IntakeRequest,
  resolved: Resolved[],
): Promise<Set<string>> {
  if (resolved.length === 0) return new Set()
  // A fixed order keeps two batches that share sender ids from deadlocking on each other.
  const rows = [...resolved]
    .sort((a, b) => (a.item.senderEventId < b.item.senderEventId ? -1 : 1))
    .map(({ id, hash, item }) => ({
      id,
      sender_agency_id: request.sender.agencyId,
      sender_event_id: item.senderEventId,
      content_hash: hash,
      type: item.type,
      occurred_at: new Date(item.occurredAt),
      received_at: request.receivedAt,
      posted_by: request.actorId,
      summary: item.summary,
      details: item.details ?? null,
      sensitivity: item.sensitivity,
      lawful_basis: item.lawfulBasis,
      risk: item.risk,
      facts: JSON.stringify(factsOf(item)),
    }))
  const inserted = await trx
    .insertInto('shared_event')
    .values(rows)
    .onConflict((oc) => oc.columns(['sender_agency_id', 'sender_event_id', 'partnership_id']).doNothing())
    .returning('id')
    .execute()
  return new Set(inserted.map((row) => row.id))
}

function factsOf(item: SharedEventInput): Record<string, unknown> {
  const { offences, bailConditions, bailUntil, hearing, order, association, adults } = item
  return Object.fromEntries(
    Object.entries({ offences, bailConditions, bailUntil, hearing, order, association, adults }).filter(
      ([, v]) => v !== undefined,
    ),
  )
}

export async function answerExisting(
  trx: Transaction<DB>,
  senderAgencyId: string,
  resolved: Resolved[],
  inserted: Set<string>,
  results: ItemResult[],
): Promise<void> {
  const replays = resolved.filter((candidate) => !inserted.has(candidate.id))
  if (replays.length === 0) return
  const existing = await trx
    .selectFrom('shared_event')
    .select(['id', 'sender_event_id', 'content_hash'])
    .where('sender_agency_id', '=', senderAgencyId)
    .where(
      'sender_event_id',
      'in',
      replays.map((r) => r.item.senderEventId),
    )
    .execute()
  const bySenderId = new Map(existing.map((row) => [row.sender_event_id, row]))
  for (const { index, hash, item } of replays) {
    const row = bySenderId.get(item.senderEventId)
    results[index] =
      row && row.content_hash === hash
        ? { index, status: 'duplicate', id: row.id }
        : { index, status: 'rejected', errors: [reusedId('by your agency')] }
  }
}

// ---------------------------------------------------------------------------
// What each accepted event brings with it

export async function storeDetails(
  trx: Transaction<DB>,
  context: SharingContext,
  request: IntakeRequest,
  events: Resolved[],
  involved: Involvements,
) {
  if (events.length === 0) return
  const routes = events.map((event) => ({ event, children: routeChildren(context.partnership, event) }))
  const dueAt = Object.fromEntries(
    RISKS.map((risk) => [risk, acknowledgementDueAt(request.receivedAt, risk, context.times)]),
  ) as Record<Risk, Date>
  await insertRows(
    trx,
    'shared_event_child',
    routes.flatMap(({ event, children }) =>
      children.map((child, position) => ({
        event_id: event.id,
        position,
        child_id: child.known?.id ?? null,
        la_id: child.known?.laId ?? (child.laIds.length === 1 ? (child.laIds[0] ?? null) : null),
        reference: JSON.stringify(event.item.children[position]),
      })),
    ),
  )
  await insertRows(
    trx,
    'shared_event_restricted',
    events.flatMap(({ id, item }) =>
      item.sensitivity !== 'standard' && item.restrictedDetails
        ? [{ event_id: id, marking: item.sensitivity, details: item.restrictedDetails }]
        : [],
    ),
  )
  const notifications = routes.flatMap(({ event, children }) =>
    recipientsFor(context, request.sender, event, children, involved).map((recipient) => ({
      event_id: event.id,
      agency_id: recipient.agencyId,
      sees_restricted: recipient.seesRestricted,
      created_at: request.receivedAt,
      due_at: dueAt[event.item.risk],
    })),
  )
  await insertRows(trx, 'sharing_notification', notifications)
  await insertSharedDomainEvents(
    trx,
    events.flatMap((event) => sharedDomainEvents(request, event)),
  )
  await storePeopleAndLinks(trx, request, events)
  await recordInvolvements(trx, sharingInvolvements(context, request, events, involved))
}

const SHARED = 'shared an event about the child'
const RECEIVED = 'was sent a shared event about the child'

/**
 * The sender, and each agency told of the event because of the child, become involved with each
 * child it is about, where the child was matched on more than an identifier (its names and date of
 * birth agree); sharing or being sent another counts as activity. The child's own LA needs none.
 */
function sharingInvolvements(
  context: SharingContext,
  request: IntakeRequest,
  events: Resolved[],
  involved: Involvements,
): NewInvolvement[] {
  const ownAgencyOf = (laId: string) =>
    context.partnership.agencies.find((agency) => 'la' in agency && agency.la === laId)?.id
  return events.flatMap((event) =>
    event.item.children.flatMap((ref, i) => {
      const child = event.children[i]
      if (!child || !corroborated(ref, child)) return []
      const told = recipientsFor(
        context,
        request.sender,
        event,
        [{ known: child, laIds: [child.laId] }],
        involved,
      )
      const receivers = told.filter((recipient) => recipient.agencyId !== ownAgencyOf(child.laId))
      return [
        {
          childId: child.id,
          agencyId: request.sender.agencyId,
          kind: 'shared-event' as const,
          reason: SHARED,
        },
        ...receivers.map((recipient) => ({
          childId: child.id,
          agencyId: recipient.agencyId,
          kind: 'shared-event' as const,
          reason: RECEIVED,
        })),
      ]
    }),
  )
}

interface RoutedChild {
  known: KnownChild | undefined
  laIds: string[]
}

function routeChildren(partnership: PartnershipConfig, event: Resolved): RoutedChild[] {
  const allLaIds = partnership.local_authorities.map((la) => la.id)
  const byPostcode = (postcode: string) => laForPostcode(partnership, postcode)?.id
  return event.item.children.map((ref, i) => {
    const known = event.children[i]
    return { known, laIds: known ? [known.laId] : lasForUnknownChild(ref, byPostcode, allLaIds) }
  })
}

function recipientsFor(
  context: SharingContext,
  sender: Sender,
  event: Resolved,
  children: RoutedChild[],
  involved: Involvements,
): Recipient[] {
  const concerned: ConcernedChild[] = children.flatMap((child) =>
    child.laIds.map((laId) => ({
      laId,
      sensitivity: child.known?.sensitivity ?? 'standard',
      involvedAgencyIds: child.known ? (involved.get(child.known.id)?.agencyIds ?? []) : [],
    })),
  )
  return recipientsOf({
    senderAgencyId: sender.agencyId,
    sensitivity: event.item.sensitivity,
    children: concerned,
    agencies: context.partnership.agencies,
    ...(context.mayReceive ? { mayReceive: context.mayReceive } : {}),
  })
}

/** Always one query, with or without known children, so an event about a known child takes no longer. */
export async function activeInvolvements(trx: Transaction<DB>, childIds: string[]): Promise<Involvements> {
  const byChild: Involvements = new Map()
  const rows = await trx
    .selectFrom('child_involvement')
    .select(['child_id', 'agency_id', 'user_id'])
    .where(sql<boolean>`child_id = ANY(${childIds}::uuid[])`)
    .where('ended_at', 'is', null)
    .execute()
  for (const row of rows) {
    const entry = byChild.get(row.child_id) ?? { agencyIds: [], userIds: [] }
    if (!entry.agencyIds.includes(row.agency_id)) entry.agencyIds.push(row.agency_id)
    if (row.user_id) entry.userIds.push(row.user_id)
    byChild.set(row.child_id, entry)
  }
  return byChild
}

function sharedDomainEvents(request: IntakeRequest, event: Resolved) {
  const seen = new Set<string>()
  return event.children.flatMap((child) => {
    if (!child || seen.has(child.id)) return []
    seen.add(child.id)
    return [
      {
        type: 'sharing.event-shared',
        child_id: child.id,
        la_id: child.laId,
        agency_id: request.sender.agencyId,
        actor_id: request.actorId,
        summary: `${EVENT_TYPE_LABELS[event.item.type]}: ${event.item.summary}`,
        sensitivity: 'standard' as const,
        payload: { sharedEventId: event.id, type: event.item.type, risk: event.item.risk },
        occurred_at: event.item.occurredAt,
      },
    ]
  })
}

/**
 * The chronology entries of the known children, in one statement even when there are none (the rows
 * go as one JSON parameter), so an event about a child masa knows takes no longer to store than one
 * about a child it does not: the sender cannot time which it was.
 */
async function insertSharedDomainEvents(trx: Transaction<DB>, rows: ReturnType<typeof sharedDomainEvents>) {
  await sql`INSERT INTO domain_event (type, child_id, la_id, agency_id, actor_id, summary, sensitivity, payload, occurred_at)
    SELECT type, child_id, la_id, agency_id, actor_id, summary, sensitivity, payload, occurred_at
    FROM jsonb_populate_recordset(NULL::domain_event, ${JSON.stringify(rows)}::jsonb)`.execute(trx)
}

/** Multi-row inserts in slices, to stay inside PostgreSQL's 65,535 bind parameters. */
async function insertRows<T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  rows: readonly object[],
) {
  const slice = 2000
  for (let start = 0; start < rows.length; start += slice) {
    const values = rows.slice(start, start + slice) as Parameters<
      ReturnType<typeof trx.insertInto<T>>['values']
    >[0]
    await trx.insertInto(table).values(values).execute()
  }
}

async function storePeopleAndLinks(trx: Transaction<DB>, request: IntakeRequest, events: Resolved[]) {
  const adults = events.flatMap((event) =>
    (event.item.adults ?? []).map((adult, position) => ({
      id: randomUUID(),
      event_id: event.id,
      position,
      person_id: adult.personId?.toLowerCase() ?? null,
      given_name: adult.givenName ?? null,
      family_name: adult.familyName ?? null,
      date_of_birth: adult.dateOfBirth ?? null,
      role: adult.role,
    })),
  )
  await insertRows(trx, 'shared_event_adult', adults)
  for (const event of events) {
    const association = event.item.association
    if (!association) continue
    const adultsOfEvent = adults.filter((adult) => adult.event_id === event.id)
    const from = await endpoint(trx, event, adultsOfEvent, association.from)
    const to = await endpoint(trx, event, adultsOfEvent, association.to)
    // A link to a child masa does not know yet waits for that child's record; the event still tells the LA.
    if (!from || !to) continue
    await trx
      .insertInto('association')
      .values({
        event_id: event.id,
        from_kind: from.kind,
        from_id: from.id,
        to_kind: to.kind,
        to_id: to.id,
        relationship: association.relationship,
        sensitivity: event.item.sensitivity,
        agency_id: request.sender.agencyId,
        created_at: request.receivedAt,
      })
      .execute()
  }
}

type Node = { kind: NodeKind; id: string }

async function endpoint(
  trx: Transaction<DB>,
  event: Resolved,
  adults: { id: string; person_id: string | null }[],
  end: AssociationEnd,
): Promise<Node | undefined> {
  if (end.child !== undefined) {
    const child = event.children[end.child]
    return child ? { kind: 'child', id: child.id } : undefined
  }
  if (end.adult !== undefined) {
    const adult = adults[end.adult]
    if (!adult) return undefined
    return adult.person_id ? { kind: 'person', id: adult.person_id } : { kind: 'adult', id: adult.id }
  }
  return end.place ? { kind: 'place', id: await placeId(trx, end.place) } : undefined
}

async function placeId(trx: Transaction<DB>, place: PlaceRef): Promise<string> {
  const postcode = (place.postcode ?? '').toUpperCase().replace(/\s+/g, ' ').trim()
  const row = await sql<{ id: string }>`
    INSERT INTO place (kind, description, postcode) VALUES (${place.kind}, ${place.description.trim()}, ${postcode})
    ON CONFLICT (kind, lower(description), postcode, partnership_id) DO UPDATE SET kind = excluded.kind
    RETURNING id`.execute(trx)
  const id = row.rows[0]?.id
  if (!id) throw new Error('place upsert returned no id')
  return id
}

// ---------------------------------------------------------------------------
// Who in an agency is told

type Db = Kysely<DB> | Transaction<DB>

/**
 * Roles that read and acknowledge an agency's shared events day to day, emailed about each new one;
 * its safeguarding managers hear only of overdue ones (escalationRecipients).
 */
const INBOX_ROLES: readonly Role[] = [
  'referrer',
  'front-door-screener',
  'mat-practitioner',
  'police-public-protection',
  'mace-coordinator',
  'lado',
]

export async function inboxEmails(db: Db, agencyIds: readonly string[]): Promise<Map<string, string[]>> {
  const people = await peopleWithRoles(db, { roles: INBOX_ROLES, agencyIds })
  const byAgency = new Map<string, string[]>()
  for (const { agencyId, email } of people) byAgency.set(agencyId, [...(byAgency.get(agencyId) ?? []), email])
  return byAgency
}

/**
 * Who an agency's overdue acknowledgements are escalated to: its active safeguarding managers, or,
 * only when it has none, its administrators, so that an escalation still reaches someone.
 */
export async function escalationRecipients(db: Db, agencyId: string): Promise<EscalationRecipients> {
  const managers = await peopleWithRoles(db, { roles: ['safeguarding-manager'], agencyIds: [agencyId] })
  if (managers.length > 0) return { to: managers.map((row) => row.email), managers: true }
  const administrators = await peopleWithRoles(db, { roles: ['agency-admin'], agencyIds: [agencyId] })
  return { to: administrators.map((row) => row.email), managers: false }
}

/** The known children of each event, as the policy sees them: two queries whatever the events hold. */
export async function eventChildren(trx: Transaction<DB>, eventIds: readonly string[]) {
  const rows = await trx
    .selectFrom('shared_event_child')
    .select(['event_id', 'child_id'])
    .distinct()
    .where(sql<boolean>`event_id = ANY(${[...eventIds]}::uuid[])`)
    .where('child_id', 'is not', null)
    .execute()
  const resources = new Map(
    (await findChildResources(trx, unique(rows.map((row) => row.child_id as string)))).map((child) => [
      child.childId,
      child,
    ]),
  )
  const byEvent = new Map<string, ChildResource[]>()
  for (const row of rows) {
    const child = resources.get(row.child_id as string)
    if (child) byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), child])
  }
  return byEvent
}
