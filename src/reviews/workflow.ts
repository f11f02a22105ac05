// Serious incidents' use cases, each one audited transaction through the guard: recording an
// incident about a child, the queue, reading an incident as the policy's basis allows, the steps of
// the notification and rapid review, an invited agency's own part, recommendations as actions, and
// commissioning a local child safeguarding practice review.

import type { Kysely, Transaction } from 'kysely'
import { type ActionRow, actionsOf, replaceActions } from '../actions/index.ts'
import { getChildResource, getChildResources, involveAgencies } from '../children/index.ts'
import type { DB } from '../database.ts'
import { peopleWithRoles } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { audited, authorize, authorizeAsking, authorizeGate, type Caller } from '../platform/access/guard.ts'
import { type ChildResource, decide, type Permit, type ReviewResource } from '../platform/access/policy.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { checkedInput, type FieldProblem, isUuid } from '../platform/http/schemas.ts'
import { queueEmail } from '../platform/notify/email.ts'
import type { VirusScanner } from '../platform/virus-scan/clamd.ts'
import { byWhatIsDue, latestPartDueBy, notifyPanelBy, partDueBy, publishBy, rapidReviewBy } from './rules.ts'
import {
  commissionCheck,
  decisionCheck,
  incidentCheck,
  inviteCheck,
  notifiedCheck,
  partCheck,
  partDueCheck,
  recommendationCheck,
  recordCheck,
  replyCheck,
  sentCheck,
} from './schemas.ts'
import * as store from './store.ts'

export interface ReviewsContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
  /** The address people reach the service at (the root always gives it): links in a calendar invitation are absolute. */
  publicUrl?: string
  /** Checks an uploaded draft file before it is kept; none: the file is kept unchecked. */
  virusScanner?: VirusScanner | undefined
  /** The themes incidents are tagged with: the partnership's `learning_themes` (src/learning's list). */
  themes?: readonly { id: string; label: string }[]
}

const today = (ctx: ReviewsContext): IsoDate => toIsoDate(ctx.now())
export const notFound = () => new RequestError(404, 'Not found')

/** A date that must not be in the future, nor before another. */
export function dateProblems(
  field: string,
  date: unknown,
  ctx: ReviewsContext,
  notBefore?: IsoDate,
  notBeforeText = 'Enter a date on or after the incident was learned of',
): FieldProblem[] {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return []
  if (date > today(ctx)) return [{ field, text: 'Enter a date that is today or in the past' }]
  if (notBefore && date < notBefore) return [{ field, text: notBeforeText }]
  return []
}

export const laAgencyId = (ctx: Pick<ReviewsContext, 'partnership'>, laId: string) =>
  ctx.partnership.agencies.find((agency) => agency.kind === 'local-authority' && agency.la === laId)?.id

export const reviewOf = (
  row: store.IncidentRow,
  child: ChildResource,
  invitedAgencyIds: readonly string[],
): ReviewResource => ({
  kind: 'review',
  reviewId: row.id,
  child,
  laId: row.la_id,
  invitedAgencyIds,
})

/** An incident as the policy is asked about it: its child, its LA, the agencies invited to its rapid review. */
export async function reviewResource(db: Kysely<DB>, row: store.IncidentRow): Promise<ReviewResource> {
  const invited = (await store.invitedAgencies(db, [row.id])).get(row.id) ?? []
  return reviewOf(row, await getChildResource(db, row.child_id), invited)
}

async function childFor(trx: Transaction<DB>, childId: string) {
  if (!isUuid(childId)) throw notFound()
  return getChildResource(trx, childId)
}

// ---------------------------------------------------------------------------
// Recording an incident

/** The child the form is about, once the policy allows the caller to notify an incident about them. */
export async function incidentForm(ctx: ReviewsContext, caller: Caller, childId: string) {
  return audited(ctx.db, async (trx) => {
    const child = await childFor(trx, childId)
    authorizeAsking(trx, { ...caller, action: 'review.notify', resource: child })
    return { childId: child.childId, name: await store.childName(trx, child.childId), laId: child.laId }
  })
}

