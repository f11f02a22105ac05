// How long is left before something is due, in words: "1 working day left", "Due today: 3 hours
// left", "Overdue by 2 working days". A due date is in time until the end of that London day; a due
// moment (an acknowledgement's) until that moment. Days count working days (weekends and bank
// holidays never count); within the due day, hours.
import { type IsoDate, toIsoDate, workingDaysBetween } from './working-days.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
})

/** Time since the start of the London day (a clock change's day counts as 24 hours). */
function sinceLondonMidnight(now: Date): number {
  const parts = londonClock.formatToParts(now)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
  return ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + now.getMilliseconds()
}

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

export type TimeLeftState = 'overdue' | 'due-today' | 'due'

export interface TimeLeft {
  state: TimeLeftState
  words: string
}

/** Time left before `due` (a last date in time, or a moment), as seen at `now`. */
export function timeLeft(due: IsoDate | Date, now: Date): TimeLeft {
  const today = toIsoDate(now)
  const dueDate = typeof due === 'string' ? due : toIsoDate(due)
  const msLeft = typeof due === 'string' ? DAY_MS - sinceLondonMidnight(now) : due.getTime() - now.getTime()
  if (today > dueDate || msLeft <= 0) {
    const days = workingDaysBetween(dueDate, today)
    if (days > 0) return { state: 'overdue', words: `Overdue by ${count(days, 'working day')}` }
    const hours = today === dueDate ? Math.floor(-msLeft / HOUR_MS) : 0
    return { state: 'overdue', words: hours >= 1 ? `Overdue by ${count(hours, 'hour')}` : 'Overdue' }
  }
  if (today === dueDate) {
    const hours = Math.floor(msLeft / HOUR_MS)
    const left = hours >= 1 ? `${count(hours, 'hour')} left` : 'less than an hour left'
    return { state: 'due-today', words: `Due today: ${left}` }
  }
  return { state: 'due', words: `${count(workingDaysBetween(today, dueDate), 'working day')} left` }
}
