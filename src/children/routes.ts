// Children's pages and API: search before anything else, create only after searching, the child's
// record with its chronology, and merging a duplicate. Every read and change goes through the one
// access policy (authorize) inside an audited transaction.

import { type Static, Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../database.ts'
import { getActor, requireUser } from '../identity/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { AccessRefused, accessFrom, audited, authorize } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import { recordEvent } from '../platform/events/event.ts'
import { RequestError } from '../platform/http/errors.ts'
import { IdParams } from '../platform/http/schemas.ts'
import { pollEvery } from '../platform/poll.ts'
import { registerBreakGlass, rememberOpening, renderRefused } from './break-glass.ts'
import { endInactiveInvolvements, inactiveBefore, recordInvolvements } from './involvement.ts'
import { registerInvolvementPages } from './involvement-pages.ts'
import { mergeChildren } from './merge.ts'
import { getChildResource } from './resources.ts'
import { searchChildren, type VisibleMatch, visibleMatches } from './search.ts'
import {
  type Checked,
  type ChildSearch,
  checkChildSearch,
  checkNewChild,
  dateFromParts,
  type FieldProblem,
  type NewChildForm,
  type NewChildInput,
} from './search-input.ts'
import { findChildPage, insertChild } from './store.ts'
import { ETHNICITIES } from './tables.ts'

export interface ChildrenOptions {
  database: Database
  partnership: PartnershipConfig
  now?: () => Date
}

interface Context {
  db: Database['db']
  partnership: PartnershipConfig
  now: () => Date
  today: () => string
}

const VIEWS = 'children/views'
type Form = Record<string, string | undefined>

export async function childrenPlugin(app: FastifyInstance, options: ChildrenOptions): Promise<void> {
  const now = options.now ?? (() => new Date())
  const ctx: Context = {
    db: options.database.db,
    partnership: options.partnership,
    now,
    today: () => toIsoDate(now()),
  }
  registerPages(app, ctx)
  registerInvolvementPages(app, { db: ctx.db, partnership: ctx.partnership, now })
  endInvolvementsWithoutActivity(app, ctx, now)
  registerBreakGlass(app, { ...ctx, now })
  registerApi(app, ctx)
}

/**
 * A job, hourly while the app runs: involvements with no activity for the partnership's period
 * (involvement_inactivity_days) end, so they stop giving access and stay as history.
 */
function endInvolvementsWithoutActivity(app: FastifyInstance, ctx: Context, now: () => Date) {
  let stop: (() => Promise<void>) | undefined
  const days = ctx.partnership.involvement_inactivity_days
  const run = async () => {
    const ended = await endInactiveInvolvements(ctx.db, inactiveBefore(now(), days), now())
    if (ended > 0) app.log.info({ ended }, 'involvements ended after a period without activity')
  }
  app.addHook('onReady', async () => {
    stop = pollEvery(HOUR_MS, run, (error) =>
      app.log.error({ err: error }, 'ending inactive involvements failed'),
    )
  })
  app.addHook('onClose', async () => stop?.())
}

const HOUR_MS = 60 * 60 * 1000

// ---------------------------------------------------------------------------
// What the pages and the API share

/** Searches as the actor: children whose existence the policy would hide are left out. */
async function search(ctx: Context, request: FastifyRequest, criteria: ChildSearch): Promise<VisibleMatch[]> {
  return audited(ctx.db, async (trx) => {
    const detail: Record<string, unknown> = { criteria }
    authorize(trx, {
      ...accessFrom(request),
      action: 'child.search',
      resource: { kind: 'partnership' },
      detail,
    })
    return visibleMatches(trx, getActor(request), await searchChildren(trx, criteria), detail)
  })
}

async function createChild(ctx: Context, request: FastifyRequest, input: NewChildInput): Promise<string> {
  const actor = getActor(request)
  return audited(ctx.db, async (trx) => {
    authorize(trx, {
      ...accessFrom(request),
      action: 'child.create',
      resource: { kind: 'la', laId: input.laId },
    })
    const childId = await insertChild(trx, input)
    // A partner that creates a record (to match a referral, or an event it shares) may open it.
    await recordInvolvements(trx, [
      { childId, agencyId: actor.agencyId, kind: 'created-record', reason: 'created the record' },
    ])
    await recordEvent(trx, {
      type: 'child.created',
      childId,
      laId: input.laId,
      agencyId: actor.agencyId,
      actorId: actor.id,
      summary: `Record created for ${input.givenName} ${input.familyName}`,
    })
    return childId
  })
}

/**
 * The record as the actor may see it: the chronology only with its own permission, each event by its
 * marking. A break-glass reason (pages only) opens reads outside the actor's usual access.
 */
async function viewChild(ctx: Context, request: FastifyRequest, childId: string, breakGlassReason?: string) {
  const actor = getActor(request)
  const options = { breakGlassReason }
  return audited(ctx.db, async (trx) => {
    const resource = await getChildResource(trx, childId)
    const permit = authorize(trx, { ...accessFrom(request), action: 'child.view', resource, ...options })
    const brokeGlass = permit.basis === 'break-glass'
    await rememberOpening(trx, request, { permit, childId, reason: breakGlassReason?.trim(), now: ctx.now() })
    const mayReadChronology = decide(actor, 'chronology.view', resource, options).allowed
    const page = await findChildPage(trx, childId, { chronology: mayReadChronology })
    if (!page) throw new RequestError(404, 'Not found')
    const { record } = page
    if (record.mergedIntoId) return { record, resource, brokeGlass, chronology: undefined }
    if (!mayReadChronology) return { record, resource, brokeGlass, chronology: undefined }
    authorize(trx, { ...accessFrom(request), action: 'chronology.view', resource, ...options })
    const events = page.chronology ?? []
    const chronology = events.filter(
      (event) =>
        decide(actor, 'event.view', { ...resource, sensitivity: event.sensitivity }, options).allowed,
    )
    return { record, resource, brokeGlass, chronology }
  })
}

async function merge(
  ctx: Context,
  request: FastifyRequest,
  survivorId: string,
  duplicateId: string,
  reason: string,
) {
  return audited(ctx.db, async (trx) => {
    for (const id of [survivorId, duplicateId]) {
      const resource = await getChildResource(trx, id)
      authorize(trx, {
        ...accessFrom(request),
        action: 'child.merge',
        resource,
        detail: { survivorId, duplicateId },
      })
    }
    return mergeChildren(trx, survivorId, duplicateId, getActor(request), reason)
  })
}

function requireValid<T>(checked: Checked<T>): T {
  if (checked.ok) return checked.value
  const [first] = checked.problems
  throw new RequestError(400, first?.text ?? 'Invalid input', first?.field)
}

const laIds = (ctx: Context) => ctx.partnership.local_authorities.map((la) => la.id)
const laName = (ctx: Context, id: string) =>
  ctx.partnership.local_authorities.find((la) => la.id === id)?.name ?? id

// ---------------------------------------------------------------------------
// Pages

const errorList = (problems: FieldProblem[], ids: Record<string, string> = {}) =>
  problems.map((p) => ({ text: p.text, href: `#${ids[p.field] ?? p.field}` }))

const fieldErrors = (problems: FieldProblem[]) =>
  Object.fromEntries(problems.map((p) => [p.field, { text: p.text }]))

function searchForm(query: Form) {
  const dob = dateFromParts(query['dob-day'], query['dob-month'], query['dob-year'])
  return { name: query.name, dob, nhs: query.nhs, upn: query.upn }
}

const searched = (query: Form) =>
  ['name', 'dob-day', 'dob-month', 'dob-year', 'nhs', 'upn'].some((k) => query[k]?.trim())

function newChildForm(form: Form): NewChildForm {
  return {
    givenName: form.givenName,
    familyName: form.familyName,
    dob: dateFromParts(form['dob-day'], form['dob-month'], form['dob-year']),
    expectedDob: dateFromParts(form['expectedDob-day'], form['expectedDob-month'], form['expectedDob-year']),
    sex: form.sex,
    laId: form.laId,
    nhs: form.nhs,
    upn: form.upn,
  }
}

const DATE_FIELD_IDS = { dob: 'dob-day', expectedDob: 'expectedDob-day' }

function registerPages(app: FastifyInstance, ctx: Context): void {
  const signedIn = { schema: { hide: true }, preHandler: requireUser }
  const helpers = {
    laName: (id: string) => laName(ctx, id),
    localAuthorities: ctx.partnership.local_authorities,
    ethnicities: ETHNICITIES,
  }
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`${VIEWS}/${view}.njk`, { ...helpers, ...context })

  app.get<{ Querystring: Form }>('/children/search', signedIn, async (request, reply) => {
    const form = request.query
    if (!searched(form)) return render(reply, 'search', { form })
    const checked = checkChildSearch(searchForm(form), ctx.today())
    if (!checked.ok) {
      const errors = errorList(checked.problems, { dob: 'dob-day' })
      return render(reply.code(400), 'search', { form, errors, fieldErrors: fieldErrors(checked.problems) })
    }
    const matches = await search(ctx, request, checked.value)
    return render(reply, 'search', { form, matches, searched: true, newRecordQuery: newRecordQuery(form) })
  })

  app.get<{ Querystring: Form }>('/children/new', signedIn, (request, reply) =>
    render(reply, 'new', { form: request.query }),
  )

  app.post<{ Body: Form }>('/children/new', signedIn, async (request, reply) => {
    const form = request.body ?? {}
    const checked = checkNewChild(newChildForm(form), laIds(ctx), ctx.today())
    if (!checked.ok) {
      const errors = errorList(checked.problems, DATE_FIELD_IDS)
      return render(reply.code(400), 'new', { form, errors, fieldErrors: fieldErrors(checked.problems) })
    }
    const input = checked.value
    if (form.checkedMatches !== 'yes') {
      const matches = await search(ctx, request, searchFor(input))
      if (matches.some((match) => match.likelyDuplicate)) return render(reply, 'new', { form, matches })
    }
    const childId = await createChild(ctx, request, input)
    return reply.redirect(`/children/${childId}?created=1`, 303)
  })

  /** The record, or the break-glass page for someone refused it who may give a reason. */
  const showChild = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    reason?: string,
  ) => {
    const { id } = request.params
    const viewed = await viewChild(ctx, request, id, reason).catch((error: unknown) => {
      if (error instanceof AccessRefused) return error
      throw error
    })
    if (viewed instanceof AccessRefused)
      return renderRefused(reply, ctx.partnership, viewed.refused, {
        kind: 'record',
        action: `/children/${id}`,
        reason,
      })
    const { record, resource, chronology, brokeGlass } = viewed
    if (record.mergedIntoId) return reply.redirect(`/children/${record.mergedIntoId}`, 303)
    const mayMerge = decide(getActor(request), 'child.merge', resource).allowed
    const maySeeInvolvement = decide(getActor(request), 'involvement.view', resource).allowed
    return render(reply, 'record', {
      child: record,
      chronology,
      mayMerge,
      maySeeInvolvement,
      brokeGlass,
      notice: noticeFor(request.query as Form),
    })
  }

  app.get<{ Params: { id: string }; Querystring: Form }>('/children/:id', signedIn, (request, reply) =>
    showChild(request, reply),
  )

  // Break-glass is a POST (with CSRF) so the reason stays out of URLs, browser history and access logs.
  app.post<{ Params: { id: string }; Body: Form }>('/children/:id', signedIn, (request, reply) =>
    showChild(request, reply, request.body?.breakGlassReason ?? ''),
  )

  app.get<{ Params: { id: string } }>('/children/:id/merge', signedIn, async (request, reply) =>
    render(reply, 'merge', await mergeContext(ctx, request, request.params.id, {}, [])),
  )

  app.post<{ Params: { id: string }; Body: Form }>(
    '/children/:id/merge',
    signedIn,
    async (request, reply) => {
      const form = request.body ?? {}
      const problems = mergeProblems(form)
      if (problems.length > 0) {
        return render(
          reply.code(400),
          'merge',
          await mergeContext(ctx, request, request.params.id, form, problems),
        )
      }
      await merge(ctx, request, request.params.id, form.duplicateId as string, (form.reason as string).trim())
      return reply.redirect(`/children/${request.params.id}?merged=1`, 303)
    },
  )
}

