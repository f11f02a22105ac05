// The pages of disruption tactics and NRM referrals: a child's list, the forms (from the child's page
// or a MACE discussion's record, `?discussion=`), each record with the form of its next step (a
// tactic's outcome, the NRM decisions), and the MACE coordinator's list of NRM decisions awaited.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { formOf, postedFields } from '../platform/http/forms.ts'
import { InvalidInput, isUuid } from '../platform/http/schemas.ts'
import { disruptionTactics } from './rules.ts'
import {
  ConclusiveGroundsInput,
  DisruptionInput,
  DisruptionOutcomeInput,
  NRM_DECISIONS,
  NrmReferralInput,
  ReasonableGroundsInput,
} from './schemas.ts'
import {
  childRecords,
  childToRecordFor,
  type DisruptionNrmContext,
  firstResponders,
  nrmDueList,
  readDisruption,
  readNrmReferral,
  recordConclusiveGrounds,
  recordDisruption,
  recordDisruptionOutcome,
  recordReasonableGrounds,
  referToNrm,
} from './workflow.ts'

const VIEWS = 'disruption-nrm/views'
type Route = { Params: { id: string }; Querystring: { discussion?: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }

const FORMS = {
  disruption: formOf(DisruptionInput),
  outcome: formOf(DisruptionOutcomeInput),
  nrm: formOf(NrmReferralInput),
  reasonable: formOf(ReasonableGroundsInput),
  conclusive: formOf(ConclusiveGroundsInput),
}

/** Runs a step; on bad input, renders the form again (400) with what was typed and the GOV.UK errors. */
async function orAgain(
  reply: FastifyReply,
  form: keyof typeof FORMS,
  request: FastifyRequest,
  step: () => Promise<string>,
  again: (reply: FastifyReply, form: object, errors: object) => Promise<unknown>,
) {
  try {
    return reply.redirect(await step(), 303)
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error
    return again(reply.code(400), postedFields(request.body), FORMS[form].errors(error.problems))
  }
}

export function registerDisruptionNrmPages(app: FastifyInstance, ctx: DisruptionNrmContext): void {
  const agencyName = (id: string) => ctx.partnership.agencies.find((agency) => agency.id === id)?.name ?? id
  const shared = {
    agencyName,
    agencies: ctx.partnership.agencies,
    firstResponders: firstResponders(ctx.partnership),
    tactics: disruptionTactics(ctx.partnership),
    decisions: NRM_DECISIONS,
  }
  const discussionOf = (request: FastifyRequest<Route>) => {
    const id = request.query.discussion ?? ''
    return isUuid(id) ? id : ''
  }

  app.get<Route>('/children/:id/disruption-and-nrm', signedIn, async (request, reply) =>
    reply.view(`${VIEWS}/child.njk`, {
      ...(await childRecords(ctx, callerOf(request), request.params.id)),
      ...shared,
    }),
  )

  const renderForm =
    (view: string) =>
    async (request: FastifyRequest<Route>, reply: FastifyReply, form: object, errors = {}) =>
      reply.view(`${VIEWS}/${view}.njk`, {
        child: await childToRecordFor(ctx, callerOf(request), request.params.id),
        ...shared,
        form,
        ...errors,
      })
  const disruptionForm = renderForm('disruption-new')
  const nrmForm = renderForm('nrm-new')
  app.get<Route>('/children/:id/disruptions/new', signedIn, async (request, reply) =>
    disruptionForm(request, reply, { discussionId: discussionOf(request) }),
  )
  app.post<Route>('/children/:id/disruptions', signedIn, async (request, reply) =>
    orAgain(
      reply,
      'disruption',
      request,
      async () => {
        const row = await recordDisruption(
          ctx,
          callerOf(request),
          request.params.id,
          FORMS.disruption.read(request.body),
        )
        return `/disruptions/${row.id}`
      },
      (again, form, errors) => disruptionForm(request, again, form, errors),
    ),
  )
  app.get<Route>('/children/:id/nrm-referrals/new', signedIn, async (request, reply) =>
    nrmForm(request, reply, { discussionId: discussionOf(request) }),
  )
  app.post<Route>('/children/:id/nrm-referrals', signedIn, async (request, reply) =>
    orAgain(
      reply,
      'nrm',
      request,
      async () => {
        const row = await referToNrm(ctx, callerOf(request), request.params.id, FORMS.nrm.read(request.body))
        return `/nrm-referrals/${row.id}`
      },
      (again, form, errors) => nrmForm(request, again, form, errors),
    ),
  )

  const renderDisruption = async (
    request: FastifyRequest<Route>,
    reply: FastifyReply,
    form = {},
    errors = {},
  ) =>
    reply.view(`${VIEWS}/disruption.njk`, {
      ...(await readDisruption(ctx, callerOf(request), request.params.id)),
      ...shared,
      form,
      ...errors,
    })
  app.get<Route>('/disruptions/:id', signedIn, async (request, reply) => renderDisruption(request, reply))
  app.post<Route>('/disruptions/:id/outcome', signedIn, async (request, reply) =>
    orAgain(
      reply,
      'outcome',
      request,
      async () => {
        await recordDisruptionOutcome(
          ctx,
          callerOf(request),
          request.params.id,
          FORMS.outcome.read(request.body),
        )
        return `/disruptions/${request.params.id}`
      },
      (again, form, errors) => renderDisruption(request, again, form, errors),
    ),
  )

  const renderNrm = async (request: FastifyRequest<Route>, reply: FastifyReply, form = {}, errors = {}) =>
    reply.view(`${VIEWS}/nrm.njk`, {
      ...(await readNrmReferral(ctx, callerOf(request), request.params.id)),
      ...shared,
      form,
      ...errors,
    })
  app.get('/nrm-referrals', signedIn, async (request, reply) =>
    reply.view(`${VIEWS}/nrm-due.njk`, { referrals: await nrmDueList(ctx, callerOf(request)), ...shared }),
  )
  app.get<Route>('/nrm-referrals/:id', signedIn, async (request, reply) => renderNrm(request, reply))
  for (const [path, form, record] of [
    ['reasonable-grounds', 'reasonable', recordReasonableGrounds],
    ['conclusive-grounds', 'conclusive', recordConclusiveGrounds],
  ] as const)
    app.post<Route>(`/nrm-referrals/:id/${path}`, signedIn, async (request, reply) =>
      orAgain(
        reply,
        form,
        request,
        async () => {
          await record(ctx, callerOf(request), request.params.id, FORMS[form].read(request.body))
          return `/nrm-referrals/${request.params.id}`
        },
        (again, posted, errors) => renderNrm(request, again, posted, errors),
      ),
    )
}