/** The child's LA records a serious incident: the Panel's 5 working days start; the reviews people are told. */
export async function recordIncident(
  ctx: ReviewsContext,
  caller: Caller,
  childId: string,
  input: unknown,
): Promise<store.IncidentRow> {
  return audited(ctx.db, async (trx) => {
    const child = await childFor(trx, childId)
    authorize(trx, { ...caller, action: 'review.notify', resource: child })
    const incident = checkedInput(
      incidentCheck,
      input,
      dateProblems('learnedOn', (input as { learnedOn?: unknown })?.learnedOn, ctx),
    )
    const { actor } = caller
    const row = await store.insertIncident(trx, {
      childId: child.childId,
      laId: child.laId,
      input: incident,
      notifyBy: notifyPanelBy(incident.learnedOn),
      at: ctx.now(),
      by: `${actor.kind}:${actor.id}`,
      byName: actor.displayName,
    })
    for (const to of await reviewsPeople(trx, laAgencyId(ctx, child.laId)))
      await queueEmail(trx, {
        to,
        templateId: 'serious-incident-recorded',
        personalisation: { reference: row.reference, notify_by: row.notify_by, link: `/reviews/${row.id}` },
        reference: row.reference,
      })
    return row
  })
}

// ---------------------------------------------------------------------------
// Reading

export interface QueueItem {
  incident: store.IncidentRow
  /** The child's name; none for whoever reads reviews without the child's identity. */
  childName?: string
  /** For whoever reads it whole: the agencies late with their parts, and the recommendations overdue. */
  lateAgencyIds: string[]
  overdueRecommendations: number
}

/** The incidents the caller may read, what is due first at the top; each one read is audited. */
export async function reviewQueue(ctx: ReviewsContext, caller: Caller): Promise<QueueItem[]> {
  const actor = authorizeGate(caller.actor, 'reviews')
  return audited(ctx.db, async (trx) => {
    const rows = await store.incidentsFor(trx, grantedLaIds(actor, 'review.view'), actor.agencyId)
    const invited = await store.invitedAgencies(
      trx,
      rows.map((row) => row.id),
    )
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const ids = rows.map((row) => row.id)
    const late = await store.lateParts(trx, ids, today(ctx))
    const overdue = await store.overdueRecommendationCounts(trx, ids, today(ctx))
    const items: QueueItem[] = []
    for (const row of byWhatIsDue(rows)) {
      const child = children.get(row.child_id)
      if (!child) continue
      const resource = reviewOf(row, child, invited.get(row.id) ?? [])
      if (!decide(actor, 'review.view', resource).allowed) continue
      const { basis } = authorize(trx, { ...caller, action: 'review.view', resource })
      const identified = identifies(trx, caller, resource)
      const whole = basis !== 'invited'
      items.push({
        incident: row,
        ...(identified ? { childName: await store.childName(trx, row.child_id) } : {}),
        lateAgencyIds: whole ? (late.get(row.id) ?? []) : [],
        overdueRecommendations: whole ? (overdue.get(row.id) ?? 0) : 0,
      })
    }
    return items
  })
}

/**
 * Whether the caller may know who the incident's child is. The scrutineer knows only through a lead's
 * grant of the child's record, and that read is audited with the grant; the others' is the review's read.
 */
function identifies(trx: Transaction<DB>, caller: Caller, resource: ReviewResource): boolean {
  const decision = decide(caller.actor, 'review.identify', resource)
  if (decision.allowed && decision.basis === 'scrutiny-grant')
    authorize(trx, { ...caller, action: 'review.identify', resource })
  return decision.allowed
}

export interface IncidentFile {
  incident: store.IncidentRow
  /** Read whole (the child's LA, the leads) or only the caller's agency's own part ('invited'). */
  whole: boolean
  basis: Permit['basis']
  childName?: string
  dateOfBirth?: string | null
  manages: boolean
  /** The caller's agency's own part, when it was invited and may write it. */
  ownPart?: store.PartRow
  mayContribute: boolean
  parts: store.PartRow[]
  actions: ActionRow[]
  practiceReview?: store.PracticeReviewRow
  /** The incident's themes (ids of the partnership's list); its managers' and whole readers' only. */
  themes: string[]
  /** Evidence of impact by the action it is for. */
  impacts: Map<string, store.ImpactRow>
}

