// Professional disagreements' use cases, each through the guard in one audited transaction: raise
// one about a child, read it, record a stage (resolved, or on to the next stage), the lists of those
// a person is party to, the report for the partnership's leads, and the loop that prompts the raiser
// (and tells the next stage's people) once a stage has run out of time.

import type { Kysely, Transaction } from 'kysely'
import { getChildResource } from '../children/index.ts'
import type { DB } from '../database.ts'
import { emailOfPerson, peopleWithRoles } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { Actor } from '../platform/access/actor.ts'
import { audited, authorize, authorizeAsking, type Caller, consult } from '../platform/access/guard.ts'
import { type DisagreementResource, decide } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import type { ListFormat } from '../platform/exports/list-export.ts'
import { RequestError } from '../platform/http/errors.ts'
import { InvalidInput, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import {
  checkDisagreement,
  checkPeriod,
  checkStage,
  type DisagreementState,
  disagreementState,
  escalationSettings,
  isStage,
  nextStage,
  type Report,
  reportedIn,
  reportOf,
  STAGES,
  type StageNumber,
  stageDueBy,
} from './rules.ts'
import type { ReportPeriod } from './schemas.ts'
import * as store from './store.ts'

export interface EscalationContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

export interface ChildNames {
  childId: string
  laId: string
  name: string
}

const who = (actor: Actor) => `${actor.kind}:${actor.id}`
const today = (ctx: EscalationContext): IsoDate => toIsoDate(ctx.now())
const link = (id: string) => `/disagreements/${id}`

export const agencyName = (partnership: PartnershipConfig, id: string) =>
  partnership.agencies.find((agency) => agency.id === id)?.name ?? 'another agency'

/** The child's LA's own agency: the other party when a decision recorded in masa is disagreed with. */
export const laAgencyOf = (partnership: PartnershipConfig, laId: string) =>
  partnership.agencies.find((agency) => agency.kind === 'local-authority' && agency.la === laId)?.id

/** The child, for the form that raises a disagreement: only for whom the policy lets raise one. */
export async function childToDisagreeAbout(
  ctx: EscalationContext,
  caller: Caller,
  childId: string,
): Promise<ChildNames> {
  return audited(ctx.db, async (trx) => {
    const child = await childFor(trx, childId)
    authorizeAsking(trx, { ...caller, action: 'escalation.raise', resource: child })
    return childNames(trx, child.childId, child.laId)
  })
}

/** Raises a disagreement at stage 1, its clock started today; the chronology and stage 1's people told. */
export async function raiseDisagreement(
  ctx: EscalationContext,
  caller: Caller,
  childId: string,
  sent: unknown,
): Promise<store.Disagreement> {
  const { actor } = caller
  const settings = escalationSettings(ctx.partnership)
  return audited(ctx.db, async (trx) => {
    const child = await childFor(trx, childId)
    authorize(trx, { ...caller, action: 'escalation.raise', resource: child })
    const checked = checkDisagreement(sent, ctx.partnership, actor.agencyId)
    if (!checked.ok) throw new InvalidInput(checked.problems)
    const input = checked.value
    const now = ctx.now()
    const on = toIsoDate(now)
    const disagreement = await store.insertDisagreement(trx, {
      childId,
      laId: child.laId,
      raisedBy: who(actor),
      raisedByName: actor.displayName,
      raiserAgencyId: actor.agencyId,
      otherAgencyId: input.otherAgencyId,
      about: input.about,
      aboutId: input.aboutId ?? null,
      reasonId: input.reasonId,
      reasonLabel: settings.reasons.find((reason) => reason.id === input.reasonId)?.label ?? input.reasonId,
      detail: input.detail,
      stageStartedOn: on,
      stageDueBy: stageDueBy(settings, 1, on),
      raisedAt: now,
    })
    await chronicle(
      ctx,
      trx,
      actor,
      disagreement,
      'disagreement.raised',
      `raised by ${agencyName(ctx.partnership, actor.agencyId)}`,
    )
    await tell(trx, disagreement, 1, 'disagreement-raised', now)
    return disagreement
  })
}

export interface DisagreementRecord {
  disagreement: store.Disagreement
  stages: store.StageRecord[]
  child: ChildNames
  /** Who the child is, and the words, may be shown (escalation.identify): else both are withheld. */
  identifies: boolean
  state: DisagreementState
  mayRecord: boolean
}

/** In place of words that may name the child, for whom may not know who the child is. */
export const WITHHELD =
  'Not shown: it may name the child. A lead’s grant of the child’s record opens it to the independent scrutineer.'
const UNNAMED = 'a child (not named)'

/**
 * One disagreement with its stages, for its parties and the partnership's leads (else 403, or 404):
 * who the child is and the words (which may name them) only for whom the policy lets know who the
 * child is (the scrutineer through a lead's current grant of the child's record).
 */
export async function readDisagreement(
  ctx: EscalationContext,
  caller: Caller,
  id: string,
): Promise<DisagreementRecord> {
  return audited(ctx.db, async (trx) => {
    const { disagreement, resource } = await disagreementFor(trx, id)
    authorize(trx, { ...caller, action: 'escalation.view', resource })
    const identifies = decide(caller.actor, 'escalation.identify', resource).allowed
    const stages = await store.stagesOf(trx, id)
    const { childId, laId } = disagreement
    return {
      disagreement: identifies ? disagreement : { ...disagreement, detail: WITHHELD },
      stages: identifies ? stages : stages.map((stage) => ({ ...stage, discussed: WITHHELD })),
      child: identifies ? await childNames(trx, childId, laId) : { childId, laId, name: UNNAMED },
      identifies,
      state: stateOf(disagreement, today(ctx)),
      mayRecord: !disagreement.resolvedAt && decide(caller.actor, 'escalation.record', resource).allowed,
    }
  })
}

/**
 * Records the current stage: who took part, what was discussed, and its outcome. Resolved closes the
 * disagreement; escalated starts the next stage's clock and tells its people. Each is on the chronology.
 */
export async function recordStage(ctx: EscalationContext, caller: Caller, id: string, sent: unknown) {
  const { actor } = caller
  const settings = escalationSettings(ctx.partnership)
  await audited(ctx.db, async (trx) => {
    const { disagreement, resource } = await disagreementFor(trx, id, true)
    authorize(trx, {
      ...caller,
      action: 'escalation.record',
      resource,
      detail: { stage: disagreement.stage },
    })
    if (disagreement.resolvedAt) throw new RequestError(409, 'This disagreement is already resolved')
    const stage = stageOf(disagreement)
    const checked = checkStage(sent, stage)
    if (!checked.ok) throw new InvalidInput(checked.problems)
    const now = ctx.now()
    await store.insertStage(trx, id, stage, {
      ...checked.value,
      by: who(actor),
      byName: actor.displayName,
      at: now,
    })
    const next = checked.value.outcome === 'escalated' ? nextStage(stage) : undefined
    if (next) {
      const on = toIsoDate(now)
      await store.moveToStage(trx, id, next, on, stageDueBy(settings, next, on))
      await chronicle(
        ctx,
        trx,
        actor,
        disagreement,
        'disagreement.escalated',
        `moved to stage ${next} (${STAGES[next].title.toLowerCase()})`,
      )
      await tell(trx, disagreement, next, 'disagreement-escalated', now)
    } else {
      await store.markResolved(trx, id, now)
      await chronicle(
        ctx,
        trx,
        actor,
        disagreement,
        'disagreement.resolved',
        `resolved at stage ${stage} (${STAGES[stage].title.toLowerCase()})`,
      )
    }
  })
}

export interface ListedDisagreement extends store.Disagreement {
  childName: string
  state: DisagreementState
}

/**
 * The disagreements the caller is party to (or, for the partnership's leads, all), newest first:
 * each asked of the policy (audited), so a child sealed since is left out.
 */
export async function listDisagreements(
  ctx: EscalationContext,
  caller: Caller,
): Promise<ListedDisagreement[]> {
  const { actor } = caller
  const all = decide(actor, 'escalation.report', { kind: 'partnership' }).allowed
  return audited(ctx.db, async (trx) => {
    const rows = await store.disagreementsFor(trx, { by: who(actor), agencyId: actor.agencyId, all })
    const shown: ListedDisagreement[] = []
    for (const row of rows) {
      const resource = await resourceOf(trx, row)
      if (!consult(trx, { ...caller, action: 'escalation.view', resource }).allowed) continue
      const named = decide(actor, 'escalation.identify', resource).allowed
      shown.push({ ...row, childName: named ? row.childName : UNNAMED, state: stateOf(row, today(ctx)) })
    }
    return shown
  })
}

/** The caller's own disagreements whose stage has run out of time: for their home page. */
export async function disagreementsToEscalate(ctx: EscalationContext, caller: Caller) {
  const listed = await listDisagreements(ctx, caller)
  return listed.filter((d) => d.raisedBy === who(caller.actor) && d.state === 'out-of-time')
}

/**
 * The report of the disagreements raised in the period (open at either end), for the areas the caller
 * may report on (403 for whoever may report on none); downloaded in a format, audited as a read with
 * it and the period. A date that is not real, or an end before the start, is refused naming the field.
 */
export async function disagreementReport(
  ctx: EscalationContext,
  caller: Caller,
  {
    period: asked = {},
    downloaded,
  }: { period?: Partial<Record<keyof ReportPeriod, unknown>>; downloaded?: ListFormat } = {},
): Promise<{ report: Report; laNames: string[]; period: ReportPeriod }> {
  const period = checkPeriod(asked)
  return audited(ctx.db, async (trx) => {
    const las = ctx.partnership.local_authorities.filter(
      (la) => decide(caller.actor, 'escalation.report', { kind: 'la', laId: la.id }).allowed,
    )
    const detail = { ...(downloaded ? { downloaded } : {}), ...period }
    if (las.length === 0)
      authorize(trx, { ...caller, action: 'escalation.report', resource: { kind: 'partnership' }, detail })
    for (const la of las)
      authorize(trx, {
        ...caller,
        action: 'escalation.report',
        resource: { kind: 'la', laId: la.id },
        detail,
      })
    const rows = await store.disagreementsIn(
      trx,
      las.map((la) => la.id),
    )
    return {
      report: reportOf(reportedIn(rows, period), (id) => agencyName(ctx.partnership, id)),
      laNames: las.map((la) => la.name),
      period,
    }
  })
}

// ---------------------------------------------------------------------------
// Stages that run out of time

/**
 * Once per stage: prompts the raiser of each disagreement whose stage has run out of time to escalate
 * it, and tells the next stage's people (the last stage's own, at stage 4). Emails carry a link, never
 * the child or the disagreement's words; queued in the transaction that marks the stage prompted.
 */
export async function promptOutOfTime(db: Kysely<DB>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await store.claimOutOfTime(trx, toIsoDate(now), now)
    for (const disagreement of claimed) {
      const stage = stageOf(disagreement)
      const raiser = await emailOfPerson(trx, disagreement.raisedBy)
      if (raiser)
        await queueEmail(trx, {
          to: raiser,
          templateId: 'disagreement-stage-out-of-time',
          personalisation: {
            stage: String(stage),
            stage_title: STAGES[stage].title,
            link: link(disagreement.id),
          },
          reference: `disagreement-${disagreement.id}-stage-${stage}-prompt`,
        })
      await tell(trx, disagreement, nextStage(stage) ?? stage, 'disagreement-may-escalate', now)
    }
    return claimed.length
  })
}

