// VOLT's JSON routes for agencies' systems (a police force's analysts' tools, with the scopes
// volt:read and volt:write, for children the force is involved with): a child's network to two hops
// as the profile page shows it to the force (a hidden child is not found), links recorded as a
// batch of up to a hundred, kept whole or not at all, the problems named by item, and the places and
// persons flagged for MACE: an LA's, and a place's or person's, as the pages list them.

import { type Static, Type } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import type { FastifyInstance } from 'fastify'
import { callerOf } from '../identity/index.ts'
import { ApiErrorOut } from '../platform/http/errors.ts'
import { IdParams, InvalidInput, Uuid } from '../platform/http/schemas.ts'
import type { End, LinkView, VoltContext } from './ends.ts'
import { type FlagRead, laFlags, SUBJECT_PATHS, subjectFlags } from './mace-flag.ts'
import { recordLinks } from './recording.ts'
import { NODE_KINDS } from './rules.ts'
import { LinkInput } from './schemas.ts'
import { childNetwork } from './workflow.ts'

const EndOut = Type.Object({
  kind: Type.Union(NODE_KINDS.map((kind) => Type.Literal(kind))),
  id: Type.String({ description: 'a child’s, person’s or place’s id, or a theme’s code' }),
  name: Type.String(),
  detail: Type.String({ description: 'what kind of person or place, in words' }),
})

const LinkOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  hop: Type.Union([Type.Literal(1), Type.Literal(2)], { description: '1: at the child; 2: one step on' }),
  from: EndOut,
  to: EndOut,
  linkType: Type.String({
    description: 'how they are linked, read from `from` to `to` when they were kept that way',
  }),
  sourceAgencyId: Type.String(),
  seenOn: Type.String({ format: 'date' }),
  grading: Type.Union([
    Type.Null(),
    Type.Object({
      sourceEvaluation: Type.String(),
      intelligenceAssessment: Type.String(),
      handlingCode: Type.String(),
      conditions: Type.Union([Type.String(), Type.Null()]),
      words: Type.String(),
    }),
  ]),
})

const NetworkOut = Type.Object({
  child: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }),
  links: Type.Array(LinkOut),
})

const When = (description: string) => Type.String({ format: 'date-time', description })
const MaceFlagOut = Type.Object({
  id: Uuid(),
  laId: Type.String({ description: 'the LA whose MACE should discuss it' }),
  subject: Type.Object({
    kind: Type.Union([Type.Literal('location'), Type.Literal('person')]),
    id: Uuid(),
    name: Type.Union([Type.String(), Type.Null()], {
      description: 'null once the place or person is deleted',
    }),
  }),
  reason: Type.String({ description: 'why MACE should discuss it' }),
  flaggedBy: Type.Object({ name: Type.String(), agencyId: Type.String() }),
  flaggedAt: When('when it was flagged'),
  cleared: Type.Union([
    Type.Null(),
    Type.Object(
      {
        at: When('when it was cleared'),
        byName: Type.Union([Type.String(), Type.Null()]),
        agencyId: Type.Union([Type.String(), Type.Null()]),
        reason: Type.Union([Type.String(), Type.Null()]),
      },
      { description: 'cleared by hand with the reason, or (no reason) with its place or person deleted' },
    ),
  ]),
})
const MaceFlagsOut = Type.Object({ flags: Type.Array(MaceFlagOut) })
const LaFlagsQuery = Type.Object({
  laId: Type.String({ description: 'the LA id from the partnership configuration' }),
  state: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('all')], {
      description:
        'open (the default): on the agenda of the LA’s MACE meetings to come; all: with those cleared',
    }),
  ),
})
type LaFlagsQuery = Static<typeof LaFlagsQuery>

const flagOut = (flag: FlagRead): Static<typeof MaceFlagOut> => ({
  id: flag.id,
  laId: flag.la_id,
  subject: { kind: flag.subject_kind, id: flag.subject_id, name: flag.name },
  reason: flag.reason,
  flaggedBy: { name: flag.flagged_by_name, agencyId: flag.agency_id },
  flaggedAt: flag.flagged_at.toISOString(),
  cleared: flag.cleared_at && {
    at: flag.cleared_at.toISOString(),
    byName: flag.cleared_by_name,
    agencyId: flag.cleared_agency_id,
    reason: flag.cleared_reason,
  },
})

