// Disruption tactics and NRM referrals' use cases, each one audited transaction through the guard:
// a MACE member, police public protection or the child's LA's own practitioner records a tactic used
// about a child (and later its outcome) or the child's NRM referral (and then the Single Competent
// Authority's decisions); whoever reads the child's exploitation records reads them; the MACE
// coordinator sees the NRM decisions awaited in their LAs, what is due first at the top. The child's
// chronology says that one was recorded, never the tactic, the decision or the outcome.

import type { Kysely, Transaction } from 'kysely'
import { getChildResource, getChildResources } from '../children/index.ts'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import {
  audited,
  authorize,
  authorizeAsking,
  authorizeGate,
  type Caller,
  consult,
} from '../platform/access/guard.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, InvalidInput, isUuid } from '../platform/http/schemas.ts'
import {
  byWhatIsDue,
  conclusiveGroundsFrom,
  dateProblem,
  disruptionTactics,
  nrmDue,
  reasonableGroundsDueBy,
} from './rules.ts'
import {
  conclusiveGroundsCheck,
  disruptionCheck,
  disruptionOutcomeCheck,
  nrmReferralCheck,
  reasonableGroundsCheck,
} from './schemas.ts'
import * as store from './store.ts'

export interface DisruptionNrmContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

const notFound = () => new RequestError(404, 'Not found')
const today = (ctx: DisruptionNrmContext): IsoDate => toIsoDate(ctx.now())
const by = (caller: Caller) => `${caller.actor.kind}:${caller.actor.id}`
const agencyName = (ctx: DisruptionNrmContext, id: string) =>
  ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id

/** The first responder organisations among the partnership's agencies: its local authorities and police forces. */
export const firstResponders = (partnership: PartnershipConfig) =>
  partnership.agencies.filter((agency) => agency.kind === 'local-authority' || agency.kind === 'police')

async function childFor(trx: Transaction<DB>, childId: string): Promise<ChildResource> {
  if (!isUuid(childId)) throw notFound()
  return getChildResource(trx, childId)
}

const field = (input: unknown, key: string): unknown => (input as Record<string, unknown> | null)?.[key]

/** A MACE discussion given with a record must be one of this child's (400 naming it otherwise). */
async function discussionProblems(
  trx: Transaction<DB>,
  childId: string,
  input: unknown,
): Promise<FieldProblem[]> {
  const id = field(input, 'discussionId')
  if (typeof id !== 'string' || !isUuid(id)) return []
  return (await store.childOfDiscussion(trx, id)) === childId
    ? []
    : [{ field: 'discussionId', text: 'The MACE discussion must be one of this child’s' }]
}

/** What the forms about a child need: the child, once the caller may record about them (a hidden child is 404). */
export async function childToRecordFor(ctx: DisruptionNrmContext, caller: Caller, childId: string) {
  return audited(ctx.db, async (trx) => {
    const child = await childFor(trx, childId)
    authorizeAsking(trx, { ...caller, action: 'disruption-nrm.record', resource: child })
    return { childId, name: await store.childName(trx, childId) }
  })
}

// ---------------------------------------------------------------------------
// Disruption tactics

/** Records a disruption tactic used about the child: which, when, by whom; on the chronology without the tactic. */
export async function recordDisruption(
  ctx: DisruptionNrmContext,
  caller: Caller,
  childId: string,
  input: unknown,
): Promise<store.DisruptionRow> {
  return audited(ctx.db, (trx) => disruptionIn(trx, ctx, caller, childId, input))
}

/**
 * Several tactics used, about one or more children, from an agency's system: all kept, or none. A
 * problem is named by its item (`items[2].usedOn`); a child hidden from the caller is not found.
 */
export async function recordDisruptions(
  ctx: DisruptionNrmContext,
  caller: Caller,
  items: readonly { childId: string }[],
): Promise<store.DisruptionRow[]> {
  return audited(ctx.db, async (trx) => {
    const rows: store.DisruptionRow[] = []
    for (const [i, item] of items.entries()) {
      try {
        const { childId, ...input } = item
        rows.push(await disruptionIn(trx, ctx, caller, childId, input))
      } catch (error) {
        if (error instanceof InvalidInput)
          throw new InvalidInput(error.problems.map((p) => ({ ...p, field: `items[${i}].${p.field}` })))
        if (error instanceof RequestError)
          throw new RequestError(error.statusCode, error.message, error.field ?? `items[${i}].childId`)
        throw error
      }
    }
    return rows
  })
}

