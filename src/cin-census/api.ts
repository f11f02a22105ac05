// The CIN census return sent by an LA's system: the XML as the request body, read as it streams
// (never held whole), checked against every rule, the findings kept for the LA's analysts.

import type { Readable } from 'node:stream'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { accessFrom } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { type CensusContext, checkReturn } from './workflow.ts'

const RuleCount = Type.Object({
  code: Type.String({ description: "the DfE's rule code, e.g. '8565' or '8670Q'" }),
  kind: Type.Union([Type.Literal('error'), Type.Literal('query')]),
  message: Type.String(),
  children: Type.Integer({ description: 'children (or the return itself) breaching the rule' }),
  records: Type.Integer({ description: 'records breaching it' }),
})

const RunAnswer = Type.Object({
  id: Type.String({ format: 'uuid' }),
  children: Type.Integer(),
  errors: Type.Integer({ description: 'children per error rule, summed' }),
  queries: Type.Integer({ description: 'children per query rule, summed' }),
  rules: Type.Array(RuleCount),
  differences: Type.Integer({
    description: "CP plans open in the census year that the return and masa's records do not agree on",
  }),
  page: Type.String({ description: "the run's page for the LA's analysts" }),
})

export function registerCensusApi(app: FastifyInstance, ctx: CensusContext): void {
  // The body is handed over unread; the route reads it as a stream.
  app.addContentTypeParser(['application/xml', 'text/xml'], (_request, payload, done) => done(null, payload))
  app.post(
    '/api/v1/returns/cin-census',
    {
      // The body is the unread stream, not text fields to check one by one (the reader checks the XML).
      config: { itemwiseInput: true },
      schema: {
        summary:
          "Check an LA's CIN census return (the DfE's XML as the body, Content-Type application/xml) against the 2024-25 validation rules",
        response: { 201: RunAnswer },
      },
    },
    async (request, reply) => {
      const body = request.body as Readable | undefined
      if (typeof body?.pipe !== 'function')
        throw new RequestError(415, 'Send the census XML as the body, with Content-Type application/xml')
      const run = await checkReturn(ctx, accessFrom(request), body)
      return reply.code(201).send({
        id: run.id,
        children: run.summary.children,
        errors: run.summary.errors,
        queries: run.summary.queries,
        rules: run.summary.rules,
        differences: run.differences,
        page: `/returns/cin-census/${run.id}`,
      })
    },
  )
}
