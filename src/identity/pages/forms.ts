// Reading GOV.UK forms as posted (urlencoded) and showing their errors.

import type { FastifyRequest } from 'fastify'
import { govukErrors } from '../../platform/http/forms.ts'
import type { FieldProblem } from '../../platform/http/schemas.ts'

type Posted = Record<string, string | string[] | undefined>

const posted = (request: FastifyRequest): Posted =>
  request.body && typeof request.body === 'object' ? (request.body as Posted) : {}

/** A single field, trimmed; '' when absent. */
export function field(request: FastifyRequest, name: string): string {
  const value = posted(request)[name]
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim()
}

/** A field as typed, untrimmed (passwords). */
export function rawField(request: FastifyRequest, name: string): string {
  const value = posted(request)[name]
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}

/** A field that may be repeated (checkboxes). */
export function fields(request: FastifyRequest, name: string): string[] {
  const value = posted(request)[name]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]).map((item) => item.trim()).filter(Boolean)
}

export function queryField(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : undefined
}

/** The error summary's list and each field's own message (the platform's GOV.UK errors). */
export const errorContext = (errors: readonly FieldProblem[]) => govukErrors(errors)
