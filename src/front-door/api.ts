// The front door's JSON API under /api/v1, for agency systems. Identity refuses any call without a
// valid API key before routing; each step checks access and audits inside its own transaction.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { actorForColleague, callerOf } from '../identity/index.ts'
import { getLa, type PartnershipConfig } from '../partnership/config.ts'
import type { Caller } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import { Uuid } from '../platform/http/schemas.ts'
import type { RelayedCaller } from './access.ts'
import { decideReferral } from './decision.ts'
import { receiveReferral } from './intake.ts'
import { matchReferral } from './matching.ts'
import { decisionClock, formatReferralNumber, senderStatus, withoutContributionsOf } from './rules.ts'
import {
  ApiDecisionInput,
  DecisionView,
  MatContributionInput,
  MatContributionView,
  OUTCOMES,
  QUEUES,
  QueueEntry,
  ReferralInput,
  ReferralView,
} from './schemas.ts'
import type { QueueRow, ThresholdDecisionRow } from './store.ts'
import { contributeToMat } from './triage.ts'
import { type FrontDoorContext, type ReferralRecord, viewQueue, viewReferral } from './workflow.ts'

/** A referral is text: 256 KiB is far beyond any real one, and anything larger is refused with 413. */
const REFERRAL_BODY_LIMIT = 256 * 1024

const ReferralParams = Type.Object({
  id: Uuid('the referral id'),
})

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 200,
    description:
      'a key unique to this referral from your system: a retry with the same key and body creates nothing new',
  }),
})

const tags = ['front door']

const MatchedReferral = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String({ description: 'the referral number, e.g. FD-000123' }),
  childId: Type.String({ format: 'uuid' }),
  hadLiveCpPlan: Type.Boolean({
    description: 'for information: the referral keeps the route intake gave it',
  }),
})

const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>()
type Api = ReturnType<typeof typed>

export function registerFrontDoorApi(app: FastifyInstance, ctx: FrontDoorContext): void {
  const api = typed(app)
  sendReferralRoute(api, ctx)
  readReferralRoute(api, ctx)
  matchReferralRoute(api, ctx)
  contributeRoute(api, ctx)
  decideRoute(api, ctx)
  queueRoute(api, ctx)
}

function sendReferralRoute(api: Api, ctx: FrontDoorContext) {
  api.post(
    '/api/v1/referrals',
    {
      bodyLimit: REFERRAL_BODY_LIMIT,
      schema: {
        summary: 'Send a referral about a child',
        description:
          'Routed to the child’s LA by postcode (or localAuthority), then by the partnership’s operating model. ' +
          'Idempotent per API client by the Idempotency-Key header: a replay returns the original referral with 200; ' +
          'the same key with a different body is refused with 409. The child joins a record only when an NHS number ' +
          'or UPN is corroborated by the name or date of birth. Its sender is answered the same whatever masa knows ' +
          'about the child: status sent (later decided), without the queue or route, which follow the child’s record.',
        tags,
        headers: IdempotencyHeaders,
        body: ReferralInput,
        response: { 200: ReferralView, 201: ReferralView },
      },
    },
    async (request, reply) => {
      const received = await receiveReferral(
        ctx,
        callerOf(request),
        request.body,
        request.headers['idempotency-key'],
      )
      const view = toReferralView(
        { referral: received.referral, decision: undefined, frontDoorView: false },
        ctx.partnership,
      )
      const possibleDuplicateOf = received.possibleDuplicateOf?.id
      return reply
        .code(received.replayed ? 200 : 201)
        .header('location', `/api/v1/referrals/${view.id}`)
        .send(possibleDuplicateOf ? { ...view, possibleDuplicateOf } : view)
    },
  )
}

function readReferralRoute(api: Api, ctx: FrontDoorContext) {
  api.get(
    '/api/v1/referrals/:id',
    {
      schema: {
        summary: 'A referral: its route, status and, once decided, the outcome and feedback',
        description:
          'The referrer’s agency sees the outcome and feedback; the front door also sees the triage.',
        tags,
        params: ReferralParams,
        response: { 200: ReferralView },
      },
    },
    async (request) =>
      toReferralView(await viewReferral(ctx, callerOf(request), request.params.id), ctx.partnership),
  )
}

function matchReferralRoute(api: Api, ctx: FrontDoorContext) {
  api.post(
    '/api/v1/referrals/:id/child',
    {
      schema: {
        summary: 'Match a referral to the child’s record',
        description:
          'For a referral whose child intake could not match (an NHS number or UPN is matched only when the name or ' +
          'date of birth agrees). Its events join the child’s ' +
          'chronology; its route does not change. A referral already matched or decided is refused with 409.',
        tags,
        params: ReferralParams,
        body: Type.Object(
          {
            childId: Uuid('the child’s record (see /api/v1/children)'),
          },
          { additionalProperties: false },
        ),
        response: { 200: MatchedReferral },
      },
    },
    async (request) => {
      const referral = await matchReferral(ctx, callerOf(request), request.params.id, request.body.childId)
      return {
        id: referral.id,
        number: formatReferralNumber(referral.number),
        childId: request.body.childId,
        hadLiveCpPlan: referral.had_live_cp_plan,
      }
    },
  )
}

function contributeRoute(api: Api, ctx: FrontDoorContext) {
  api.post(
    '/api/v1/referrals/:id/mat-contributions',
    {
      schema: {
        summary: 'Add what your agency’s records hold to a referral in multi-agency triage',
        description:
          'One contribution per kind of agency (LA, police, health, education); a second is refused with 409.',
        tags,
        params: ReferralParams,
        body: MatContributionInput,
        response: { 201: Type.Object({ contributions: Type.Array(MatContributionView) }) },
      },
    },
    async (request, reply) => {
      const rows = await contributeToMat(ctx, callerOf(request), request.params.id, request.body)
      return reply.code(201).send({ contributions: rows.map(toContributionView) })
    },
  )
}

