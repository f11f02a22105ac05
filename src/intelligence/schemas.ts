// The dashboard's filters as a GET form asks for them (works without JavaScript): an LA or all, and
// a run of months, and one agency for the measures counted per agency. A month the form does not offer, or a run that ends before it starts, is named in
// the error summary and the last 12 months are shown instead.

import { type Static, Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { FieldProblem } from '../platform/http/schemas.ts'
import { monthsBefore } from './rules.ts'
import type { Filters } from './workflow.ts'

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })

export const FiltersQuery = Type.Object({
  la: Type.Optional(Type.String({ maxLength: 64 })),
  /** One agency, for the measures counted per agency. */
  agency: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Month),
  to: Type.Optional(Month),
  /** One month, for the list behind a number. */
  month: Type.Optional(Month),
})
export type FiltersQuery = Static<typeof FiltersQuery>

/** How far back the dashboard reaches: 5 years of months. */
export const MONTHS_OFFERED = 60

/** The months the form offers, newest first. */
export const monthsOffered = (thisMonth: string) =>
  Array.from({ length: MONTHS_OFFERED }, (_, i) => monthsBefore(thisMonth, i))

export function filtersFrom(
  query: unknown,
  thisMonth: string,
): { filters: Filters; problems: FieldProblem[] } {
  const fallback: Filters = { laId: null, from: monthsBefore(thisMonth, 11), to: thisMonth }
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''))
  const laId = typeof given.la === 'string' ? given.la : null
  const agencyId = typeof given.agency === 'string' ? given.agency : null
  if (!Value.Check(FiltersQuery, given))
    return {
      filters: { ...fallback, laId, agencyId },
      problems: [{ field: 'from', text: 'Choose months from the lists' }],
    }
  const from = given.month ?? given.from ?? fallback.from
  const to = given.month ?? given.to ?? fallback.to
  const earliest = monthsBefore(thisMonth, MONTHS_OFFERED - 1)
  const problems: FieldProblem[] = []
  if (from < earliest || to > thisMonth)
    problems.push({ field: 'from', text: 'Choose months within the last 5 years' })
  else if (from > to)
    problems.push({ field: 'to', text: 'The last month must be the same as or after the first' })
  return problems.length > 0
    ? { filters: { ...fallback, laId, agencyId }, problems }
    : { filters: { laId, from, to, agencyId }, problems }
}