/** One incident as the caller may read it (audited); 404 for whoever may not, so it tells them nothing. */
export async function readIncident(ctx: ReviewsContext, caller: Caller, id: string): Promise<IncidentFile> {
  return audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.findIncident(trx, id) : undefined
    if (!row) throw notFound()
    const resource = await reviewResource(trx, row)
    const permit = authorize(trx, { ...caller, action: 'review.view', resource })
    const { actor } = caller
    const whole = permit.basis !== 'invited'
    const parts = await store.partsOf(trx, row.id)
    const ownPart = parts.find((part) => part.agency_id === actor.agencyId)
    const identified = identifies(trx, caller, resource)
    const child = identified
      ? await trx
          .selectFrom('child')
          .select(['given_name', 'family_name', 'date_of_birth'])
          .where('id', '=', row.child_id)
          .executeTakeFirstOrThrow()
      : undefined
    return {
      incident: row,
      whole,
      basis: permit.basis,
      ...(child
        ? { childName: `${child.given_name} ${child.family_name}`, dateOfBirth: child.date_of_birth }
        : {}),
      manages: decide(actor, 'review.manage', resource).allowed,
      ...(ownPart ? { ownPart } : {}),
      mayContribute:
        ownPart !== undefined &&
        row.record_sent_on === null &&
        decide(actor, 'review.contribute', resource).allowed,
      parts: whole ? parts : parts.filter((part) => part.agency_id === actor.agencyId),
      actions: whole ? await actionsOf(trx, 'rapid-review', row.id) : [],
      ...(whole ? { practiceReview: await store.practiceReviewOf(trx, row.id) } : {}),
      themes: whole ? ((await store.themesOf(trx, [row.id])).get(row.id) ?? []) : [],
      impacts: new Map(whole ? (await store.impactsOf(trx, [row.id])).map((i) => [i.action_id, i]) : []),
    }
  })
}

// ---------------------------------------------------------------------------
// The steps of the notification and the rapid review

export type Step = (trx: Transaction<DB>, row: store.IncidentRow, at: Date) => Promise<unknown>

/** One step on an incident: decided by the policy and written in one audited transaction. */
export async function recordStep(
  ctx: ReviewsContext,
  caller: Caller,
  id: string,
  step: string,
  write: Step,
  detail: Record<string, unknown> = {},
) {
  await audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.lockIncident(trx, id) : undefined
    if (!row) throw notFound()
    const resource = await reviewResource(trx, row)
    authorize(trx, { ...caller, action: 'review.manage', resource, detail: { step, ...detail } })
    await write(trx, row, ctx.now())
  })
}

export const conflict = (text: string) => new RequestError(409, text)
export const field = (input: unknown, name: string) => (input as Record<string, unknown> | null)?.[name]

export const recordDecision = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'decision', async (trx, row, at) => {
    if (row.decision) throw conflict('The decision is already recorded')
    const decision = checkedInput(decisionCheck, input)
    await store.updateIncident(trx, row.id, {
      decision: decision.decision,
      decision_reason: decision.decisionReason.trim(),
      decided_by_name: caller.actor.displayName,
      decided_at: at,
    })
  })

/** The notification is sent: the rapid review's 15 working days start; on the child's chronology, without detail. */
export const recordNotified = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'notified', async (trx, row, at) => {
    if (row.decision !== 'notify' || row.notified_on) throw conflict('The Panel is not to be notified now')
    const { notifiedOn } = checkedInput(
      notifiedCheck,
      input,
      dateProblems('notifiedOn', field(input, 'notifiedOn'), ctx, row.learned_on),
    )
    await store.updateIncident(trx, row.id, {
      notified_on: notifiedOn,
      rapid_review_due_by: rapidReviewBy(notifiedOn),
    })
    await recordEvent(trx, {
      type: 'review.panel-notified',
      childId: row.child_id,
      laId: row.la_id,
      agencyId: caller.actor.agencyId,
      actorId: caller.actor.id,
      summary: 'Serious incident notified to the national panel',
      payload: { incidentId: row.id },
      occurredAt: at,
    })
  })

/** The day agencies' parts are due by unless the reviews people choose another (rules.ts partDueBy). */
export const defaultPartDueBy = (ctx: ReviewsContext, row: store.IncidentRow): IsoDate | undefined =>
  row.rapid_review_due_by
    ? partDueBy({
        invitedOn: today(ctx),
        meetingOn: row.rapid_review_meeting_on,
        rapidReviewDueBy: row.rapid_review_due_by,
      })
    : undefined

