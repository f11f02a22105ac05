// The one place every read or change of personal data goes through: decide, then audit.
//
//   await audited(db, async (trx) => {
//     const child = await getChildResource(trx, childId) // from the children capability
//     authorize(trx, { ...accessFrom(request), action: 'child.view', resource: child })
//     return readTheRecord(trx, childId)
//   })
//
// The transaction's allowed decisions are appended to the audit together, in one statement just
// before it commits (so its chain's head is locked only for the append and the commit); a read-only
// step's, just after, grouped with other reads' (`readOnly`). A refusal
// rolls the work back and is then appended in a transaction of its own, so the attempt stays on record.

import type { FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import { type AuditEntry, appendAuditEvents, appendReadAuditEvents } from '../audit/log.ts'
import type { PlatformDB } from '../db/schema.ts'
import { RequestError } from '../http/errors.ts'
import type { Actor, RoleGrant } from './actor.ts'
import { type Gate, gateRefusal } from './gates.ts'
import { decideGrant, type GrantingAgency } from './grants.ts'
import {
  type Action,
  breakGlassOffered,
  type ChildResource,
  type Decision,
  decide,
  type MeetingResource,
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

/** Who is asking, and from where (for the audit): what a use case is called with. */
export interface Caller {
  actor: Actor
  origin: RequestOrigin
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
  /** Appended with the transaction's commit: permits, and refusals the step answered itself (`consult`). */
  committed: AuditEntry[]
  /** Refusals `consult` answered: if the transaction fails, they are appended with `refused` instead. */
  answered: AuditEntry[]
  refused: AuditEntry[]
}

const ledgers = new WeakMap<Transaction<PlatformDB>, Ledger>()

export type AuditedOptions =
  | {
      /**
       * Take the audit chain's head even when no decision was recorded, for a step that decides only
       * about the records it finds: its time then does not tell a caller whether it found one.
       */
      uniformTiming?: boolean
      readOnly?: false
    }
  | {
      /**
       * A step that only reads (a record's page): its work runs in a read-only transaction, and its
       * decisions are appended as soon as it ends, together with other reads ending then (audit/log.ts
       * `appendReadAuditEvents`), before the step returns: what it read is answered only once on record.
       */
      readOnly: true
      uniformTiming?: false
    }

/** Runs `work` in a transaction whose decisions (through `authorize`) are audited with it. */
export async function audited<T, Schema extends PlatformDB = PlatformDB>(
  db: Kysely<Schema>,
  work: (trx: Transaction<Schema>) => Promise<T>,
  options: AuditedOptions = {},
): Promise<T> {
  const ledger: Ledger = { committed: [], answered: [], refused: [] }
  let done = false
  try {
    const transaction = options.readOnly ? db.transaction().setAccessMode('read only') : db.transaction()
    const result = await transaction.execute(async (trx) => {
      ledgers.set(platformView(trx), ledger)
      const result = await work(trx)
      if (!options.readOnly)
        await appendAuditEvents(platformView(trx), ledger.committed, {
          evenIfNone: options.uniformTiming ?? false,
        })
      return result
    })
    if (options.readOnly) await appendReadAuditEvents(platformRoot(db), ledger.committed)
    done = true
    return result
  } finally {
    const unrecorded = done ? ledger.refused : [...ledger.answered, ...ledger.refused]
    if (unrecorded.length > 0)
      await db.transaction().execute((trx) => appendAuditEvents(platformView(trx), unrecorded))
  }
}

/**
 * The same transaction typed by the platform's own tables. `Schema` extends PlatformDB, so they are
 * there as declared; TypeScript cannot see that through Kysely's types for a generic `Schema`.
 */
function platformView<Schema extends PlatformDB>(trx: Transaction<Schema>): Transaction<PlatformDB> {
  return trx as unknown as Transaction<PlatformDB>
}

/** The database typed by the platform's own tables, as `platformView` (the same object: reads group by it). */
function platformRoot<Schema extends PlatformDB>(db: Kysely<Schema>): Kysely<PlatformDB> {
  return db as unknown as Kysely<PlatformDB>
}

/**
 * Decides and records. Returns the permit, or throws RequestError: 401 without an actor, 404 where
 * the record's existence must not leak, 403 with the policy's reason otherwise.
 */
export function authorize<A extends Action>(trx: Transaction<PlatformDB>, access: Access<A>): Permit {
  return settle(trx, withCleanReason(access), decideAccess, true)
}

/**
 * As `authorize`, for the page that asks for a step before it is taken (a form): only a refusal is
 * recorded; the step, when taken, is decided and recorded again.
 */
export function authorizeAsking<A extends Action>(trx: Transaction<PlatformDB>, access: Access<A>): Permit {
  return settle(trx, withCleanReason(access), decideAccess, false)
}

/**
 * The role-only gate of a page or list that comes before any one record (policy.ts `GATES`): 401
 * without an actor, 403 with the policy's words for whoever may never take its actions. It opens no
 * record or area's data, so it is not audited; what lies beyond it is decided record by record.
 */
export function authorizeGate(actor: Actor | null, gate: Gate): Actor {
  if (!actor) throw new RequestError(401, 'Sign in first')
  const refused = gateRefusal(actor, gate)
  if (refused !== undefined) throw new RequestError(403, refused)
  return actor
}

/**
 * Decides and records like `authorize`, but returns a refusal instead of throwing, for a step that
 * answers it in its own way and goes on (shared-event intake treats a child the sender may not know
 * of as a child masa does not know). The refusal is appended with the transaction's commit, so the
 * answer costs no transaction of its own that a caller could time.
 */
export function consult<A extends Action>(trx: Transaction<PlatformDB>, access: Access<A>): Decision {
  const { ledger, decision, entry } = decideAndRecord(trx, withCleanReason(access), decideAccess, true)
  if (!decision.allowed) {
    ledger.committed.push(entry)
    ledger.answered.push(entry)
  }
  return decision
}

/**
 * As `authorize`, for giving a role: may the actor give this role, in this area, to a member of this
 * agency (policy.ts `decideGrant`)? Only a refusal is recorded (as user.administer on the agency):
 * what was given is in the change's own entry, which `authorize` records.
 */
export function authorizeGrant(
  trx: Transaction<PlatformDB>,
  access: Pick<Access, 'actor' | 'origin' | 'detail'>,
  agency: GrantingAgency,
  grant: RoleGrant,
): Permit {
  const resource = { kind: 'agency', agencyId: agency.id } as const
  const detail = { ...access.detail, grant: { role: grant.role, laId: grant.laId } }
  const attempt = { ...access, action: 'user.administer', resource, detail } as const
  return settle(trx, attempt, (actor) => decideGrant(actor, agency, grant), false)
}

/**
 * A step the service takes by itself on a record, with no one asking (a grant reaching its end date):
 * recorded with the transaction's commit as the service's own, in the record's audit trail.
 */
export function recordServiceStep<A extends Action>(
  trx: Transaction<PlatformDB>,
  step: {
    job: string
    action: A
    resource: ResourceFor<A>
    reason: string
    detail?: Record<string, unknown>
  },
): void {
  const ledger = ledgers.get(trx)
  if (!ledger) throw new Error('recordServiceStep() needs a transaction opened by audited()')
  ledger.committed.push({
    actorKind: 'system',
    actorId: `masa:${step.job}`,
    agencyId: 'masa',
    action: step.action,
    ...auditedAs(step.resource),
    outcome: 'allowed',
    basis: null,
    reason: step.reason,
    lawfulBasis: null,
    breakGlassReason: null,
    ip: '',
    requestId: step.job,
    detail: step.detail ?? {},
  })
}

type Decider = (actor: Actor, access: Access) => Decision

function settle(
  trx: Transaction<PlatformDB>,
  access: Access,
  decideFor: Decider,
  recordAllowed: boolean,
): Permit {
  const { ledger, decision, entry, actor } = decideAndRecord(trx, access, decideFor, recordAllowed)
  if (decision.allowed) return decision
  ledger.refused.push(entry)
  if (decision.hideExistence) throw new RequestError(404, 'Not found')
  const child = childAbout(access.resource)
  if (!child) throw new RequestError(403, decision.reason)
  throw new AccessRefused(decision.reason, {
    childId: child.childId,
    laId: child.laId,
    breakGlass: breakGlassOffered(actor, access.action, access.resource),
  })
}

const withCleanReason = <A extends Action>(access: Access<A>): Access<A> => ({
  ...access,
  breakGlassReason: cleanText(access.breakGlassReason),
})

const decideAccess: Decider = (actor, access) =>
  decide(actor, access.action, access.resource, { breakGlassReason: access.breakGlassReason })

function decideAndRecord(
  trx: Transaction<PlatformDB>,
  access: Access,
  decideFor: Decider,
  recordAllowed: boolean,
) {
  const ledger = ledgers.get(trx)
  if (!ledger) throw new Error('authorize() needs a transaction opened by audited()')
  const { actor } = access
  if (!actor) throw new RequestError(401, 'Sign in first')
  const given = access.breakGlassReason
  // A reason given earlier in the session for this child keeps opening it; each use is audited with it.
  const breakGlassReason = given ?? rememberedBreakGlass(actor, access.resource)
  const decision = decideFor(actor, { ...access, breakGlassReason })
  const entry = auditEntry(actor, { ...access, breakGlassReason }, decision, given !== undefined)
  if (decision.allowed && recordAllowed) ledger.committed.push(entry)
  return { ledger, decision, entry, actor }
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

const MAX_TEXT = 2000

/** Invisible characters (zero-width spaces, control characters) and runs of white space count for nothing. */
function cleanText(value: string | undefined): string | undefined {
  const text = value
    ?.replace(/[\p{Cf}\p{Cc}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_TEXT)
  return text ? text : undefined
}

function auditEntry(actor: Actor, access: Access, decision: Decision, reasonGiven: boolean): AuditEntry {
  // A break-glass reason is kept when it opened the record or was given and refused; unused, it is noise.
  const breakGlassUsed = decision.allowed ? decision.basis === 'break-glass' : reasonGiven
  const meeting = meetingOf(access.resource)
  const allegation =
    access.resource.kind === 'allegation' ? { allegationId: access.resource.allegationId } : {}
  const disagreement = access.resource.kind === 'disagreement' ? access.resource.disagreementId : undefined
  const review = access.resource.kind === 'review' ? { reviewId: access.resource.reviewId } : {}
  const caseAudit = access.resource.kind === 'case-audit' ? { caseAuditId: access.resource.caseId } : {}
  return {
    actorKind: actor.kind,
    actorId: actor.id,
    agencyId: actor.agencyId,
    action: access.action,
    ...auditedAs(access.resource),
    outcome: decision.allowed ? 'allowed' : 'denied',
    basis: decision.allowed ? decision.basis : null,
    reason: decision.reason,
    lawfulBasis: cleanText(access.lawfulBasis) ?? null,
    breakGlassReason: breakGlassUsed ? (access.breakGlassReason ?? null) : null,
    ip: access.origin.ip,
    requestId: access.origin.requestId,
    detail: {
      ...(meeting ? { meetingId: meeting.meetingId } : {}),
      ...(disagreement ? { disagreementId: disagreement } : {}),
      ...allegation,
      ...review,
      ...caseAudit,
      ...scrutinyGrantOf(actor, access.resource, decision),
      ...access.detail,
    },
  }
}

/** A read a scrutiny grant opened is audited with the grant and its purpose. */
function scrutinyGrantOf(actor: Actor, resource: Resource, decision: Decision) {
  const child = decision.allowed && decision.basis === 'scrutiny-grant' ? childAbout(resource) : undefined
  const opening = child && actor.scrutinyGrants?.get(child.childId)
  return opening ? { scrutinyGrantId: opening.grantId, purpose: opening.purpose } : {}
}

/**
 * What the audit names: a referral is entered against its child once matched (every look at a
 * child's data is in the child's trail), before that against its LA; callers add the referral's id.
 * A meeting, or a part of a record, is entered as a read of the record of the child it is about.
 */
function auditedAs(resource: Resource): Pick<AuditEntry, 'resourceKind' | 'resourceId' | 'childId'> {
  switch (resource.kind) {
    case 'child':
      return { resourceKind: 'child', resourceId: resource.childId, childId: resource.childId }
    case 'referral':
      return resource.child
        ? auditedAs(resource.child)
        : { resourceKind: 'la', resourceId: resource.laId, childId: null }
    case 'la':
      return { resourceKind: 'la', resourceId: resource.laId, childId: null }
    case 'agency':
      return { resourceKind: 'agency', resourceId: resource.agencyId, childId: null }
    case 'partnership':
      return { resourceKind: 'partnership', resourceId: null, childId: null }
    case 'meeting':
    case 'disagreement':
    case 'screening':
    case 'review':
    case 'move':
    case 'case-audit':
    case 'scrutiny':
      return auditedAs(resource.child)
    case 'allegation':
      return { resourceKind: 'la', resourceId: resource.laId, childId: null }
    case 'part':
    case 'own-part':
      return auditedAs(resource.of.resource)
  }
}

/** The child a record, a matched referral, a meeting, a review or a part of one is about. */
function childAbout(resource: Resource): ChildResource | undefined {
  switch (resource.kind) {
    case 'child':
      return resource
    case 'referral':
    case 'meeting':
    case 'disagreement':
    case 'screening':
    case 'review':
      return resource.child ?? undefined
    case 'part':
    case 'own-part':
      return childAbout(resource.of.resource)
    default:
      return undefined
  }
}

function meetingOf(resource: Resource): MeetingResource | undefined {
  if (resource.kind === 'meeting') return resource
  if (resource.kind === 'part' && resource.of.action === 'meeting.view') return resource.of.resource
  return undefined
}
