// A referred child's discussion at a MACE meeting, through the guard in one audited transaction:
// recorded by MACE's members (the meeting of the child's LA it was held at, what was discussed, the risk level agreed, actions on the shared
// actions block, whose owner agencies become involved), and read by them only.

import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import {
  type ActionRow,
  actionFormField,
  actionProblems,
  actionsOf,
  replaceActions,
} from '../actions/index.ts'
import { getChildResource, involveAgencies } from '../children/index.ts'
import type { DB } from '../database.ts'
import { recordedFromDiscussion } from '../disruption-nrm/index.ts'
import { getActor } from '../identity/index.ts'
import { accessFrom, audited, authorize, consult } from '../platform/access/guard.ts'
import { recordEvent } from '../platform/events/event.ts'
import { govukDate } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { type FieldProblem, fieldsOf, isUuid, mergeProblems } from '../platform/http/schemas.ts'
import * as meetings from './meeting-store.ts'
import { meetingsToDiscussAt } from './meetings.ts'
import { MaceDiscussionInput, maceDiscussionCheck } from './schemas.ts'
import * as store from './store.ts'
import { InvalidMaceReferral, type MaceContext } from './workflow.ts'

const ORDER = fieldsOf(MaceDiscussionInput)

/** Records the child's discussion at a MACE meeting: once per referral. */
export async function recordDiscussion(
  ctx: MaceContext,
  request: FastifyRequest,
  referralId: string,
  sent: unknown,
): Promise<store.MaceDiscussionRow> {
  return audited(ctx.db, async (trx) => {
    const { referral, child } = await referralFor(trx, referralId)
    authorize(trx, { ...accessFrom(request), action: 'mace.view', resource: child, detail: { referralId } })
    if (await store.discussionOf(trx, referralId))
      throw new RequestError(409, 'This discussion is already recorded')
    return writeDiscussion(ctx, request, trx, { referral, child, reviews: null }, sent)
  })
}

/** Records the review of a discussion at a later meeting (the item came back at its review date): once. */
export async function recordReview(
  ctx: MaceContext,
  request: FastifyRequest,
  discussionId: string,
  sent: unknown,
): Promise<store.MaceDiscussionRow> {
  return audited(ctx.db, async (trx) => {
    const reviewed = isUuid(discussionId) ? await store.findDiscussion(trx, discussionId) : undefined
    if (!reviewed) throw new RequestError(404, 'Not found')
    const { referral, child } = await referralFor(trx, reviewed.referral_id)
    authorize(trx, {
      ...accessFrom(request),
      action: 'mace.view',
      resource: child,
      detail: { discussionId, step: 'review' },
    })
    if (!reviewed.review_on) throw new RequestError(409, 'MACE closed this child’s case: there is no review')
    if (await store.reviewOf(trx, discussionId))
      throw new RequestError(409, 'This review is already recorded')
    return writeDiscussion(ctx, request, trx, { referral, child, reviews: reviewed }, sent)
  })
}

/** Checks and keeps a discussion (a first one, or a review), its actions and its event on the chronology. */
async function writeDiscussion(
  ctx: MaceContext,
  request: FastifyRequest,
  trx: Transaction<DB>,
  about: {
    referral: store.MaceReferralRow
    child: Awaited<ReturnType<typeof getChildResource>>
    reviews: store.MaceDiscussionRow | null
  },
  sent: unknown,
) {
  const actor = getActor(request)
  const { referral, child, reviews } = about
  const meeting = await meetingOf(trx, referral.la_id, sent)
  const problems = discussionProblems(ctx, sent, meeting?.held_on)
  if (problems.length > 0 || !maceDiscussionCheck.fits(sent) || !meeting)
    throw new InvalidMaceReferral(problems)
  const discussion = await store.insertDiscussion(trx, {
    referral_id: referral.id,
    child_id: referral.child_id,
    held_on: meeting.held_on,
    discussion: sent.discussion.trim(),
    risk_level: sent.riskLevel,
    recorded_by: `${actor.kind}:${actor.id}`,
    recorded_by_name: actor.displayName,
    review_on: sent.reviewOn ?? null,
    reviews_discussion_id: reviews?.id ?? null,
  })
  await meetings.linkDiscussion(trx, discussion.id, meeting.id)
  await replaceActions(
    trx,
    { kind: 'mace-discussion', id: discussion.id, childId: referral.child_id },
    sent.actions,
  )
  const owners = [...new Set(sent.actions.map((action) => action.ownerAgencyId))]
  await involveAgencies(trx, referral.child_id, owners, 'action', 'owns an action agreed at MACE')
  await recordEvent(trx, {
    type: reviews ? 'mace.reviewed' : 'mace.discussed',
    childId: referral.child_id,
    laId: child.laId,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary: `${reviews ? 'Reviewed' : 'Discussed'} at the MACE meeting on ${govukDate(meeting.held_on)}`,
    payload: { discussionId: discussion.id, meetingId: meeting.id },
  })
  return discussion
}

