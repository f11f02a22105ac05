// Missing episodes' use cases, each through the guard in one audited transaction: record an episode
// (the recording agency involved, an entry on the chronology), record the child's return, record the
// return home interview, read a child's missing history with its counts, and the LA's queue of return
// interviews still to record, soonest due first.

import type { FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import {
  type ChildNames,
  childFromPath,
  childNamesOf,
  getChildResource,
  getChildResources,
  recordInvolvements,
} from '../children/index.ts'
import type { DB } from '../database.ts'
import { getActor } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { grantedLaIds } from '../platform/access/gates.ts'
import { accessFrom, audited, authorize, authorizeGate, consult } from '../platform/access/guard.ts'
import { type ChildResource, decide } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { govukDateTime } from '../platform/http/dates.ts'
import { RequestError } from '../platform/http/errors.ts'
import { type FieldProblem, InvalidInput, isUuid, mergeProblems } from '../platform/http/schemas.ts'
import {
  episodeProblems,
  type InterviewClock,
  interviewClock,
  interviewProblems,
  type MissingCounts,
  missingCounts,
  momentOf,
  returnProblems,
} from './rules.ts'
import {
  EpisodeInput,
  episodeCheck,
  InterviewInput,
  interviewCheck,
  ReturnInput,
  returnCheck,
} from './schemas.ts'
import * as store from './store.ts'

export interface MissingContext {
  db: Kysely<DB>
  partnership: PartnershipConfig
  now: () => Date
}

export type { ChildNames } from '../children/index.ts'

const fieldOrder = (schema: { properties: object }) => Object.keys(schema.properties)

/** The platform's `checkedInput`, but with the problems in the form's order (the error summary's). */
function checked<T>(
  check: { problems(value: unknown): FieldProblem[]; fits(value: unknown): value is T },
  order: string[],
  sent: unknown,
): T {
  const problems = mergeProblems(order, check.problems(sent))
  if (problems.length > 0 || !check.fits(sent)) throw new InvalidInput(problems)
  return sent
}

function recordedBy(request: FastifyRequest): store.RecordedBy {
  const actor = getActor(request)
  return { by: `${actor.kind}:${actor.id}`, name: actor.displayName, agencyId: actor.agencyId }
}

const agencyName = (ctx: MissingContext, id: string) =>
  ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id

/** Records a missing episode (and the return, when known) as the actor: checked, authorised, kept. */
export async function recordEpisode(
  ctx: MissingContext,
  request: FastifyRequest,
  childId: string,
  sent: unknown,
): Promise<store.EpisodeRow> {
  return audited(ctx.db, async (trx) => {
    const child = await childFromPath(trx, childId)
    const permit = authorize(trx, { ...accessFrom(request), action: 'missing.record', resource: child })
    const input = checked<EpisodeInput>(episodeCheck, fieldOrder(EpisodeInput), sent)
    const problems = mergeProblems(fieldOrder(EpisodeInput), episodeProblems(input, ctx.now()))
    if (problems.length > 0) throw new InvalidInput(problems)
    const who = recordedBy(request)
    const returned =
      input.returnedOn && input.returnedTime && input.whereFound
        ? { at: momentOf(input.returnedOn, input.returnedTime), whereFound: input.whereFound.trim() }
        : undefined
    const episode = await store.insertEpisode(
      trx,
      {
        childId,
        wentMissingAt: momentOf(input.wentMissingOn, input.wentMissingTime),
        reportedAt: momentOf(input.reportedOn, input.reportedTime),
        risk: input.risk,
        returned,
      },
      who,
    )
    const actor = getActor(request)
    if (actor.agencyLaId !== child.laId)
      await recordInvolvements(trx, [
        {
          childId,
          agencyId: actor.agencyId,
          userId: permit.basis === 'involvement' ? actor.id : null,
          kind: 'missing-episode',
          reason: 'recorded a missing episode',
        },
      ])
    const wentMissing = govukDateTime(episode.went_missing_at)
    const words = `Went missing on ${wentMissing} (recorded by ${agencyName(ctx, who.agencyId)})`
    await chronicle(trx, request, child, 'missing.recorded', words, episode.id)
    if (returned)
      await chronicle(trx, request, child, 'missing.returned', returnWords(ctx, who, returned.at), episode.id)
    return episode
  })
}

const returnWords = (ctx: MissingContext, who: store.RecordedBy, at: Date) =>
  `Found or came back from missing on ${govukDateTime(at)} (recorded by ${agencyName(ctx, who.agencyId)})`

/** Records the child's return on an episode still open: once. */
export async function recordReturn(
  ctx: MissingContext,
  request: FastifyRequest,
  episodeId: string,
  sent: unknown,
): Promise<store.EpisodeRow> {
  return audited(ctx.db, async (trx) => {
    const { episode, child } = await episodeFor(trx, episodeId)
    authorize(trx, {
      ...accessFrom(request),
      action: 'missing.record',
      resource: child,
      detail: { episodeId },
    })
    if (episode.returned_at) throw new RequestError(409, 'The child’s return is already recorded')
    const input = checked<ReturnInput>(returnCheck, fieldOrder(ReturnInput), sent)
    const problems = returnProblems(input, episode.went_missing_at, ctx.now())
    if (problems.length > 0) throw new InvalidInput(problems)
    const who = recordedBy(request)
    const returned = {
      at: momentOf(input.returnedOn, input.returnedTime),
      whereFound: input.whereFound.trim(),
    }
    await store.writeReturn(trx, episodeId, returned, who)
    await chronicle(trx, request, child, 'missing.returned', returnWords(ctx, who, returned.at), episodeId)
    return {
      ...episode,
      returned_at: returned.at,
      where_found: returned.whereFound,
      return_recorded_by: who.by,
    }
  })
}

/** Records the return home interview the LA offered: once, after the child's return. */
export async function recordInterview(
  ctx: MissingContext,
  request: FastifyRequest,
  episodeId: string,
  sent: unknown,
): Promise<void> {
  await audited(ctx.db, async (trx) => {
    const { episode, child } = await episodeFor(trx, episodeId)
    authorize(trx, {
      ...accessFrom(request),
      action: 'missing.interview',
      resource: child,
      detail: { episodeId },
    })
    if (!episode.returned_at) throw new RequestError(409, 'Record the child’s return before the interview')
    if (episode.interview_outcome)
      throw new RequestError(409, 'The return home interview is already recorded')
    const input = checked<InterviewInput>(interviewCheck, fieldOrder(InterviewInput), sent)
    const problems = mergeProblems(
      fieldOrder(InterviewInput),
      interviewProblems(input, episode.returned_at, ctx.now()),
    )
    if (problems.length > 0) throw new InvalidInput(problems)
    const who = recordedBy(request)
    const interview = {
      offeredAt: momentOf(input.offeredOn, input.offeredTime),
      outcome: input.outcome,
      childSaid: input.childSaid?.trim() || null,
    }
    await store.writeInterview(trx, episodeId, interview, who)
    const outcome = input.outcome === 'done' ? 'held' : 'offered and declined'
    const words = `Return home interview ${outcome} (recorded by ${agencyName(ctx, who.agencyId)})`
    await chronicle(trx, request, child, 'missing.interviewed', words, episodeId)
  })
}

/** An episode as a page shows it: its row and where its return home interview stands. */
export interface Episode extends store.EpisodeRow {
  interview: InterviewClock | null
}

export interface MissingHistory {
  child: ChildNames
  episodes: Episode[]
  counts: MissingCounts
  mayRecord: boolean
  mayInterview: boolean
}

/** The child's missing episodes and counts, for whom the policy lets read them. */
export async function readHistory(
  ctx: MissingContext,
  request: FastifyRequest,
  childId: string,
): Promise<MissingHistory> {
  return audited(ctx.db, async (trx) => {
    const child = await childFromPath(trx, childId)
    authorize(trx, { ...accessFrom(request), action: 'missing.view', resource: child })
    const rows = await store.episodesOf(trx, childId)
    const now = ctx.now()
    const actor = getActor(request)
    return {
      child: await childNamesOf(trx, child),
      episodes: rows.map((row) => episodeOf(row, now)),
      counts: missingCounts(
        rows.map((row) => row.went_missing_at),
        toIsoDate(now),
      ),
      mayRecord: decide(actor, 'missing.record', child).allowed,
      mayInterview: decide(actor, 'missing.interview', child).allowed,
    }
  })
}

const episodeOf = (row: store.EpisodeRow, now: Date): Episode => ({
  ...row,
  interview: row.returned_at ? interviewClock(row.returned_at, now, row.interview_offered_at) : null,
})

/** The child, for the form that records a missing episode: whoever may record one. */
export async function childForStep(
  ctx: MissingContext,
  request: FastifyRequest,
  childId: string,
): Promise<ChildNames> {
  return audited(ctx.db, async (trx) => {
    const child = await childFromPath(trx, childId)
    authorize(trx, { ...accessFrom(request), action: 'missing.record', resource: child })
    return childNamesOf(trx, child)
  })
}

/** One episode, for the form of its next step (the return, or the interview). */
export async function episodeForStep(
  ctx: MissingContext,
  request: FastifyRequest,
  episodeId: string,
  action: 'missing.record' | 'missing.interview',
): Promise<{ child: ChildNames; episode: Episode }> {
  return audited(ctx.db, async (trx) => {
    const { episode, child } = await episodeFor(trx, episodeId)
    authorize(trx, { ...accessFrom(request), action, resource: child, detail: { episodeId } })
    return { child: await childNamesOf(trx, child), episode: episodeOf(episode, ctx.now()) }
  })
}

export interface InterviewDue extends store.InterviewToRecord {
  clock: InterviewClock
}

/**
 * The return home interviews still to record for the children of the LAs the actor records them for,
 * soonest due first: each child asked of the policy (audited), so a child they may not open is left out.
 */
export async function interviewsDue(ctx: MissingContext, request: FastifyRequest): Promise<InterviewDue[]> {
  const actor = getActor(request)
  authorizeGate(actor, 'return-interviews')
  const laIds = grantedLaIds(actor, 'missing.interview')
  const now = ctx.now()
  return audited(ctx.db, async (trx) => {
    const rows = await store.interviewsToRecord(trx, laIds)
    const children = await getChildResources(trx, [...new Set(rows.map((row) => row.childId))])
    const opens = new Map<string, boolean>()
    for (const [childId, resource] of children)
      opens.set(
        childId,
        consult(trx, { ...accessFrom(request), action: 'missing.interview', resource }).allowed,
      )
    return rows
      .filter((row) => opens.get(row.childId))
      .map((row) => ({ ...row, clock: interviewClock(row.returnedAt, now) }))
  })
}

async function chronicle(
  trx: Transaction<DB>,
  request: FastifyRequest,
  child: ChildResource,
  type: string,
  summary: string,
  episodeId: string,
) {
  const actor = getActor(request)
  await recordEvent(trx, {
    type,
    childId: child.childId,
    laId: child.laId,
    agencyId: actor.agencyId,
    actorId: actor.id,
    summary,
    payload: { episodeId },
  })
}

async function episodeFor(trx: Transaction<DB>, episodeId: string) {
  const episode = isUuid(episodeId) ? await store.lockEpisode(trx, episodeId) : undefined
  if (!episode) throw new RequestError(404, 'Not found')
  return { episode, child: await getChildResource(trx, episode.child_id) }
}
