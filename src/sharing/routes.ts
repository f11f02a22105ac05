// Partner information sharing on the web: the batch API for agencies' systems, the practitioner's
// form, each agency's inbox with its acknowledgements, and the dashboard of what is overdue.
import { randomUUID } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Kysely, sql, type Transaction } from 'kysely'
import { findChildResources } from '../children/index.ts'
import { registerChronology } from '../chronology/routes.ts'
import type { Database, DB } from '../database.ts'
import { getActor, requireSystem, requireUser } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { accessFrom, audited, authorize, consult } from '../platform/access/guard.ts'
import type { ChildResource } from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'
import { IdParams, isUuid } from '../platform/http/schemas.ts'
import { agencyMayRead, holds, readableMarkings } from './access.ts'
import { type FormBody, formErrors, fromForm } from './form.ts'
import {
  acknowledge,
  agencyDashboard,
  dispatchNotifications,
  escalateOverdue,
  findNotification,
  findSharedEvent,
  type InboxFilter,
  type InboxItem,
  listInbox,
} from './inbox.ts'
import { registerLinks } from './links.ts'
import { type AcknowledgementTimes, DEFAULT_ACKNOWLEDGEMENT_TIMES, type Sender } from './rules.ts'
import {
  ADULT_ROLES,
  BatchResult,
  EVENT_TYPE_LABELS,
  LAWFUL_BASES,
  LAWFUL_BASIS_LABELS,
  MAX_BATCH,
  SHARED_EVENT_TYPES,
  SharedEventInput,
} from './schema.ts'
import { escalationRecipients, inboxEmails, intakeBatch, type SharingContext } from './store.ts'

export interface SharingOptions {
  database: Database
  partnership: PartnershipConfig
  times?: AcknowledgementTimes
}

/** The clock and the background loops, on the app so tests can move time and run a loop on demand. */
export interface SharingRuntime {
  now: () => Date
  dispatch(): Promise<number>
  escalate(): Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    sharing: SharingRuntime
  }
}

/** A full batch of typical events (a few KB each) fits; every other route keeps the app's 1 MiB. */
const BATCH_BODY_LIMIT = 4 * 1024 * 1024
const LOOP_MS = 1_000
const DISPATCH_BATCH = 2_000

async function sharing(app: FastifyInstance, options: SharingOptions): Promise<void> {
  const db = options.database.db
  const runtime: SharingRuntime = {
    now: () => new Date(),
    async dispatch() {
      let total = 0
      for (;;) {
        const sent = await dispatchNotifications(db, {
          now: runtime.now(),
          limit: DISPATCH_BATCH,
          inboxEmails,
        })
        total += sent
        if (sent < DISPATCH_BATCH) return total
      }
    },
    escalate: () => escalateOverdue(db, { now: runtime.now(), recipients: escalationRecipients }),
  }
  app.decorate('sharing', runtime)
  const context = (request: FastifyRequest): SharingContext => ({
    partnership: options.partnership,
    times: options.times ?? DEFAULT_ACKNOWLEDGEMENT_TIMES,
    mayReceive: agencyMayRead,
    authorizePost: (trx, child, lawfulBasis) =>
      consult(trx, { ...accessFrom(request), action: 'event.post', resource: child, lawfulBasis }),
  })
  startLoops(app, runtime)
  registerChronology(app, db, options.partnership)
  registerLinks(app, db)
  registerApi(app, db, context, runtime)
  registerPages(app, db, context, runtime, options.partnership)
}

/** One loop per server; the outbox rows are claimed with SKIP LOCKED, so servers share the work. */
function startLoops(app: FastifyInstance, runtime: SharingRuntime) {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      running = running
        .then(() => runtime.dispatch())
        .then(() => runtime.escalate())
        .catch((error) => app.log.error({ err: error }, 'sharing delivery loop failed'))
    }, LOOP_MS)
    timer.unref()
  })
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await running
  })
}

function senderOf(actor: Actor): Sender {
  return { agencyId: actor.agencyId, agencyKind: actor.agencyKind }
}

function mustHold(actor: Actor, action: 'event.post' | 'event.view' | 'event.acknowledge') {
  if (!holds(actor, action))
    throw new RequestError(403, 'Your role does not allow you to share or read partner events')
}

// ---------------------------------------------------------------------------
// API