const BATCH = { minItems: 1, maxItems: 100 }
const LinkBatch = Type.Object({
  items: Type.Array(LinkInput, { ...BATCH, description: 'the links, one to a hundred: all kept, or none' }),
})
type LinkBatch = Static<typeof LinkBatch>

/**
 * What Fastify checks of a batch: its envelope only. Its validator stops at the first problem, so the
 * items are checked by `recordLinks`, which names every problem of every item (`items[3].linkType`).
 */
const envelope = TypeCompiler.Compile(Type.Object({ items: Type.Array(Type.Unknown(), BATCH) }))
const envelopeValidator = () => (body: unknown) =>
  envelope.Check(body)
    ? { value: body }
    : { error: new InvalidInput([{ field: 'items', text: 'Send one to a hundred links as items' }]) }

const endOut = (end: End) => ({ kind: end.kind, id: end.ref, name: end.name, detail: end.detail })
const linkOut = (link: LinkView): Static<typeof LinkOut> => ({
  id: link.id,
  hop: link.hop,
  from: endOut(link.from),
  to: endOut(link.to),
  linkType: link.codes.link_type,
  sourceAgencyId: link.codes.source_agency_id,
  seenOn: link.seenOn,
  grading:
    link.grading &&
    link.codes.source_evaluation &&
    link.codes.intelligence_assessment &&
    link.codes.handling_code
      ? {
          sourceEvaluation: String(link.codes.source_evaluation),
          intelligenceAssessment: link.codes.intelligence_assessment,
          handlingCode: link.codes.handling_code,
          conditions: link.conditions,
          words: link.grading,
        }
      : null,
})

export function registerVoltApi(app: FastifyInstance, ctx: VoltContext): void {
  app.get<{ Params: IdParams }>(
    '/api/v1/children/:id/volt-network',
    {
      schema: {
        summary:
          'A child’s exploitation network (VOLT) to two hops, within what the force may see (a child it may not read is not found)',
        params: IdParams,
        response: { 200: NetworkOut },
      },
    },
    async (request) => {
      const network = await childNetwork(ctx, callerOf(request), request.params.id)
      return {
        child: { id: network.child.childId, name: network.child.name },
        links: network.links.map(linkOut),
      }
    },
  )
  app.post<{ Body: LinkBatch }>(
    '/api/v1/volt/links',
    {
      schema: {
        summary:
          'Record links in children’s exploitation networks (VOLT), one to a hundred, all or none; each needs a child at one end',
        description:
          'A batch with any bad item keeps nothing: the 400 names the first problem (`message`, `field`) ' +
          'and lists every problem of every item in `problems`, each field named by its item, as ' +
          '`items[3].handlingCode`. A child refused or hidden is 403 or 404 naming its item (`items[1].from`).',
        body: LinkBatch,
        response: {
          201: Type.Object({ recorded: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }) })) }),
          400: ApiErrorOut,
        },
      },
      validatorCompiler: envelopeValidator,
    },
    async (request, reply) => {
      const rows = await recordLinks(ctx, callerOf(request), request.body.items)
      return reply.code(201).send({ recorded: rows.map((row) => ({ id: row.id })) })
    },
  )
  app.get<{ Querystring: LaFlagsQuery }>(
    '/api/v1/volt/mace-flags',
    {
      schema: {
        summary: 'The places and persons flagged for an LA’s MACE meetings, latest first',
        description:
          'For the areas the force serves. A person the police keep to themselves is left out for anyone else.',
        querystring: LaFlagsQuery,
        response: { 200: MaceFlagsOut, 400: ApiErrorOut },
      },
    },
    async (request) => {
      const { laId, state } = request.query
      const flags = await laFlags(ctx, callerOf(request), laId, state === 'all')
      return { flags: flags.map(flagOut) }
    },
  )
  for (const kind of ['location', 'person'] as const)
    app.get<{ Params: IdParams }>(
      `/api/v1/volt/${SUBJECT_PATHS[kind]}/:id/mace-flags`,
      {
        schema: {
          summary: `A ${kind === 'location' ? 'place’s' : 'person of concern’s'} flags for MACE, open and cleared, latest first`,
          ...(kind === 'person'
            ? { description: 'A person the police keep to themselves is not found by anyone else.' }
            : {}),
          params: IdParams,
          response: { 200: MaceFlagsOut },
        },
      },
      async (request) => ({
        flags: (await subjectFlags(ctx, callerOf(request), kind, request.params.id)).map(flagOut),
      }),
    )
}
