// The web half of the one input pipeline (schemas.ts is the other): posted form fields become the
// value the API would have been sent, so the same compiled schema checks both, and FieldProblems
// become the GOV.UK error summary and inline errors (platform/views/layout.njk renders `errors`;
// each field shows `fieldErrors[name]`).
//
//   const referralForm = formOf(ReferralInput)
//   const value = referralForm.read(request.body)   // { child: { firstName: … }, … }
//   render(view, { form: postedFields(request.body), ...referralForm.errors(problems) })
//
// A form field is named after the API field it fills, camel-cased: child.firstName is posted as
// childFirstName, and a date as childDateOfBirth-day, -month and -year (the GOV.UK date input).

import type { TSchema } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type FieldProblem, InvalidInput } from './schemas.ts'

/** A posted form as @fastify/formbody parses it: a repeated field (checkboxes) is an array. */
export type PostedForm = Record<string, unknown>

const valuesOf = (body: PostedForm, name: string): string[] => {
  const value = body[name]
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).map(String)
}

/** One field's text, trimmed; an empty field is absent. A repeated field gives its first value. */
export function textField(body: PostedForm, name: string): string | undefined {
  return valuesOf(body, name)[0]?.trim() || undefined
}

/** A repeated field (checkboxes): every non-empty value. */
export function listField(body: PostedForm, name: string): string[] {
  return valuesOf(body, name)
    .map((value) => value.trim())
    .filter(Boolean)
}

/** A textarea of one item a line: each non-empty line, trimmed. */
export function linesField(body: PostedForm, name: string): string[] {
  return (textField(body, name) ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/**
 * A GOV.UK date input (`name-day`, `name-month`, `name-year`) as 'YYYY-MM-DD'; absent when all three
 * are empty. A part that is not a number is kept, so the date fails the schema as not real.
 */
export function dateField(body: PostedForm, name: string): string | undefined {
  const [day = '', month = '', year = ''] = ['day', 'month', 'year'].map((part) =>
    (textField(body, `${name}-${part}`) ?? '').replace(/\s+/g, ''),
  )
  if (!day && !month && !year) return undefined
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
}

/** What was typed, to show again: each field's first value, untrimmed. */
export function postedFields(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as PostedForm).map(([name, value]) => [
      name,
      String(Array.isArray(value) ? (value[0] ?? '') : (value ?? '')),
    ]),
  )
}

/** 'child.firstName' -> 'childFirstName'; 'children[0].nhsNumber' -> 'children0NhsNumber'. */
export const formName = (field: string) =>
  field.replace(/\[(\d+)\]/g, '.$1').replace(/\.([a-z0-9])/gi, (_match, next: string) => next.toUpperCase())

export interface GovukErrors {
  /** For the error summary: each problem, linking to its field. */
  errors: { text: string; href: string }[]
  /** For each field's errorMessage, by form field name; its first problem. */
  fieldErrors: Record<string, { text: string }>
}

export interface Placing {
  /** The form field of an API field not named after it (sharing's one child is `nhsNumber`). */
  names?: Record<string, string>
  /** Where the summary links for a form field whose first input has another id (a date's day). */
  anchors?: Record<string, string>
}

/** The error summary and inline errors for these problems. */
export function govukErrors(
  problems: readonly FieldProblem[],
  { names = {}, anchors = {} }: Placing = {},
): GovukErrors {
  const fieldErrors: GovukErrors['fieldErrors'] = {}
  const errors = problems.map(({ field, text }) => {
    const name = names[field] ?? formName(field)
    fieldErrors[name] ??= { text }
    return { text, href: `#${anchors[name] ?? name}` }
  })
  return { errors, fieldErrors }
}

export interface FormOf {
  /** The posted fields as the API value; left to the schema check, so nothing is assumed valid. */
  read(body: unknown): Record<string, unknown>
  /** The error summary and inline errors, each problem linked to the field that fills it. */
  errors(problems: readonly FieldProblem[]): GovukErrors
}

/**
 * A form for an API input schema. Text, numbers, literals and dates map by name; arrays are repeated
 * fields; nested objects are read field by field. A free-form object (Type.Record) is not a form
 * field: the page sets it from elsewhere.
 */
export function formOf(schema: TSchema, placing: Pick<Placing, 'anchors'> = {}): FormOf {
  const anchors: Record<string, string> = { ...placing.anchors }
  const collect = (node: TSchema, path: string) => {
    if (node.type === 'object')
      for (const [key, property] of Object.entries((node.properties ?? {}) as Record<string, TSchema>))
        collect(property, path ? `${path}.${key}` : key)
    else if (node.format === 'date') anchors[formName(path)] ??= `${formName(path)}-day`
  }
  collect(schema, '')
  return {
    read: (body) => readObject(schema, (body ?? {}) as PostedForm, ''),
    errors: (problems) => govukErrors(problems, { anchors }),
  }
}

function readObject(schema: TSchema, body: PostedForm, path: string) {
  const value: Record<string, unknown> = {}
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
    const read = readField(property, body, path ? `${path}.${key}` : key)
    if (read !== undefined) value[key] = read
  }
  return value
}

function readField(schema: TSchema, body: PostedForm, field: string): unknown {
  const name = formName(field)
  if (schema.type === 'object') return schema.properties ? readObject(schema, body, field) : undefined
  if (schema.type === 'array') {
    const items = listField(body, name).map((item) => scalar(schema.items as TSchema, item))
    return items.length > 0 ? items : undefined
  }
  if (schema.format === 'date') return dateField(body, name)
  const text = textField(body, name)
  return text === undefined ? undefined : scalar(schema, text)
}

/** Numbers as numbers when they are numbers; anything else stays text for the schema to refuse. */
function scalar(schema: TSchema, text: string): unknown {
  const numeric =
    schema.type === 'integer' ||
    schema.type === 'number' ||
    (schema.anyOf as TSchema[] | undefined)?.every((option) => typeof option.const === 'number')
  if (numeric && /^-?\d+(\.\d+)?$/.test(text)) return Number(text)
  if (schema.type === 'boolean') return ['true', 'yes', 'on'].includes(text) ? true : text
  return text
}

/** What a form is shown again with after bad input: what was typed, and every problem. */
export interface Posted {
  form?: Record<string, string>
  problems?: readonly FieldProblem[]
}

/**
 * Runs a change posted from a form and redirects (303) to the page it names; bad input (InvalidInput)
 * shows the form again (400) with every problem and what was typed.
 */
export async function changeOrShowAgain(
  request: FastifyRequest,
  reply: FastifyReply,
  change: () => Promise<string>,
  again: (posted: Posted) => unknown,
) {
  try {
    return reply.redirect(await change(), 303)
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error
    reply.code(400)
    return again({ form: postedFields(request.body), problems: error.problems })
  }
}
