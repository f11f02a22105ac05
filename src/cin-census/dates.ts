// Calendar arithmetic on 'YYYY-MM-DD' dates as the DfE's validator does it (pandas DateOffset:
// adding months or years keeps the day, clamped to the month's last day).

import type { IsoDate } from './census.ts'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/
const MS_PER_DAY = 86_400_000

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The calendar date a census value names, or undefined when it is absent or no date. */
export function toIsoDate(value: string | undefined): IsoDate | undefined {
  const match = value === undefined ? null : ISO_DATE.exec(value)
  if (!match) return undefined
  const [date, y, m, d] = match as unknown as [string, string, string, string]
  const year = Number(y)
  const month = Number(m)
  const day = Number(d)
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const last = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0)
  return day >= 1 && day <= last ? (date.length === 10 ? date : date.slice(0, 10)) : undefined
}

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))]
}

function format(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date)
  return format(Date.UTC(y, m - 1, d) + days * MS_PER_DAY)
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date)
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  return format(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)))
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12)
}

/** Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const [y, m, d] = parts(date)
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return weekday === 0 || weekday === 6
}
