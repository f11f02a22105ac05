// Sharing's use cases: take in a batch of events (each item checked on its own, authorised, stored
// once per sender id and fanned out to its notifications in one audited transaction, so an accepted
// event always has all of them); acknowledge a notification; read the inbox, a notification and the
// sender's own event through the guard.
import { randomUUID } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { getActor } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { accessFrom, audited, authorize, authorizeGate, consult } from '../platform/access/guard.ts'
import type { ChildResource } from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'
import { isUuid } from '../platform/http/schemas.ts'
import {
  acknowledge,
  findNamedChildren,
  findNotification,
  findSharedEvent,
  type InboxItem,
  listInbox,
  listSentEvents,
  recipientsByEvent,
} from './inbox.ts'
import {
  acknowledgementOfEvent,
  checkItem,
  contentHash,
  type FieldError,
  type KnownChild,
  matchChild,
  namedFor,
  readableMarkings,
  reusedId,
  type Sender,
} from './rules.ts'
import { type BatchResult, type ItemResult, MAX_BATCH } from './schemas.ts'
import {
  activeInvolvements,
  answerExisting,
  type Candidate,
  eventChildren,
  findKnownChildren,
  findPeople,
  type IntakeRequest,
  type Involvements,
  insertEvents,
  type Resolved,
  type SharingContext,
  storeDetails,
} from './store.ts'

/** The clock and the background loops, on the app so tests can move time and run a loop on demand. */
export interface SharingRuntime {
  now: () => Date
  dispatch(): Promise<number>
  escalate(): Promise<number>
}

/** What sharing's pages and API work with. */
export interface SharingDeps {
  db: Kysely<DB>
  partnership: PartnershipConfig
  runtime: SharingRuntime
  /** The intake's context for this request: the partnership, the clocks and the guard on event.post. */
  context: (request: FastifyRequest) => SharingContext
}

// ---------------------------------------------------------------------------
// Intake

export async function intakeBatch(
  db: Kysely<DB>,
  context: SharingContext,
  request: IntakeRequest,
): Promise<BatchResult> {
  const results: ItemResult[] = []
  const candidates: Candidate[] = []
  const repeats: { index: number; of: Candidate }[] = []
  const bySenderId = new Map<string, Candidate>()
  for (const [index, value] of request.items.entries()) {
    const check = checkItem(value, request.sender, request.receivedAt)
    if (!check.ok) {
      results[index] = { index, status: 'rejected', errors: check.errors }
      continue
    }
    const candidate = { index, id: randomUUID(), hash: contentHash(check.item), item: check.item }
    const first = bySenderId.get(check.item.senderEventId)
    if (!first) {
      bySenderId.set(check.item.senderEventId, candidate)
      candidates.push(candidate)
    } else if (first.hash === candidate.hash) repeats.push({ index, of: first })
    else results[index] = { index, status: 'rejected', errors: [reusedId('earlier in this batch')] }
  }
  await audited(
    db,
    async (trx) => {
      const known = await findKnownChildren(
        trx,
        candidates.flatMap((c) => c.item.children),
      )
      const involved = await activeInvolvements(trx, unique(known.map((child) => child.id)))
      const resolved = await resolveReferences(
        trx,
        { context, request, known, involved },
        candidates,
        results,
      )
      const inserted = await insertEvents(trx, request, resolved)
      await answerExisting(trx, request.sender.agencyId, resolved, inserted, results)
      const fresh = resolved.filter((candidate) => inserted.has(candidate.id))
      for (const candidate of fresh)
        results[candidate.index] = { index: candidate.index, status: 'accepted', id: candidate.id }
      await storeDetails(trx, context, request, fresh, involved)
    },
    { uniformTiming: true },
  )
  for (const { index, of } of repeats) {
    const first = results[of.index]
    results[index] = first?.id
      ? { index, status: 'duplicate', id: first.id }
      : { index, status: 'rejected', errors: first?.errors ?? [] }
  }
  return summarise(results)
}

