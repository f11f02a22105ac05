import { BANK_HOLIDAY_DATES, BANK_HOLIDAY_YEARS } from './bank-holidays.ts'

// A calendar date with no time or zone, 'YYYY-MM-DD'. Arithmetic runs on whole UTC days since the
// epoch so no offset or daylight-saving change can move a date.
export type IsoDate = string

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function toDayNumber(date: IsoDate): number {
  const match = ISO_DATE.exec(date)
  const day = match
    ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY
    : Number.NaN
  if (Number.isNaN(day) || fromDayNumber(day) !== date) throw new RangeError(`Not a calendar date: '${date}'`)
  return day
}

function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

const FIRST_DAY = toDayNumber(`${BANK_HOLIDAY_YEARS.first}-01-01`)
const LAST_DAY = toDayNumber(`${BANK_HOLIDAY_YEARS.last}-12-31`)
const HOLIDAY_DAYS: ReadonlySet<number> = new Set(BANK_HOLIDAY_DATES.map(toDayNumber))

function checkInRange(day: number): number {
  if (day < FIRST_DAY || day > LAST_DAY) {
    const { first, last } = BANK_HOLIDAY_YEARS
    throw new RangeError(`${fromDayNumber(day)} is outside the bank holiday data (${first} to ${last})`)
  }
  return day
}

function isWorkingDayNumber(day: number): boolean {
  const weekday = new Date(checkInRange(day) * MS_PER_DAY).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !HOLIDAY_DAYS.has(day)
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Working day count must be a whole number >= 0, got ${n}`)
  }
}

// Moves `step` days at a time until `n` working days have been passed; with n = 0, stops on the
// first working day found starting from `date` itself.
function stepWorkingDays(date: IsoDate, n: number, step: 1 | -1): IsoDate {
  checkCount(n)
  let day = checkInRange(toDayNumber(date))
  let remaining = n
  if (remaining === 0) {
    while (!isWorkingDayNumber(day)) day += step
    return fromDayNumber(day)
  }
  while (remaining > 0) {
    day += step
    if (isWorkingDayNumber(day)) remaining -= 1
  }
  return fromDayNumber(day)
}

export function isWorkingDay(date: IsoDate): boolean {
  return isWorkingDayNumber(toDayNumber(date))
}

// The n-th working day after `date` (the day itself never counts, so Friday + 1 is Monday and
// Saturday + 1 is also Monday). n = 0 rolls a non-working day forward to the next working day.
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  return stepWorkingDays(date, n, 1)
}

// The n-th working day before `date`; n = 0 rolls a non-working day back to the previous working day.
export function subtractWorkingDays(date: IsoDate, n: number): IsoDate {
  return stepWorkingDays(date, n, -1)
}

export function workingDayOnOrAfter(date: IsoDate): IsoDate {
  return addWorkingDays(date, 0)
}

export function workingDayOnOrBefore(date: IsoDate): IsoDate {
  return subtractWorkingDays(date, 0)
}

// Working days after `from` up to and including `to`. When `to` is earlier the result is
// -workingDaysBetween(to, from), so the count is antisymmetric.
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const start = checkInRange(toDayNumber(from))
  const end = checkInRange(toDayNumber(to))
  // 0 - n rather than -n, so a count of nothing is 0 and not -0
  if (end < start) return 0 - workingDaysBetween(to, from)
  let count = 0
  for (let day = start + 1; day <= end; day += 1) if (isWorkingDayNumber(day)) count += 1
  return count
}

// Same day number `months` later (or earlier, if negative), clamped to the end of a shorter month:
// 31 Jan + 1 month is 28 or 29 Feb. Needs no bank holiday data, so any year is accepted.
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Month count must be a whole number, got ${months}`)
  const start = new Date(toDayNumber(date) * MS_PER_DAY)
  const monthIndex = start.getUTCMonth() + months
  const lastDayOfTarget = new Date(Date.UTC(start.getUTCFullYear(), monthIndex + 1, 0)).getUTCDate()
  const day = Math.min(start.getUTCDate(), lastDayOfTarget)
  return fromDayNumber(Date.UTC(start.getUTCFullYear(), monthIndex, day) / MS_PER_DAY)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

// The calendar date an instant falls on in `timeZone`: 2024-06-30T23:30Z is 1 July in London.
export function toIsoDate(instant: Date, timeZone = 'Europe/London'): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Cannot take the date of an invalid Date')
  const parts = formatterFor(timeZone).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value
  return `${part('year')}-${part('month')}-${part('day')}`
}
