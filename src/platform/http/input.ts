// Rules every request's input meets before any route sees it: JSON of bounded depth, no control
// characters in text, and record ids that are ids. Each refusal is a 4xx naming the field.

import type { FastifyInstance, FastifyRequest } from 'fastify'
import { RequestError } from './errors.ts'
import { fieldName, IdParams } from './schemas.ts'

/** Deeper JSON than any masa input is refused at parsing, before anything recursive walks it. */
export const MAX_JSON_DEPTH = 32

/** C0 controls other than tab, line feed and carriage return; DEL; C1 controls. The database refuses NUL. */
const DISALLOWED_CHARACTER = /(?![\t\n\r])\p{Cc}/u

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The body is a batch whose items the route checks one by one (checkText per item), so one bad item cannot sink the rest. */
    itemwiseInput?: boolean
  }
}

/** The first text in `value` (a parsed body, query or item) holding a character no one types, named by its field. */
export function disallowedTextField(
  value: unknown,
  prefix: readonly (string | number)[] = [],
): string | undefined {
  const stack: { value: unknown; path: readonly (string | number)[] }[] = [{ value, path: prefix }]
  while (stack.length > 0) {
    const { value: next, path } = stack.pop() as (typeof stack)[number]
    if (typeof next === 'string') {
      if (DISALLOWED_CHARACTER.test(next)) return fieldName(path) || 'body'
    } else if (Array.isArray(next)) {
      next.forEach((item, index) => {
        stack.push({ value: item, path: [...path, index] })
      })
    } else if (next && typeof next === 'object') {
      for (const [key, item] of Object.entries(next)) {
        if (DISALLOWED_CHARACTER.test(key)) return fieldName([...path, key])
        stack.push({ value: item, path: [...path, key] })
      }
    }
  }
  return undefined
}

export const DISALLOWED_TEXT = 'contains a control character (such as NUL) that is not allowed in text'

/** Throws a 400 naming the field when any text holds a disallowed character. */
export function checkText(value: unknown, prefix: readonly (string | number)[] = []): void {
  const field = disallowedTextField(value, prefix)
  if (field) throw new RequestError(400, `${field} ${DISALLOWED_TEXT}`, field)
}

function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [next, depth] = stack.pop() as [unknown, number]
    if (!next || typeof next !== 'object') continue
    if (depth > limit) return true
    for (const item of Object.values(next)) stack.push([item, depth + 1])
  }
  return false
}

export function registerInputRules(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined)
      if (depthExceeds(value, MAX_JSON_DEPTH))
        return done(
          new RequestError(400, `JSON may be nested at most ${MAX_JSON_DEPTH} deep`, 'body'),
          undefined,
        )
      done(null, value)
    })
  })

  // A route addressed by a record id says so: a malformed id is not found (404 page, 400 JSON), never a database error.
  app.addHook('onRoute', (route) => {
    if (/:id(\/|\.|$)/.test(route.url) && !route.schema?.params)
      route.schema = { ...route.schema, params: IdParams }
  })

  app.addHook('preValidation', async (request: FastifyRequest) => {
    checkText(request.query)
    if (!request.routeOptions.config.itemwiseInput) checkText(request.body)
  })
}
