// An education or health agency declares the children on its roll or caseload, and ends its own
// declarations when a child leaves: a page for its safeguarding manager and a batch API for its
// system. Each goes through the one policy (roll.declare on the agency), audited; the answer is the
// same whether or not masa knows each child ("received N"), so it tells the declarer nothing.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import { getActor, requireSystem, requireUser } from '../identity/index.ts'
import type { Actor } from '../platform/access/actor.ts'
import { accessFrom, audited, authorize } from '../platform/access/guard.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { RequestError } from '../platform/http/errors.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import { isUuid } from '../platform/http/schemas.ts'
import {
  type ChildEntry,
  checkEntry,
  type DeclarationKind,
  type DeclaredChild,
  declarationKindFor,
  declareChildren,
  endDeclarations,
  listDeclarations,
  MAX_DECLARATIONS,
  requiredText,
} from './declarations.ts'
import { dateFromParts } from './schemas.ts'

interface Context {
  db: Kysely<DB>
  now: () => Date
}

type Form = Record<string, string | undefined>

const KIND_WORDS: Record<DeclarationKind, { list: string; one: string }> = {
  roll: { list: 'Children on your roll', one: 'roll' },
  caseload: { list: 'Children on your caseload', one: 'caseload' },
}

const LAWFUL_BASIS_MISSING = 'Enter the lawful basis for sharing that this child is on your roll or caseload'
const END_REASON_MISSING = 'Enter why this child is no longer on your roll or caseload'

export function registerDeclarations(app: FastifyInstance, ctx: Context): void {
  registerPages(app, ctx)
  registerApi(app, ctx)
}

/** The agency's own declarations, as the policy sees them; refused (403) for any other actor. */
function authorizeDeclaring(
  trx: Transaction<DB>,
  request: FastifyRequest,
  detail?: Record<string, unknown>,
): { actor: Actor; kind: DeclarationKind } {
  const actor = getActor(request)
  const resource = { kind: 'agency', agencyId: actor.agencyId } as const
  authorize(trx, { ...accessFrom(request), action: 'roll.declare', resource, ...(detail ? { detail } : {}) })
  const kind = declarationKindFor(actor.agencyKind)
  if (!kind) throw new Error('roll.declare is held only by agencies that keep a roll or caseload')
  return { actor, kind }
}

const by = (actor: Actor) => `${actor.kind}:${actor.id}`

// ---------------------------------------------------------------------------
// Pages

function registerPages(app: FastifyInstance, ctx: Context) {
  const signedIn = { schema: { hide: true }, preHandler: requireUser }

  app.get('/declarations', signedIn, async (request, reply) =>
    reply.view('children/views/declarations.njk', await listPage(ctx, request, {}, [])),
  )

  app.post<{ Body: Form }>('/declarations', signedIn, async (request, reply) => {
    const form = request.body ?? {}
    const dateOfBirth = dateFromParts(
      form['dateOfBirth-day'],
      form['dateOfBirth-month'],
      form['dateOfBirth-year'],
    )
    const checked = checkEntry({ ...form, dateOfBirth }, toIsoDate(ctx.now()))
    const problems = [
      ...checked.problems,
      ...requiredText(form.lawfulBasis, 'lawfulBasis', LAWFUL_BASIS_MISSING),
    ]
    if (problems.length > 0 || !checked.child)
      return reply
        .code(400)
        .view('children/views/declarations.njk', await listPage(ctx, request, form, problems))
    await declare(ctx, request, [checked.child], (form.lawfulBasis as string).trim())
    return reply.redirect('/declarations?declared=1', 303)
  })

  app.get<{ Params: { id: string } }>('/declarations/:id/end', signedIn, async (request, reply) =>
    reply.view('children/views/end-declaration.njk', await endPage(ctx, request, request.params.id, {}, [])),
  )

  app.post<{ Params: { id: string }; Body: Form }>(
    '/declarations/:id/end',
    signedIn,
    async (request, reply) => {
      const form = request.body ?? {}
      const problems = requiredText(form.reason, 'reason', END_REASON_MISSING)
      if (problems.length > 0)
        return reply
          .code(400)
          .view(
            'children/views/end-declaration.njk',
            await endPage(ctx, request, request.params.id, form, problems),
          )
      const ended = await audited(ctx.db, async (trx) => {
        const { actor, kind } = authorizeDeclaring(trx, request, { ended: request.params.id })
        return endDeclarations(trx, {
          agencyId: actor.agencyId,
          kind,
          reason: (form.reason as string).trim(),
          endedBy: by(actor),
          at: ctx.now(),
          ids: isUuid(request.params.id) ? [request.params.id] : [],
        })
      })
      if (ended === 0) throw new RequestError(404, 'Not found')
      return reply.redirect('/declarations?ended=1', 303)
    },
  )
}

async function listPage(ctx: Context, request: FastifyRequest, form: Form, problems: FieldProblem[]) {
  return audited(ctx.db, async (trx) => {
    const { actor, kind } = authorizeDeclaring(trx, request)
    const query = request.query as Form
    return {
      words: KIND_WORDS[kind],
      declarations: await listDeclarations(trx, actor.agencyId),
      notice: query.declared
        ? 'Declaration received. It is listed below until you end it.'
        : query.ended
          ? 'Declaration ended. Your agency is no longer involved with the child through it.'
          : undefined,
      ...formContext(form, problems),
    }
  })
}

