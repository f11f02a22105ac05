// What strategy and conference pages share on top of the one input pipeline (platform/http/forms.ts):
// a posted form kept as typed (checkboxes as lists) to show again, saved dates shown in GOV.UK date
// inputs, and problems in the error summary linked to their fields.

import type { FastifyRequest } from 'fastify'
import { govukErrors, textField } from '../../platform/http/forms.ts'
import type { FieldProblem } from '../../platform/http/schemas.ts'

export type Form = Record<string, string | string[]>

/** What was posted, as typed: a repeated field (checkboxes) as a list. */
export function posted(request: FastifyRequest): Form {
  const body = (request.body ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.map(String) : String(value ?? ''),
    ]),
  )
}

/** One field's text, trimmed; '' when empty (the schema names a blank required field as missing). */
export const text = (form: Form, name: string): string => textField(form, name) ?? ''

/** The child's own words as the API takes them: left out when none were written. */
export const childWordsFromForm = (form: Form) =>
  text(form, 'childWords').trim() ? { childWords: text(form, 'childWords') } : {}

/** The form fields of an ISO date, for showing a saved date in a GOV.UK date input. */
export function dateParts(name: string, iso: string | null | undefined): Form {
  const [year = '', month = '', day = ''] = (iso ?? '').split('-')
  return {
    [`${name}-day`]: day.replace(/^0/, ''),
    [`${name}-month`]: month.replace(/^0/, ''),
    [`${name}-year`]: year,
  }
}

/** The form and its problems; a problem on a date entered through a GOV.UK date input links to the day. */
export function formContext(
  form: Form,
  problems: readonly FieldProblem[],
  dateFields: readonly string[] = [],
) {
  const isDate = (field: string) => dateFields.includes(field) || /^actions-\d+-due$/.test(field)
  const anchors = Object.fromEntries(
    problems.filter((p) => isDate(p.field)).map((p) => [p.field, `${p.field}-day`]),
  )
  return { form, ...govukErrors(problems, { anchors }) }
}
