// Dates and times as GOV.UK style writes them, registered as the Nunjucks filters `govukDate`,
// `govukDateTime`, `govukDeadline` and `govukTime`. A value of the wrong kind throws: a page that would show a wrong or empty date
// fails instead (guard optional values in the template: `{{ x | govukDate if x else "Not known" }}`).

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** A timestamp that says its offset; without one, Date would read it in the server's zone. */
const ZONED_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

const calendarDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
})

/** A calendar date, '2024-07-07' -> '7 July 2024'. Read as a plain date, so no time zone can move it. */
export function govukDate(value: unknown): string {
  if (typeof value !== 'string') throw notCalendarDate(value)
  return calendarDateInWords(value)
}

/** The months' names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

const calendarDateInWords = remembered((value: string) => {
  const date = ISO_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : undefined
  // Date rolls '2023-02-29' over to 1 March: only a date that reads back the same is real.
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw notCalendarDate(value)
  // As Intl writes it, without its cost (a page of a child's family shows many birthdays); Intl
  // itself for the first millennium, whose years it writes its own way.
  const year = date.getUTCFullYear()
  if (year < 1000) return calendarDate.format(date)
  return `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${year}`
})

const notCalendarDate = (value: unknown) =>
  new TypeError(`govukDate: expected a calendar date as YYYY-MM-DD, got ${describe(value)}`)

/** An instant (a Date, or a timestamp with its offset) in London time: '7 July 2024 at 2:05pm', '7 July 2024 at 10:00am'. */
export function govukDateTime(value: unknown): string {
  return londonDateTimeInWords(instantOf('govukDateTime', value).getTime())
}

const londonDateTimeInWords = remembered((epochMs: number) => {
  const parts = londonParts(new Date(epochMs))
  return `${parts.day} ${parts.month} ${parts.year} at ${clockTime(Number(parts.hour), parts.minute ?? '00')}`
})

/**
 * A deadline. One at London midnight is the end of the day before, and GOV.UK style says so rather
 * than 'at midnight', which readers take either way: 'the end of 9 November 2026'.
 */
export function govukDeadline(value: unknown): string {
  const instant = instantOf('govukDeadline', value)
  const parts = londonParts(instant)
  if (Number(parts.hour) !== 0 || parts.minute !== '00') return govukDateTime(instant)
  const dayBefore = londonParts(new Date(instant.getTime() - 60_000))
  return `the end of ${dayBefore.day} ${dayBefore.month} ${dayBefore.year}`
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** A time of day as a meeting is booked, '14:30' -> '2:30pm', '09:00' -> '9:00am'. */
export function govukTime(value: unknown): string {
  const match = typeof value === 'string' ? CLOCK_TIME.exec(value) : null
  if (!match) throw new TypeError(`govukTime: expected a time of day as HH:MM, got ${describe(value)}`)
  return clockTime(Number(match[1]), match[2] as string)
}

/** A meeting's day and time as booked, '2026-12-05' and '10:00' -> '5 December 2026 at 10:00am'. */
export const govukDateAndTime = (date: unknown, time: unknown): string =>
  `${govukDate(date)} at ${govukTime(time)}`

function instantOf(filter: string, value: unknown): Date {
  const instant =
    value instanceof Date
      ? value
      : typeof value === 'string' && ZONED_TIMESTAMP.test(value)
        ? new Date(value)
        : undefined
  if (!instant || Number.isNaN(instant.getTime()))
    throw new TypeError(`${filter}: expected a Date or a timestamp with its offset, got ${describe(value)}`)
  return instant
}

const londonParts = (instant: Date) =>
  Object.fromEntries(londonDateTime.formatToParts(instant).map((part) => [part.type, part.value]))

/** The service's one time format: '2:00pm', '2:05pm', and 'midday' and 'midnight' rather than '12:00pm' and '12:00am'. */
function clockTime(hour: number, minute: string): string {
  if (minute === '00' && hour === 0) return 'midnight'
  if (minute === '00' && hour === 12) return 'midday'
  return `${hour % 12 || 12}:${minute}${hour < 12 ? 'am' : 'pm'}`
}

/**
 * A formatter that remembers its last few thousand answers: Intl formatting costs more than the rest of a
 * page's dates put together, and pages show the same dates again and again.
 */
function remembered<K, V>(format: (key: K) => V, limit = 5000): (key: K) => V {
  const answers = new Map<K, V>()
  return (key) => {
    let answer = answers.get(key)
    if (answer === undefined) {
      answer = format(key)
      if (answers.size >= limit) answers.clear()
      answers.set(key, answer)
    }
    return answer
  }
}

const describe = (value: unknown) =>
  value instanceof Date
    ? `a Date (${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`
    : (JSON.stringify(value) ?? String(value))
