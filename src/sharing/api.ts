// Sharing's JSON routes for agencies' systems: the batch of shared events, and acknowledgements.
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireSystem } from '../identity/index.ts'
import { RequestError } from '../platform/http/errors.ts'
import { IdParams } from '../platform/http/schemas.ts'
import { BatchResult, MAX_BATCH, SentEventsOut, SentEventsQuery, SharedEventInput } from './schemas.ts'
import { acknowledgeAs, eventsWeShared, postAs, type SharingDeps } from './workflow.ts'

/** A full batch of typical events (a few KB each) fits; every other route keeps the app's 1 MiB. */
const BATCH_BODY_LIMIT = 4 * 1024 * 1024

const AcknowledgementBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    reference: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

export function registerSharingApi(app: FastifyInstance, deps: SharingDeps) {
  app.post(
    '/api/v1/shared-events',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      config: { itemwiseInput: true },
      preHandler: requireSystem,
      schema: {
        summary: 'Share a batch of events with every partner who needs them',
        description:
          `Up to ${MAX_BATCH} events. Each is checked on its own: the answer (207) lists every item as accepted, ` +
          'duplicate (already received under the same senderEventId: nothing new is created) or rejected with its errors.',
        tags: ['sharing'],
        body: Type.Array(SharedEventInput, { maxItems: MAX_BATCH }),
        response: { 207: BatchResult },
      },
      // Items are validated one by one in the handler, so one bad item cannot refuse the batch.
      validatorCompiler: () => (body) =>
        Array.isArray(body) && body.length <= MAX_BATCH
          ? { value: body }
          : { error: new RequestError(400, `Send a JSON array of 1 to ${MAX_BATCH} events`, 'body') },
    },
    postBatch(deps),
  )

  app.get(
    '/api/v1/shared-events',
    {
      preHandler: requireSystem,
      schema: {
        summary:
          'The events your agency shared, newest first, and whether every agency told has acknowledged each',
        description:
          'Which agencies were told is who works with the child, so `recipients` is given only where the policy lets ' +
          'the caller see that; `acknowledgement` always says how the event stands with all of them together.',
        tags: ['sharing'],
        querystring: SentEventsQuery,
        response: { 200: SentEventsOut },
      },
    },
    listSent(deps),
  )

  app.post(
    '/api/v1/shared-events/notifications/:id/acknowledgement',
    {
      preHandler: requireSystem,
      schema: {
        summary: 'Record that your agency checked a shared event against its own records',
        tags: ['sharing'],
        params: IdParams,
        body: AcknowledgementBody,
        response: { 200: Type.Object({ acknowledged: Type.Boolean() }) },
      },
    },
    acknowledgeNotification(deps),
  )
}

const postBatch = (deps: SharingDeps) => async (request: FastifyRequest, reply: FastifyReply) => {
  const result = await postAs(deps, request, request.body as unknown[])
  return reply.code(207).send(result)
}

const listSent = (deps: SharingDeps) => async (request: FastifyRequest) => {
  const { sentSince, limit = 100 } = request.query as { sentSince?: string; limit?: number }
  const since = sentSince === undefined ? undefined : new Date(sentSince)
  if (since && Number.isNaN(since.getTime()))
    throw new RequestError(
      400,
      'Give sentSince as a date and time, such as 2026-12-01T09:00:00Z',
      'sentSince',
    )
  const events = await eventsWeShared(deps.db, request, deps.runtime.now(), { limit, sentSince: since })
  return {
    events: events.map(({ id, senderEventId, sentAt, acknowledgement, recipients }) => ({
      id,
      senderEventId,
      sentAt,
      acknowledgement,
      ...(recipients && {
        recipients: recipients.map(({ agencyId, state, dueAt, acknowledgedAt }) => ({
          agencyId,
          state,
          dueAt,
          acknowledgedAt,
        })),
      }),
    })),
  }
}

const acknowledgeNotification = (deps: SharingDeps) => async (request: FastifyRequest) => {
  const { id } = request.params as { id: string }
  const { note, reference } = request.body as { note?: string; reference?: string }
  if (!note?.trim() && !reference?.trim())
    throw new RequestError(400, 'Give a note or a reference to your own record', 'note')
  const done = await acknowledgeAs(deps.db, request, id, deps.runtime.now(), { note, reference })
  return { acknowledged: done }
}