function registerApi(
  app: FastifyInstance,
  db: Kysely<DB>,
  context: (request: FastifyRequest) => SharingContext,
  runtime: SharingRuntime,
) {
  app.post(
    '/api/v1/shared-events',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      config: { itemwiseInput: true },
      preHandler: requireSystem,
      schema: {
        summary: 'Share a batch of events with every partner who needs them',
        description:
          `Up to ${MAX_BATCH} events. Each is checked on its own: the answer (207) lists every item as accepted, ` +
          'duplicate (already received under the same senderEventId: nothing new is created) or rejected with its errors.',
        tags: ['sharing'],
        body: Type.Array(SharedEventInput, { maxItems: MAX_BATCH }),
        response: { 207: BatchResult },
      },
      // Items are validated one by one in the handler, so one bad item cannot refuse the batch.
      validatorCompiler: () => (body) =>
        Array.isArray(body) && body.length <= MAX_BATCH
          ? { value: body }
          : { error: new RequestError(400, `Send a JSON array of 1 to ${MAX_BATCH} events`, 'body') },
    },
    async (request, reply) => {
      const actor = getActor(request)
      mustHold(actor, 'event.post')
      const items = request.body as unknown[]
      if (items.length === 0)
        throw new RequestError(400, `Send a JSON array of 1 to ${MAX_BATCH} events`, 'body')
      const result = await intakeBatch(db, context(request), {
        sender: senderOf(actor),
        actorId: actor.id,
        receivedAt: runtime.now(),
        items,
      })
      return reply.code(207).send(result)
    },
  )

  app.post(
    '/api/v1/shared-events/notifications/:id/acknowledgement',
    {
      preHandler: requireSystem,
      schema: {
        summary: 'Record that your agency checked a shared event against its own records',
        tags: ['sharing'],
        params: IdParams,
        body: Type.Object(
          {
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            reference: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ acknowledged: Type.Boolean() }) },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const { note, reference } = request.body as { note?: string; reference?: string }
      if (!note?.trim() && !reference?.trim())
        throw new RequestError(400, 'Give a note or a reference to your own record', 'note')
      const done = await acknowledgeAs(db, request, id, runtime.now(), { note, reference })
      return { acknowledged: done }
    },
  )
}

