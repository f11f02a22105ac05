import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { govukDate, govukDateTime, govukDeadline, govukTime } from './dates.ts'

const MONTHS = [
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

describe('govukDate', () => {
  it('writes a calendar date the GOV.UK way', () => {
    assert.equal(govukDate('2024-07-07'), '7 July 2024')
    assert.equal(govukDate('2024-12-31'), '31 December 2024')
  })

  it('keeps the day on the days the clocks change', () => {
    assert.equal(govukDate('2024-03-31'), '31 March 2024')
    assert.equal(govukDate('2024-10-27'), '27 October 2024')
  })

  it('accepts 29 February only in a leap year', () => {
    assert.equal(govukDate('2024-02-29'), '29 February 2024')
    assert.throws(() => govukDate('2023-02-29'), /expected a calendar date as YYYY-MM-DD, got "2023-02-29"/)
  })

  it('writes a date shown again the same way, and refuses an impossible one every time', () => {
    for (let time = 0; time < 3; time++) {
      assert.equal(govukDate('2024-07-07'), '7 July 2024')
      assert.equal(govukDateTime('2024-07-07T13:05:00Z'), '7 July 2024 at 2:05pm')
      assert.throws(() => govukDate('2023-02-29'), /expected a calendar date/)
      assert.throws(() => govukDate(20240707), /expected a calendar date as YYYY-MM-DD, got 20240707/)
    }
  })

  it('shows every date as the day, month and year it names', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10)
          const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
          assert.equal(govukDate(iso), `${day} ${MONTHS[month - 1]} ${year}`)
        },
      ),
    )
  })

  it('refuses anything but a YYYY-MM-DD string, naming what it got', () => {
    assert.throws(() => govukDate(undefined), /got undefined/)
    assert.throws(() => govukDate(null), /got null/)
    assert.throws(() => govukDate('7/7/2024'), /got "7\/7\/2024"/)
    assert.throws(() => govukDate('2024-07-07T10:00:00Z'), TypeError)
    assert.throws(
      () => govukDate(new Date('2024-07-07T00:00:00Z')),
      /got a Date \(2024-07-07T00:00:00.000Z\)/,
    )
  })
})

describe('govukDateTime', () => {
  it('writes an instant in London time, 12-hour clock, without :00', () => {
    assert.equal(govukDateTime(new Date('2024-07-07T13:05:00Z')), '7 July 2024 at 2:05pm')
    assert.equal(govukDateTime(new Date('2024-07-07T09:00:59Z')), '7 July 2024 at 10:00am')
    assert.equal(govukDateTime(new Date('2024-01-15T09:30:00Z')), '15 January 2024 at 9:30am')
  })

  it('says midnight and midday, not 12am and 12pm', () => {
    assert.equal(govukDateTime(new Date('2024-01-15T00:00:00Z')), '15 January 2024 at midnight')
    assert.equal(govukDateTime(new Date('2024-01-15T12:00:00Z')), '15 January 2024 at midday')
    assert.equal(govukDateTime(new Date('2024-01-15T00:01:00Z')), '15 January 2024 at 12:01am')
    assert.equal(govukDateTime(new Date('2024-01-15T12:30:00Z')), '15 January 2024 at 12:30pm')
  })

  it('moves to the London day: midnight in BST is 11pm UTC the day before', () => {
    assert.equal(govukDateTime(new Date('2024-07-06T23:00:00Z')), '7 July 2024 at midnight')
    assert.equal(govukDateTime(new Date('2024-12-31T23:30:00Z')), '31 December 2024 at 11:30pm')
  })

  it('follows the clock changes (01:00 UTC on the last Sundays of March and October)', () => {
    assert.equal(govukDateTime(new Date('2024-03-31T00:59:00Z')), '31 March 2024 at 12:59am')
    assert.equal(govukDateTime(new Date('2024-03-31T01:00:00Z')), '31 March 2024 at 2:00am')
    assert.equal(govukDateTime(new Date('2024-10-27T00:30:00Z')), '27 October 2024 at 1:30am')
    assert.equal(govukDateTime(new Date('2024-10-27T01:30:00Z')), '27 October 2024 at 1:30am')
  })

  it('writes a leap day', () => {
    assert.equal(govukDateTime(new Date('2024-02-29T23:59:00Z')), '29 February 2024 at 11:59pm')
  })

  it('accepts a timestamp string that says its offset', () => {
    assert.equal(govukDateTime('2024-07-07T13:05:00.000Z'), '7 July 2024 at 2:05pm')
    assert.equal(govukDateTime('2024-07-07T14:05:00+01:00'), '7 July 2024 at 2:05pm')
  })

  it('refuses a calendar date, a timestamp without offset and anything else, naming what it got', () => {
    assert.throws(() => govukDateTime('2024-07-07'), /got "2024-07-07"/)
    assert.throws(() => govukDateTime('2024-07-07T13:05:00'), /a timestamp with its offset/)
    assert.throws(() => govukDateTime(new Date('nonsense')), /got a Date \(invalid\)/)
    assert.throws(() => govukDateTime(undefined), /got undefined/)
  })
})

describe('govukDeadline', () => {
  it('writes a deadline at London midnight as the end of the day before, in summer and winter time', () => {
    assert.equal(govukDeadline(new Date('2026-11-10T00:00:00Z')), 'the end of 9 November 2026')
    assert.equal(govukDeadline(new Date('2026-07-09T23:00:00Z')), 'the end of 9 July 2026')
    assert.equal(govukDeadline(new Date('2024-03-01T00:00:00Z')), 'the end of 29 February 2024')
  })

  it('writes any other deadline as a date and time', () => {
    assert.equal(govukDeadline(new Date('2026-07-10T00:00:00Z')), '10 July 2026 at 1:00am')
    assert.equal(govukDeadline('2026-11-10T14:05:00Z'), '10 November 2026 at 2:05pm')
  })

  it('refuses what is not an instant', () => {
    assert.throws(() => govukDeadline('2026-11-10'), /govukDeadline: expected a Date/)
  })
})

describe('govukTime', () => {
  it('writes a meeting time as GOV.UK style does', () => {
    assert.equal(govukTime('10:00'), '10:00am')
    assert.equal(govukTime('14:05'), '2:05pm')
    assert.equal(govukTime('12:00'), 'midday')
    assert.equal(govukTime('00:00'), 'midnight')
  })

  it('refuses what is not a time of day', () => {
    assert.throws(() => govukTime('24:00'), /govukTime: expected a time of day as HH:MM, got "24:00"/)
    assert.throws(() => govukTime(undefined), /got undefined/)
  })
})
