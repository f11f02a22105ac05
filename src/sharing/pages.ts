// Sharing's web pages: each agency's inbox with its acknowledgements, the dashboard of what is
// overdue, the practitioner's form, and the sender's own event.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { refusable } from '../children/index.ts'
import { getActor, requireUser } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { audited, authorizeGate } from '../platform/access/guard.ts'
import { timeLeft } from '../platform/calendar/time-left.ts'
import { type FormBody, formErrors, fromForm } from './form.ts'
import { agencyDashboard, type InboxFilter, listInbox } from './inbox.ts'
import { readLinks } from './links.ts'
import {
  ADULT_ROLES,
  EVENT_TYPE_LABELS,
  LAWFUL_BASES,
  LAWFUL_BASIS_LABELS,
  SHARED_EVENT_TYPES,
} from './schemas.ts'
import {
  acknowledgeAs,
  openableItems,
  postAs,
  readNotification,
  readOwnEvent,
  type SharingDeps,
} from './workflow.ts'

const FILTERS: readonly InboxFilter[] = ['open', 'overdue', 'acknowledged', 'all']

const FORM_CHOICES = {
  eventTypes: SHARED_EVENT_TYPES.map((value) => ({ value, text: EVENT_TYPE_LABELS[value] })),
  lawfulBases: LAWFUL_BASES.map((value) => ({ value, text: LAWFUL_BASIS_LABELS[value] })),
  adultRoles: ADULT_ROLES,
}

const lawfulBasisLabel = (basis: string) => LAWFUL_BASIS_LABELS[basis as keyof typeof LAWFUL_BASIS_LABELS]

function agencyName(partnership: PartnershipConfig, id: string): string {
  return partnership.agencies.find((agency) => agency.id === id)?.name ?? id
}

export function registerSharingPages(app: FastifyInstance, deps: SharingDeps) {
  const page = { preHandler: requireUser, schema: { hide: true } }
  app.get('/sharing/inbox', page, showInbox(deps))
  app.get('/sharing/dashboard', page, showDashboard(deps))
  app.get('/sharing/inbox/:id', page, showNotification(deps))
  app.post('/sharing/inbox/:id/acknowledgement', page, acknowledgeFromInbox(deps))
  app.get('/sharing/events/new', page, showNewEventForm)
  app.post('/sharing/events', page, postNewEvent(deps))
  app.get('/sharing/events/:id', page, showOwnEvent(deps))
  app.get('/children/:id/links', page, refusable(deps.partnership, 'record')(showLinks(deps)))
}

const showInbox = (deps: SharingDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  const actor = getActor(request)
  authorizeGate(actor, 'events-read')
  const asked = (request.query as { show?: string }).show as InboxFilter
  const show = FILTERS.includes(asked) ? asked : 'open'
  const items = await audited(deps.db, async (trx) =>
    openableItems(trx, request, await listInbox(trx, actor.agencyId, deps.runtime.now(), show)),
  )
  return reply.view('sharing/views/inbox.njk', {
    items,
    show,
    filters: FILTERS,
    agencyName: (id: string) => agencyName(deps.partnership, id),
  })
}

const showDashboard = (deps: SharingDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  const actor = getActor(request)
  authorizeGate(actor, 'events-read')
  const now = deps.runtime.now()
  const [counts, overdue] = await Promise.all([
    agencyDashboard(deps.db, actor.agencyId, now),
    audited(deps.db, async (trx) =>
      openableItems(trx, request, await listInbox(trx, actor.agencyId, now, 'overdue', 50)),
    ),
  ])
  return reply.view('sharing/views/dashboard.njk', {
    counts,
    overdue,
    agency: agencyName(deps.partnership, actor.agencyId),
    agencyName: (id: string) => agencyName(deps.partnership, id),
  })
}

const showNotification = (deps: SharingDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  authorizeGate(getActor(request), 'events-read')
  return notificationPage(deps, request, reply, {})
}

const acknowledgeFromInbox = (deps: SharingDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  const { id } = request.params as { id: string }
  const body = request.body as FormBody
  if (!body.note?.trim() && !body.reference?.trim()) {
    const errors = [{ text: 'Enter a note or a reference to your own record', href: '#note' }]
    return notificationPage(deps, request, reply.code(400), { errors, values: body })
  }
  await acknowledgeAs(deps.db, request, id, deps.runtime.now(), {
    note: body.note,
    reference: body.reference,
  })
  return reply.redirect(`/sharing/inbox/${id}`, 303)
}

async function notificationPage(
  deps: SharingDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: object,
) {
  const { id } = request.params as { id: string }
  const { notification, event, named } = await readNotification(deps.db, request, id)
  return reply.view('sharing/views/notification.njk', {
    notification,
    event,
    named,
    identifierLabels: {
      nhsNumber: 'NHS number',
      upn: 'Unique pupil number',
      laChildId: 'Social care record',
    },
    agencyName: (agencyId: string) => agencyName(deps.partnership, agencyId),
    lawfulBasisLabel: event ? lawfulBasisLabel(event.lawfulBasis) : '',
    overdue: !notification.acknowledgedAt && deps.runtime.now() >= notification.dueAt,
    ...extra,
  })
}

async function showNewEventForm(request: FastifyRequest, reply: FastifyReply) {
  authorizeGate(getActor(request), 'events-post')
  return reply.view('sharing/views/new-event.njk', { ...FORM_CHOICES, values: {} })
}

const postNewEvent = (deps: SharingDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  const body = request.body as FormBody
  const item = fromForm(body, body.senderEventId || `web-${randomUUID()}`)
  const result = await postAs(deps, request, [item])
  const answer = result.results[0]
  if (answer?.id) return reply.redirect(`/sharing/events/${answer.id}`, 303)
  return reply.code(400).view('sharing/views/new-event.njk', {
    ...FORM_CHOICES,
    values: body,
    ...formErrors(item, answer?.errors ?? []),
  })
}

/** The sender's own event, as they sent it (see readOwnEvent). */
const showOwnEvent = (deps: SharingDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  const { id } = request.params as { id: string }
  const now = deps.runtime.now()
  const { event, acknowledgement, recipients } = await readOwnEvent(deps.db, request, id, now)
  return reply.view('sharing/views/event.njk', {
    event,
    everyoneTold: {
      acknowledged: acknowledgement.state === 'acknowledged',
      due: acknowledgement.dueAt && timeLeft(acknowledgement.dueAt, now),
    },
    recipients: recipients?.map((recipient) => ({
      agency: agencyName(deps.partnership, recipient.agencyId),
      acknowledged: recipient.state === 'acknowledged',
      due: timeLeft(recipient.dueAt, now),
    })),
    asSent: true,
    agencyName: (agencyId: string) => agencyName(deps.partnership, agencyId),
    lawfulBasisLabel: lawfulBasisLabel(event.lawfulBasis),
  })
}

/** "Who else is linked" to a child (see readLinks). */
const showLinks = (deps: SharingDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  const { id } = request.params as { id: string }
  const page = await readLinks(deps.db, request, id)
  return reply.view('sharing/views/links.njk', { ...page, childId: id })
}
