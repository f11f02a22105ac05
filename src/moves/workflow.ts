// Moves' use cases, each one audited transaction decided by the policy: the placing LA records a
// child's move to another LA (kept first; the host is told after commit, by `notifyHosts`), the
// placing and host LAs read it with its risk assessment, the host acknowledges it (signed in, or an
// LA outside the partnership through its emailed link), the list of moves in and out, and the
// escalation of acknowledgements overdue (`escalateOverdue`).

import { createHash, randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { getChildResource, getChildResources, involveAgencies } from '../children/index.ts'
import type { DB } from '../database.ts'
import { emailOfPerson, peopleWithRoles } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import {
  audited,
  authorize,
  authorizeAsking,
  authorizeGate,
  type Caller,
  consult,
  type RequestOrigin,
} from '../platform/access/guard.ts'
import type { ChildResource, MoveResource } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import { enqueueWebhook } from '../platform/webhooks/store.ts'
import {
  acknowledgeBy,
  hostAreaId,
  hostOf,
  hostsFor,
  isOverdue,
  LINK_LIFETIME_MS,
  laAgencyOf,
  outsideSubscriberId,
  WHO_MOVED,
} from './rules.ts'
import { acknowledgementCheck, type MoveInput, moveCheck } from './schemas.ts'
import * as store from './store.ts'

export interface MovesContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

const notFound = () => new RequestError(404, 'Not found')
const laName = (ctx: MovesContext, laId: string) =>
  ctx.partnership.local_authorities.find((la) => la.id === laId)?.name ?? laId

export const moveResource = (row: store.MoveRow, child: ChildResource): MoveResource => ({
  kind: 'move',
  moveId: row.id,
  child,
  laId: row.placing_la_id,
  hostLaId: hostAreaId(row),
})

// ---------------------------------------------------------------------------
// Recording a move

/** The form: the child's name and the LAs with a point of contact, for whoever may record a move. */
export const moveForm = (ctx: MovesContext, caller: Caller, childId: string) =>
  audited(ctx.db, async (trx) => {
    if (!isUuid(childId)) throw notFound()
    const child = await getChildResource(trx, childId)
    authorizeAsking(trx, { ...caller, action: 'move.record', resource: child })
    const row = await store.childOf(trx, childId)
    return {
      childId,
      childName: `${row.given_name} ${row.family_name}`,
      hosts: hostsFor(ctx.partnership, child.laId),
    }
  })

function hostProblems(ctx: MovesContext, input: Partial<MoveInput>, placingLaId: string): FieldProblem[] {
  if (!input.hostDfeCode || !/^\d{3}$/.test(input.hostDfeCode)) return []
  const allowed = hostsFor(ctx.partnership, placingLaId).some((host) => host.dfe_code === input.hostDfeCode)
  return allowed
    ? []
    : [
        {
          field: 'hostDfeCode',
          text: 'Select a local authority with a point of contact, other than the child’s own',
        },
      ]
}

/**
 * The placing LA records the move with its exploitation risk assessment. Kept, with the child's
 * chronology entry and the host LA involved, in one audited transaction; the host is told after it
 * commits (`notifyHosts`), so the move never waits on an email or a webhook.
 */
export const recordMove = (ctx: MovesContext, caller: Caller, childId: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    if (!isUuid(childId)) throw notFound()
    const child = await getChildResource(trx, childId)
    authorize(trx, { ...caller, action: 'move.record', resource: child })
    const sent = checkedInput(moveCheck, input, hostProblems(ctx, input as Partial<MoveInput>, child.laId))
    const host = hostOf(ctx.partnership, sent.hostDfeCode)
    if (!host) throw notFound()
    const at = ctx.now()
    const move = await store.insertMove(trx, {
      child_id: childId,
      placing_la_id: child.laId,
      host_dfe_code: host.dfeCode,
      host_la_id: host.laId,
      host_la_name: host.name,
      moved_on: sent.movedOn,
      who_moved: sent.whoMoved,
      reason: sent.reason.trim(),
      risk_level: sent.riskLevel,
      risk_summary: sent.riskSummary.trim(),
      contact_name: host.contact.contact_name,
      contact_email: host.contact.email,
      acknowledge_by: acknowledgeBy(at),
      recorded_by: `${caller.actor.kind}:${caller.actor.id}`,
      recorded_by_name: caller.actor.displayName,
      recorded_agency_id: caller.actor.agencyId,
      recorded_at: at,
    })
    const hostAgency = host.laId ? laAgencyOf(ctx.partnership, host.laId) : undefined
    if (hostAgency) await involveAgencies(trx, childId, [hostAgency], 'move', 'a child moved into its area')
    await recordEvent(trx, {
      type: 'move.recorded',
      childId,
      laId: child.laId,
      agencyId: caller.actor.agencyId,
      actorId: caller.actor.id,
      summary: `Moved to ${host.name}: ${WHO_MOVED[sent.whoMoved].toLowerCase()}`,
      payload: { moveId: move.id, hostDfeCode: host.dfeCode },
    })
    return move
  })