function summarise(results: ItemResult[]): BatchResult {
  const count = (status: ItemResult['status']) => results.filter((r) => r.status === status).length
  return { accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected'), results }
}

// ---------------------------------------------------------------------------
// Children and adults the items name

interface Resolving {
  context: SharingContext
  request: IntakeRequest
  known: KnownChild[]
  involved: Involvements
}

async function resolveReferences(
  trx: Transaction<DB>,
  resolving: Resolving,
  candidates: Candidate[],
  results: ItemResult[],
): Promise<Resolved[]> {
  const people = await findPeople(
    trx,
    candidates.flatMap((c) => (c.item.adults ?? []).flatMap((a) => (a.personId ? [a.personId] : []))),
  )
  return candidates.flatMap((candidate) => {
    const answers = candidate.item.children.map((ref) =>
      postingAnswer(trx, resolving, candidate, matchChild(ref, resolving.known)),
    )
    const errors = [
      ...candidate.item.children.flatMap((ref, i) => childErrors(answers[i], i, ref.childId)),
      ...(candidate.item.adults ?? []).flatMap((adult, i) =>
        adult.personId && !people.has(adult.personId.toLowerCase())
          ? [{ field: `adults[${i}].personId`, message: 'is not a person known to masa' }]
          : [],
      ),
    ]
    if (errors.length === 0)
      return [
        {
          ...candidate,
          children: answers.map((answer) => (answer && 'child' in answer ? answer.child : undefined)),
        },
      ]
    results[candidate.index] = { index: candidate.index, status: 'rejected', errors }
    return []
  })
}

type PostingAnswer = { child: KnownChild } | { refused: string } | undefined

/**
 * A matched child the policy lets the sender share about; a refusal for a reason that is theirs (the
 * role they hold), never the child's. A child whose record is hidden from the sender (sealed, or
 * marked for another agency) is answered as a child masa does not know: the event is held for the
 * LA's front door to match, and the refusal is audited in the same transaction, so neither the
 * answer nor the time it takes tells the sender the record exists.
 */
function postingAnswer(
  trx: Transaction<DB>,
  { context, request, involved }: Resolving,
  candidate: Candidate,
  child: KnownChild | undefined,
): PostingAnswer {
  if (!child) return undefined
  const decision = context.authorizePost(
    trx,
    postingResource(child, involved, request),
    candidate.item.lawfulBasis,
  )
  if (decision.allowed) return { child }
  return decision.hideExistence ? undefined : { refused: decision.reason }
}

function childErrors(answer: PostingAnswer, i: number, childId: string | undefined): FieldError[] {
  if (answer && 'refused' in answer) return [{ field: `children[${i}]`, message: answer.refused }]
  if (!answer && childId)
    return [{ field: `children[${i}].childId`, message: 'is not a child known to masa' }]
  return []
}

/** Sharing what one knows about a child makes the sender involved; the policy still applies markings. */
function postingResource(child: KnownChild, involved: Involvements, request: IntakeRequest): ChildResource {
  const current = involved.get(child.id) ?? { agencyIds: [], userIds: [] }
  return {
    kind: 'child',
    childId: child.id,
    laId: child.laId,
    sensitivity: child.sensitivity,
    involvement: {
      agencyIds: [...current.agencyIds, request.sender.agencyId],
      userIds: [...current.userIds, request.actorId],
    },
  }
}

const unique = <T>(values: T[]): T[] => [...new Set(values)]

// ---------------------------------------------------------------------------
// Acknowledging and reading what was shared

export function senderOf(actor: Actor): Sender {
  return { agencyId: actor.agencyId, agencyKind: actor.agencyKind }
}

/** Posts one batch (the API's, or the practitioner's form as a batch of one) as whoever is signed in. */
export async function postAs(deps: SharingDeps, request: FastifyRequest, items: readonly unknown[]) {
  const actor = getActor(request)
  authorizeGate(actor, 'events-post')
  if (items.length === 0) throw new RequestError(400, `Send a JSON array of 1 to ${MAX_BATCH} events`, 'body')
  return intakeBatch(deps.db, deps.context(request), {
    sender: senderOf(actor),
    actorId: actor.id,
    receivedAt: deps.runtime.now(),
    items,
  })
}

export async function acknowledgeAs(
  db: Kysely<DB>,
  request: FastifyRequest,
  notificationId: string,
  now: Date,
  ack: { note?: string | undefined; reference?: string | undefined },
): Promise<boolean> {
  const actor = getActor(request)
  authorizeGate(actor, 'events-acknowledge')
  const notification = isUuid(notificationId) ? await findNotification(db, notificationId) : undefined
  if (!notification || notification.agencyId !== actor.agencyId)
    throw new RequestError(404, 'No such notification for your agency')
  if (notification.acknowledgedAt) return false
  return audited(db, async (trx) => {
    await authorizeOnEvent(trx, request, notification.eventId, 'event.acknowledge')
    return acknowledge(trx, {
      notificationId,
      actorId: actor.id,
      actorName: actor.displayName,
      agencyId: actor.agencyId,
      note: ack.note?.trim() || null,
      reference: ack.reference?.trim() || null,
      at: now,
    })
  })
}

/**
 * Every known child of the event through the guard (audited). Being sent the event gives the
 * receiving agency a legitimate interest in it, so it counts as involved; markings still apply.
 */
async function authorizeOnEvent(
  trx: Transaction<DB>,
  request: FastifyRequest,
  eventId: string,
  action: 'event.view' | 'event.acknowledge',
) {
  const actor = getActor(request)
  for (const child of (await eventChildren(trx, [eventId])).get(eventId) ?? [])
    authorize(trx, { ...accessFrom(request), action, resource: withInvolved(child, actor.agencyId) })
}

const withInvolved = (child: ChildResource, agencyId: string, userId?: string): ChildResource => ({
  ...child,
  involvement: {
    agencyIds: [...child.involvement.agencyIds, agencyId],
    userIds: [...child.involvement.userIds, ...(userId ? [userId] : [])],
  },
})

/**
 * The inbox entries the viewer may open: each known child of the event through the guard, as on the
 * item's own page (audited, refusals too), so a list never shows a summary its item would refuse.
 */
export async function openableItems(trx: Transaction<DB>, request: FastifyRequest, items: InboxItem[]) {
  const actor = getActor(request)
  const children = await eventChildren(
    trx,
    items.map((item) => item.eventId),
  )
  return items.filter((item) =>
    (children.get(item.eventId) ?? [])
      .map(
        (child) =>
          consult(trx, {
            ...accessFrom(request),
            action: 'event.view',
            resource: withInvolved(child, actor.agencyId),
            detail: { list: 'inbox', notificationId: item.id },
          }).allowed,
      )
      .every(Boolean),
  )
}

/** A notification to the actor's agency and its event, the restricted part only where they may read it. */
export async function readNotification(db: Kysely<DB>, request: FastifyRequest, id: string) {
  const actor = getActor(request)
  const notification = isUuid(id) ? await findNotification(db, id) : undefined
  if (!notification || notification.agencyId !== actor.agencyId)
    throw new RequestError(404, 'No such notification')
  const markings = notification.seesRestricted ? readableMarkings(actor) : []
  return audited(db, async (trx) => {
    await authorizeOnEvent(trx, request, notification.eventId, 'event.view')
    const event = await findSharedEvent(trx, notification.eventId, markings)
    return { notification, event, named: await nameChildren(trx, request, notification) }
  })
}

/**
 * The event's children the reader may see (child.view, through the guard and audited), each named
 * with what the reader's agency finds them by in its own system; the others are not named.
 */
async function nameChildren(
  trx: Transaction<DB>,
  request: FastifyRequest,
  { id, eventId }: { id: string; eventId: string },
) {
  const actor = getActor(request)
  const seen = ((await eventChildren(trx, [eventId])).get(eventId) ?? []).filter(
    (child) =>
      consult(trx, {
        ...accessFrom(request),
        action: 'child.view',
        resource: child,
        detail: { notificationId: id, naming: 'the child on the inbox item' },
      }).allowed,
  )
  const children = await findNamedChildren(
    trx,
    seen.map((child) => child.childId),
  )
  return Object.fromEntries([...children].map(([id, child]) => [id, namedFor(actor.agencyKind, child)]))
}

/**
 * The sender's own event, as they sent it: nothing of what masa knows about the children (not even
 * whether they were matched) and not who was told, so the page is the same whatever the children's
 * records say. Each matched child's look is audited; a refusal is recorded, not answered.
 */
export async function readOwnEvent(db: Kysely<DB>, request: FastifyRequest, id: string, now: Date) {
  const actor = getActor(request)
  authorizeGate(actor, 'events-read')
  return audited(
    db,
    async (trx) => {
      const event = isUuid(id) ? await findSharedEvent(trx, id, readableMarkings(actor)) : undefined
      if (!event || event.senderAgencyId !== actor.agencyId) throw new RequestError(404, 'No such event')
      const children = (await eventChildren(trx, [id])).get(id) ?? []
      for (const child of children)
        consult(trx, {
          ...accessFrom(request),
          action: 'event.view',
          resource: withInvolved(child, actor.agencyId, actor.id),
          detail: { sharedEventId: id, read: 'own event' },
        })
      const told = (await recipientsByEvent(trx, [id], now)).get(id) ?? []
      return {
        event,
        acknowledgement: acknowledgementOfEvent(told, now),
        recipients: mayKnowWhoWasTold(trx, request, id, children) ? told : null,
      }
    },
    { uniformTiming: true },
  )
}

// ---------------------------------------------------------------------------
// The lists on a person's home page

/** The open items of the actor's agency's inbox they may open, due first, and how many are overdue. */
export async function inboxToAcknowledge(db: Kysely<DB>, request: FastifyRequest, now: Date) {
  const actor = getActor(request)
  authorizeGate(actor, 'events-read')
  return audited(db, async (trx) =>
    openableItems(trx, request, await listInbox(trx, actor.agencyId, now, 'open')),
  )
}

/**
 * What the actor's agency shared, newest first (since a time, if given). Each event says how it
 * stands with everyone told, taken together; which agencies were told is who works with the child, so
 * they are named (`recipients`) only where the policy lets the actor see who is involved with every
 * child the event concerns, and are null otherwise. Each look is audited.
 */
export async function eventsWeShared(
  db: Kysely<DB>,
  request: FastifyRequest,
  now: Date,
  { limit = 50, sentSince }: { limit?: number; sentSince?: Date } = {},
) {
  const actor = getActor(request)
  authorizeGate(actor, 'events-post')
  return audited(
    db,
    async (trx) => {
      const events = await listSentEvents(trx, actor.agencyId, now, limit, sentSince)
      const children = await eventChildren(
        trx,
        events.map((event) => event.id),
      )
      return events.map((event) => ({
        ...event,
        recipients: mayKnowWhoWasTold(trx, request, event.id, children.get(event.id) ?? [])
          ? event.recipients
          : null,
      }))
    },
    { uniformTiming: true },
  )
}

function mayKnowWhoWasTold(
  trx: Transaction<DB>,
  request: FastifyRequest,
  sharedEventId: string,
  children: ChildResource[],
): boolean {
  return (
    children.length > 0 &&
    children
      .map(
        (child) =>
          consult(trx, {
            ...accessFrom(request),
            action: 'involvement.view',
            resource: child,
            detail: { list: 'events we shared', sharedEventId },
          }).allowed,
      )
      .every(Boolean)
  )
}
