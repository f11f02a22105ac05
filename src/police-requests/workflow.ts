// Form 87a's use cases, each through the guard in one audited transaction: a practitioner asks the
// police force serving a child's LA for information (the force becomes involved with the child so
// its public protection can answer), reads their own requests and the answers; police public
// protection see their queue, soonest due first, and answer: the information disclosed, or refused
// with the reason. The child's chronology says a request was made and answered, never the content.

import type { FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import { getChildResource, getChildResources, involveAgencies } from '../children/index.ts'
import type { DB } from '../database.ts'
import { emailOfPerson, getActor, peopleWithRoles } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { accessFrom, audited, authorize, authorizeGate, consult } from '../platform/access/guard.ts'
import type { Action, ChildResource } from '../platform/access/policy.ts'
import { recordEvent } from '../platform/events/event.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import { answerDueBy, answerTimeLeft, isOverdue, policeForceOf } from './rules.ts'
import { policeAnswerCheck, policeRequestCheck } from './schemas.ts'
import * as store from './store.ts'

export interface PoliceRequestContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  /** Working days the police have to answer (form 87a's due date). */
  workingDays: number
  now: () => Date
}

const NOT_FOUND = () => new RequestError(404, 'Not found')
const agencyName = (ctx: PoliceRequestContext, id: string) =>
  ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id

async function childFor(trx: Transaction<DB>, childId: string) {
  if (!isUuid(childId)) throw NOT_FOUND()
  return getChildResource(trx, childId)
}

/** The child the actor may ask the police about: for the form (a hidden child is not found). */
export async function childToAsk(ctx: PoliceRequestContext, request: FastifyRequest, childId: string) {
  return audited(ctx.db, async (trx) => {
    const child = await childFor(trx, childId)
    authorize(trx, { ...accessFrom(request), action: 'police-request.make', resource: child })
    const police = policeForceOf(ctx.partnership, child.laId)
    return { childId, name: await store.childName(trx, childId), policeName: police?.name ?? 'the police' }
  })
}

/** Asks the police force serving the child's LA for information: checked, authorised, kept, on the chronology. */
export async function requestInformation(
  ctx: PoliceRequestContext,
  request: FastifyRequest,
  childId: string,
  sent: unknown,
): Promise<store.PoliceRequestRow> {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    const child = await childFor(trx, childId)
    authorize(trx, { ...accessFrom(request), action: 'police-request.make', resource: child })
    const input = checkedInput(policeRequestCheck, sent)
    const police = policeForceOf(ctx.partnership, child.laId)
    if (!police) throw new RequestError(409, 'No police force in the partnership serves this child’s area')
    const row = await store.insertRequest(trx, {
      child_id: childId,
      la_id: child.laId,
      police_agency_id: police.id,
      agency_id: actor.agencyId,
      requested_by: `${actor.kind}:${actor.id}`,
      requested_by_name: actor.displayName,
      request: input.request.trim(),
      reason: input.reason.trim(),
      lawful_basis: input.lawfulBasis,
      due_by: answerDueBy(ctx.now(), ctx.workingDays),
    })
    await involveAgencies(trx, childId, [police.id], 'shared-event', 'asked for information (form 87a)')
    await tellThePolice(trx, row)
    await recordEvent(trx, {
      type: 'police-request.made',
      childId,
      laId: child.laId,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `${agencyName(ctx, actor.agencyId)} asked ${police.name} for information (form 87a)`,
      payload: { requestId: row.id },
    })
    return row
  })
}

/**
 * The action a reader holds a request by: its requester reads it while they may still ask about the
 * child; anyone else only as the police force asked, answering it.
 */
function actionFor(request: FastifyRequest, row: store.PoliceRequestRow): Action {
  const actor = getActor(request)
  return row.requested_by === `${actor.kind}:${actor.id}` ? 'police-request.make' : 'police-request.answer'
}

/**
 * The child as a request to one police force puts them before the policy, for answering it: only
 * that force counts as involved (not another force involved with the child, nor anyone personally),
 * so a person of another force is refused by the policy, and the refusal is audited.
 */
const askedOf = (child: ChildResource, row: store.PoliceRequestRow): ChildResource => ({
  ...child,
  involvement: {
    agencyIds: child.involvement.agencyIds.filter((agencyId) => agencyId === row.police_agency_id),
    userIds: [],
  },
})

/**
 * Decides answering the request (audited either way): a refusal is 404 for anyone outside the force
 * asked (a request is known only to its asker and that force), the policy's reason for its own staff.
 */
function decideAnswering(
  trx: Transaction<DB>,
  request: FastifyRequest,
  row: store.PoliceRequestRow,
  child: ChildResource,
) {
  const decision = consult(trx, {
    ...accessFrom(request),
    action: 'police-request.answer',
    resource: askedOf(child, row),
    detail: { requestId: row.id, policeAgencyId: row.police_agency_id },
  })
  if (decision.allowed) return
  throw getActor(request).agencyId === row.police_agency_id
    ? new RequestError(403, decision.reason)
    : NOT_FOUND()
}