function noticeFor(query: Form): string | undefined {
  if (query.created) return 'Record created'
  if (query.merged) return 'Duplicate record merged into this one. Its history is part of this chronology.'
  return undefined
}

function newRecordQuery(form: Form): string {
  const name = (form.name ?? '').trim().split(/\s+/)
  const query = new URLSearchParams({
    givenName: name.slice(0, -1).join(' '),
    familyName: name.length > 1 ? (name[name.length - 1] ?? '') : (name[0] ?? ''),
    'dob-day': form['dob-day'] ?? '',
    'dob-month': form['dob-month'] ?? '',
    'dob-year': form['dob-year'] ?? '',
    nhs: form.nhs ?? '',
    upn: form.upn ?? '',
  })
  return query.toString()
}

const searchFor = (input: NewChildInput): ChildSearch => ({
  name: `${input.givenName} ${input.familyName}`,
  dateOfBirth: input.dateOfBirth ?? input.expectedDateOfBirth ?? undefined,
  nhsNumber: input.nhsNumber ?? undefined,
  upn: input.upn ?? undefined,
})

function mergeProblems(form: Form): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!form.duplicateId)
    problems.push({ field: 'duplicateId', text: 'Select the duplicate record to merge into this one' })
  if (!form.reason?.trim())
    problems.push({ field: 'reason', text: 'Enter why these records are the same child' })
  if (form.confirm !== 'yes')
    problems.push({ field: 'confirm', text: 'Confirm that the records are the same child' })
  return problems
}

