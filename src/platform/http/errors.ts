import { STATUS_CODES } from 'node:http'
import { Type } from '@sinclair/typebox'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isJsonPath, routePath } from './route-kind.ts'

export interface ApiError {
  statusCode: number
  error: string
  message: string
  field?: string
  /** Every input at fault (`message` and `field` name the first), so a caller can fix them at once. */
  problems?: ApiProblem[]
}

export interface ApiProblem {
  field: string
  message: string
}

/** The error as the OpenAPI document describes it (routes that list every problem say so). */
export const ApiErrorOut = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String({ description: 'the first problem, in words' }),
  field: Type.Optional(
    Type.String({ description: 'the field of the first problem, as `items[3].handlingCode`' }),
  ),
  problems: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
      description: 'every problem, in order, each naming its field',
    }),
  ),
})

/** An error a handler throws on purpose: it reaches the caller as a clear 4xx naming the field. */
export class RequestError extends Error {
  /** Every field at fault, where the error is bad input (InvalidInput's). */
  declare readonly problems?: readonly { field: string; text: string }[]

  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

const isApi = (request: FastifyRequest) => isJsonPath(routePath(request))

export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    if (isApi(request))
      return reply.code(404).send(apiError(404, `No such endpoint: ${request.method} ${request.url}`))
    return reply.code(404).view('platform/views/not-found.njk')
  })

  app.setErrorHandler((error: FastifyError | RequestError, request, reply) => {
    const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed')
    if (isApi(request) || !acceptsHtml(request)) return sendApiError(request, reply, statusCode, error)
    // A page addressed by something that is not a record id shows no such page.
    const badAddress = 'validationContext' in error && error.validationContext === 'params'
    if (statusCode === 404 || badAddress) return reply.code(404).view('platform/views/not-found.njk')
    if (statusCode < 500) {
      const { message } = describe(error)
      return reply
        .code(statusCode)
        .view('platform/views/client-error.njk', { title: STATUS_CODES[statusCode], message })
    }
    return reply.code(500).view('platform/views/server-error.njk')
  })
}

function sendApiError(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  error: FastifyError | RequestError,
) {
  if (statusCode >= 500) {
    const message = `Something went wrong on our side; nothing was saved. Quote this reference: ${request.id}`
    return reply.code(500).send(apiError(500, message))
  }
  const { message, field } = describe(error)
  const problems = error instanceof RequestError ? error.problems : undefined
  return reply.code(statusCode).send({
    ...apiError(statusCode, message, field),
    ...(problems?.length ? { problems: problems.map((p) => ({ field: p.field, message: p.text })) } : {}),
  })
}

function describe(error: FastifyError | RequestError): { message: string; field?: string } {
  if (error instanceof RequestError) return { message: error.message, field: error.field }
  const issue = 'validation' in error ? error.validation?.[0] : undefined
  if (!issue) return { message: error.message }
  const missing = (issue.params as { missingProperty?: string }).missingProperty
  const path = [issue.instancePath.split('/').filter(Boolean).join('.'), missing].filter(Boolean).join('.')
  const field = path || error.validationContext
  const problem = missing ? 'is required' : issue.message
  return { message: `${field} ${problem}`, field }
}

export function apiError(statusCode: number, message: string, field?: string): ApiError {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(field ? { field } : {}) }
}

const acceptsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html')
