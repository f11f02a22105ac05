// The front door's steps, shared by the pages and the API. Each step is one transaction: the access
// check and its audit, the change, and the events on the child's chronology commit together or not at all.

import type { Insertable, Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import {
  getLa,
  isWithinOperatingHours,
  type LocalAuthority,
  type PartnershipConfig,
} from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import { audited, authorize } from '../platform/access/guard.ts'
import { decide, markingsFor, type ReferralResource } from '../platform/access/policy.ts'
import { isWorkingDay, toIsoDate } from '../platform/calendar/working-days.ts'
import { type DomainEvent, recordEvent, recordEvents } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { deliverPendingEmails, type EmailSender, queueEmail } from '../platform/notify/email.ts'
import { authorizeReferral, authorizeReferralRead, type Caller, may, queueAction } from './access.ts'
import { type IntakeBatcher, type Outcome, refusalOf } from './intake.ts'
import {
  AGENCY_KIND_LABELS,
  decisionTiming,
  formatReferralNumber,
  isMatAgencyKind,
  OUTCOMES,
  ROUTE_LABELS,
  type Routing,
  requestFingerprint,
  routeReferral,
} from './rules.ts'
import type { DecisionInput, MatContributionInput, ReferralInput } from './schemas.ts'
import * as store from './store.ts'
import type { ReferralTable } from './tables.ts'
import {
  childLaId,
  decisionProblems,
  matContributionProblems,
  normaliseReferral,
  type Problem,
  referralProblems,
} from './validation.ts'

export interface FrontDoorContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  emailSender: EmailSender
  now: () => Date
  log: { error(details: object, message: string): void }
  intake: IntakeBatcher<IncomingReferral, Received>
}

/** Bad input: the API reports the first problem (with its field), a form shows them all. */
export class InvalidInput extends RequestError {
  constructor(readonly problems: Problem[]) {
    super(400, problems[0]?.text ?? 'Invalid input', problems[0]?.field)
  }
}

const check = (problems: Problem[]) => {
  if (problems.length > 0) throw new InvalidInput(problems)
}

// ---------------------------------------------------------------------------
// Intake

export interface Received {
  referral: store.ReferralRow
  outOfHours: Routing['outOfHours']
  /** True when this idempotency key was used before with the same request: nothing new was created. */
  replayed: boolean
}

export async function receiveReferral(
  ctx: FrontDoorContext,
  caller: Caller,
  raw: ReferralInput,
  idempotencyKey: string,
): Promise<Received> {
  const receivedAt = ctx.now()
  const input = normaliseReferral(raw)
  check(referralProblems(input, ctx.partnership, toIsoDate(receivedAt)))
  const la = getLa(ctx.partnership, childLaId(input, ctx.partnership))
  const fingerprint = requestFingerprint(raw)
  return ctx.intake.submit({ caller, input, la, receivedAt, idempotencyKey, fingerprint })
}

/** A valid referral waiting for its batch's transaction (see intake.ts). */
export interface IncomingReferral {
  caller: Caller
  input: ReferralInput
  la: LocalAuthority
  receivedAt: Date
  idempotencyKey: string
  fingerprint: string
}

/**
 * Stores a batch of referrals with a handful of multi-row statements. A referral this caller may not
 * send, or whose idempotency key was used before, is left out of every write.
 */