async function disruptionIn(
  trx: Transaction<DB>,
  ctx: DisruptionNrmContext,
  caller: Caller,
  childId: string,
  input: unknown,
): Promise<store.DisruptionRow> {
  const child = await childFor(trx, childId)
  authorize(trx, { ...caller, action: 'disruption-nrm.record', resource: child })
  const tactics = disruptionTactics(ctx.partnership)
  const tacticId = field(input, 'tactic')
  const agencyId = field(input, 'usedByAgencyId')
  const used = dateProblem(field(input, 'usedOn'), today(ctx))
  const more: FieldProblem[] = [
    ...(typeof tacticId === 'string' && tacticId && !tactics.some((tactic) => tactic.id === tacticId)
      ? [{ field: 'tactic', text: 'Select the disruption tactic used' }]
      : []),
    ...(used ? [{ field: 'usedOn', text: used }] : []),
    ...(typeof agencyId === 'string' && agencyId && !ctx.partnership.agencies.some((a) => a.id === agencyId)
      ? [{ field: 'usedByAgencyId', text: 'Select the agency that used it' }]
      : []),
    ...(await discussionProblems(trx, childId, input)),
  ]
  const sent = checkedInput(disruptionCheck, input, more)
  const tactic = tactics.find((candidate) => candidate.id === sent.tactic)
  if (!tactic) throw notFound()
  const row = await store.insertDisruption(trx, {
    child_id: childId,
    la_id: child.laId,
    discussion_id: sent.discussionId ?? null,
    tactic: tactic.id,
    tactic_label: tactic.label,
    used_on: sent.usedOn,
    used_by_agency_id: sent.usedByAgencyId,
    used_by_name: sent.usedByName.trim(),
    recorded_by: by(caller),
    recorded_by_agency_id: caller.actor.agencyId,
    recorded_by_name: caller.actor.displayName,
  })
  await recordEvent(trx, {
    type: 'disruption.recorded',
    childId,
    laId: child.laId,
    agencyId: caller.actor.agencyId,
    actorId: caller.actor.id,
    summary: `A disruption tactic used by ${agencyName(ctx, sent.usedByAgencyId)} was recorded`,
    payload: { disruptionId: row.id, ...(sent.discussionId ? { discussionId: sent.discussionId } : {}) },
  })
  return row
}

/**
 * A record about a child opened for reading: the reading authorised by the policy (and audited),
 * the child's name, and whether the reader may also record (an outcome, a decision).
 */
async function openToRead(
  trx: Transaction<DB>,
  caller: Caller,
  childId: string,
  detail: Record<string, string>,
) {
  const child = await getChildResource(trx, childId)
  authorize(trx, { ...caller, action: 'disruption-nrm.view', resource: child, detail })
  return {
    childName: await store.childName(trx, childId),
    mayRecord: decide(caller.actor, 'disruption-nrm.record', child).allowed,
  }
}

/** One tactic used, for whoever reads the child's exploitation records; whether the caller may record its outcome. */
export async function readDisruption(ctx: DisruptionNrmContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findDisruption(trx, id) : undefined
    if (!row) throw notFound()
    const { childName, mayRecord } = await openToRead(trx, caller, row.child_id, { disruptionId: id })
    return { disruption: row, childName, mayRecordOutcome: mayRecord && row.outcome === null }
  })
}

/** The outcome of a tactic, recorded later: once (409 after). */
export async function recordDisruptionOutcome(
  ctx: DisruptionNrmContext,
  caller: Caller,
  id: string,
  input: unknown,
): Promise<void> {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.lockDisruption(trx, id) : undefined
    if (!row) throw notFound()
    const child = await getChildResource(trx, row.child_id)
    authorize(trx, {
      ...caller,
      action: 'disruption-nrm.record',
      resource: child,
      detail: { disruptionId: id },
    })
    if (row.outcome !== null) throw new RequestError(409, 'The outcome of this tactic is already recorded')
    const sent = checkedInput(disruptionOutcomeCheck, input)
    await store.recordOutcome(trx, id, sent.outcome.trim(), caller.actor.displayName)
    await recordEvent(trx, {
      type: 'disruption.outcome-recorded',
      childId: row.child_id,
      laId: row.la_id,
      agencyId: caller.actor.agencyId,
      actorId: caller.actor.id,
      summary: `The outcome of a disruption tactic used by ${agencyName(ctx, row.used_by_agency_id)} was recorded`,
      payload: { disruptionId: id },
    })
  })
}