function decideRoute(api: Api, ctx: FrontDoorContext) {
  api.post(
    '/api/v1/referrals/:id/decision',
    {
      schema: {
        summary: 'Record the threshold decision, with reasons and what the referrer is told',
        tags,
        params: ReferralParams,
        body: ApiDecisionInput,
        response: { 201: DecisionView },
      },
    },
    async (request, reply) => {
      const { decidedBy, ...input } = request.body
      const caller = await deciderOf(ctx, callerOf(request), decidedBy)
      const decision = await decideReferral(ctx, caller, request.params.id, input)
      return reply.code(201).send(toDecisionView(decision, true))
    },
  )
}

function queueRoute(api: Api, ctx: FrontDoorContext) {
  api.get(
    '/api/v1/front-door/queue',
    {
      schema: {
        summary: 'Open referrals of an LA, in the order they should be worked',
        description: 'Urgent first, then by decision due date, then by time received.',
        tags,
        querystring: Type.Object({
          la: Type.String({ description: 'the LA id from the partnership configuration' }),
          queue: Type.Optional(Type.Union(QUEUES.map((queue) => Type.Literal(queue)))),
        }),
        response: { 200: Type.Object({ entries: Type.Array(QueueEntry) }) },
      },
    },
    async (request) => {
      const { la, queue } = request.query
      if (!ctx.partnership.local_authorities.some((candidate) => candidate.id === la))
        throw new RequestError(400, `There is no LA "${la}" in this partnership`, 'la')
      const rows = await viewQueue(ctx, callerOf(request), { laIds: [la], queue })
      const today = toIsoDate(ctx.now())
      return { entries: rows.map((row) => toQueueEntry(row, today)) }
    },
  )
}

/** A system records a decision for the person who made it, who must be one of its agency's users. */
async function deciderOf(
  ctx: FrontDoorContext,
  caller: Caller,
  decidedBy: string | undefined,
): Promise<RelayedCaller> {
  if (caller.actor.kind === 'user') return caller
  if (!decidedBy)
    throw new RequestError(
      400,
      'decidedBy is required: the email of the person who made the decision',
      'decidedBy',
    )
  const person = await actorForColleague(ctx, caller.actor.agencyId, decidedBy)
  if (!person) throw new RequestError(400, 'decidedBy names no active user of your agency', 'decidedBy')
  return { actor: person, origin: caller.origin, via: caller.actor }
}

export function toReferralView(
  record: Pick<ReferralRecord, 'referral' | 'decision' | 'frontDoorView'> & Partial<ReferralRecord>,
  partnership: PartnershipConfig,
): ReferralView {
  const { referral, decision, frontDoorView } = record
  const la = getLa(partnership, referral.la_id)
  return {
    id: referral.id,
    number: formatReferralNumber(referral.number),
    laId: referral.la_id,
    childId: frontDoorView ? referral.child_id : null,
    ...(frontDoorView ? { route: referral.route, queue: referral.queue } : {}),
    urgency: referral.urgency,
    status: frontDoorView ? referral.status : senderStatus(referral.status),
    receivedAt: referral.received_at.toISOString(),
    decisionDueBy: referral.decision_due_by,
    outOfHours:
      referral.route === 'out-of-hours'
        ? { teamName: la.out_of_hours.team_name, phone: la.out_of_hours.phone }
        : null,
    decision: decision ? toDecisionView(decision, frontDoorView) : null,
    ...(frontDoorView ? { matContributions: (record.contributions ?? []).map(toContributionView) } : {}),
  }
}

function toDecisionView(decision: ThresholdDecisionRow, withReasons: boolean) {
  return {
    outcome: decision.outcome,
    outcomeLabel: OUTCOMES[decision.outcome],
    levelOfNeed: decision.level_of_need,
    decidedAt: decision.decided_at.toISOString(),
    workingDaysTaken: decision.working_days_taken,
    withinTimescale: decision.within_timescale,
    feedbackToReferrer: decision.feedback_to_referrer,
    ...(withReasons ? { reasons: decision.reasons, ...withoutContributionsView(decision) } : {}),
  }
}

function withoutContributionsView(decision: ThresholdDecisionRow) {
  const without = withoutContributionsOf(decision)
  if (!without) return {}
  const { reason, reasonLabel, detail, missingAgencyKinds } = without
  return { withoutContributions: { reason, reasonLabel, detail, missingAgencyKinds } }
}

function toContributionView(row: ReferralRecord['contributions'][number]) {
  return {
    agencyId: row.agency_id,
    agencyKind: row.agency_kind,
    recordsHold: row.records_hold,
    household: row.household,
    lawfulBasis: row.lawful_basis,
    contributedBy: row.contributed_by_name,
    contributedAt: row.contributed_at.toISOString(),
  }
}

function toQueueEntry(row: QueueRow, today: string) {
  return {
    id: row.id,
    number: formatReferralNumber(row.number),
    laId: row.la_id,
    childName: `${row.child_first_name} ${row.child_last_name}`,
    receivedAt: row.received_at.toISOString(),
    route: row.route,
    queue: row.queue,
    urgency: row.urgency,
    decisionDueBy: row.decision_due_by,
    tags: decisionClock({ urgency: row.urgency, decisionDueBy: row.decision_due_by }, today).tags,
    matContributed: row.contributed,
  }
}