async function endPage(
  ctx: Context,
  request: FastifyRequest,
  id: string,
  form: Form,
  problems: FieldProblem[],
) {
  const page = await listPage(ctx, request, {}, [])
  const declaration = page.declarations.find((row) => row.id === id)
  if (!declaration) throw new RequestError(404, 'Not found')
  return { words: page.words, declaration, ...formContext(form, problems) }
}

const formContext = (form: Form, problems: FieldProblem[]) => ({
  form,
  errors: problems.map((problem) => ({
    text: problem.text,
    href: `#${problem.field === 'dateOfBirth' ? 'dateOfBirth-day' : problem.field}`,
  })),
  fieldErrors: Object.fromEntries(problems.map((problem) => [problem.field, { text: problem.text }])),
})

async function declare(
  ctx: Context,
  request: FastifyRequest,
  children: DeclaredChild[],
  lawfulBasis: string,
) {
  return audited(
    ctx.db,
    async (trx) => {
      // The entries' count only: naming the children matched would tell the agency's own audit readers.
      const { actor, kind } = authorizeDeclaring(trx, request, { entries: children.length })
      return declareChildren(trx, {
        agencyId: actor.agencyId,
        kind,
        lawfulBasis,
        declaredBy: by(actor),
        userId: actor.kind === 'user' ? actor.id : null,
        at: ctx.now(),
        children,
      })
    },
    { uniformTiming: true },
  )
}

// ---------------------------------------------------------------------------
// API

const ChildItem = Type.Object(
  {
    givenName: Type.String({ maxLength: 100 }),
    familyName: Type.String({ maxLength: 100 }),
    dateOfBirth: Type.String({ description: 'YYYY-MM-DD' }),
    nhsNumber: Type.Optional(Type.String({ maxLength: 20 })),
    upn: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
)
const Identifiers = Type.Object(
  {
    nhsNumber: Type.Optional(Type.String({ maxLength: 20 })),
    upn: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
)
const Received = Type.Object({ received: Type.Integer() })

function registerApi(app: FastifyInstance, ctx: Context) {
  app.post(
    '/api/v1/declarations',
    {
      preHandler: requireSystem,
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        summary: 'Declare the children on your roll (education) or caseload (health)',
        description:
          `Up to ${MAX_DECLARATIONS} children, each with an NHS number or UPN, names and date of birth, under one lawful basis. ` +
          'The whole batch is checked first: any problem refuses it (400, naming the field). The answer is the number received, ' +
          'the same whether or not masa holds each child’s record. Declaring a child again renews the declaration.',
        tags: ['children'],
        body: Type.Object(
          {
            lawfulBasis: Type.String({ maxLength: 500 }),
            children: Type.Array(ChildItem, { minItems: 1, maxItems: MAX_DECLARATIONS }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Received },
      },
    },
    async (request) => {
      const body = request.body as { lawfulBasis: string; children: ChildEntry[] }
      const today = toIsoDate(ctx.now())
      const children: DeclaredChild[] = []
      for (const [index, entry] of body.children.entries()) {
        const checked = checkEntry(entry, today, `children[${index}].`)
        const [problem] = checked.problems
        if (problem) throw new RequestError(400, `${problem.field}: ${problem.text}`, problem.field)
        if (checked.child) children.push(checked.child)
      }
      const [basisProblem] = requiredText(body.lawfulBasis, 'lawfulBasis', LAWFUL_BASIS_MISSING)
      if (basisProblem) throw new RequestError(400, basisProblem.text, basisProblem.field)
      return { received: await declare(ctx, request, children, body.lawfulBasis.trim()) }
    },
  )

  app.post(
    '/api/v1/declarations/ended',
    {
      preHandler: requireSystem,
      schema: {
        summary: 'End your declarations of children who left your roll or caseload',
        description:
          'Each child by the NHS number or UPN it was declared with. The answer is the number received, whatever was declared.',
        tags: ['children'],
        body: Type.Object(
          {
            reason: Type.String({ maxLength: 500 }),
            children: Type.Array(Identifiers, { minItems: 1, maxItems: MAX_DECLARATIONS }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Received },
      },
    },
    async (request) => {
      const body = request.body as { reason: string; children: { nhsNumber?: string; upn?: string }[] }
      const [reasonProblem] = requiredText(body.reason, 'reason', END_REASON_MISSING)
      if (reasonProblem) throw new RequestError(400, reasonProblem.text, reasonProblem.field)
      const identifiers = body.children.map((child, index) => {
        const nhsNumber = child.nhsNumber?.replace(/[\s-]/g, '') || null
        const upn = child.upn?.replace(/\s/g, '').toUpperCase() || null
        if (!nhsNumber && !upn)
          throw new RequestError(
            400,
            `children[${index}].nhsNumber: give the NHS number or UPN`,
            `children[${index}]`,
          )
        return { nhsNumber, upn }
      })
      await audited(ctx.db, async (trx) => {
        const { actor, kind } = authorizeDeclaring(trx, request, { endedEntries: identifiers.length })
        await endDeclarations(trx, {
          agencyId: actor.agencyId,
          kind,
          reason: body.reason.trim(),
          endedBy: by(actor),
          at: ctx.now(),
          identifiers,
        })
      })
      return { received: identifiers.length }
    },
  )
}