/** One request and its answer: for its requester and the police force asked; anyone else is told it is not found. */
export async function readRequest(ctx: PoliceRequestContext, request: FastifyRequest, id: string) {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findRequest(trx, id) : undefined
    if (!row) throw NOT_FOUND()
    const action = actionFor(request, row)
    const child = await getChildResource(trx, row.child_id)
    if (action === 'police-request.answer') decideAnswering(trx, request, row, child)
    else authorize(trx, { ...accessFrom(request), action, resource: child, detail: { requestId: id } })
    return {
      request: row,
      childName: await store.childName(trx, row.child_id),
      mayAnswer: action === 'police-request.answer' && row.outcome === null,
      timeLeft: answerTimeLeft(row, ctx.now()),
    }
  })
}

/** The police's answer: the information disclosed, or a refusal with its reason; once (409 after). */
export async function answerRequest(
  ctx: PoliceRequestContext,
  request: FastifyRequest,
  id: string,
  sent: unknown,
): Promise<store.PoliceRequestRow> {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.lockRequest(trx, id) : undefined
    if (!row) throw NOT_FOUND()
    decideAnswering(trx, request, row, await getChildResource(trx, row.child_id))
    if (row.outcome) throw new RequestError(409, 'This request is already answered')
    const input = checkedInput(policeAnswerCheck, sent)
    await store.answerRequest(trx, id, {
      outcome: input.outcome,
      answer: input.answer.trim(),
      answered_by: `${actor.kind}:${actor.id}`,
      answered_by_name: actor.displayName,
    })
    await recordEvent(trx, {
      type: 'police-request.answered',
      childId: row.child_id,
      laId: row.la_id,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `${agencyName(ctx, actor.agencyId)} answered a request for information from ${agencyName(ctx, row.agency_id)} (form 87a)`,
      payload: { requestId: id },
    })
    await tellTheAsker(trx, row)
    return row
  })
}

// The emails say that there is something to read and where, never about whom or what: the page
// decides who may read it.

/** The force's public protection people whose area covers the child: a request waits for their answer. */
async function tellThePolice(trx: Transaction<DB>, row: store.PoliceRequestRow) {
  const officers = await peopleWithRoles(trx, {
    roles: ['police-public-protection'],
    agencyIds: [row.police_agency_id],
    laId: row.la_id,
  })
  for (const { email: to } of officers)
    await queueEmail(trx, {
      to,
      templateId: 'police-request-made',
      personalisation: { answer_by: govukDate(row.due_by), link: '/police-requests' },
      reference: `police-request-${row.id}`,
    })
}

/** Whoever asked, if a person still active: their answer is in. */
async function tellTheAsker(trx: Transaction<DB>, row: store.PoliceRequestRow) {
  const to = await emailOfPerson(trx, row.requested_by)
  if (to)
    await queueEmail(trx, {
      to,
      templateId: 'police-request-answered',
      personalisation: { link: `/police-requests/${row.id}` },
      reference: `police-request-${row.id}-answered`,
    })
}

/** The children a list may name: each asked of the policy (audited); the rest are left out. */
async function openable(
  trx: Transaction<DB>,
  request: FastifyRequest,
  action: Action,
  rows: store.ListedRequest[],
) {
  const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
  const opens = new Map<string, boolean>()
  for (const [childId, resource] of children)
    opens.set(childId, consult(trx, { ...accessFrom(request), action, resource }).allowed)
  return rows.filter((row) => opens.get(row.child_id))
}

/** The police force's queue of requests awaiting an answer in the reader's area, soonest due first, with time left in words. */
export async function policeQueue(ctx: PoliceRequestContext, request: FastifyRequest) {
  const actor = getActor(request)
  authorizeGate(actor, 'police-requests')
  const laIds = grantedLaIds(actor, 'police-request.answer')
  const now = ctx.now()
  return audited(ctx.db, async (trx) => {
    const rows = await store.awaitingAnswer(trx, actor.agencyId, laIds)
    const open = await openable(trx, request, 'police-request.answer', rows)
    const listed = open.map((row) => ({ ...row, timeLeft: answerTimeLeft(row, now) }))
    // The overdue first (most overdue first), then the rest soonest due first.
    return {
      overdue: listed.filter((row) => isOverdue(row, now)),
      awaiting: listed.filter((row) => !isOverdue(row, now)),
    }
  })
}

/** The requests the reader made, latest first, while they may still ask about each child. */
export async function requestsMade(ctx: PoliceRequestContext, request: FastifyRequest) {
  const actor = getActor(request)
  authorizeGate(actor, 'police-requests-made')
  const now = ctx.now()
  return audited(ctx.db, async (trx) => {
    const rows = await store.madeBy(trx, `${actor.kind}:${actor.id}`)
    const open = await openable(trx, request, 'police-request.make', rows)
    return open.map((row) => ({ ...row, timeLeft: answerTimeLeft(row, now) }))
  })
}
