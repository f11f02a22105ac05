// Children's JSON routes for agencies' systems: search, a child's record, create after searching.
import type { Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { RequestError } from '../platform/http/errors.ts'
import { IdParams } from '../platform/http/schemas.ts'
import { type Checked, ChildSearchQuery, checkChildSearch, checkNewChild, NewChildBody } from './schemas.ts'
import type { VisibleMatch } from './search.ts'
import { type Context, createChild, laIds, search, searchFor, viewChild } from './workflow.ts'

function requireValid<T>(checked: Checked<T>): T {
  if (checked.ok) return checked.value
  const [first] = checked.problems
  throw new RequestError(400, first?.text ?? 'Invalid input', first?.field)
}

const apiMatch = (match: VisibleMatch) => ({
  id: match.childId,
  score: match.score,
  likelyDuplicate: match.likelyDuplicate,
  reasons: match.reasons.map((reason) => reason.text),
  mayOpen: match.mayOpen,
  child: {
    givenName: match.child.givenName,
    familyName: match.child.familyName,
    dateOfBirth: match.child.dateOfBirth,
    laId: match.child.laId,
  },
})

export function registerChildApi(app: FastifyInstance, ctx: Context): void {
  app.get<{ Querystring: Static<typeof ChildSearchQuery> }>(
    '/api/v1/children',
    {
      schema: {
        summary: 'Search for a child by name, date of birth, NHS number or UPN',
        querystring: ChildSearchQuery,
      },
    },
    async (request) => {
      const criteria = requireValid(checkChildSearch(request.query, ctx.today()))
      return { results: (await search(ctx, request, criteria)).map(apiMatch) }
    },
  )

  app.get<{ Params: { id: string } }>(
    '/api/v1/children/:id',
    { schema: { summary: 'A child’s record', params: IdParams } },
    async (request) => {
      const { record } = await viewChild(ctx, request, request.params.id)
      return record
    },
  )

  app.post<{ Body: NewChildBody }>(
    '/api/v1/children',
    {
      schema: {
        summary: 'Create a child’s record (search first: likely duplicates are refused with 409)',
        body: NewChildBody,
      },
    },
    async (request, reply) => {
      const body = request.body
      const input = requireValid(
        checkNewChild(
          { ...body, dob: body.dateOfBirth, expectedDob: body.expectedDateOfBirth, nhs: body.nhsNumber },
          laIds(ctx),
          ctx.today(),
        ),
      )
      if (!body.confirmedNotDuplicate) {
        const likely = (await search(ctx, request, searchFor(input))).filter((match) => match.likelyDuplicate)
        if (likely.length > 0) {
          return reply.code(409).send({
            statusCode: 409,
            error: 'Conflict',
            message: 'Likely duplicates exist: use one of them, or send confirmedNotDuplicate: true',
            field: 'confirmedNotDuplicate',
            likelyDuplicates: likely.map(apiMatch),
          })
        }
      }
      const id = await createChild(ctx, request, input)
      return reply.code(201).send({ id })
    },
  )
}