// ---------------------------------------------------------------------------
// Reading and acknowledging

async function readIn(trx: Transaction<DB>, ctx: MovesContext, caller: Caller, move: store.MoveRow) {
  const child = await getChildResource(trx, move.child_id)
  const resource = moveResource(move, child)
  authorize(trx, { ...caller, action: 'move.view', resource, detail: { moveId: move.id } })
  const row = await store.childOf(trx, move.child_id)
  return {
    move,
    childName: `${row.given_name} ${row.family_name}`,
    dateOfBirth: row.date_of_birth,
    placingLaName: laName(ctx, move.placing_la_id),
    mayAcknowledge:
      move.acknowledged_at === null &&
      consult(trx, { ...caller, action: 'move.acknowledge', resource }).allowed,
    overdue: isOverdue(move, ctx.now()),
  }
}

/** A move with its risk assessment, for the placing and host LAs' staff; 404 for anyone else. */
export const readMove = (ctx: MovesContext, caller: Caller, id: string) =>
  audited(ctx.db, async (trx) => {
    const move = isUuid(id) ? await store.findMove(trx, id) : undefined
    if (!move) throw notFound()
    return readIn(trx, ctx, caller, move)
  })

async function acknowledgeIn(
  trx: Transaction<DB>,
  ctx: MovesContext,
  caller: Caller,
  move: store.MoveRow,
  input: unknown,
) {
  const child = await getChildResource(trx, move.child_id)
  authorize(trx, {
    ...caller,
    action: 'move.acknowledge',
    resource: moveResource(move, child),
    detail: { moveId: move.id },
  })
  const { note } = checkedInput(acknowledgementCheck, input)
  if (move.acknowledged_at) throw new RequestError(409, 'This move is already acknowledged')
  await store.acknowledge(trx, move.id, caller.actor.displayName, note?.trim() || null, ctx.now())
  await recordEvent(trx, {
    type: 'move.acknowledged',
    childId: move.child_id,
    laId: move.placing_la_id,
    agencyId: caller.actor.agencyId,
    actorId: caller.actor.id,
    summary: `Move acknowledged by ${move.host_la_name}`,
    payload: { moveId: move.id },
  })
}

/** The host LA's staff acknowledge the move (once: 409 after). */
export const acknowledgeMove = (ctx: MovesContext, caller: Caller, id: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    const move = isUuid(id) ? await store.lockMove(trx, id) : undefined
    if (!move) throw notFound()
    await acknowledgeIn(trx, ctx, caller, move, input)
  })

/** The moves into and out of the LAs the caller's grants cover, each asked of the policy (audited). */
export const moveList = (ctx: MovesContext, caller: Caller) => {
  authorizeGate(caller.actor, 'moves')
  const laIds = grantedLaIds(caller.actor, 'move.view')
  return audited(ctx.db, async (trx) => {
    const rows = await store.movesTouching(trx, laIds)
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const now = ctx.now()
    const listed = rows.flatMap((row) => {
      const child = children.get(row.child_id)
      if (!child) return []
      const resource = moveResource(row, child)
      if (!consult(trx, { ...caller, action: 'move.view', resource }).allowed) return []
      const host = row.host_la_id !== null && caller.actor.agencyLaId === row.host_la_id
      return [{ ...row, placingLaName: laName(ctx, row.placing_la_id), host, overdue: isOverdue(row, now) }]
    })
    return {
      toAcknowledge: listed.filter((row) => row.host && !row.acknowledged_at),
      movedIn: listed.filter((row) => row.host && row.acknowledged_at),
      movedOut: listed.filter((row) => !row.host),
    }
  })
}

// ---------------------------------------------------------------------------
// The link an LA outside the partnership reads and acknowledges the move through

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')
const LINK_SPENT = 'This link has expired. Ask the local authority that placed the child for a new one.'

/**
 * Who opens a move through its link, for the policy and the audit: the host LA's point of contact,
 * acting for that LA (known by its DfE code) and holding no grant but for it.
 */
const linkHolder = (move: store.MoveRow, linkId: string): Actor => ({
  kind: 'user',
  id: `move-link:${linkId}`,
  displayName: `${move.contact_name} (${move.host_la_name})`,
  agencyId: outsideSubscriberId(move.host_dfe_code),
  agencyKind: 'local-authority',
  agencyLaId: hostAreaId(move),
  grants: [{ role: 'safeguarding-manager', laId: hostAreaId(move) }],
})