/** Emails the people of a stage: its roles in the parties' agencies and the partnership's. */
async function tell(
  trx: Transaction<DB>,
  disagreement: store.Disagreement,
  stage: StageNumber,
  templateId: string,
  now: Date,
) {
  const { partyRoles, partnershipRoles, title } = STAGES[stage]
  const parties = [disagreement.raiserAgencyId, disagreement.otherAgencyId]
  const people = new Set(
    [
      ...(await peopleWithRoles(trx, { roles: partyRoles, agencyIds: parties })),
      ...(await peopleWithRoles(trx, { roles: partnershipRoles })),
    ].map((person) => person.email),
  )
  for (const to of people)
    await queueEmail(trx, {
      to,
      templateId,
      personalisation: { stage: String(stage), stage_title: title, link: link(disagreement.id) },
      reference: `disagreement-${disagreement.id}-stage-${stage}-${now.toISOString()}`,
    })
}

/** On the child's chronology, without the disagreement's reason or words: the chronology is read more widely. */
async function chronicle(
  ctx: EscalationContext,
  trx: Transaction<DB>,
  actor: Actor,
  disagreement: store.Disagreement,
  type: string,
  what: string,
) {
  await recordEvent(trx, {
    type,
    childId: disagreement.childId,
    laId: disagreement.laId,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary: `Professional disagreement with ${agencyName(ctx.partnership, disagreement.otherAgencyId)} ${what}`,
    payload: { disagreementId: disagreement.id },
  })
}

