import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BANK_HOLIDAY_DATES, BANK_HOLIDAY_YEARS, BANK_HOLIDAYS } from './bank-holidays.ts'

const YEARS = Array.from(
  { length: BANK_HOLIDAY_YEARS.last - BANK_HOLIDAY_YEARS.first + 1 },
  (_, i) => BANK_HOLIDAY_YEARS.first + i,
)

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day))
const iso = (date: Date) => date.toISOString().slice(0, 10)
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()
const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher), kept here so the data is checked independently.
function easterSunday(year: number): Date {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return utc(year, month, day)
}

// Each fixed-date holiday that falls on a weekend moves to the next weekday not already taken.
function withSubstitutes(dates: Date[]): string[] {
  const taken: string[] = []
  for (let date of dates) {
    while (isWeekend(date) || taken.includes(iso(date))) date = plusDays(date, 1)
    taken.push(iso(date))
  }
  return taken
}

function firstMonday(year: number, month: number): Date {
  const first = utc(year, month, 1)
  return plusDays(first, (8 - first.getUTCDay()) % 7)
}

function lastMonday(year: number, month: number): Date {
  const last = utc(year, month + 1, 0)
  return plusDays(last, -((last.getUTCDay() + 6) % 7))
}

function standingRules(year: number): string[] {
  const easter = easterSunday(year)
  return [
    ...withSubstitutes([utc(year, 1, 1)]),
    iso(plusDays(easter, -2)),
    iso(plusDays(easter, 1)),
    iso(firstMonday(year, 5)),
    iso(lastMonday(year, 5)),
    iso(lastMonday(year, 8)),
    ...withSubstitutes([utc(year, 12, 25), utc(year, 12, 26)]),
  ]
}

const ONE_OFF_CHANGES: Record<number, { removed: string[]; added: string[] }> = {
  2020: { removed: ['2020-05-04'], added: ['2020-05-08'] },
  2022: { removed: ['2022-05-30'], added: ['2022-06-02', '2022-06-03', '2022-09-19'] },
  2023: { removed: [], added: ['2023-05-08'] },
}

function expectedHolidays(year: number): string[] {
  const change = ONE_OFF_CHANGES[year] ?? { removed: [], added: [] }
  const kept = standingRules(year).filter((date) => !change.removed.includes(date))
  return [...kept, ...change.added].sort()
}

const inYear = (year: number) => BANK_HOLIDAY_DATES.filter((date) => date.startsWith(`${year}-`))

describe('bank holiday data', () => {
  it('covers 2018 to 2028', () => {
    assert.deepEqual(BANK_HOLIDAY_YEARS, { first: 2018, last: 2028 })
    assert.deepEqual([...new Set(BANK_HOLIDAY_DATES.map((date) => Number(date.slice(0, 4))))], YEARS)
  })

  it('is sorted, unique and well formed', () => {
    assert.deepEqual([...BANK_HOLIDAY_DATES].sort(), BANK_HOLIDAY_DATES)
    assert.equal(BANK_HOLIDAYS.size, BANK_HOLIDAY_DATES.length)
    for (const date of BANK_HOLIDAY_DATES) assert.equal(iso(new Date(`${date}T00:00:00Z`)), date)
  })

  it('lists only weekdays', () => {
    for (const date of BANK_HOLIDAY_DATES) assert.ok(weekday(date) >= 1 && weekday(date) <= 5, date)
  })

  for (const year of YEARS) {
    it(`matches the standing rules and one-off changes in ${year}`, () => {
      assert.deepEqual(inYear(year), expectedHolidays(year))
    })
  }

  it('has Good Friday and Easter Monday from the computus every year', () => {
    for (const year of YEARS) {
      const easter = easterSunday(year)
      assert.ok(BANK_HOLIDAYS.has(iso(plusDays(easter, -2))), `Good Friday ${year}`)
      assert.ok(BANK_HOLIDAYS.has(iso(plusDays(easter, 1))), `Easter Monday ${year}`)
    }
  })

  it('computes known Easter Sundays', () => {
    const known = [
      '2018-04-01',
      '2019-04-21',
      '2020-04-12',
      '2024-03-31',
      '2025-04-20',
      '2027-03-28',
      '2028-04-16',
    ]
    for (const date of known) assert.equal(iso(easterSunday(Number(date.slice(0, 4)))), date)
  })

  it('has the Christmas and New Year substitute days', () => {
    const christmas: Record<number, string[]> = {
      2018: ['2018-12-25', '2018-12-26'],
      2019: ['2019-12-25', '2019-12-26'],
      2020: ['2020-12-25', '2020-12-28'],
      2021: ['2021-12-27', '2021-12-28'],
      2022: ['2022-12-26', '2022-12-27'],
      2023: ['2023-12-25', '2023-12-26'],
      2024: ['2024-12-25', '2024-12-26'],
      2025: ['2025-12-25', '2025-12-26'],
      2026: ['2026-12-25', '2026-12-28'],
      2027: ['2027-12-27', '2027-12-28'],
      2028: ['2028-12-25', '2028-12-26'],
    }
    for (const year of YEARS) {
      assert.deepEqual(
        inYear(year).filter((date) => date >= `${year}-12-20`),
        christmas[year],
      )
    }
    const newYear = ['2018-01-01', '2019-01-01', '2020-01-01', '2021-01-01', '2022-01-03', '2023-01-02']
    for (const date of newYear) assert.equal(inYear(Number(date.slice(0, 4)))[0], date)
  })
})
