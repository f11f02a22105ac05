// The front door's steps, shared by the pages and the API: what every step needs, and reading a
// referral or a queue. Each step is one transaction: the access check and its audit, the change, and
// the events on the child's chronology commit together or not at all. The steps that change a
// referral are in intake.ts, matching.ts, triage.ts and decision.ts.

import type { FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { callerOf } from '../identity/index.ts'
import type { LocalAuthority, PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import { audited, authorize, type Caller, consult } from '../platform/access/guard.ts'
import { decide, type ReferralResource } from '../platform/access/policy.ts'
import { RequestError } from '../platform/http/errors.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import type { EmailSender } from '../platform/notify/email.ts'
import { authorizeReferralRead, may, queueAction, referralById, referralResource } from './access.ts'
import type { IntakeBatcher } from './intake-batch.ts'
import { type Routing, SENDER_STATUS_LABELS } from './rules.ts'
import { OUTCOMES, type ReferralInput } from './schemas.ts'
import * as store from './store.ts'

export interface FrontDoorContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  emailSender: EmailSender
  now: () => Date
  log: { error(details: object, message: string): void }
  intake: IntakeBatcher<IncomingReferral, Received>
}

export interface Received {
  referral: store.ReferralRow
  outOfHours: Routing['outOfHours']
  /** True when this idempotency key was used before with the same request: nothing new was created. */
  replayed: boolean
  /** The sender's own referral about the same child sent minutes before, if any (not on a replay). */
  possibleDuplicateOf?: EarlierReferral
}

/** A sender's earlier referral, as a resubmission names it. */
export type EarlierReferral = { id: string; number: number }

/** A valid referral waiting for its batch's transaction (see intake-batch.ts). */
export interface IncomingReferral {
  caller: Caller
  input: ReferralInput
  la: LocalAuthority
  receivedAt: Date
  idempotencyKey: string
  fingerprint: string
  /** Refuse with PossibleDuplicate, storing nothing, when the sender sent one minutes before. */
  holdPossibleDuplicate: boolean
}

export const check = (problems: FieldProblem[]) => {
  if (problems.length > 0) throw new InvalidInput(problems)
}

// ---------------------------------------------------------------------------
// Reading

export interface ReferralRecord {
  referral: store.ReferralRow
  /** The agencies' contributions the reader may read ... */
  contributions: store.MatContributionRow[]
  /** ... and those their marking withholds from the reader (shown only as withheld). */
  withheldContributions: store.MatContributionRow[]
  decision: store.ThresholdDecisionRow | undefined
  /** False for the referrer: they see the outcome and feedback, not the triage. */
  frontDoorView: boolean
  /** Whether the actor may open the matched child's record (triage partners and referrers may not). */
  mayOpenChild: boolean
  resource: ReferralResource
}

/** The referral as this actor may see it; the look is audited like any read of a child's data. */
export async function viewReferral(
  ctx: FrontDoorContext,
  caller: Caller,
  id: string,
): Promise<ReferralRecord> {
  return audited(ctx.db, async (trx) => {
    const referral = await referralById(trx, id)
    const resource = await authorizeReferralRead(trx, caller, referral)
    const frontDoorView = (['referral.screen', 'mat.contribute', 'referral.decide'] as const).some((action) =>
      may(caller.actor, action, resource),
    )
    const contributions = frontDoorView ? await store.listMatContributions(trx, id) : []
    const readable = (c: store.MatContributionRow) =>
      decide(caller.actor, 'part.view', {
        kind: 'part',
        of: { action: 'referral.view', resource },
        agencyId: c.agency_id,
        marking: c.marking,
      }).allowed
    return {
      referral,
      contributions: contributions.filter(readable),
      withheldContributions: contributions.filter((c) => !readable(c)),
      decision: await store.findDecision(trx, id),
      frontDoorView,
      mayOpenChild: resource.child ? decide(caller.actor, 'child.view', resource.child).allowed : false,
      resource,
    }
  })
}

export interface QueueFilter {
  laIds: readonly string[]
  queue?: store.QueueRow['queue']
}

/** The work queue of the LAs this actor screens or triages for (all asked-for LAs must be theirs). */
export async function viewQueue(
  ctx: Pick<FrontDoorContext, 'db'>,
  caller: Caller,
  filter: QueueFilter,
): Promise<store.QueueRow[]> {
  return audited(ctx.db, async (trx) => {
    const actions = filter.laIds.map((laId) => {
      const action = queueAction(caller.actor, laId)
      authorize(trx, {
        ...caller,
        action,
        resource: { kind: 'la', laId },
        detail: { queue: filter.queue ?? 'all' },
      })
      return action
    })
    // A MAT practitioner who may not screen sees the MAT queue only.
    const queue = actions.includes('mat.contribute') ? 'mat' : filter.queue
    return store.listQueue(trx, { ...filter, queue })
  })
}

/** The LAs whose queues this actor works: every LA for a partnership-wide grant. */
export function queueLas(actor: Actor, partnership: PartnershipConfig): LocalAuthority[] {
  return partnership.local_authorities.filter((la) =>
    (['referral.screen', 'mat.contribute'] as const).some((action) =>
      may(actor, action, { kind: 'la', laId: la.id }),
    ),
  )
}

type Lists = Pick<FrontDoorContext, 'db' | 'partnership'>

/** Every open referral of the queues this actor works (none when they work none), due first. */
export async function openReferralsFor(ctx: Lists, request: FastifyRequest): Promise<store.QueueRow[]> {
  const caller = callerOf(request)
  const laIds = queueLas(caller.actor, ctx.partnership).map((la) => la.id)
  return laIds.length === 0 ? [] : viewQueue(ctx, caller, { laIds })
}

export interface SentReferral extends store.SentReferralRow {
  /** What happened, in words: the outcome once decided. */
  outcomeLabel: string
}

/**
 * The referrals this person sent, newest first, with each outcome: each one the policy lets them read
 * (a referrer's own, whatever the child's record), decided and audited like opening it.
 */
export async function sentReferralsFor(
  ctx: Lists,
  request: FastifyRequest,
  limit = 200,
): Promise<SentReferral[]> {
  const caller = callerOf(request)
  return audited(ctx.db, async (trx) => {
    const rows = await store.listSentBy(trx, `${caller.actor.kind}:${caller.actor.id}`, limit)
    const readable: SentReferral[] = []
    for (const row of rows) {
      const resource = await referralResource(trx, row)
      const access = { ...caller, action: 'referral.view', resource, detail: { referralId: row.id } } as const
      if (!consult(trx, access).allowed) continue
      const outcomeLabel = row.outcome ? OUTCOMES[row.outcome] : SENDER_STATUS_LABELS.sent
      readable.push({ ...row, outcomeLabel })
    }
    return readable
  })
}

/** The referral locked for a step that needs it undecided: a decided one is a conflict (409). */
export async function lockOpenReferral(trx: Transaction<DB>, id: string) {
  const referral = await referralById(trx, id, { lock: true })
  if (referral.status === 'decided')
    throw new RequestError(409, 'A decision has already been made on this referral', 'referralId')
  return referral
}
