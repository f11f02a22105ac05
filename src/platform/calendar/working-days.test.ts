import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  addCalendarMonths,
  addWorkingDays,
  isWorkingDay,
  subtractWorkingDays,
  toIsoDate,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
} from './working-days.ts'

const DAY = 86_400_000
const isoFromOffset = (offset: number) =>
  new Date(Date.UTC(2018, 0, 1) + offset * DAY).toISOString().slice(0, 10)
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)

// 2018-01-01 to 2027-12-31, leaving 2028 as headroom so stepping forward stays inside the data.
const dateArb = fc.integer({ min: 0, max: 3651 }).map(isoFromOffset)
const workingDateArb = dateArb.map(workingDayOnOrAfter)
// From mid-October 2018, so stepping 150 working days back stays inside the data too.
const laterWorkingDateArb = fc.integer({ min: 300, max: 3651 }).map(isoFromOffset).map(workingDayOnOrAfter)
const countArb = fc.integer({ min: 0, max: 150 })

describe('isWorkingDay', () => {
  it('is true on an ordinary weekday and false at weekends', () => {
    assert.equal(isWorkingDay('2024-06-05'), true)
    assert.equal(isWorkingDay('2024-06-08'), false)
    assert.equal(isWorkingDay('2024-06-09'), false)
  })

  it('is false on bank holidays, including one-off and moved ones', () => {
    for (const date of ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) {
      assert.equal(isWorkingDay(date), false, date)
    }
    assert.equal(isWorkingDay('2020-05-04'), true, 'the 2020 early May holiday moved to VE Day')
    assert.equal(isWorkingDay('2022-05-30'), true, 'the 2022 spring holiday moved to 2 June')
  })

  it('knows the working days around Christmas every year', () => {
    const working: Record<number, number[]> = {
      2018: [24, 27, 28, 31],
      2019: [24, 27, 30, 31],
      2020: [24, 29, 30, 31],
      2021: [24, 29, 30, 31],
      2022: [28, 29, 30],
      2023: [27, 28, 29],
      2024: [24, 27, 30, 31],
      2025: [24, 29, 30, 31],
      2026: [24, 29, 30, 31],
      2027: [24, 29, 30, 31],
      2028: [27, 28, 29],
    }
    for (const [year, days] of Object.entries(working)) {
      const actual = [24, 25, 26, 27, 28, 29, 30, 31].filter((day) => isWorkingDay(`${year}-12-${day}`))
      assert.deepEqual(actual, days, year)
    }
  })

  it('handles 29 February', () => {
    assert.equal(isWorkingDay('2020-02-29'), false)
    assert.equal(isWorkingDay('2024-02-29'), true)
    assert.equal(isWorkingDay('2028-02-29'), true)
    assert.throws(() => isWorkingDay('2023-02-29'), RangeError)
  })

  it('rejects anything that is not a YYYY-MM-DD calendar date', () => {
    for (const bad of ['', '2024-2-1', '2024-13-01', '2024-04-31', '2024-06-05T00:00:00Z', '05/06/2024']) {
      assert.throws(() => isWorkingDay(bad), RangeError, bad)
    }
  })

  it('throws outside the bank holiday data instead of guessing', () => {
    assert.throws(() => isWorkingDay('2017-12-29'), { name: 'RangeError', message: /2018 to 2028/ })
    assert.throws(() => isWorkingDay('2029-01-02'), RangeError)
    assert.equal(isWorkingDay('2018-01-02'), true)
    assert.equal(isWorkingDay('2028-12-29'), true)
  })
})

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    assert.equal(addWorkingDays('2024-06-07', 1), '2024-06-10')
    assert.equal(addWorkingDays('2024-06-07', 5), '2024-06-14')
    assert.equal(addWorkingDays('2024-06-05', 2), '2024-06-07')
  })

  it('returns a working day unchanged for 0 and rolls a non-working day forward', () => {
    assert.equal(addWorkingDays('2024-06-05', 0), '2024-06-05')
    assert.equal(addWorkingDays('2024-06-08', 0), '2024-06-10')
    assert.equal(addWorkingDays('2025-12-25', 0), '2025-12-29')
  })

  it('counts from the day after, so Saturday + 1 is Monday, the same as Friday + 1', () => {
    assert.equal(addWorkingDays('2024-06-08', 1), '2024-06-10')
    assert.equal(addWorkingDays('2024-06-09', 1), '2024-06-10')
  })

  it('skips Christmas every year', () => {
    const firstAfter: Record<number, string> = {
      2018: '2018-12-27',
      2019: '2019-12-27',
      2020: '2020-12-29',
      2021: '2021-12-29',
      2022: '2022-12-28',
      2023: '2023-12-27',
      2024: '2024-12-27',
      2025: '2025-12-29',
      2026: '2026-12-29',
      2027: '2027-12-29',
      2028: '2028-12-27',
    }
    for (const [year, expected] of Object.entries(firstAfter)) {
      assert.equal(addWorkingDays(`${year}-12-24`, 1), expected, year)
    }
  })

  it('skips Good Friday and Easter Monday', () => {
    assert.equal(addWorkingDays('2019-04-18', 1), '2019-04-23')
    assert.equal(addWorkingDays('2024-03-28', 1), '2024-04-02')
    assert.equal(addWorkingDays('2025-04-17', 1), '2025-04-22')
    assert.equal(addWorkingDays('2026-04-02', 1), '2026-04-07')
    assert.equal(addWorkingDays('2027-03-25', 1), '2027-03-30')
  })

  it('spans New Year, including substitute days', () => {
    assert.equal(addWorkingDays('2021-12-31', 1), '2022-01-04')
    assert.equal(addWorkingDays('2022-12-30', 1), '2023-01-03')
    assert.equal(addWorkingDays('2027-12-31', 1), '2028-01-04')
  })

  it('lands on 29 February in leap years', () => {
    assert.equal(addWorkingDays('2024-02-28', 1), '2024-02-29')
    assert.equal(addWorkingDays('2028-02-28', 1), '2028-02-29')
    assert.equal(addWorkingDays('2020-02-28', 1), '2020-03-02')
  })

  it('rejects negative and fractional counts', () => {
    assert.throws(() => addWorkingDays('2024-06-05', -1), RangeError)
    assert.throws(() => addWorkingDays('2024-06-05', 1.5), RangeError)
    assert.throws(() => addWorkingDays('2024-06-05', Number.NaN), RangeError)
  })

  it('throws when the answer would fall outside the data', () => {
    assert.throws(() => addWorkingDays('2028-12-29', 1), { name: 'RangeError', message: /2029-01-01/ })
    assert.throws(() => addWorkingDays('2028-12-30', 0), RangeError)
    assert.throws(() => addWorkingDays('2017-12-29', 1), RangeError)
  })

  it('always gives a working day', () => {
    fc.assert(fc.property(dateArb, countArb, (date, n) => isWorkingDay(addWorkingDays(date, n))))
  })

  it('is undone by workingDaysBetween for a working start day, or any start day when n >= 1', () => {
    fc.assert(
      fc.property(
        workingDateArb,
        countArb,
        (date, n) => workingDaysBetween(date, addWorkingDays(date, n)) === n,
      ),
    )
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 150 }), (date, n) => {
        return workingDaysBetween(date, addWorkingDays(date, n)) === n
      }),
    )
  })

  it('is monotonic in the start date and strictly increasing in n', () => {
    fc.assert(
      fc.property(dateArb, dateArb, countArb, (a, b, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a]
        return addWorkingDays(early, n) <= addWorkingDays(late, n)
      }),
    )
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 150 }), (date, n) => {
        return date < addWorkingDays(date, n) && addWorkingDays(date, n) < addWorkingDays(date, n + 1)
      }),
    )
  })

  it('passes no working day in between', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 20 }), (date, n) => {
        const due = addWorkingDays(date, n)
        const before = addWorkingDays(date, n - 1)
        for (let day = plusDays(before, 1); day < due; day = plusDays(day, 1))
          if (isWorkingDay(day)) return false
        return true
      }),
    )
  })
})

