// Intake: a referral from the form or the API is checked, routed to its LA and queue, stored and
// put on the chronology (referral.received, referral.routed). Referrals arriving together share one
// transaction (intake-batch.ts).

import type { Insertable, Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { getLa, isWithinOperatingHours, type PartnershipConfig } from '../partnership/config.ts'
import type { Actor } from '../platform/access/actor.ts'
import { authorize, type Caller } from '../platform/access/guard.ts'
import { isWorkingDay, toIsoDate } from '../platform/calendar/working-days.ts'
import { type DomainEvent, recordEvents } from '../platform/events/event.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { IntakeBatcher, type Outcome, refusalOf } from './intake-batch.ts'
import {
  type BeingSent,
  childLaId,
  earlierAboutSameChild,
  formatReferralNumber,
  normaliseReferral,
  RESUBMISSION_MINUTES,
  ROUTE_LABELS,
  type Routing,
  referralProblems,
  requestFingerprint,
  routeReferral,
} from './rules.ts'
import type { ReferralInput } from './schemas.ts'
import * as store from './store.ts'
import type { ReferralTable } from './tables.ts'
import {
  check,
  type EarlierReferral,
  type FrontDoorContext,
  type IncomingReferral,
  type Received,
} from './workflow.ts'

/** A referral held back: its sender sent one about the same child minutes ago. */
export class PossibleDuplicate extends Error {
  constructor(readonly first: EarlierReferral) {
    super('A referral about this child was sent minutes ago')
  }
}

/**
 * Receives a referral, naming the caller's own referral about the same child sent minutes before
 * (`possibleDuplicateOf`); with `holdPossibleDuplicate` such a referral is not stored but refused
 * with PossibleDuplicate, for the sender to confirm.
 */
export async function receiveReferral(
  ctx: FrontDoorContext,
  caller: Caller,
  raw: ReferralInput,
  idempotencyKey: string,
  { holdPossibleDuplicate = false } = {},
): Promise<Received> {
  const receivedAt = ctx.now()
  const input = normaliseReferral(raw)
  check(referralProblems(input, ctx.partnership, toIsoDate(receivedAt)))
  const la = getLa(ctx.partnership, childLaId(input, ctx.partnership))
  const fingerprint = requestFingerprint(raw)
  return ctx.intake.submit({
    caller,
    input,
    la,
    receivedAt,
    idempotencyKey,
    fingerprint,
    holdPossibleDuplicate,
  })
}

const clientIdOf = (actor: Actor) => `${actor.kind}:${actor.id}`

/** Where checked referrals wait for their batch's transaction, stored by storeReferrals. */
export const referralIntake = (db: Kysely<DB>, partnership: PartnershipConfig) =>
  new IntakeBatcher<IncomingReferral, Received>(db, (trx, batch) => storeReferrals(trx, partnership, batch))

/**
 * Stores a batch of referrals with a handful of multi-row statements. A referral this caller may not
 * send, one held as a resubmission, or one whose idempotency key was used before, is left out of
 * every write.
 */
export async function storeReferrals(
  trx: Transaction<DB>,
  partnership: PartnershipConfig,
  batch: readonly IncomingReferral[],
): Promise<Outcome<Received>[]> {
  const outcomes: Outcome<Received>[] = []
  const permitted: Entry[] = []
  batch.forEach((incoming, index) => {
    const { caller, la } = incoming
    const refusal = refusalOf(() =>
      authorize(trx, { ...caller, action: 'referral.create', resource: { kind: 'la', laId: la.id } }),
    )
    if (refusal) outcomes[index] = { ok: false, error: refusal }
    else permitted.push({ index, incoming })
  })
  const accepted = await checkResubmissions(trx, permitted, outcomes)
  // A batch is gathered within milliseconds: its first referral's day stands for all (live plans).
  const today = toIsoDate(batch[0]?.receivedAt ?? new Date())
  const children = await store.findChildrenForReferrals(
    trx,
    accepted.map(({ incoming }) => incoming.input.child),
    today,
  )
  const routed = accepted.map(({ index, incoming, earlier }, k) => {
    const child = children[k]
    const routing = routeIncoming(partnership, incoming, child?.hasLiveCpPlan ?? false)
    return { index, incoming, earlier, child, routing, row: referralRow(incoming, child, routing) }
  })
  const inserted = await store.insertReferrals(
    trx,
    routed.map(({ row }) => row),
  )
  const events: DomainEvent[] = []
  for (const { index, incoming, earlier, routing, row } of routed) {
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
    const received = { referral, outOfHours: routing.outOfHours, replayed: false }
    outcomes[index] = { ok: true, value: earlier ? { ...received, possibleDuplicateOf: earlier } : received }
  }
  await recordEvents(trx, events)
  return outcomes
}

type Entry = { index: number; incoming: IncomingReferral }

/**
 * Each referral with its sender's earlier one about the same child, if sent minutes before; one whose
 * sender asked to hold such a referral gets PossibleDuplicate as its outcome and is left out.
 */
async function checkResubmissions(
  trx: Transaction<DB>,
  permitted: readonly Entry[],
  outcomes: Outcome<Received>[],
) {
  const earlier = await earlierReferrals(
    trx,
    permitted.map(({ incoming }) => incoming),
  )
  return permitted.flatMap((entry, k) => {
    const first = earlier[k]
    if (first && entry.incoming.holdPossibleDuplicate) {
      outcomes[entry.index] = { ok: false, error: new PossibleDuplicate(first) }
      return []
    }
    return [{ ...entry, earlier: first }]
  })
}

/** For each referral, its sender's earlier one about the same child, if sent minutes before. */
async function earlierReferrals(trx: Transaction<DB>, referrals: readonly IncomingReferral[]) {
  const sending: BeingSent[] = referrals.map((incoming) => ({
    clientId: clientIdOf(incoming.caller.actor),
    child: incoming.input.child,
    idempotencyKey: incoming.idempotencyKey,
    receivedAt: incoming.receivedAt,
  }))
  const earliest = Math.min(...sending.map(({ receivedAt }) => receivedAt.getTime()))
  const sent = await store.findRecentAboutChildren(
    trx,
    sending.map(({ clientId }) => clientId),
    sending.map(({ child }) => child),
    new Date(earliest - RESUBMISSION_MINUTES * 60_000),
  )
  return sending.map((referral) => earlierAboutSameChild(sent, referral))
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
    client_id: clientIdOf(actor),
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
      summary: `${number} routed to ${ROUTE_LABELS[routing.queue]}${routing.outOfHours ? ' (received out of hours)' : ''}; decision due by ${govukDate(routing.decisionDueBy)}`,
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
