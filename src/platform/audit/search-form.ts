// The audit search form as the query string brings it: values to show again, errors in GOV.UK
// words, and the search they make. Pure.

import { type FieldProblem, isUuid } from '../http/schemas.ts'
import type { AuditSearch } from './store.ts'

export interface DateParts {
  day: string
  month: string
  year: string
}

export interface SearchFormValues {
  childId: string
  userId: string
  from: DateParts
  to: DateParts
}

export interface SearchForm {
  values: SearchFormValues
  /** `field` is the id of the input the error summary links to ('from-day'). */
  errors: FieldProblem[]
  search: AuditSearch
}

const MAX_ID = 100

export function readSearchForm(query: unknown): SearchForm {
  const text = (name: string) => {
    const value = (query as Record<string, unknown> | null)?.[name]
    return typeof value === 'string' ? value.trim() : ''
  }
  const dateParts = (prefix: string) => ({
    day: text(`${prefix}-day`),
    month: text(`${prefix}-month`),
    year: text(`${prefix}-year`),
  })
  const values = {
    childId: text('childId'),
    userId: text('userId'),
    from: dateParts('from'),
    to: dateParts('to'),
  }
  const errors: FieldProblem[] = []
  if (values.childId && !isUuid(values.childId))
    errors.push({
      field: 'childId',
      text: 'Enter the child’s record id in the correct format, like 0b6f4a54-5f0e-4a8e-9d43-6a1f8f0c2b11',
    })
  if (values.userId.length > MAX_ID)
    errors.push({ field: 'userId', text: `User or system id must be ${MAX_ID} characters or fewer` })
  const from = readDate(values.from, 'from', 'Date from', errors)
  const to = readDate(values.to, 'to', 'Date to', errors)
  if (from && to && to < from)
    errors.push({ field: 'to-day', text: 'Date to must be the same as or after date from' })
  const before = Number(text('before'))
  const search: AuditSearch = {
    ...(values.childId ? { childId: values.childId } : {}),
    ...(values.userId ? { actorId: values.userId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(Number.isSafeInteger(before) && before > 0 ? { before } : {}),
  }
  return { values, errors, search }
}

/** 'YYYY-MM-DD', or undefined when the date is left blank or is wrong (then with an error). */
function readDate(parts: DateParts, id: string, label: string, errors: FieldProblem[]): string | undefined {
  const given = [parts.day, parts.month, parts.year]
  if (given.every((part) => part === '')) return undefined
  const missing = (['day', 'month', 'year'] as const).filter((part) => parts[part] === '')
  if (missing.length > 0) {
    errors.push({ field: `${id}-${missing[0]}`, text: `${label} must include a ${missing.join(' and ')}` })
    return undefined
  }
  const [day, month, year] = given.map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  const real =
    /^\d{4}$/.test(parts.year) &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  if (!real) {
    errors.push({ field: `${id}-day`, text: `${label} must be a real date` })
    return undefined
  }
  return date.toISOString().slice(0, 10)
}