describe('subtractWorkingDays', () => {
  it('goes back over weekends and holidays', () => {
    assert.equal(subtractWorkingDays('2024-06-10', 1), '2024-06-07')
    assert.equal(subtractWorkingDays('2024-04-02', 1), '2024-03-28')
    assert.equal(subtractWorkingDays('2027-01-04', 1), '2026-12-31')
    assert.equal(subtractWorkingDays('2022-01-04', 3), '2021-12-29')
  })

  it('returns a working day unchanged for 0 and rolls a non-working day back', () => {
    assert.equal(subtractWorkingDays('2024-06-05', 0), '2024-06-05')
    assert.equal(subtractWorkingDays('2026-12-28', 0), '2026-12-24')
  })

  it('throws before the start of the data', () => {
    assert.throws(() => subtractWorkingDays('2018-01-02', 1), RangeError)
  })

  it('inverts addWorkingDays on working days', () => {
    fc.assert(
      fc.property(laterWorkingDateArb, countArb, (date, n) => {
        return (
          subtractWorkingDays(addWorkingDays(date, n), n) === date &&
          addWorkingDays(subtractWorkingDays(date, n), n) === date &&
          workingDaysBetween(date, subtractWorkingDays(date, n)) === -n
        )
      }),
    )
  })
})

describe('workingDayOnOrAfter and workingDayOnOrBefore', () => {
  it('bracket a non-working stretch', () => {
    assert.equal(workingDayOnOrAfter('2021-12-25'), '2021-12-29')
    assert.equal(workingDayOnOrBefore('2021-12-25'), '2021-12-24')
    assert.equal(workingDayOnOrAfter('2021-12-24'), '2021-12-24')
    assert.equal(workingDayOnOrBefore('2021-12-24'), '2021-12-24')
  })
})

