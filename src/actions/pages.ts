// The owner agency's pages: its actions (GET /actions), and one action to close with evidence
// (GET and POST /actions/:id). Each read and the change go through workflow.ts (audited).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { agencyName } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import { govukErrors, textField } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import { SOURCES, statusWords } from './rules.ts'
import {
  type ActionItem,
  type ActionsContext,
  completeAction,
  listOwnActions,
  readAction,
} from './workflow.ts'

type Id = { Params: { id: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }

const STATUS_TAGS: Record<ActionItem['status'], string> = {
  open: 'govuk-tag--blue',
  'due-today': 'govuk-tag--yellow',
  overdue: 'govuk-tag--red',
  done: 'govuk-tag--green',
}

export function registerActionPages(
  app: FastifyInstance,
  ctx: ActionsContext & { partnership: PartnershipConfig },
) {
  const asShown = (item: ActionItem) => ({
    id: item.id,
    description: item.description,
    childName: item.childName,
    owner: item.owner_name,
    ownerAgency: agencyName(ctx.partnership, item.owner_agency_id),
    dueBy: item.due_by,
    done: item.status === 'done',
    status: statusWords(item.status, item.workingDaysRemaining),
    tag: STATUS_TAGS[item.status],
    source: { name: SOURCES[item.source_kind].name, href: SOURCES[item.source_kind].href(item.source_id) },
    position: item.position,
    completedAt: item.completed_at,
    completedBy: item.completed_by_name,
    evidence: item.evidence,
  })
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`actions/views/${view}.njk`, context)
  const showAction = async (
    reply: FastifyReply,
    request: FastifyRequest<Id>,
    form: Record<string, string>,
    problems: readonly FieldProblem[],
  ) => {
    const item = await readAction(ctx, callerOf(request), request.params.id)
    return render(reply, 'action', { action: asShown(item), form, ...govukErrors(problems) })
  }

  app.get('/actions', signedIn, async (request, reply) => {
    const items = (await listOwnActions(ctx, callerOf(request))).map(asShown)
    const completed = (request.query as Record<string, unknown>).completed !== undefined
    return render(reply, 'list', {
      open: items.filter((item) => !item.done),
      done: items.filter((item) => item.done),
      notice: completed ? 'Action marked as done, with your evidence.' : undefined,
    })
  })

  app.get<Id>('/actions/:id', signedIn, (request, reply) => showAction(reply, request, {}, []))

  app.post<Id>('/actions/:id', signedIn, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const evidence = typeof body.evidence === 'string' ? body.evidence : ''
    try {
      await completeAction(ctx, callerOf(request), request.params.id, {
        evidence: textField(body, 'evidence') ?? '',
      })
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return showAction(reply.code(400), request, { evidence }, error.problems)
    }
    return reply.redirect('/actions?completed=1', 303)
  })
}
