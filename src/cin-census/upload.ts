// An LA analyst uploads their CIN census return on a page: the file (multipart) is read as it streams
// into the same streaming validator as the API and the command line, never held whole, so a return of
// any size is checked; the findings are kept for the LA the header names and shown per rule and per
// child on the run's page. A file masa cannot read is told on the form.

import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { formTokenHolds, requireUser } from '../identity/index.ts'
import { accessFrom, authorizeGate } from '../platform/access/guard.ts'
import { RequestError } from '../platform/http/errors.ts'
import { type CensusContext, checkReturn, returnAreas } from './workflow.ts'

/** The largest file taken: an England-sized return (about 700,000 children) is about 620 MB. */
const LARGEST_FILE = 4 * 1024 ** 3
const FIELD = 'census'
const NO_FILE = 'Select the children in need census file (XML) to check'

export async function registerCensusUpload(app: FastifyInstance, ctx: CensusContext): Promise<void> {
  // Streams only: the file is handed to the route part by part, never written to disk or memory.
  await app.register(multipart, { limits: { fileSize: LARGEST_FILE, files: 1, fields: 1, parts: 2 } })
  const render = (reply: FastifyReply, context: object) => reply.view('cin-census/views/upload.njk', context)
  const formFor = (reply: FastifyReply, status: number, text?: string) => {
    const actor = authorizeGate(reply.request.actor, 'returns')
    const errors = text ? [{ text, href: `#${FIELD}` }] : []
    return render(reply.code(status), {
      las: returnAreas(ctx, actor),
      errors,
      ...(text ? { fieldError: { text } } : {}),
    })
  }

  app.get(
    '/returns/cin-census/upload',
    { schema: { hide: true }, preHandler: requireUser },
    (_request, reply) => formFor(reply, 200),
  )

  app.post(
    '/returns/cin-census/upload',
    { schema: { hide: true }, preHandler: requireUser, config: { csrfInFirstPart: true } },
    async (request, reply) => {
      const caller = accessFrom(request)
      authorizeGate(caller.actor, 'returns')
      // Any other form was checked for its token before the route (identity's hook); it brings no file.
      if (!request.isMultipart()) return formFor(reply, 400, NO_FILE)
      const parts = request.parts()
      // The form's hidden token comes first, before the file: checked before a byte of the file is read.
      const first = (await parts.next()).value
      const token = first?.type === 'field' && first.fieldname === '_csrf' ? String(first.value) : undefined
      if (!formTokenHolds(request, reply, token)) return reply
      const part = (await parts.next()).value
      if (part?.type !== 'file' || part.fieldname !== FIELD || part.filename === '') {
        if (part?.type === 'file') part.file.resume()
        return formFor(reply, 400, NO_FILE)
      }
      try {
        const run = await checkReturn(ctx, caller, part.file, { via: 'upload', file: part.filename })
        return reply.redirect(`/returns/cin-census/${run.id}`, 303)
      } catch (error) {
        // What is left of a file the validator gave up on is read and dropped, so the answer is not held up.
        part.file.resume()
        if (error instanceof RequestError && (error.statusCode === 400 || error.statusCode === 422))
          return formFor(reply, error.statusCode, `${part.filename}: ${error.message}`)
        throw error
      }
    },
  )
}
