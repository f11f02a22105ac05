// Professional disagreements' JSON routes for agencies' systems: raise one about a child, read one.
import type { FastifyInstance } from 'fastify'
import { callerOf } from '../identity/index.ts'
import { IdParams } from '../platform/http/schemas.ts'
import { DisagreementAnswer, DisagreementInput } from './schemas.ts'
import type { Disagreement, StageRecord } from './store.ts'
import { type EscalationContext, raiseDisagreement, readDisagreement } from './workflow.ts'

export function registerDisagreementApi(app: FastifyInstance, ctx: EscalationContext): void {
  /** The raiser reads back what they raised, whether or not their scopes would open it later. */
  const answer = (d: Disagreement, stages: StageRecord[]): DisagreementAnswer => ({
    id: d.id,
    childId: d.childId,
    about: d.about,
    aboutId: d.aboutId,
    raisedBy: d.raisedByName,
    raiserAgencyId: d.raiserAgencyId,
    otherAgencyId: d.otherAgencyId,
    reason: { id: d.reasonId, label: d.reasonLabel },
    detail: d.detail,
    stage: d.stage,
    stageDueBy: d.stageDueBy,
    raisedAt: d.raisedAt.toISOString(),
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    stages: stages.map((s) => ({
      stage: s.stage,
      who: s.who,
      discussed: s.discussed,
      outcome: s.outcome,
      recordedAt: s.recordedAt.toISOString(),
    })),
  })

  app.post<{ Params: IdParams; Body: DisagreementInput }>(
    '/api/v1/children/:id/disagreements',
    {
      schema: {
        summary: 'Raise a professional disagreement about a decision on a child: it starts at stage 1',
        params: IdParams,
        body: DisagreementInput,
        response: { 201: DisagreementAnswer },
      },
    },
    async (request, reply) => {
      const raised = await raiseDisagreement(ctx, callerOf(request), request.params.id, request.body)
      return reply.code(201).send(answer(raised, []))
    },
  )

  app.get<{ Params: IdParams }>(
    '/api/v1/disagreements/:id',
    {
      schema: {
        summary: 'A professional disagreement with its stages, for its parties and the partnership’s leads',
        params: IdParams,
        response: { 200: DisagreementAnswer },
      },
    },
    async (request) => {
      const { disagreement, stages } = await readDisagreement(ctx, callerOf(request), request.params.id)
      return answer(disagreement, stages)
    },
  )
}
