// The forms that flag a place or person for an LA's MACE meeting (GET and POST
// /volt/locations/:id/mace-flag and /volt/persons/:id/mace-flag) and clear a flag by hand with the
// reason (GET and POST /volt/mace-flags/:id/clear), the GOV.UK error summary keeping what was typed;
// back to the place or person once kept.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { changeOrShowAgain, formOf } from '../platform/http/forms.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'
import type { VoltContext } from './ends.ts'
import {
  ClearFlagInput,
  clearMaceFlag,
  type FlagSubject,
  flagForMace,
  flagForm,
  flagToClear,
  MaceFlagInput,
  SUBJECT_PATHS as PATHS,
} from './mace-flag.ts'

type Id = { Params: { id: string } }
const form = formOf(MaceFlagInput)
const clearForm = formOf(ClearFlagInput)

export function registerMaceFlagPages(app: FastifyInstance, ctx: VoltContext): void {
  const signedIn = { schema: { hide: true }, preHandler: requireUser }
  const render = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    kind: FlagSubject,
    values: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) =>
    reply.view('volt/views/mace-flag.njk', {
      ...(await flagForm(ctx, callerOf(request), kind, request.params.id)),
      action: `/volt/${PATHS[kind]}/${request.params.id}/mace-flag`,
      back: `/volt/${PATHS[kind]}/${request.params.id}`,
      form: values,
      ...form.errors(problems),
    })
  for (const kind of ['location', 'person'] as const) {
    app.get<Id>(`/volt/${PATHS[kind]}/:id/mace-flag`, signedIn, async (request, reply) =>
      render(request, reply, kind),
    )
    app.post<Id>(`/volt/${PATHS[kind]}/:id/mace-flag`, signedIn, async (request, reply) =>
      changeOrShowAgain(
        request,
        reply,
        async () => {
          await flagForMace(ctx, callerOf(request), kind, request.params.id, form.read(request.body))
          return `/volt/${PATHS[kind]}/${request.params.id}`
        },
        ({ form: values, problems }) => render(request, reply, kind, values, problems),
      ),
    )
  }
  const renderClear = async (
    request: FastifyRequest<Id>,
    reply: FastifyReply,
    values: Record<string, string> = {},
    problems: readonly FieldProblem[] = [],
  ) => {
    const { flag, subject, laName } = await flagToClear(ctx, callerOf(request), request.params.id)
    return reply.view('volt/views/mace-flag-clear.njk', {
      flag,
      subject,
      laName,
      back: `/volt/${PATHS[subject.kind]}/${subject.id}`,
      form: values,
      ...clearForm.errors(problems),
    })
  }
  app.get<Id>('/volt/mace-flags/:id/clear', signedIn, async (request, reply) => renderClear(request, reply))
  app.post<Id>('/volt/mace-flags/:id/clear', signedIn, async (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        const flag = await clearMaceFlag(
          ctx,
          callerOf(request),
          request.params.id,
          clearForm.read(request.body),
        )
        return `/volt/${PATHS[flag.subject_kind]}/${flag.subject_id}`
      },
      ({ form: values, problems }) => renderClear(request, reply, values, problems),
    ),
  )
}
