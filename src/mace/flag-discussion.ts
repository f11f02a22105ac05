// A flagged place's or person's discussion at an operational MACE meeting, through the guard in one
// audited transaction: what was discussed and when MACE reviews it (none: MACE need not see it again),
// once per meeting. Recorded and read by MACE's members of the meeting's LA, of a flag they see (a
// police-only person's flag is not found by anyone outside the police). Not on any child's chronology:
// places and persons are VOLT's intelligence.

import { type Static, Type } from '@sinclair/typebox'
import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { getActor } from '../identity/index.ts'
import { accessFrom, audited } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import {
  CalendarDate,
  checkedInput,
  compileInput,
  type FieldProblem,
  isUuid,
  Text,
} from '../platform/http/schemas.ts'
import { flagsAt } from './agenda.ts'
import * as agendaStore from './agenda-store.ts'
import { authorizeMeeting, hasStarted } from './meeting-access.ts'
import * as meetings from './meeting-store.ts'
import type { MaceContext } from './workflow.ts'

export const FlagDiscussionInput = Type.Object({
  discussion: Text({
    description: 'what MACE discussed about the place or person, and what it agreed',
    label: 'the discussion',
    maxLength: 20_000,
    missing: 'Enter what was discussed',
  }),
  reviewOn: Type.Optional(
    CalendarDate('when MACE reviews it again, after the meeting; none when MACE need not see it again', {
      invalid: 'The review date must be a real date',
    }),
  ),
})
const check = compileInput(FlagDiscussionInput)

/** The meeting (started, operational) and the flag as the caller sees it; 404 for a flag they may not see. */
async function flagAtMeeting(
  ctx: MaceContext,
  trx: Transaction<DB>,
  request: FastifyRequest,
  meetingId: string,
  flagId: string,
  now: Date,
) {
  const meeting = isUuid(meetingId) ? await meetings.findMeeting(trx, meetingId) : undefined
  if (!meeting || !isUuid(flagId)) throw new RequestError(404, 'Not found')
  const caller = accessFrom(request)
  const laIds = authorizeMeeting(trx, caller, ctx.partnership, meeting, { meetingId, flagId })
  const flag = (await flagsAt(trx, caller, meeting, laIds)).find((f) => f.id === flagId)
  if (!flag || meeting.kind === 'strategic') throw new RequestError(404, 'Not found')
  if (!hasStarted(meeting, now)) throw new RequestError(409, 'The meeting has not started yet')
  return { meeting, flag }
}

/** The form's context. */
export const flagToDiscuss = (
  ctx: MaceContext,
  request: FastifyRequest,
  meetingId: string,
  flagId: string,
  now = new Date(),
) => audited(ctx.db, (trx) => flagAtMeeting(ctx, trx, request, meetingId, flagId, now))

export async function recordFlagDiscussion(
  ctx: MaceContext,
  request: FastifyRequest,
  meetingId: string,
  flagId: string,
  sent: unknown,
  now = new Date(),
) {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    const { meeting, flag } = await flagAtMeeting(ctx, trx, request, meetingId, flagId, now)
    if (flag.discussedHere) throw new RequestError(409, 'This discussion is already recorded')
    const value = (sent ?? {}) as { reviewOn?: unknown }
    const more: FieldProblem[] =
      typeof value.reviewOn === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(value.reviewOn) &&
      value.reviewOn <= meeting.held_on
        ? [{ field: 'reviewOn', text: 'The review date must be after the meeting' }]
        : []
    const input = checkedInput(check, sent, more) as Static<typeof FlagDiscussionInput>
    return agendaStore.insertFlagDiscussion(trx, {
      flag_id: flag.id,
      meeting_id: meeting.id,
      discussion: input.discussion.trim(),
      review_on: input.reviewOn ?? null,
      recorded_by: `${actor.kind}:${actor.id}`,
      recorded_by_name: actor.displayName,
    })
  })
}
