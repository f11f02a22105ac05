// Partner information sharing on the web: the batch API for agencies' systems, the practitioner's
// form, each agency's inbox with its acknowledgements, and the dashboard of what is overdue.
import { randomUUID } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import { registerChronology } from '../chronology/routes.ts'
import { getActor, requireSystem, requireUser } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { accessFrom, audited, authorize, getChildResource } from '../platform/access/guard.ts'
import type { Database } from '../platform/db/database.ts'
import type { DB } from '../platform/db/schema.ts'
import { RequestError } from '../platform/http/errors.ts'
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

const BATCH_BODY_LIMIT = 16 * 1024 * 1024
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
    authorizePost: (trx, child, lawfulBasis) => {
      try {
        authorize(trx, { ...accessFrom(request), action: 'event.post', resource: child, lawfulBasis })
        return undefined
      } catch (error) {
        if (!(error instanceof RequestError)) throw error
        return error.statusCode === 404 ? 'is not a child known to masa' : error.message
      }
    },
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
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
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
  const notification = UUID.test(notificationId) ? await findNotification(db, notificationId) : undefined
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Every known child of the event through the guard (audited). Being sent the event (or sending it)
 * gives the agency a legitimate interest in it, so it counts as involved; markings still apply.
 */
async function authorizeOnEvent(
  trx: Transaction<DB>,
  request: FastifyRequest,
  eventId: string,
  action: 'event.view' | 'event.acknowledge',
) {
  const actor = getActor(request)
  const children = await trx
    .selectFrom('shared_event_child')
    .select('child_id')
    .distinct()
    .where('event_id', '=', eventId)
    .where('child_id', 'is not', null)
    .execute()
  for (const { child_id } of children) {
    const child = await getChildResource(trx, child_id as string)
    const agencyIds = [...child.involvement.agencyIds, actor.agencyId]
    authorize(trx, {
      ...accessFrom(request),
      action,
      resource: { ...child, involvement: { ...child.involvement, agencyIds } },
    })
  }
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
    const items = await listInbox(db, actor.agencyId, runtime.now(), show)
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
      listInbox(db, actor.agencyId, now, 'overdue', 50),
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
    const notification = /^[0-9a-f-]{36}$/i.test(id) ? await findNotification(db, id) : undefined
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
    const { list, byField } = formErrors(answer?.errors ?? [])
    return reply.code(400).view('sharing/views/new-event.njk', {
      ...formChoices,
      values: body,
      errors: list,
      fieldErrors: byField,
    })
  })

  app.get('/sharing/events/:id', page, async (request, reply) => {
    const actor = getActor(request)
    mustHold(actor, 'event.view')
    const { id } = request.params as { id: string }
    // The sender's own event is still a read of the children's records: their markings apply, and it is audited.
    const event = /^[0-9a-f-]{36}$/i.test(id)
      ? await audited(db, async (trx) => {
          const found = await findSharedEvent(trx, id, readableMarkings(actor))
          if (found?.senderAgencyId !== actor.agencyId) return undefined
          await authorizeOnEvent(trx, request, id, 'event.view')
          return found
        })
      : undefined
    if (!event) throw new RequestError(404, 'No such event')
    const recipients = await db
      .selectFrom('sharing_notification')
      .select(['agency_id', 'acknowledged_at', 'due_at'])
      .where('event_id', '=', id)
      .orderBy('agency_id')
      .execute()
    return reply.view('sharing/views/event.njk', {
      event,
      recipients,
      agencyName: names,
      lawfulBasisLabel: LAWFUL_BASIS_LABELS[event.lawfulBasis as keyof typeof LAWFUL_BASIS_LABELS],
    })
  })
}

/** Registered on the app itself (like identity), so `app.sharing` is visible to the app and its tests. */
export const sharingPlugin = Object.assign(sharing, { [Symbol.for('skip-override')]: true })