export async function storeReferrals(
  trx: Transaction<DB>,
  partnership: PartnershipConfig,
  batch: readonly IncomingReferral[],
): Promise<Outcome<Received>[]> {
  const outcomes: Outcome<Received>[] = []
  const permitted: { index: number; incoming: IncomingReferral }[] = []
  batch.forEach((incoming, index) => {
    const { caller, la } = incoming
    const refusal = refusalOf(() =>
      authorize(trx, { ...caller, action: 'referral.create', resource: { kind: 'la', laId: la.id } }),
    )
    if (refusal) outcomes[index] = { ok: false, error: refusal }
    else permitted.push({ index, incoming })
  })
  // A batch is gathered within milliseconds: its first referral's day stands for all (live plans).
  const today = toIsoDate(batch[0]?.receivedAt ?? new Date())
  const children = await store.findChildrenForReferrals(
    trx,
    permitted.map(({ incoming }) => incoming.input.child),
    today,
  )
  const routed = permitted.map(({ index, incoming }, k) => {
    const child = children[k]
    const routing = routeIncoming(partnership, incoming, child?.hasLiveCpPlan ?? false)
    return { index, incoming, child, routing, row: referralRow(incoming, child, routing) }
  })
  const inserted = await store.insertReferrals(
    trx,
    routed.map(({ row }) => row),
  )
  const events: DomainEvent[] = []
  for (const { index, incoming, routing, row } of routed) {
    const referral = inserted.get(store.keyOf(row))
    // Claimed once, so a second referral with the same key in this batch is a replay too.
    inserted.delete(store.keyOf(row))
    if (!referral) {
      outcomes[index] = replay(await getByKey(trx, row), incoming.fingerprint, partnership)
      continue
    }
    const { actor } = incoming.caller
    // The referrer is involved with their referral and its outcome, not with the child's record.
    events.push(...intakeEvents(actor, referral, routing))
    outcomes[index] = { ok: true, value: { referral, outOfHours: routing.outOfHours, replayed: false } }
  }
  await recordEvents(trx, events)
  return outcomes
}

function routeIncoming(partnership: PartnershipConfig, incoming: IncomingReferral, hasLiveCpPlan: boolean) {
  const { la, receivedAt, input } = incoming
  return routeReferral({
    model: partnership.operating_model,
    hasLiveCpPlan,
    urgency: input.urgency,
    receivedAt,
    la,
    withinHours: isWithinOperatingHours(la, receivedAt, { isClosedDate: (d) => !isWorkingDay(d) }),
  })
}

function referralRow(
  incoming: IncomingReferral,
  child: store.ChildForReferral | undefined,
  routing: Routing,
): Insertable<ReferralTable> {
  const { actor } = incoming.caller
  return {
    ...referralColumns(incoming.input, actor),
    la_id: incoming.la.id,
    child_id: child?.id ?? null,
    route: routing.route,
    queue: routing.queue,
    priority: routing.priority,
    status: routing.status,
    had_live_cp_plan: child?.hasLiveCpPlan ?? false,
    received_at: incoming.receivedAt,
    decision_due_by: routing.decisionDueBy,
    client_id: `${actor.kind}:${actor.id}`,
    idempotency_key: incoming.idempotencyKey,
    request_hash: incoming.fingerprint,
  }
}

function referralColumns(input: ReferralInput, actor: Actor) {
  const { child, referrer } = input
  return {
    child_first_name: child.firstName,
    child_last_name: child.lastName,
    child_other_names: child.otherNames ?? null,
    child_date_of_birth: child.dateOfBirth ?? null,
    child_address: child.address ?? null,
    child_postcode: child.postcode ?? null,
    child_school: child.school ?? null,
    child_nhs_number: child.nhsNumber ?? null,
    child_upn: child.upn ?? null,
    what_happened: input.whatHappened.trim(),
    worries: input.worries.trim(),
    family_knows: input.familyKnows.trim(),
    consent: input.consent,
    lawful_basis_without_consent: input.lawfulBasisWithoutConsent ?? null,
    urgency: input.urgency,
    referral_source: input.referralSource,
    referrer_user_id: actor.id,
    referrer_name: referrer.name,
    referrer_agency_id: actor.agencyId,
    referrer_role: referrer.role,
    referrer_phone: referrer.phone ?? null,
    referrer_email: referrer.email,
    threshold_result: input.thresholdResult ? JSON.stringify(input.thresholdResult) : null,
  }
}

async function getByKey(trx: Transaction<DB>, row: { client_id: string; idempotency_key: string }) {
  const referral = await store.findReferralByKey(trx, row.client_id, row.idempotency_key)
  if (!referral) throw new Error('A referral vanished between conflict and read')
  return referral
}

function replay(
  referral: store.ReferralRow,
  fingerprint: string,
  partnership: PartnershipConfig,
): Outcome<Received> {
  if (referral.request_hash !== fingerprint)
    return {
      ok: false,
      error: new RequestError(
        409,
        'This Idempotency-Key was already used for a different referral: use a new key for a new referral',
        'Idempotency-Key',
      ),
    }
  const la = getLa(partnership, referral.la_id)
  const outOfHours =
    referral.route === 'out-of-hours'
      ? { teamName: la.out_of_hours.team_name, phone: la.out_of_hours.phone }
      : null
  return { ok: true, value: { referral, outOfHours, replayed: true } }
}

