// Strategy discussions' API under /api/v1: the same steps as the pages (workflow.ts), described by
// TypeBox schemas that also give the OpenAPI document.

import { type Static, Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { PART_MARKINGS, type PartMarking } from '../platform/access/policy.ts'
import { IdParams, Uuid } from '../platform/http/schemas.ts'
import { recordDocument } from './rules/record-document.ts'
import {
  INVITATION_REPLIES,
  MEETING_REASONS,
  POLICE_DECISIONS,
  STRATEGY_DECISIONS,
  STRATEGY_FORMATS,
} from './rules/strategy-discussion.ts'
import { type Caller, callerOf } from './workflow/access.ts'
import * as workflow from './workflow/strategy-discussion.ts'

const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })
const IsoDate = Type.String({ format: 'date', description: 'a calendar date, YYYY-MM-DD' })
const Id = IdParams
const Text = Type.String({ maxLength: 20_000 })

export const StrategyRequest = Type.Union([
  Type.Object({ referralId: Uuid() }, { additionalProperties: false }),
  Type.Object(
    {
      childId: Uuid(),
      origin: literals(['live-cp-plan', 'urgent'] as const),
      concerns: Text,
      meetingReasons: Type.Array(literals(MEETING_REASONS)),
    },
    { additionalProperties: false },
  ),
])
export type StrategyRequest = Static<typeof StrategyRequest>

export const StrategySchedule = Type.Object(
  {
    date: IsoDate,
    time: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    format: literals(STRATEGY_FORMATS),
    location: Type.String({ minLength: 1, maxLength: 500 }),
    meetingReasons: Type.Array(literals(MEETING_REASONS)),
    invitees: Type.Array(
      Type.Object({
        agencyId: Type.String(),
        name: Type.String({ maxLength: 200 }),
        email: Type.String({ maxLength: 320 }),
      }),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
)
export type StrategySchedule = Static<typeof StrategySchedule>

export const StrategyContribution = Type.Object(
  {
    recordsHeld: Text,
    risks: Text,
    strengths: Text,
    marking: Type.Optional(
      Type.Unsafe<PartMarking>({
        type: 'string',
        enum: [...PART_MARKINGS],
        description:
          'who may read it beyond the record’s readers: police may mark theirs police-only, health health-only; standard by default',
      }),
    ),
  },
  { additionalProperties: false },
)
export type StrategyContribution = Static<typeof StrategyContribution>

export const StrategyRecord = Type.Object(
  {
    attendance: Type.Array(
      Type.Object({ agencyId: Type.String(), attendee: Type.String({ maxLength: 200 }) }),
    ),
    informationShared: Text,
    riskAnalysis: Text,
    decision: literals(STRATEGY_DECISIONS),
    decisionReasons: Text,
    policeDecision: literals(POLICE_DECISIONS),
    familySharing: Text,
    familySharingOn: Type.Union([IsoDate, Type.Null()]),
    actions: Type.Array(
      Type.Object({
        description: Text,
        ownerAgencyId: Type.String(),
        ownerName: Type.String({ maxLength: 200 }),
        dueBy: IsoDate,
      }),
    ),
  },
  { additionalProperties: false },
)
export type StrategyRecord = Static<typeof StrategyRecord>

export const InvitationReply = Type.Object(
  { agencyId: Type.String(), reply: literals(INVITATION_REPLIES) },
  { additionalProperties: false },
)

const tags = ['Strategy discussions']

/** A step on one discussion, taken by the caller with the request's body: 204 once it is done. */
const step =
  <Body>(take: (caller: Caller, id: string, body: Body) => Promise<unknown>) =>
  async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as Static<typeof Id>
    await take(callerOf(request), id, request.body as Body)
    return reply.code(204).send()
  }

export function registerStrategyApi(app: FastifyInstance, ctx: workflow.StrategyContext): void {
  const base = '/api/v1/strategy-discussions'

  app.post(base, { schema: { tags, body: StrategyRequest } }, async (request, reply) => {
    const caller = callerOf(request)
    const body = request.body as StrategyRequest
    const id =
      'referralId' in body
        ? await workflow.requestFromReferral(ctx, caller, body.referralId)
        : await workflow.requestDirect(ctx, caller, body)
    return reply.code(201).send({ id })
  })

  app.get(`${base}/:id`, { schema: { tags, params: Id } }, async (request) => {
    const { id } = request.params as Static<typeof Id>
    const file = await workflow.readFile(ctx, callerOf(request), id)
    return recordDocument(file, ctx.partnership)
  })

  app.put(
    `${base}/:id/schedule`,
    { schema: { tags, params: Id, body: StrategySchedule } },
    step<StrategySchedule>((caller, id, body) => workflow.schedule(ctx, caller, id, body)),
  )

  app.post(
    `${base}/:id/replies`,
    { schema: { tags, params: Id, body: InvitationReply } },
    step<Static<typeof InvitationReply>>((caller, id, body) =>
      workflow.reply(ctx, caller, id, body.agencyId, body.reply),
    ),
  )

  app.put(
    `${base}/:id/contribution`,
    { schema: { tags, params: Id, body: StrategyContribution } },
    step<StrategyContribution>((caller, id, body) => workflow.contribute(ctx, caller, id, body)),
  )

  app.put(
    `${base}/:id/record`,
    { schema: { tags, params: Id, body: StrategyRecord } },
    step<StrategyRecord>((caller, id, body) =>
      workflow.saveRecord(ctx, caller, id, {
        ...body,
        attendingAgencyIds: body.attendance.map((a) => a.agencyId),
        attendeeNames: Object.fromEntries(body.attendance.map((a) => [a.agencyId, a.attendee])),
      }),
    ),
  )

  app.post(
    `${base}/:id/sign-off`,
    { schema: { tags, params: Id } },
    step((caller, id) => workflow.signOff(ctx, caller, id)),
  )

  app.post(
    `${base}/:id/acknowledgements`,
    { schema: { tags, params: Id } },
    step((caller, id) => workflow.acknowledge(ctx, caller, id)),
  )
}