async function acknowledgeAs(
  db: Kysely<DB>,
  request: FastifyRequest,
  notificationId: string,
  now: Date,
  ack: { note?: string | undefined; reference?: string | undefined },
): Promise<boolean> {
  const actor = getActor(request)
  mustHold(actor, 'event.acknowledge')
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

/** The known children of each event, as the policy sees them: two queries whatever the events hold. */
async function eventChildren(trx: Transaction<DB>, eventIds: readonly string[]) {
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

const withInvolved = (child: ChildResource, agencyId: string, userId?: string): ChildResource => ({
  ...child,
  involvement: {
    agencyIds: [...child.involvement.agencyIds, agencyId],
    userIds: [...child.involvement.userIds, ...(userId ? [userId] : [])],
  },
})

const unique = <T>(values: T[]): T[] => [...new Set(values)]

/**
 * The inbox entries the viewer may open: each known child of the event through the guard, as on the
 * item's own page (audited, refusals too), so a list never shows a summary its item would refuse.
 */
async function openableItems(trx: Transaction<DB>, request: FastifyRequest, items: InboxItem[]) {
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

// ---------------------------------------------------------------------------
// Pages

const FILTERS: readonly InboxFilter[] = ['open', 'overdue', 'acknowledged', 'all']

function agencyName(partnership: PartnershipConfig, id: string): string {
  return partnership.agencies.find((agency) => agency.id === id)?.name ?? id
}

function registerPages(
  app: FastifyInstance,
  db: Kysely<DB>,
  context: (request: FastifyRequest) => SharingContext,
  runtime: SharingRuntime,
  partnership: PartnershipConfig,
) {
  const page = { preHandler: requireUser, schema: { hide: true } }
  const names = (id: string) => agencyName(partnership, id)
  const formChoices = {
    eventTypes: SHARED_EVENT_TYPES.map((value) => ({ value, text: EVENT_TYPE_LABELS[value] })),
    lawfulBases: LAWFUL_BASES.map((value) => ({ value, text: LAWFUL_BASIS_LABELS[value] })),
    adultRoles: ADULT_ROLES,
  }

  app.get('/sharing/inbox', page, async (request, reply) => {
    const actor = getActor(request)
    mustHold(actor, 'event.view')
    const asked = (request.query as { show?: string }).show as InboxFilter
    const show = FILTERS.includes(asked) ? asked : 'open'
    const items = await audited(db, async (trx) =>
      openableItems(trx, request, await listInbox(trx, actor.agencyId, runtime.now(), show)),
    )
    return reply.view('sharing/views/inbox.njk', {
      items,
      show,
      filters: FILTERS,
      agencyName: names,
    })
  })

  app.get('/sharing/dashboard', page, async (request, reply) => {
    const actor = getActor(request)
    mustHold(actor, 'event.view')
    const now = runtime.now()
    const [counts, overdue] = await Promise.all([
      agencyDashboard(db, actor.agencyId, now),
      audited(db, async (trx) =>
        openableItems(trx, request, await listInbox(trx, actor.agencyId, now, 'overdue', 50)),
      ),
    ])
    return reply.view('sharing/views/dashboard.njk', {
      counts,
      overdue,
      agency: names(actor.agencyId),
      agencyName: names,
    })
  })

  app.get('/sharing/inbox/:id', page, async (request, reply) => {
    const actor = getActor(request)
    mustHold(actor, 'event.view')
    return showNotification(request, reply, {})
  })

  app.post('/sharing/inbox/:id/acknowledgement', page, async (request, reply) => {
    const { id } = request.params as { id: string }
    const body = request.body as FormBody
    if (!body.note?.trim() && !body.reference?.trim()) {
      const errors = [{ text: 'Enter a note or a reference to your own record', href: '#note' }]
      return showNotification(request, reply.code(400), { errors, values: body })
    }
    await acknowledgeAs(db, request, id, runtime.now(), { note: body.note, reference: body.reference })
    return reply.redirect(`/sharing/inbox/${id}`, 303)
  })

  async function showNotification(
    request: FastifyRequest,
    reply: import('fastify').FastifyReply,
    extra: object,
  ) {
    const actor = getActor(request)
    const { id } = request.params as { id: string }
    const notification = isUuid(id) ? await findNotification(db, id) : undefined
    if (!notification || notification.agencyId !== actor.agencyId)
      throw new RequestError(404, 'No such notification')
    const markings = notification.seesRestricted ? readableMarkings(actor) : []
    const event = await audited(db, async (trx) => {
      await authorizeOnEvent(trx, request, notification.eventId, 'event.view')
      return findSharedEvent(trx, notification.eventId, markings)
    })
    return reply.view('sharing/views/notification.njk', {
      notification,
      event,
      agencyName: names,
      lawfulBasisLabel: event
        ? LAWFUL_BASIS_LABELS[event.lawfulBasis as keyof typeof LAWFUL_BASIS_LABELS]
        : '',
      overdue: !notification.acknowledgedAt && runtime.now() >= notification.dueAt,
      ...extra,
    })
  }

  app.get('/sharing/events/new', page, async (request, reply) => {
    mustHold(getActor(request), 'event.post')
    return reply.view('sharing/views/new-event.njk', { ...formChoices, values: {} })
  })

  app.post('/sharing/events', page, async (request, reply) => {
    const actor = getActor(request)
    mustHold(actor, 'event.post')
    const body = request.body as FormBody
    const item = fromForm(body, body.senderEventId || `web-${randomUUID()}`)
    const result = await intakeBatch(db, context(request), {
      sender: senderOf(actor),
      actorId: actor.id,
      receivedAt: runtime.now(),
      items: [item],
    })
    const answer = result.results[0]
    if (answer?.id) return reply.redirect(`/sharing/events/${answer.id}`, 303)
    return reply.code(400).view('sharing/views/new-event.njk', {
      ...formChoices,
      values: body,
      ...formErrors(item, answer?.errors ?? []),
    })
  })

  /**
   * The sender's own event, as they sent it: nothing of what masa knows about the children (not even
   * whether they were matched) and not who was told, so the page is the same whatever the children's
   * records say. Each matched child's look is audited; a refusal is recorded, not answered.
   */
  app.get('/sharing/events/:id', page, async (request, reply) => {
    const actor = getActor(request)
    mustHold(actor, 'event.view')
    const { id } = request.params as { id: string }
    const event = await audited(
      db,
      async (trx) => {
        const event = isUuid(id) ? await findSharedEvent(trx, id, readableMarkings(actor)) : undefined
        if (!event || event.senderAgencyId !== actor.agencyId) throw new RequestError(404, 'No such event')
        for (const child of (await eventChildren(trx, [id])).get(id) ?? [])
          consult(trx, {
            ...accessFrom(request),
            action: 'event.view',
            resource: withInvolved(child, actor.agencyId, actor.id),
            detail: { sharedEventId: id, read: 'own event' },
          })
        return event
      },
      { uniformTiming: true },
    )
    return reply.view('sharing/views/event.njk', {
      event,
      asSent: true,
      agencyName: names,
      lawfulBasisLabel: LAWFUL_BASIS_LABELS[event.lawfulBasis as keyof typeof LAWFUL_BASIS_LABELS],
    })
  })
}

/** Registered on the app itself (like identity), so `app.sharing` is visible to the app and its tests. */
export const sharingPlugin = Object.assign(sharing, { [Symbol.for('skip-override')]: true })