async function throughLink(trx: Transaction<DB>, ctx: MovesContext, origin: RequestOrigin, token: string) {
  const link = await store.findLink(trx, hashOf(token))
  if (!link || link.expires_at <= ctx.now()) throw new RequestError(410, LINK_SPENT)
  const move = await store.lockMove(trx, link.move_id)
  if (!move) throw new RequestError(410, LINK_SPENT)
  return { move, caller: { actor: linkHolder(move, link.id), origin } }
}

export const readMoveByLink = (ctx: MovesContext, origin: RequestOrigin, token: string) =>
  audited(ctx.db, async (trx) => {
    const { move, caller } = await throughLink(trx, ctx, origin, token)
    return readIn(trx, ctx, caller, move)
  })

export const acknowledgeByLink = (ctx: MovesContext, origin: RequestOrigin, token: string, input: unknown) =>
  audited(ctx.db, async (trx) => {
    const { move, caller } = await throughLink(trx, ctx, origin, token)
    await acknowledgeIn(trx, ctx, caller, move, input)
  })

// ---------------------------------------------------------------------------
// After commit: telling the host, and escalating what is overdue

/**
 * The outbox: each move whose host is yet to be told is claimed (SKIP LOCKED), its contact's email
 * and webhook queued and the move marked, in one transaction. In the partnership the email links to
 * the move in masa (the host's staff sign in); outside it, to an expiring link made now. Emails name
 * no child.
 */
export async function notifyHosts(ctx: MovesContext, limit = 50): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const moves = await store.claimUnnotified(trx, limit)
    const at = ctx.now()
    for (const move of moves) {
      let link = `/moves/${move.id}`
      if (move.host_la_id === null) {
        const token = randomBytes(32).toString('base64url')
        const expiresAt = new Date(at.getTime() + LINK_LIFETIME_MS)
        await store.insertLink(trx, { moveId: move.id, tokenHash: hashOf(token), at, expiresAt })
        link = `/moves/shared/${token}`
      }
      await queueEmail(trx, {
        to: move.contact_email,
        templateId: 'move-into-area',
        personalisation: {
          placing_la: laName(ctx, move.placing_la_id),
          host_la: move.host_la_name,
          acknowledge_by: move.acknowledge_by,
          link,
        },
        reference: `move-${move.id}`,
      })
      const subscriber = move.host_la_id
        ? laAgencyOf(ctx.partnership, move.host_la_id)
        : outsideSubscriberId(move.host_dfe_code)
      await enqueueWebhook(trx, {
        eventId: move.id,
        type: 'move.recorded',
        occurredAt: move.recorded_at,
        agencyIds: subscriber ? [subscriber] : [],
        data: {
          moveId: move.id,
          placingLaDfeCode:
            ctx.partnership.local_authorities.find((la) => la.id === move.placing_la_id)?.dfe_code ?? null,
          hostLaDfeCode: move.host_dfe_code,
          acknowledgeBy: move.acknowledge_by,
        },
      })
      await store.markNotified(trx, move.id, at)
    }
    return moves.length
  })
}

/**
 * Acknowledgements overdue (the working day they were due by has ended) are escalated once: the
 * host LA's safeguarding managers (in the partnership), the placing LA's safeguarding managers and
 * whoever recorded the move are emailed a link to it; outside the partnership, the contact again.
 */
export async function escalateOverdue(ctx: MovesContext, limit = 50): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const at = ctx.now()
    const moves = await store.claimOverdue(trx, toIsoDate(at), limit)
    for (const move of moves) {
      const agencies = [move.host_la_id, move.placing_la_id]
        .map((laId) => (laId ? laAgencyOf(ctx.partnership, laId) : undefined))
        .filter((id): id is string => id !== undefined)
      const managers = await peopleWithRoles(trx, { roles: ['safeguarding-manager'], agencyIds: agencies })
      const recorder = await emailOfPerson(trx, move.recorded_by)
      const outside = move.host_la_id === null ? [move.contact_email] : []
      const to = new Set([...managers.map((m) => m.email), ...(recorder ? [recorder] : []), ...outside])
      for (const address of to)
        await queueEmail(trx, {
          to: address,
          templateId: 'move-acknowledgement-overdue',
          // The contact outside the partnership has no account: their first email's link still opens it.
          personalisation: {
            placing_la: laName(ctx, move.placing_la_id),
            host_la: move.host_la_name,
            acknowledge_by: move.acknowledge_by,
            ...(outside.includes(address) ? {} : { link: `/moves/${move.id}` }),
          },
          reference: `move-${move.id}`,
        })
      await store.markEscalated(trx, move.id, at)
    }
    return moves.length
  })
}

/** The moves into an LA whose next MACE meeting is this one, for its agenda (src/mace). */
export const movesInto = store.movesInto
