// The one place every read or change of personal data goes through: decide, then audit.
//
//   await audited(db, async (trx) => {
//     const child = await getChildResource(trx, childId)
//     authorize(trx, { ...accessFrom(request), action: 'child.view', resource: child })
//     return readTheRecord(trx, childId)
//   })
//
// The transaction's allowed decisions are appended to the audit together, in one statement just
// before it commits (so its chain's head is locked only for the append and the commit). A refusal
// rolls the work back and is then appended in a transaction of its own, so the attempt stays on record.

import type { FastifyRequest } from 'fastify'
import { type Kysely, sql, type Transaction } from 'kysely'
import { type AuditEntry, appendAuditEvents } from '../audit/log.ts'
import type { DB } from '../db/schema.ts'
import { RequestError } from '../http/errors.ts'
import type { Actor } from './actor.ts'
import {
  type Action,
  breakGlassOffered,
  type ChildResource,
  type Decision,
  decide,
  type MeetingResource,
  type PartResource,
  type Permit,
  type Resource,
  type ResourceFor,
  rememberedBreakGlass,
} from './policy.ts'

/** Where a request came from, for the audit. */
export interface RequestOrigin {
  ip: string
  requestId: string
}

export interface Access<A extends Action = Action> {
  actor: Actor | null
  action: A
  resource: ResourceFor<A>
  origin: RequestOrigin
  /** The lawful basis for sharing or processing, e.g. 'UK GDPR Art 6(1)(e); DPA 2018 Sch 1 para 18'. */
  lawfulBasis?: string
  /** Given by the user to open a record outside their access (reads only). */
  breakGlassReason?: string
  /** Anything else worth keeping with the entry (search criteria, a referral id ...); plain JSON. */
  detail?: Record<string, unknown>
}

interface Ledger {
  allowed: AuditEntry[]
  refused: AuditEntry[]
}

const ledgers = new WeakMap<Transaction<DB>, Ledger>()

/** Runs `work` in a transaction whose decisions (through `authorize`) are audited with it. */
export async function audited<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const ledger: Ledger = { allowed: [], refused: [] }
  try {
    return await db.transaction().execute(async (trx) => {
      ledgers.set(trx, ledger)
      const result = await work(trx)
      await appendAuditEvents(trx, ledger.allowed)
      return result
    })
  } finally {
    if (ledger.refused.length > 0)
      await db.transaction().execute((trx) => appendAuditEvents(trx, ledger.refused))
  }
}

/**
 * Decides and records. Returns the permit, or throws RequestError: 401 without an actor, 404 where
 * the record's existence must not leak, 403 with the policy's reason otherwise.
 */
export function authorize<A extends Action>(trx: Transaction<DB>, access: Access<A>): Permit {
  const ledger = ledgers.get(trx)
  if (!ledger) throw new Error('authorize() needs a transaction opened by audited()')
  const { actor } = access
  if (!actor) throw new RequestError(401, 'Sign in first')
  const given = cleanText(access.breakGlassReason)
  // A reason given earlier in the session for this child keeps opening it; each use is audited with it.
  const breakGlassReason = given ?? rememberedBreakGlass(actor, access.resource)
  const decision = decide(actor, access.action, access.resource, { breakGlassReason })
  const entry = auditEntry(actor, { ...access, breakGlassReason }, decision, given !== undefined)
  if (decision.allowed) {
    ledger.allowed.push(entry)
    return decision
  }
  ledger.refused.push(entry)
  if (decision.hideExistence) throw new RequestError(404, 'Not found')
  const child = auditedAs(access.resource)
  if (child.kind !== 'child') throw new RequestError(403, decision.reason)
  throw new AccessRefused(decision.reason, {
    childId: child.childId,
    laId: child.laId,
    breakGlass: breakGlassOffered(actor, access.action, access.resource),
  })
}

/** A refused read or change of a child's record whose existence the actor may know of. */
export class AccessRefused extends RequestError {
  constructor(
    message: string,
    /** The child, its LA (whose front door to ask), and whether a reason would open it (break-glass). */
    readonly refused: { childId: string; laId: string; breakGlass: boolean },
  ) {
    super(403, message)
  }
}