/** A day a part is due by: from today, and no later than the rapid review itself is due (`latestPartDueBy`). */
function partDueProblems(
  ctx: ReviewsContext,
  row: store.IncidentRow,
  name: 'dueOn' | 'newDueOn',
  input: unknown,
): FieldProblem[] {
  const due = field(input, name)
  if (typeof due !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return []
  if (due < today(ctx)) return [{ field: name, text: 'Enter a date that is today or in the future' }]
  if (row.rapid_review_due_by && due > latestPartDueBy(today(ctx), row.rapid_review_due_by))
    return [{ field: name, text: 'Enter a date on or before the day the rapid review is due' }]
  return []
}

/**
 * Agencies are invited to give their chronology and immediate learning by a day (chosen, or by
 * default 3 working days before the meeting); their safeguarding managers are told.
 */
export const inviteAgencies = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'invite', async (trx, row, at) => {
    if (!row.notified_on || row.record_sent_on) throw conflict('The rapid review is not open')
    const known = new Set(ctx.partnership.agencies.map((agency) => agency.id))
    const asked = (field(input, 'agencyIds') as string[] | undefined) ?? []
    const unknown = asked.some((agencyId) => !known.has(agencyId))
      ? [{ field: 'agencyIds', text: 'Select agencies of the partnership' }]
      : []
    const problems = [...unknown, ...partDueProblems(ctx, row, 'dueOn', input)]
    const invitation = checkedInput(inviteCheck, input, problems)
    const dueOn = invitation.dueOn ?? defaultPartDueBy(ctx, row) ?? today(ctx)
    const { agencyIds } = invitation
    await store.invite(trx, row.id, agencyIds, at, dueOn)
    for (const { email: to } of await peopleWithRoles(trx, { roles: ['safeguarding-manager'], agencyIds }))
      await queueEmail(trx, {
        to,
        templateId: 'rapid-review-invitation',
        personalisation: {
          reference: row.reference,
          due_by: row.rapid_review_due_by ?? '',
          part_due_by: dueOn,
          link: `/reviews/${row.id}`,
        },
        reference: `${row.reference}-invitation`,
      })
  })

/** Another day an invited agency's part is due by (not once given): its reminders start again. */
export const changePartDue = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'part-due', async (trx, row) => {
    if (row.record_sent_on) throw conflict('The rapid review has been sent to the Panel')
    const waiting = (await store.partsOf(trx, row.id)).filter((part) => part.submitted_at === null)
    const agency = waiting.some((part) => part.agency_id === field(input, 'agencyId'))
      ? []
      : [{ field: 'agencyId', text: 'Select an invited agency that has not yet given its part' }]
    const { agencyId, newDueOn } = checkedInput(partDueCheck, input, [
      ...agency,
      ...partDueProblems(ctx, row, 'dueOn', input),
    ])
    await store.changePartDue(trx, row.id, agencyId, newDueOn)
  })

export const writeRecord = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'record', async (trx, row, at) => {
    if (!row.notified_on || row.record_sent_on)
      throw conflict('The rapid review record cannot be changed now')
    const record = checkedInput(recordCheck, input)
    await store.updateIncident(trx, row.id, {
      facts: record.facts.trim(),
      immediate_actions: record.immediateActions.trim(),
      learning: record.learning.trim(),
      lcspr: record.lcspr,
      lcspr_reason: record.lcsprReason.trim(),
      record_written_at: at,
    })
  })

export const recordSent = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'sent', async (trx, row) => {
    if (!row.record_written_at || row.record_sent_on) throw conflict('There is no record to send')
    const { sentOn } = checkedInput(
      sentCheck,
      input,
      dateProblems('sentOn', field(input, 'sentOn'), ctx, row.learned_on),
    )
    await store.updateIncident(trx, row.id, { record_sent_on: sentOn })
  })

export const recordReply = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'reply', async (trx, row) => {
    if (!row.record_sent_on || row.panel_replied_on)
      throw conflict('The Panel’s reply cannot be recorded now')
    const reply = checkedInput(
      replyCheck,
      input,
      dateProblems('repliedOn', field(input, 'repliedOn'), ctx, row.record_sent_on),
    )
    await store.updateIncident(trx, row.id, {
      panel_reply: reply.reply.trim(),
      panel_replied_on: reply.repliedOn,
    })
  })

/** A recommendation becomes an action owned by an agency, on the actions block; the agency becomes involved. */
export const addRecommendation = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'recommendation', async (trx, row) => {
    if (!row.record_written_at) throw conflict('Write the rapid review record first')
    const known = ctx.partnership.agencies.some((agency) => agency.id === field(input, 'ownerAgencyId'))
    const owner =
      field(input, 'ownerAgencyId') && !known
        ? [{ field: 'ownerAgencyId', text: 'Select the agency that owns it' }]
        : []
    const due = field(input, 'dueBy')
    const past =
      typeof due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(due) && due < today(ctx)
        ? [{ field: 'dueBy', text: 'Enter a due date that is today or in the future' }]
        : []
    const recommendation = checkedInput(recommendationCheck, input, [...owner, ...past])
    const existing = await actionsOf(trx, 'rapid-review', row.id)
    await replaceActions(trx, { kind: 'rapid-review', id: row.id, childId: row.child_id }, [
      ...existing.map((action) => ({
        description: action.description,
        ownerAgencyId: action.owner_agency_id,
        ownerName: action.owner_name ?? '',
        dueBy: action.due_by,
      })),
      { ...recommendation, description: recommendation.description.trim(), ownerName: '' },
    ])
    await involveAgencies(
      trx,
      row.child_id,
      [recommendation.ownerAgencyId],
      'action',
      'owns an action from a rapid review',
    )
  })