// ---------------------------------------------------------------------------

const stateOf = (d: store.Disagreement, on: IsoDate) =>
  disagreementState({ resolvedOn: d.resolvedAt && toIsoDate(d.resolvedAt), stageDueBy: d.stageDueBy }, on)

function stageOf(d: store.Disagreement): StageNumber {
  if (!isStage(d.stage)) throw new Error(`disagreement ${d.id} is at stage ${d.stage}`)
  return d.stage
}

async function childFor(trx: Transaction<DB>, childId: string) {
  if (!isUuid(childId)) throw new RequestError(404, 'Not found')
  return getChildResource(trx, childId)
}

async function resourceOf(trx: Transaction<DB>, d: store.Disagreement): Promise<DisagreementResource> {
  const [kind, userId] = d.raisedBy.split(':')
  return {
    kind: 'disagreement',
    disagreementId: d.id,
    child: await getChildResource(trx, d.childId),
    laId: d.laId,
    partyAgencyIds: [d.raiserAgencyId, d.otherAgencyId],
    userIds: kind === 'user' && userId ? [userId] : [],
  }
}

async function disagreementFor(trx: Transaction<DB>, id: string, forUpdate = false) {
  const disagreement = isUuid(id) ? await store.findDisagreement(trx, id, forUpdate) : undefined
  if (!disagreement) throw new RequestError(404, 'Not found')
  return { disagreement, resource: await resourceOf(trx, disagreement) }
}

async function childNames(trx: Transaction<DB>, childId: string, laId: string): Promise<ChildNames> {
  const row = await trx
    .selectFrom('child')
    .select(['given_name', 'family_name'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  return { childId, laId, name: `${row.given_name} ${row.family_name}` }
}