/** Who is asking and from where, for `authorize`: spread it into the access. */
export function accessFrom(request: FastifyRequest): Pick<Access, 'actor' | 'origin'> {
  return { actor: request.actor ?? null, origin: { ip: request.ip, requestId: String(request.id) } }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The child as the policy sees it: LA, marking and who is involved now. Throws 404 if there is none. */
export async function getChildResource(db: Kysely<DB>, childId: string): Promise<ChildResource> {
  const resource = UUID.test(childId) ? (await getChildResources(db, [childId])).get(childId) : undefined
  if (!resource) throw new RequestError(404, 'Not found')
  return resource
}

/** Several children as the policy sees them, by id, in one query; ids with no child are absent. */
export async function getChildResources(
  db: Kysely<DB>,
  childIds: readonly string[],
): Promise<Map<string, ChildResource>> {
  if (childIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('child')
    .select(['id', 'la_id', 'sensitivity'])
    .select([
      sql<string[]>`ARRAY(SELECT DISTINCT agency_id FROM child_involvement
        WHERE child_id = child.id AND ended_at IS NULL ORDER BY 1)`.as('agency_ids'),
      sql<string[]>`ARRAY(SELECT DISTINCT user_id::text FROM child_involvement
        WHERE child_id = child.id AND ended_at IS NULL AND user_id IS NOT NULL ORDER BY 1)`.as('user_ids'),
    ])
    .where('id', 'in', childIds)
    .execute()
  return new Map(
    rows.map((row) => [
      row.id,
      {
        kind: 'child',
        childId: row.id,
        laId: row.la_id,
        sensitivity: row.sensitivity,
        involvement: { agencyIds: row.agency_ids, userIds: row.user_ids },
      },
    ]),
  )
}

const MAX_TEXT = 2000

function cleanText(value: string | undefined): string | undefined {
  const text = value?.replaceAll('\u0000', '').trim().slice(0, MAX_TEXT)
  return text ? text : undefined
}

function auditEntry(actor: Actor, access: Access, decision: Decision, reasonGiven: boolean): AuditEntry {
  const resource = auditedAs(access.resource)
  // A break-glass reason is kept when it opened the record or was given and refused; unused, it is noise.
  const breakGlassUsed = decision.allowed ? decision.basis === 'break-glass' : reasonGiven
  const meeting = meetingOf(access.resource)
  return {
    actorKind: actor.kind,
    actorId: actor.id,
    agencyId: actor.agencyId,
    action: access.action,
    resourceKind: resource.kind,
    resourceId: resourceId(resource),
    childId: resource.kind === 'child' ? resource.childId : null,
    outcome: decision.allowed ? 'allowed' : 'denied',
    basis: decision.allowed ? decision.basis : null,
    reason: decision.reason,
    lawfulBasis: cleanText(access.lawfulBasis) ?? null,
    breakGlassReason: breakGlassUsed ? (access.breakGlassReason ?? null) : null,
    ip: access.origin.ip,
    requestId: access.origin.requestId,
    detail: { ...(meeting ? { meetingId: meeting.meetingId } : {}), ...access.detail },
  }
}

type AuditedResource = Exclude<Resource, MeetingResource | PartResource>

/** A meeting, or a part of a record, is audited as a read of the record of the child it is about. */
function auditedAs(resource: Resource): AuditedResource {
  if (resource.kind === 'meeting') return resource.child
  if (resource.kind === 'part') return auditedAs(resource.of.resource)
  return resource
}

function meetingOf(resource: Resource): MeetingResource | undefined {
  if (resource.kind === 'meeting') return resource
  if (resource.kind === 'part' && resource.of.action === 'meeting.view') return resource.of.resource
  return undefined
}

function resourceId(resource: AuditedResource): string | null {
  switch (resource.kind) {
    case 'child':
      return resource.childId
    case 'la':
      return resource.laId
    case 'agency':
      return resource.agencyId
    case 'partnership':
      return null
  }
}