// ---------------------------------------------------------------------------
// NRM referrals

/** Records the child's NRM referral by a first responder organisation; no consent is asked of a child's. */
export async function referToNrm(
  ctx: DisruptionNrmContext,
  caller: Caller,
  childId: string,
  input: unknown,
): Promise<store.NrmReferralRow> {
  return audited(ctx.db, async (trx) => {
    const child = await childFor(trx, childId)
    authorize(trx, { ...caller, action: 'disruption-nrm.record', resource: child })
    const responder = field(input, 'firstResponderAgencyId')
    const referred = dateProblem(field(input, 'referredOn'), today(ctx))
    const more: FieldProblem[] = [
      ...(typeof responder === 'string' &&
      responder &&
      !firstResponders(ctx.partnership).some((agency) => agency.id === responder)
        ? [{ field: 'firstResponderAgencyId', text: 'Select the first responder organisation' }]
        : []),
      ...(referred ? [{ field: 'referredOn', text: referred }] : []),
      ...(await discussionProblems(trx, childId, input)),
    ]
    const sent = checkedInput(nrmReferralCheck, input, more)
    const row = await store.insertNrmReferral(trx, {
      child_id: childId,
      la_id: child.laId,
      discussion_id: sent.discussionId ?? null,
      first_responder_agency_id: sent.firstResponderAgencyId,
      referred_on: sent.referredOn,
      rg_due_by: reasonableGroundsDueBy(sent.referredOn),
      recorded_by: by(caller),
      recorded_by_agency_id: caller.actor.agencyId,
      recorded_by_name: caller.actor.displayName,
    })
    await recordEvent(trx, {
      type: 'nrm.referred',
      childId,
      laId: child.laId,
      agencyId: caller.actor.agencyId,
      actorId: caller.actor.id,
      summary: `Referred to the National Referral Mechanism (NRM) by ${agencyName(ctx, sent.firstResponderAgencyId)}`,
      payload: { nrmReferralId: row.id, ...(sent.discussionId ? { discussionId: sent.discussionId } : {}) },
    })
    return row
  })
}

/** One NRM referral with what is due next, for whoever reads the child's exploitation records. */
export async function readNrmReferral(ctx: DisruptionNrmContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findNrmReferral(trx, id) : undefined
    if (!row) throw notFound()
    const { childName, mayRecord } = await openToRead(trx, caller, row.child_id, { nrmReferralId: id })
    const due = nrmDue(row, ctx.now(), govukDate)
    return {
      referral: row,
      childName,
      due,
      mayRecordReasonableGrounds: mayRecord && due.stage === 'awaiting-reasonable-grounds',
      mayRecordConclusiveGrounds: mayRecord && due.stage === 'awaiting-conclusive-grounds',
    }
  })
}

/** The Single Competent Authority's reasonable-grounds decision: once (409 after). */
export async function recordReasonableGrounds(
  ctx: DisruptionNrmContext,
  caller: Caller,
  id: string,
  input: unknown,
): Promise<void> {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.lockNrmReferral(trx, id) : undefined
    if (!row) throw notFound()
    const child = await getChildResource(trx, row.child_id)
    authorize(trx, {
      ...caller,
      action: 'disruption-nrm.record',
      resource: child,
      detail: { nrmReferralId: id },
    })
    if (row.rg_decision !== null)
      throw new RequestError(409, 'The reasonable grounds decision is already recorded')
    const decided = dateProblem(field(input, 'decidedOn'), today(ctx), {
      date: row.referred_on,
      words: 'Enter a date on or after the referral',
    })
    const sent = checkedInput(
      reasonableGroundsCheck,
      input,
      decided ? [{ field: 'decidedOn', text: decided }] : [],
    )
    await store.decideNrm(trx, id, {
      rg_decision: sent.decision,
      rg_decided_on: sent.decidedOn,
      rg_recorded_by_name: caller.actor.displayName,
    })
    await recordEvent(trx, {
      type: 'nrm.reasonable-grounds-decided',
      childId: row.child_id,
      laId: row.la_id,
      agencyId: caller.actor.agencyId,
      actorId: caller.actor.id,
      summary: 'The NRM reasonable grounds decision was recorded',
      payload: { nrmReferralId: id },
    })
  })
}

