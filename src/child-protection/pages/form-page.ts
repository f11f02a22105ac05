// A page with a form about one record, as strategy and conference pages have them: shown as saved,
// saved when posted, and shown again with its problems when they stop the step.

import type { FastifyInstance, FastifyReply } from 'fastify'
import { callerOf, requireUser } from '../../identity/index.ts'
import type { Caller } from '../../platform/access/guard.ts'
import { type FieldProblem, InvalidInput } from '../../platform/http/schemas.ts'
import { type Form, formContext, posted } from './forms.ts'

export type Id = { Params: { id: string } }
export const signedIn = { schema: { hide: true }, preHandler: requireUser }

export type Render = (reply: FastifyReply, view: string, context: object) => FastifyReply

/** Renders a capability's views (`<views>/<view>.njk`) with its helpers beside each page's context. */
export const renderer =
  (views: string, helpers: object): Render =>
  (reply, view, context) =>
    reply.view(`${views}/${view}.njk`, { ...helpers, ...context })

/** A form about one record (the path's `:id`). */
export interface FormPage<Read> {
  view: string
  /** What the form is about, read for the caller (the read checks and audits access). */
  read: (caller: Caller, id: string) => Promise<Read>
  /** The form as saved so far. */
  saved: (read: Read, caller: Caller) => Form
  /** The view's context beside the form and its problems. */
  context: (read: Read, form: Form) => object
  /** Fields entered through a GOV.UK date input. */
  dateFields?: readonly string[]
  /** Saves the posted form; returns where to go next. */
  save: (caller: Caller, id: string, form: Form) => Promise<string>
}

/** GET shows the form as saved; POST saves it and goes on, or shows it again (400) with its problems. */
export function registerFormPage<Read>(
  app: FastifyInstance,
  path: string,
  render: Render,
  page: FormPage<Read>,
) {
  const show = (reply: FastifyReply, read: Read, form: Form, problems: readonly FieldProblem[]) =>
    render(reply, page.view, { ...page.context(read, form), ...formContext(form, problems, page.dateFields) })

  app.get<Id>(path, signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const read = await page.read(caller, request.params.id)
    return show(reply, read, page.saved(read, caller), [])
  })

  app.post<Id>(path, signedIn, async (request, reply) => {
    const caller = callerOf(request)
    const form = posted(request)
    try {
      return reply.redirect(await page.save(caller, request.params.id, form), 303)
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error
      return show(reply.code(400), await page.read(caller, request.params.id), form, error.problems)
    }
  })
}
