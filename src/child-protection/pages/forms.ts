// What strategy and conference pages share: posted forms as plain strings, GOV.UK date inputs, and
// problems shown in the error summary (linked to their fields) with what was typed kept.

import type { FastifyRequest } from 'fastify'
import type { Problem } from '../../meetings/index.ts'

export type Form = Record<string, string | string[]>

export function posted(request: FastifyRequest): Form {
  const body = (request.body ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.map(String) : String(value ?? ''),
    ]),
  )
}

export const text = (form: Form, name: string): string => {
  const value = form[name]
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim()
}

export const list = (form: Form, name: string): string[] => {
  const value = form[name]
  return (Array.isArray(value) ? value : value ? [value] : []).filter(Boolean)
}

/** A GOV.UK date input's three fields ('date-day', ...) as 'YYYY-MM-DD'; '' when all are empty. */
export function dateField(form: Form, name: string): string {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(form, `${name}-${part}`))
  if (!day && !month && !year) return ''
  return `${(year ?? '').padStart(4, '0')}-${(month ?? '').padStart(2, '0')}-${(day ?? '').padStart(2, '0')}`
}

/** The form fields of an ISO date, for showing a saved date in a GOV.UK date input. */
export function dateParts(name: string, iso: string | null | undefined): Form {
  const [year = '', month = '', day = ''] = (iso ?? '').split('-')
  return {
    [`${name}-day`]: day.replace(/^0/, ''),
    [`${name}-month`]: month.replace(/^0/, ''),
    [`${name}-year`]: year,
  }
}

/** Fields entered through a GOV.UK date input: their error links point at the day. */
export function formContext(form: Form, problems: readonly Problem[], dateFields: readonly string[] = []) {
  const isDate = (field: string) => dateFields.includes(field) || /^actions-\d+-due$/.test(field)
  const errors = problems.map((p) => ({ text: p.text, href: `#${p.field}${isDate(p.field) ? '-day' : ''}` }))
  const fieldErrors: Record<string, { text: string }> = {}
  for (const p of problems) fieldErrors[p.field] ??= { text: p.text }
  return { form, errors, fieldErrors }
}