/** The conclusive-grounds decision, after a positive reasonable-grounds one and no sooner than 30 days after it. */
export async function recordConclusiveGrounds(
  ctx: DisruptionNrmContext,
  caller: Caller,
  id: string,
  input: unknown,
): Promise<void> {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.lockNrmReferral(trx, id) : undefined
    if (!row) throw notFound()
    const child = await getChildResource(trx, row.child_id)
    authorize(trx, {
      ...caller,
      action: 'disruption-nrm.record',
      resource: child,
      detail: { nrmReferralId: id },
    })
    if (row.rg_decision !== 'positive' || !row.rg_decided_on)
      throw new RequestError(
        409,
        'A conclusive grounds decision follows a positive reasonable grounds decision',
      )
    if (row.cg_decision !== null)
      throw new RequestError(409, 'The conclusive grounds decision is already recorded')
    const from = conclusiveGroundsFrom(row.rg_decided_on)
    const decided = dateProblem(field(input, 'decidedOn'), today(ctx), {
      date: from,
      words: `Enter a date on or after ${govukDate(from)}, 30 days after the reasonable grounds decision`,
    })
    const sent = checkedInput(
      conclusiveGroundsCheck,
      input,
      decided ? [{ field: 'decidedOn', text: decided }] : [],
    )
    await store.decideNrm(trx, id, {
      cg_decision: sent.decision,
      cg_decided_on: sent.decidedOn,
      cg_recorded_by_name: caller.actor.displayName,
      outcome: sent.outcome?.trim() || null,
    })
    await recordEvent(trx, {
      type: 'nrm.conclusive-grounds-decided',
      childId: row.child_id,
      laId: row.la_id,
      agencyId: caller.actor.agencyId,
      actorId: caller.actor.id,
      summary: 'The NRM conclusive grounds decision was recorded',
      payload: { nrmReferralId: id },
    })
  })
}

// ---------------------------------------------------------------------------
// Lists

/** The child's tactics used and NRM referrals, for whoever reads the child's exploitation records. */
export async function childRecords(ctx: DisruptionNrmContext, caller: Caller, childId: string) {
  return audited(ctx.db, async (trx) => {
    const child = await childFor(trx, childId)
    authorize(trx, { ...caller, action: 'disruption-nrm.view', resource: child })
    const now = ctx.now()
    return {
      childId,
      name: await store.childName(trx, childId),
      mayRecord: decide(caller.actor, 'disruption-nrm.record', child).allowed,
      disruptions: await store.disruptionsOf(trx, childId),
      referrals: (await store.nrmReferralsOf(trx, childId)).map((referral) => ({
        ...referral,
        due: nrmDue(referral, now, govukDate),
      })),
    }
  })
}

/**
 * The MACE coordinator's list: NRM decisions awaited in the LAs they are a MACE member for, what is due
 * first at the top; each child asked of the policy (audited), so a child they may not read is left out.
 */
export async function nrmDueList(ctx: DisruptionNrmContext, caller: Caller) {
  const actor = authorizeGate(caller.actor, 'mace-list')
  const now = ctx.now()
  return audited(ctx.db, async (trx) => {
    const rows = await store.awaitingDecision(trx, grantedLaIds(actor, 'mace.view'))
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const opens = new Map<string, boolean>()
    for (const [childId, resource] of children)
      opens.set(childId, consult(trx, { ...caller, action: 'disruption-nrm.view', resource }).allowed)
    return byWhatIsDue(rows.filter((row) => opens.get(row.child_id))).map((row) => ({
      ...row,
      due: nrmDue(row, now, govukDate),
    }))
  })
}