/** The meeting chosen, when it is one of the LA's that has started; none otherwise (the form says so). */
async function meetingOf(trx: Transaction<DB>, laId: string, sent: unknown) {
  const id = (sent as { meetingId?: unknown } | null)?.meetingId
  if (typeof id !== 'string' || !isUuid(id)) return undefined
  return (await meetingsToDiscussAt(trx, laId)).find((meeting) => meeting.id === id)
}

/** The schema's problems, the meeting's, then each action's (when every action's fields are text), as the form names them. */
function discussionProblems(ctx: MaceContext, sent: unknown, heldOn: string | undefined): FieldProblem[] {
  const schema = maceDiscussionCheck.problems(sent).map((p) => ({ ...p, field: actionFormField(p.field) }))
  const value = (sent ?? {}) as Partial<MaceDiscussionInput>
  const texts = (action: unknown) =>
    ['description', 'ownerAgencyId', 'ownerName', 'dueBy'].every(
      (key) => typeof (action as Record<string, unknown> | null)?.[key] === 'string',
    )
  const actionsFit = Array.isArray(value.actions) && value.actions.every(texts)
  const kindOf = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.kind
  const meeting = { date: heldOn ?? '', name: 'the meeting' }
  const chosen: FieldProblem[] =
    value.meetingId && !heldOn
      ? [{ field: 'meetingId', text: 'Select a meeting of this MACE that has started' }]
      : []
  if (heldOn && typeof value.reviewOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.reviewOn))
    if (value.reviewOn <= heldOn)
      chosen.push({ field: 'reviewOn', text: 'The review date must be after the meeting' })
  const meaning = actionsFit
    ? (value.actions ?? []).flatMap((action, i) => actionProblems(action, i + 1, meeting, kindOf))
    : []
  return mergeProblems(ORDER, schema, [...chosen, ...meaning])
}

/** The discussion to review, for MACE's members: the form's context. */
export async function discussionToReview(ctx: MaceContext, request: FastifyRequest, discussionId: string) {
  const reviewed = await audited(ctx.db, async (trx) =>
    isUuid(discussionId) ? store.findDiscussion(trx, discussionId) : undefined,
  )
  if (!reviewed) throw new RequestError(404, 'Not found')
  return { ...(await referralToDiscuss(ctx, request, reviewed.referral_id)), reviews: reviewed }
}

/** The referral to discuss, for MACE's members: the form's context. */
export async function referralToDiscuss(ctx: MaceContext, request: FastifyRequest, referralId: string) {
  return audited(ctx.db, async (trx) => {
    const { referral, child } = await referralFor(trx, referralId)
    authorize(trx, { ...accessFrom(request), action: 'mace.view', resource: child, detail: { referralId } })
    return {
      referral,
      childName: await childName(trx, referral.child_id),
      meetings: await meetingsToDiscussAt(trx, referral.la_id),
    }
  })
}

export interface DiscussionRecord {
  discussion: store.MaceDiscussionRow
  meeting: meetings.MaceMeetingRow | undefined
  childName: string
  actions: ActionRow[]
  /** The tactics and NRM referrals recorded from it, when the policy lets the reader read them. */
  recorded?: Awaited<ReturnType<typeof recordedFromDiscussion>>
}

/** A discussion's record, for MACE's members only; anyone else is refused as the policy says. */
export async function readDiscussion(
  ctx: MaceContext,
  request: FastifyRequest,
  id: string,
): Promise<DiscussionRecord> {
  return audited(ctx.db, async (trx) => {
    const discussion = isUuid(id) ? await store.findDiscussion(trx, id) : undefined
    if (!discussion) throw new RequestError(404, 'Not found')
    const child = await getChildResource(trx, discussion.child_id)
    authorize(trx, {
      ...accessFrom(request),
      action: 'mace.view',
      resource: child,
      detail: { discussionId: id },
    })
    const mayReadRecorded = consult(trx, {
      ...accessFrom(request),
      action: 'disruption-nrm.view',
      resource: child,
      detail: { discussionId: id },
    }).allowed
    return {
      discussion,
      ...(mayReadRecorded ? { recorded: await recordedFromDiscussion(trx, id) } : {}),
      meeting: await meetings.meetingOfDiscussion(trx, id),
      childName: await childName(trx, discussion.child_id),
      actions: await actionsOf(trx, 'mace-discussion', id),
    }
  })
}

async function referralFor(trx: Transaction<DB>, referralId: string) {
  const referral = isUuid(referralId) ? await store.lockReferral(trx, referralId) : undefined
  if (!referral) throw new RequestError(404, 'Not found')
  return { referral, child: await getChildResource(trx, referral.child_id) }
}

async function childName(trx: Transaction<DB>, childId: string): Promise<string> {
  const row = await trx
    .selectFrom('child')
    .select(['given_name', 'family_name'])
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  return `${row.given_name} ${row.family_name}`
}
