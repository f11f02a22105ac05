// Children's web pages: search, create after searching, the record (with break-glass), merging.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { getActor, requireUser } from '../identity/index.ts'
import { AccessRefused } from '../platform/access/guard.ts'
import { decide } from '../platform/access/policy.ts'
import { govukErrors } from '../platform/http/forms.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import { renderRefused } from './break-glass.ts'
import { referralOffersFor } from './referred-address.ts'
import { checkChildSearch, checkNewChild, dateFromParts, type NewChildForm } from './schemas.ts'
import { ETHNICITIES } from './tables.ts'
import {
  type Context,
  createChild,
  laIds,
  merge,
  search,
  searchFor,
  viewChild,
  viewChildToMerge,
} from './workflow.ts'

const VIEWS = 'children/views'
type Form = Record<string, string | undefined>
type ChildRoute = { Params: { id: string }; Querystring: Form; Body: Form }
type ChildRequest = FastifyRequest<ChildRoute>

const laName = (ctx: Context, id: string) =>
  ctx.partnership.local_authorities.find((la) => la.id === id)?.name ?? id

export function registerChildPages(app: FastifyInstance, ctx: Context): void {
  const signedIn = { schema: { hide: true }, preHandler: requireUser }
  app.get('/children/search', signedIn, searchPage(ctx))
  app.get('/children/new', signedIn, (request, reply) =>
    render(ctx, reply, 'new', { form: request.query as Form }),
  )
  app.post('/children/new', signedIn, createFromForm(ctx))
  app.get<ChildRoute>('/children/:id', signedIn, (request, reply) => showChild(ctx, request, reply))
  // Break-glass is a POST (with CSRF) so the reason stays out of URLs, browser history and access logs.
  app.post<ChildRoute>('/children/:id', signedIn, (request, reply) =>
    showChild(ctx, request, reply, request.body?.breakGlassReason ?? ''),
  )
  app.get<ChildRoute>('/children/:id/merge', signedIn, async (request, reply) =>
    render(ctx, reply, 'merge', await mergeContext(ctx, request, request.params.id, {}, [])),
  )
  app.post<ChildRoute>('/children/:id/merge', signedIn, mergeFromForm(ctx))
}

function render(ctx: Context, reply: FastifyReply, view: string, context: object) {
  return reply.view(`${VIEWS}/${view}.njk`, {
    laName: (id: string) => laName(ctx, id),
    localAuthorities: ctx.partnership.local_authorities,
    ethnicities: ETHNICITIES,
    ...context,
  })
}

const searchPage = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const form = request.query as Form
  if (!searched(form)) return render(ctx, reply, 'search', { form })
  const checked = checkChildSearch(searchForm(form), ctx.today())
  if (!checked.ok) {
    const errors = govukErrors(checked.problems, { anchors: { dob: 'dob-day' } })
    return render(ctx, reply.code(400), 'search', { form, ...errors })
  }
  const matches = await search(ctx, request, checked.value)
  return render(ctx, reply, 'search', { form, matches, searched: true, newRecordQuery: newRecordQuery(form) })
}

const createFromForm = (ctx: Context) => async (request: FastifyRequest, reply: FastifyReply) => {
  const form = (request.body ?? {}) as Form
  const checked = checkNewChild(newChildForm(form), laIds(ctx), ctx.today())
  if (!checked.ok) {
    const errors = govukErrors(checked.problems, { anchors: DATE_FIELD_IDS })
    return render(ctx, reply.code(400), 'new', { form, ...errors })
  }
  const input = checked.value
  if (form.checkedMatches !== 'yes') {
    const matches = await search(ctx, request, searchFor(input))
    if (matches.some((match) => match.likelyDuplicate)) return render(ctx, reply, 'new', { form, matches })
  }
  const childId = await createChild(ctx, request, input)
  return reply.redirect(`/children/${childId}?created=1`, 303)
}

/** The record, or the break-glass page for someone refused it who may give a reason. */
async function showChild(ctx: Context, request: ChildRequest, reply: FastifyReply, reason?: string) {
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
  const { record, resource, chronology, brokeGlass, flags, mayHaveReferredAddress } = viewed
  if (record.mergedIntoId) return reply.redirect(`/children/${record.mergedIntoId}`, 303)
  const mayMerge = decide(getActor(request), 'child.merge', resource).allowed
  const maySeeInvolvement = decide(getActor(request), 'involvement.view', resource).allowed
  const mayAny = (
    actions: readonly (
      | 'exploitation.screen'
      | 'exploitation.view'
      | 'missing.view'
      | 'missing.record'
      | 'mace.refer'
      | 'disruption-nrm.view'
      | 'disruption-nrm.record'
    )[],
  ) => actions.some((action) => decide(getActor(request), action, resource).allowed)
  const mayScreen = mayAny(['exploitation.screen', 'exploitation.view'])
  const mayMissing = mayAny(['missing.view', 'missing.record'])
  const mayReferToMace = mayAny(['mace.refer'])
  const mayDisruptionNrm = mayAny(['disruption-nrm.view', 'disruption-nrm.record'])
  return render(ctx, reply, 'record', {
    child: record,
    offers: await referralOffersFor(ctx, getActor(request), resource, record, mayHaveReferredAddress),
    flags,
    chronology,
    mayMerge,
    maySeeInvolvement,
    mayScreen,
    mayDisagree: decide(getActor(request), 'escalation.raise', resource).allowed,
    mayNotifyIncident: decide(getActor(request), 'review.notify', resource).allowed,
    mayMissing,
    mayReferToMace,
    mayVolt: decide(getActor(request), 'volt.view', resource).allowed,
    mayDisruptionNrm,
    mayAskPolice: decide(getActor(request), 'police-request.make', resource).allowed,
    mayRecordMove: decide(getActor(request), 'move.record', resource).allowed,
    mayGrantScrutiny: decide(getActor(request), 'scrutiny.grant', {
      kind: 'scrutiny',
      child: resource,
      laId: resource.laId,
      grantedUserIds: [],
    }).allowed,
    brokeGlass,
    notice: noticeFor(request.query),
  })
}

const mergeFromForm = (ctx: Context) => async (request: ChildRequest, reply: FastifyReply) => {
  const form = request.body ?? {}
  const problems = mergeProblems(form)
  if (problems.length > 0) {
    return render(
      ctx,
      reply.code(400),
      'merge',
      await mergeContext(ctx, request, request.params.id, form, problems),
    )
  }
  await merge(ctx, request, request.params.id, form.duplicateId as string, (form.reason as string).trim())
  return reply.redirect(`/children/${request.params.id}?merged=1`, 303)
}

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

function noticeFor(query: Form): string | undefined {
  if (query.created) return 'Record created'
  if (query.addressAdded) return 'Address added to the record'
  if (query.schoolAdded) return 'School added to the record'
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
  const { record } = await viewChildToMerge(ctx, request, id)
  const matches = await search(ctx, request, {
    name: `${record.givenName} ${record.familyName}`,
    dateOfBirth: record.dateOfBirth ?? record.expectedDateOfBirth ?? undefined,
    nhsNumber: record.nhsNumber ?? undefined,
    upn: record.upn ?? undefined,
  })
  const candidates = matches.filter((match) => match.childId !== id && match.mayOpen)
  return { child: record, candidates, form, ...govukErrors(problems) }
}