function intakeEvents(actor: Actor, referral: store.ReferralRow, routing: Routing): DomainEvent[] {
  const number = formatReferralNumber(referral.number)
  const common = {
    childId: referral.child_id,
    laId: referral.la_id,
    agencyId: actor.agencyId,
    actorId: actor.id,
    occurredAt: referral.received_at,
  }
  return [
    {
      ...common,
      type: 'referral.received',
      summary: `${referral.urgency === 'urgent' ? 'Urgent referral' : 'Referral'} ${number} received from ${referral.referrer_role}`,
      payload: {
        referralId: referral.id,
        number,
        urgency: referral.urgency,
        referralSource: referral.referral_source,
      },
    },
    {
      ...common,
      type: 'referral.routed',
      summary: `${number} routed to ${ROUTE_LABELS[routing.queue]}${routing.outOfHours ? ' (received out of hours)' : ''}; decision due by ${routing.decisionDueBy}`,
      payload: {
        referralId: referral.id,
        route: routing.route,
        queue: routing.queue,
        decisionDueBy: routing.decisionDueBy,
        hadLiveCpPlan: referral.had_live_cp_plan,
      },
    },
  ]
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
    const referral = await getReferral(trx, id)
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

async function getReferral(db: Kysely<DB> | Transaction<DB>, id: string): Promise<store.ReferralRow> {
  const referral = isUuid(id) ? await store.findReferral(db, id) : undefined
  if (!referral) throw new RequestError(404, 'There is no referral with this id', 'id')
  return referral
}

export const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

export interface QueueFilter {
  laIds: readonly string[]
  queue?: store.QueueRow['queue']
}

/** The work queue of the LAs this actor screens or triages for (all asked-for LAs must be theirs). */
export async function viewQueue(
  ctx: FrontDoorContext,
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

// ---------------------------------------------------------------------------
// Multi-agency triage

export async function contributeToMat(
  ctx: FrontDoorContext,
  caller: Caller,
  referralId: string,
  input: MatContributionInput,
): Promise<store.MatContributionRow[]> {
  const { actor } = caller
  check(matContributionProblems(input))
  if (input.marking && !markingsFor(actor.agencyKind).includes(input.marking))
    check([{ field: 'marking', text: 'Choose who may read it from the choices your agency has' }])
  return audited(ctx.db, async (trx) => {
    const referral = await lockOpenReferral(trx, referralId)
    await authorizeReferral(trx, caller, 'mat.contribute', referral, input.lawfulBasis)
    if (referral.queue !== 'mat')
      throw new RequestError(409, 'This referral is not in multi-agency triage', 'referralId')
    const kind = actor.agencyKind
    if (!isMatAgencyKind(kind)) throw new RequestError(403, 'Your agency does not take part in triage')
    const added = await store.insertMatContribution(trx, {
      referral_id: referral.id,
      agency_id: actor.agencyId,
      agency_kind: kind,
      records_hold: input.recordsHold.trim(),
      household: input.household.trim(),
      lawful_basis: input.lawfulBasis.trim(),
      marking: input.marking ?? 'standard',
      contributed_by: actor.id,
      contributed_by_name: actor.displayName,
      contributed_at: ctx.now(),
    })
    if (!added)
      throw new RequestError(
        409,
        `${AGENCY_KIND_LABELS[kind]} has already added its information`,
        'agencyKind',
      )
    // Triage opens the referral while it is open, not the child's record (platform/access/policy.ts).
    await recordEvent(trx, {
      type: 'mat.contributed',
      childId: referral.child_id,
      laId: referral.la_id,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `${AGENCY_KIND_LABELS[kind]} added what its records hold to ${formatReferralNumber(referral.number)}`,
      sensitivity:
        kind === 'police' ? 'police-restricted' : kind === 'health' ? 'health-restricted' : 'standard',
      payload: { referralId: referral.id, agencyKind: kind, lawfulBasis: input.lawfulBasis.trim() },
    })
    return store.listMatContributions(trx, referral.id)
  })
}

async function lockOpenReferral(trx: Transaction<DB>, id: string) {
  const referral = isUuid(id) ? await store.lockReferral(trx, id) : undefined
  if (!referral) throw new RequestError(404, 'There is no referral with this id', 'id')
  if (referral.status === 'decided')
    throw new RequestError(409, 'A decision has already been made on this referral', 'referralId')
  return referral
}

// ---------------------------------------------------------------------------
// The threshold decision and feedback to the referrer

export const REFERRAL_OUTCOME_TEMPLATE = 'referral-outcome'

export async function decideReferral(
  ctx: FrontDoorContext,
  caller: Caller,
  referralId: string,
  input: DecisionInput,
): Promise<store.ThresholdDecisionRow> {
  check(decisionProblems(input))
  const { actor } = caller
  const decision = await audited(ctx.db, async (trx) => {
    const referral = await lockOpenReferral(trx, referralId)
    await authorizeReferral(trx, caller, 'referral.decide', referral)
    const decidedAt = ctx.now()
    const timing = decisionTiming(referral.received_at, decidedAt, referral.decision_due_by)
    const contributions = await store.listMatContributions(trx, referral.id)
    const row = {
      referral_id: referral.id,
      outcome: input.outcome,
      reasons: input.reasons.trim(),
      level_of_need: input.levelOfNeed,
      decided_by: actor.id,
      decided_by_name: actor.displayName,
      decided_by_agency_id: actor.agencyId,
      decided_at: decidedAt,
      working_days_taken: timing.workingDaysTaken,
      within_timescale: timing.withinTimescale,
      feedback_to_referrer: input.feedbackToReferrer.trim(),
      contributing_agency_kinds: contributions.map((c) => c.agency_kind),
    }
    await store.insertDecision(trx, row)
    await store.setReferralStatus(trx, referral.id, 'decided')
    await recordDecisionEvents(trx, actor, referral, row)
    await informReferrer(trx, actor, referral, row)
    return row
  })
  await deliverPendingEmails(ctx.db, ctx.emailSender, { log: ctx.log }).catch((error: unknown) =>
    ctx.log.error({ err: error }, 'emails stay queued: delivery failed'),
  )
  return decision
}

async function recordDecisionEvents(
  trx: Transaction<DB>,
  actor: Actor,
  referral: store.ReferralRow,
  decision: store.ThresholdDecisionRow,
) {
  await recordEvent(trx, {
    type: 'threshold.decided',
    childId: referral.child_id,
    laId: referral.la_id,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary: `${formatReferralNumber(referral.number)}: ${OUTCOMES[decision.outcome]} (level ${decision.level_of_need}), ${decision.within_timescale ? 'in time' : 'late'}`,
    payload: {
      referralId: referral.id,
      outcome: decision.outcome,
      levelOfNeed: decision.level_of_need,
      workingDaysTaken: decision.working_days_taken,
      withinTimescale: decision.within_timescale,
    },
    occurredAt: decision.decided_at,
  })
}

async function informReferrer(
  trx: Transaction<DB>,
  actor: Actor,
  referral: store.ReferralRow,
  decision: store.ThresholdDecisionRow,
) {
  const number = formatReferralNumber(referral.number)
  await queueEmail(trx, {
    to: referral.referrer_email,
    templateId: REFERRAL_OUTCOME_TEMPLATE,
    reference: number,
    personalisation: {
      referrer_name: referral.referrer_name,
      referral_number: number,
      // Initials only: the email leaves the service, the full record stays in it.
      child_initials: `${referral.child_first_name.charAt(0)}${referral.child_last_name.charAt(0)}`,
      outcome: OUTCOMES[decision.outcome],
      feedback: decision.feedback_to_referrer,
      link: `/referrals/${referral.id}`,
    },
  })
  await recordEvent(trx, {
    type: 'referrer.informed',
    childId: referral.child_id,
    laId: referral.la_id,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary: `The referrer of ${number} was told the outcome, in the service and by email`,
    payload: {
      referralId: referral.id,
      channel: ['in-app', 'email'],
      referrerAgencyId: referral.referrer_agency_id,
    },
    occurredAt: decision.decided_at,
  })
}
