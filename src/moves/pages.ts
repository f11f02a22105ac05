// Moves' pages: the placing LA's form on the child (`/children/:id/moves/new`), a move with its risk
// assessment and the host's acknowledgement (`/moves/:id`), the list of moves in and out (`/moves`),
// and the pages an LA outside the partnership reaches through its emailed link
// (`/moves/shared/:token`). Every read and change goes through workflow.ts (audited, by the policy).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, requireUser } from '../identity/index.ts'
import { formOf, postedFields } from '../platform/http/forms.ts'
import { type FieldProblem, InvalidInput } from '../platform/http/schemas.ts'
import { RISK_LEVELS, WHO_MOVED } from './rules.ts'
import { AcknowledgementInput, MoveInput } from './schemas.ts'
import {
  acknowledgeByLink,
  acknowledgeMove,
  type MovesContext,
  moveForm,
  moveList,
  readMove,
  readMoveByLink,
  recordMove,
} from './workflow.ts'

type Id = { Params: { id: string } }
type Token = { Params: { token: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
/** The link's pages: at most 10 a minute from one address. */
const limited = { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }
const originOf = (request: FastifyRequest) => ({ ip: request.ip, requestId: String(request.id) })

const moveInput = formOf(MoveInput)
const acknowledgementInput = formOf(AcknowledgementInput)
type Posted = { form?: Record<string, string>; problems?: readonly FieldProblem[] }

const choices = (record: Record<string, string>, chosen: string | undefined) =>
  Object.entries(record).map(([value, text]) => ({ value, text, checked: value === chosen }))

/** A move as its page shows it: words, not codes. */
const moveView = (file: Awaited<ReturnType<typeof readMove>>) => ({
  ...file,
  whoMoved: WHO_MOVED[file.move.who_moved],
  riskLevel: RISK_LEVELS[file.move.risk_level],
})

export function registerMovePages(app: FastifyInstance, ctx: MovesContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`moves/views/${view}.njk`, context)

  const showForm = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) => {
    const file = await moveForm(ctx, callerOf(request), request.params.id)
    const form = posted.form ?? {}
    return render(reply, 'new', {
      ...file,
      form,
      hosts: file.hosts.map((host) => ({
        value: host.dfe_code,
        text: host.la_name,
        selected: host.dfe_code === form.hostDfeCode,
      })),
      whoMovedItems: choices(WHO_MOVED, form.whoMoved),
      riskItems: choices(RISK_LEVELS, form.riskLevel),
      ...moveInput.errors(posted.problems ?? []),
    })
  }
  app.get<Id>('/children/:id/moves/new', signedIn, (request, reply) => showForm(request, reply))
  app.post<Id>('/children/:id/moves', signedIn, async (request, reply) => {
    try {
      const move = await recordMove(ctx, callerOf(request), request.params.id, moveInput.read(request.body))
      return reply.redirect(`/moves/${move.id}?done=recorded`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      reply.code(400)
      return showForm(request, reply, { form: postedFields(request.body), problems: error.problems })
    }
  })

  const NOTICES: Record<string, string> = {
    recorded: 'Move recorded. The host local authority’s point of contact is being told.',
    acknowledged: 'Move acknowledged.',
  }
  const showMove = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) =>
    render(reply, 'move', {
      ...moveView(await readMove(ctx, callerOf(request), request.params.id)),
      action: `/moves/${request.params.id}/acknowledgement`,
      notice: NOTICES[(request.query as Record<string, string>).done ?? ''],
      form: posted.form ?? {},
      ...acknowledgementInput.errors(posted.problems ?? []),
    })
  app.get<Id>('/moves/:id', signedIn, (request, reply) => showMove(request, reply))
  app.post<Id>('/moves/:id/acknowledgement', signedIn, async (request, reply) => {
    try {
      await acknowledgeMove(
        ctx,
        callerOf(request),
        request.params.id,
        acknowledgementInput.read(request.body),
      )
      return reply.redirect(`/moves/${request.params.id}?done=acknowledged`, 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      reply.code(400)
      return showMove(request, reply, { form: postedFields(request.body), problems: error.problems })
    }
  })

  app.get('/moves', signedIn, async (request, reply) =>
    render(reply, 'list', await moveList(ctx, callerOf(request))),
  )

  // ---- Through the link emailed to an LA outside the partnership
  const throughLink = async (
    request: FastifyRequest<Token>,
    reply: FastifyReply,
    attempt: () => Promise<unknown>,
  ) => {
    try {
      return await attempt()
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 410)
        return render(reply.code(410), 'link-spent', {})
      if (!(error instanceof InvalidInput)) throw error
      const file = await readMoveByLink(ctx, originOf(request), request.params.token)
      return render(reply.code(400), 'move', {
        ...moveView(file),
        shared: true,
        action: `/moves/shared/${request.params.token}`,
        form: postedFields(request.body),
        ...acknowledgementInput.errors(error.problems),
      })
    }
  }
  app.get<Token>('/moves/shared/:token', limited, (request, reply) =>
    throughLink(request, reply, async () =>
      render(reply, 'move', {
        ...moveView(await readMoveByLink(ctx, originOf(request), request.params.token)),
        shared: true,
        action: `/moves/shared/${request.params.token}`,
        notice:
          (request.query as Record<string, string>).done === 'acknowledged'
            ? 'Move acknowledged.'
            : undefined,
        form: {},
      }),
    ),
  )
  app.post<Token>('/moves/shared/:token', limited, (request, reply) =>
    throughLink(request, reply, async () => {
      await acknowledgeByLink(
        ctx,
        originOf(request),
        request.params.token,
        acknowledgementInput.read(request.body),
      )
      return reply.redirect(`/moves/shared/${request.params.token}?done=acknowledged`, 303)
    }),
  )
}