async function mergeContext(
  ctx: Context,
  request: FastifyRequest,
  id: string,
  form: Form,
  problems: FieldProblem[],
) {
  const { record, resource } = await viewChild(ctx, request, id)
  if (!decide(getActor(request), 'child.merge', resource).allowed) {
    throw new RequestError(403, 'Only front-door screeners in the child’s area may merge records')
  }
  const matches = await search(ctx, request, {
    name: `${record.givenName} ${record.familyName}`,
    dateOfBirth: record.dateOfBirth ?? record.expectedDateOfBirth ?? undefined,
    nhsNumber: record.nhsNumber ?? undefined,
    upn: record.upn ?? undefined,
  })
  const candidates = matches.filter((match) => match.childId !== id && match.mayOpen)
  return { child: record, candidates, form, errors: errorList(problems), fieldErrors: fieldErrors(problems) }
}

// ---------------------------------------------------------------------------
// API

const ChildSearchQuery = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 100 })),
  dob: Type.Optional(Type.String({ description: 'date of birth, YYYY-MM-DD' })),
  nhs: Type.Optional(Type.String({ maxLength: 20 })),
  upn: Type.Optional(Type.String({ maxLength: 20 })),
})

const NewChildBody = Type.Object(
  {
    laId: Type.String({
      description: 'the responsible local authority (its id in the partnership configuration)',
    }),
    givenName: Type.String({ minLength: 1, maxLength: 100 }),
    familyName: Type.String({ minLength: 1, maxLength: 100 }),
    dateOfBirth: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
    expectedDateOfBirth: Type.Optional(Type.String({ description: 'YYYY-MM-DD, for an unborn child' })),
    sex: Type.Union([Type.Literal('M'), Type.Literal('F'), Type.Literal('U')]),
    nhsNumber: Type.Optional(Type.String({ maxLength: 20 })),
    upn: Type.Optional(Type.String({ maxLength: 20 })),
    confirmedNotDuplicate: Type.Optional(
      Type.Boolean({ description: 'true to create the record although likely duplicates were found' }),
    ),
  },
  { additionalProperties: false },
)
type NewChildBody = Static<typeof NewChildBody>

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

function registerApi(app: FastifyInstance, ctx: Context): void {
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
