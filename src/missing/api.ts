// Missing episodes' JSON routes for agencies' systems: record an episode (with the return if known),
// record the child's return, and read a child's episodes with the counts.
import { type Static, Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { IdParams } from '../platform/http/schemas.ts'
import { interviewDueBy } from './rules.ts'
import { EpisodeInput, INTERVIEW_OUTCOMES, ReturnInput, RISK_GRADINGS } from './schemas.ts'
import type { EpisodeRow } from './store.ts'
import { type MissingContext, readHistory, recordEpisode, recordReturn } from './workflow.ts'

const Instant = (description: string) => Type.String({ format: 'date-time', description })
const OrNull = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

const EpisodeAnswer = Type.Object({
  id: Type.String({ format: 'uuid' }),
  childId: Type.String({ format: 'uuid' }),
  agencyId: Type.String({ description: 'the agency that recorded it' }),
  wentMissingAt: Instant('when the child went missing'),
  reportedAt: Instant('when it was reported'),
  risk: Type.Union(Object.keys(RISK_GRADINGS).map((risk) => Type.Literal(risk))),
  returnedAt: OrNull(Instant('when the child was found or came back; null while missing')),
  whereFound: OrNull(Type.String()),
  interviewDueBy: OrNull(
    Instant('when the return home interview must be offered by: 72 hours after the return'),
  ),
  interviewOfferedAt: OrNull(Instant('when the return home interview was offered')),
  interviewOutcome: OrNull(Type.String({ enum: Object.keys(INTERVIEW_OUTCOMES) })),
  interviewChildSaid: OrNull(Type.String()),
})

const iso = (at: Date | null) => at?.toISOString() ?? null
const answer = (row: EpisodeRow): Static<typeof EpisodeAnswer> => ({
  id: row.id,
  childId: row.child_id,
  agencyId: row.agency_id,
  wentMissingAt: row.went_missing_at.toISOString(),
  reportedAt: row.reported_at.toISOString(),
  risk: row.risk,
  returnedAt: iso(row.returned_at),
  whereFound: row.where_found,
  interviewDueBy: row.returned_at ? interviewDueBy(row.returned_at).toISOString() : null,
  interviewOfferedAt: iso(row.interview_offered_at),
  interviewOutcome: row.interview_outcome,
  interviewChildSaid: row.interview_child_said,
})

export function registerMissingApi(app: FastifyInstance, ctx: MissingContext): void {
  app.post<{ Params: IdParams; Body: EpisodeInput }>(
    '/api/v1/children/:id/missing-episodes',
    {
      schema: {
        summary: 'Record a child’s missing episode (dates and times in London), with the return if known',
        params: IdParams,
        body: EpisodeInput,
        response: { 201: EpisodeAnswer },
      },
    },
    async (request, reply) =>
      reply.code(201).send(answer(await recordEpisode(ctx, request, request.params.id, request.body))),
  )

  app.post<{ Params: IdParams; Body: ReturnInput }>(
    '/api/v1/missing-episodes/:id/return',
    {
      schema: {
        summary: 'Record when and where a missing child was found or came back',
        params: IdParams,
        body: ReturnInput,
        response: { 200: EpisodeAnswer },
      },
    },
    async (request) => answer(await recordReturn(ctx, request, request.params.id, request.body)),
  )

  app.get<{ Params: IdParams }>(
    '/api/v1/children/:id/missing-episodes',
    {
      schema: {
        summary:
          'A child’s missing episodes, the latest first, and how many in the last 90 days and 12 months',
        params: IdParams,
        response: {
          200: Type.Object({
            last90Days: Type.Integer(),
            last12Months: Type.Integer(),
            episodes: Type.Array(EpisodeAnswer),
          }),
        },
      },
    },
    async (request) => {
      const history = await readHistory(ctx, request, request.params.id)
      return { ...history.counts, episodes: history.episodes.map(answer) }
    },
  )
}
