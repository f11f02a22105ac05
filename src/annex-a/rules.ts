// The period asked for: an LA the caller prepares returns for, and two real dates in order.

import type { FieldProblem } from '../platform/http/schemas.ts'
import type { Period } from './store.ts'

export interface PeriodAsked {
  la?: string
  from?: string
  to?: string
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date written 'YYYY-MM-DD'. */
export function isRealDate(value: string | undefined): value is string {
  const parts = value ? ISO_DATE.exec(value) : null
  if (!parts) return false
  const [year, month, day] = parts.slice(1).map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** The period, or every problem with what was asked (each by its field). */
export function periodOf(asked: PeriodAsked, laIds: readonly string[]): Period | FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!asked.la || !laIds.includes(asked.la))
    problems.push({ field: 'la', text: 'Choose a local authority whose returns you prepare' })
  const dates = datesOf(asked)
  if (Array.isArray(dates) || problems.length > 0)
    return [...problems, ...(Array.isArray(dates) ? dates : [])]
  return { laId: asked.la as string, ...dates }
}

/** The period's two dates (every LA's, for the partnership view), or every problem with them. */
export function datesOf(asked: PeriodAsked): { from: string; to: string } | FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!isRealDate(asked.from))
    problems.push({ field: 'from', text: 'Enter the first day of the period as a real date' })
  if (!isRealDate(asked.to))
    problems.push({ field: 'to', text: 'Enter the last day of the period as a real date' })
  else if (isRealDate(asked.from) && asked.to < asked.from)
    problems.push({ field: 'to', text: 'The last day of the period must be on or after its first day' })
  if (problems.length > 0) return problems
  return { from: asked.from as string, to: asked.to as string }
}