export const commissionReview = (ctx: ReviewsContext, caller: Caller, id: string, input: unknown) =>
  recordStep(ctx, caller, id, 'commission', async (trx, row, at) => {
    if (row.lcspr !== 'recommended') throw conflict('The rapid review did not recommend a practice review')
    if (await store.practiceReviewOf(trx, row.id))
      throw conflict('The practice review is already commissioned')
    const review = checkedInput(
      commissionCheck,
      input,
      dateProblems('decidedOn', field(input, 'decidedOn'), ctx, row.learned_on),
    )
    await store.insertPracticeReview(trx, row.id, { ...review, publishBy: publishBy(review.decidedOn), at })
  })

/** One recommendation as the partnership follows it: its incident, owner agency, due date, status, impact. */
export interface RecommendationProgress {
  incident: store.IncidentRow
  action: ActionRow
  impact?: store.ImpactRow
}

/**
 * The recommendations of every incident the caller reads whole, the earliest due first, and those
 * incidents' themes (each incident audited).
 */
export async function recommendationsProgress(
  ctx: ReviewsContext,
  caller: Caller,
): Promise<{ progress: RecommendationProgress[]; incidents: { learnedOn: IsoDate; themes: string[] }[] }> {
  const actor = authorizeGate(caller.actor, 'reviews')
  return audited(ctx.db, async (trx) => {
    const rows = await store.incidentsFor(trx, grantedLaIds(actor, 'review.view'), actor.agencyId)
    const invited = await store.invitedAgencies(
      trx,
      rows.map((row) => row.id),
    )
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.child_id))])
    const whole: store.IncidentRow[] = []
    const progress: RecommendationProgress[] = []
    for (const row of rows) {
      const child = children.get(row.child_id)
      if (!child) continue
      const resource = reviewOf(row, child, invited.get(row.id) ?? [])
      const decision = decide(actor, 'review.view', resource)
      if (!decision.allowed || decision.basis === 'invited') continue
      authorize(trx, { ...caller, action: 'review.view', resource, detail: { recommendations: true } })
      whole.push(row)
      if (row.record_written_at)
        progress.push(
          ...(await actionsOf(trx, 'rapid-review', row.id)).map((action) => ({ incident: row, action })),
        )
    }
    const impacts = new Map(
      (await store.impactsOf(trx, [...new Set(progress.map((p) => p.incident.id))])).map((i) => [
        i.action_id,
        i,
      ]),
    )
    const themes = await store.themesOf(
      trx,
      whole.map((row) => row.id),
    )
    return {
      progress: progress
        .map((p) => {
          const impact = impacts.get(p.action.id)
          return impact ? { ...p, impact } : p
        })
        .sort((a, b) => a.action.due_by.localeCompare(b.action.due_by)),
      incidents: whole.map((row) => ({ learnedOn: row.learned_on, themes: themes.get(row.id) ?? [] })),
    }
  })
}

// ---------------------------------------------------------------------------
// An invited agency's own part

/** The caller's agency writes its chronology and immediate learning, while the record is not yet sent. */
export async function submitPart(ctx: ReviewsContext, caller: Caller, id: string, input: unknown) {
  await audited(ctx.db, async (trx) => {
    const row = isUuid(id) ? await store.lockIncident(trx, id) : undefined
    if (!row) throw notFound()
    const resource = await reviewResource(trx, row)
    authorize(trx, { ...caller, action: 'review.contribute', resource })
    if (row.record_sent_on) throw conflict('The rapid review has been sent to the Panel')
    const part = checkedInput(partCheck, input)
    await store.writePart(trx, row.id, caller.actor.agencyId, {
      ...part,
      at: ctx.now(),
      byName: caller.actor.displayName,
    })
  })
}

/** The reviews people to tell: the partnership's reviews leads, and the LA's own safeguarding managers. */
export async function reviewsPeople(trx: Transaction<DB>, laAgencyId: string | undefined): Promise<string[]> {
  const people = [
    ...(await peopleWithRoles(trx, { roles: ['review-lead'] })),
    ...(laAgencyId
      ? await peopleWithRoles(trx, { roles: ['safeguarding-manager'], agencyIds: [laAgencyId] })
      : []),
  ]
  return [...new Set(people.map((person) => person.email))].sort()
}