describe('workingDaysBetween', () => {
  it('counts working days after from, up to and including to', () => {
    assert.equal(workingDaysBetween('2024-06-05', '2024-06-05'), 0)
    assert.equal(workingDaysBetween('2024-06-07', '2024-06-10'), 1)
    assert.equal(workingDaysBetween('2024-06-08', '2024-06-10'), 1)
    assert.equal(workingDaysBetween('2024-06-07', '2024-06-09'), 0)
    assert.equal(workingDaysBetween('2020-12-24', '2020-12-31'), 3)
    assert.equal(workingDaysBetween('2018-01-01', '2028-12-31'), 2779)
  })

  it('is negative when to is before from, and never -0', () => {
    assert.equal(workingDaysBetween('2024-06-10', '2024-06-07'), -1)
    assert.equal(workingDaysBetween('2024-06-09', '2024-06-08'), 0)
  })

  it('throws when either end is outside the data', () => {
    assert.throws(() => workingDaysBetween('2028-12-01', '2029-01-05'), RangeError)
    assert.throws(() => workingDaysBetween('2017-12-01', '2018-01-05'), RangeError)
  })

  it('is antisymmetric and additive', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
        return (
          workingDaysBetween(a, b) + workingDaysBetween(b, a) === 0 &&
          workingDaysBetween(a, c) === workingDaysBetween(a, b) + workingDaysBetween(b, c)
        )
      }),
    )
  })

  it('agrees with counting isWorkingDay day by day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 60 }), (from, length) => {
        let count = 0
        for (let day = 1; day <= length; day += 1) if (isWorkingDay(plusDays(from, day))) count += 1
        return workingDaysBetween(from, plusDays(from, length)) === count
      }),
    )
  })
})

describe('addCalendarMonths', () => {
  it('keeps the day of the month when it exists', () => {
    assert.equal(addCalendarMonths('2024-10-15', 3), '2025-01-15')
    assert.equal(addCalendarMonths('2024-06-05', 0), '2024-06-05')
    assert.equal(addCalendarMonths('2024-06-05', -6), '2023-12-05')
  })

  it('clamps to the end of a shorter month, including 29 February in leap years', () => {
    assert.equal(addCalendarMonths('2023-01-31', 1), '2023-02-28')
    assert.equal(addCalendarMonths('2020-01-31', 1), '2020-02-29')
    assert.equal(addCalendarMonths('2024-01-31', 1), '2024-02-29')
    assert.equal(addCalendarMonths('2028-01-31', 1), '2028-02-29')
    assert.equal(addCalendarMonths('2023-11-30', 3), '2024-02-29')
    assert.equal(addCalendarMonths('2024-08-31', 1), '2024-09-30')
    assert.equal(addCalendarMonths('2024-03-31', -1), '2024-02-29')
    assert.equal(addCalendarMonths('2020-02-29', 12), '2021-02-28')
    assert.equal(addCalendarMonths('2020-02-29', 48), '2024-02-29')
  })

  it('needs no bank holiday data', () => {
    assert.equal(addCalendarMonths('2035-01-31', 1), '2035-02-28')
  })

  it('rejects fractional months and bad dates', () => {
    assert.throws(() => addCalendarMonths('2024-01-31', 0.5), RangeError)
    assert.throws(() => addCalendarMonths('2024-02-30', 1), RangeError)
  })

  it('moves by exactly the months asked and clamps only when it must', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -36, max: 36 }), (date, months) => {
        const result = addCalendarMonths(date, months)
        const monthNumber = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7))
        const lastDay = new Date(
          Date.UTC(Number(result.slice(0, 4)), Number(result.slice(5, 7)), 0),
        ).getUTCDate()
        return (
          monthNumber(result) - monthNumber(date) === months &&
          Number(result.slice(8)) === Math.min(Number(date.slice(8)), lastDay)
        )
      }),
    )
  })
})

describe('toIsoDate', () => {
  it('gives the London date, which is ahead of UTC in summer time', () => {
    assert.equal(toIsoDate(new Date('2024-06-30T23:30:00Z')), '2024-07-01')
    assert.equal(toIsoDate(new Date('2024-01-31T23:30:00Z')), '2024-01-31')
    assert.equal(toIsoDate(new Date('2024-12-31T23:59:59Z')), '2024-12-31')
  })

  it('is right either side of the clock changes', () => {
    assert.equal(toIsoDate(new Date('2024-03-31T00:59:59Z')), '2024-03-31')
    assert.equal(toIsoDate(new Date('2024-03-30T23:59:59Z')), '2024-03-30')
    assert.equal(toIsoDate(new Date('2024-10-26T23:00:00Z')), '2024-10-27')
    assert.equal(toIsoDate(new Date('2024-10-26T22:59:59Z')), '2024-10-26')
  })

  it('accepts another time zone', () => {
    assert.equal(toIsoDate(new Date('2024-07-01T02:00:00Z'), 'America/New_York'), '2024-06-30')
    assert.equal(toIsoDate(new Date('2024-07-01T02:00:00Z'), 'UTC'), '2024-07-01')
  })

  it('rejects an invalid Date', () => {
    assert.throws(() => toIsoDate(new Date('nonsense')), RangeError)
  })
})
