import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  assessmentDueBy,
  clockStatus,
  coreGroupFirstMeetingDueBy,
  firstReviewConferenceDueBy,
  icpcDueBy,
  inquorateRescheduleBy,
  ladoInformedBy,
  nextReviewConferenceDueBy,
  parentReportsDueBy,
  rapidReviewDueBy,
  referralDecisionDueBy,
  seriousIncidentNotificationDueBy,
  strategyRecordCirculationDueBy,
} from './clocks.ts'
import { addCalendarMonths, isWorkingDay, workingDaysBetween } from './working-days.ts'

const isoFromOffset = (offset: number) =>
  new Date(Date.UTC(2018, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
// 2018-01-01 to 2027-12-31, leaving 2028 as headroom for the clocks to run into.
const dateArb = fc.integer({ min: 0, max: 3651 }).map(isoFromOffset)

describe('referralDecisionDueBy', () => {
  it('is the next working day after receipt', () => {
    assert.equal(referralDecisionDueBy(new Date('2024-06-05T10:00:00Z')), '2024-06-06')
    assert.equal(referralDecisionDueBy(new Date('2024-06-07T10:00:00Z')), '2024-06-10')
  })

  it('gives a weekend referral until the end of the first working day', () => {
    assert.equal(referralDecisionDueBy(new Date('2024-06-08T10:00:00Z')), '2024-06-10')
  })

  it('uses the London date, not the UTC date', () => {
    // 23:30 UTC on Thursday 6 June is 00:30 on Friday 7 June in London.
    assert.equal(referralDecisionDueBy(new Date('2024-06-06T23:30:00Z')), '2024-06-10')
  })

  it('spans Christmas and New Year', () => {
    assert.equal(referralDecisionDueBy(new Date('2026-12-24T15:00:00Z')), '2026-12-29')
    assert.equal(referralDecisionDueBy(new Date('2026-12-31T16:00:00Z')), '2027-01-04')
  })
})

describe('one working day clocks', () => {
  it('strategy discussion record circulated', () => {
    assert.equal(strategyRecordCirculationDueBy('2024-06-05'), '2024-06-06')
    assert.equal(strategyRecordCirculationDueBy('2027-12-24'), '2027-12-29')
  })

  it('LADO informed, skipping the 2020 VE Day holiday but not the usual early May Monday', () => {
    assert.equal(ladoInformedBy('2020-05-07'), '2020-05-11')
    assert.equal(ladoInformedBy('2020-05-01'), '2020-05-04')
  })
})

describe('icpcDueBy', () => {
  it('is 15 working days after the strategy discussion', () => {
    assert.equal(icpcDueBy('2024-06-03'), '2024-06-24')
  })

  it('spans Christmas 2026 and New Year', () => {
    // Without the four bank holidays it would be 2026-12-31.
    assert.equal(icpcDueBy('2026-12-10'), '2027-01-05')
  })

  it('spans Easter and the early May bank holiday', () => {
    assert.equal(icpcDueBy('2025-04-10'), '2025-05-06')
  })

  it('throws when the due date is beyond the bank holiday data', () => {
    assert.throws(() => icpcDueBy('2028-12-20'), RangeError)
    assert.throws(() => icpcDueBy('2017-12-01'), RangeError)
  })
})

describe('ten working day clocks', () => {
  it('core group first meeting', () => {
    assert.equal(coreGroupFirstMeetingDueBy('2024-06-24'), '2024-07-08')
    assert.equal(coreGroupFirstMeetingDueBy('2024-05-20'), '2024-06-04')
  })

  it('inquorate conference rescheduled, across the 2022 state funeral', () => {
    assert.equal(inquorateRescheduleBy('2022-09-12'), '2022-09-27')
  })
})

describe('parentReportsDueBy', () => {
  it('is 3 working days before an initial conference and 5 before a review', () => {
    assert.equal(parentReportsDueBy('2024-06-13', 'initial'), '2024-06-10')
    assert.equal(parentReportsDueBy('2024-06-13', 'review'), '2024-06-06')
  })

  it('counts back over Easter and Christmas', () => {
    assert.equal(parentReportsDueBy('2025-04-23', 'initial'), '2025-04-16')
    assert.equal(parentReportsDueBy('2023-01-03', 'review'), '2022-12-22')
  })
})

describe('review conference clocks', () => {
  it('first review is 3 calendar months after the ICPC', () => {
    assert.equal(firstReviewConferenceDueBy('2024-01-15'), '2024-04-15')
    assert.equal(firstReviewConferenceDueBy('2024-12-27'), '2025-03-27')
  })

  it('clamps to the end of a shorter month, including 29 February', () => {
    assert.equal(firstReviewConferenceDueBy('2023-11-30'), '2024-02-29')
    assert.equal(firstReviewConferenceDueBy('2022-11-30'), '2023-02-28')
  })

  it('moves back, never forward, off a weekend or bank holiday', () => {
    assert.equal(firstReviewConferenceDueBy('2024-12-30'), '2025-03-28')
    assert.equal(firstReviewConferenceDueBy('2025-11-28'), '2026-02-27')
    assert.equal(firstReviewConferenceDueBy('2026-09-28'), '2026-12-24')
  })

  it('later reviews are at most 6 months apart', () => {
    assert.equal(nextReviewConferenceDueBy('2023-08-31'), '2024-02-29')
    assert.equal(nextReviewConferenceDueBy('2024-06-28'), '2024-12-27')
    assert.equal(nextReviewConferenceDueBy('2026-06-26'), '2026-12-24')
  })

  it('always lands on a working day no later than the calendar limit', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const limit = addCalendarMonths(date, 3)
        const due = firstReviewConferenceDueBy(date)
        return isWorkingDay(due) && due <= limit && workingDaysBetween(due, limit) === 0
      }),
    )
  })
})

describe('longer clocks', () => {
  it('child and family assessment is 45 working days from referral', () => {
    assert.equal(assessmentDueBy('2024-01-02'), '2024-03-05')
    assert.equal(assessmentDueBy('2025-11-20'), '2026-01-27')
  })

  it('serious incident notification is 5 working days, across the coronation', () => {
    assert.equal(seriousIncidentNotificationDueBy('2023-05-03'), '2023-05-11')
  })

  it('rapid review is 15 working days after notification, across New Year', () => {
    assert.equal(rapidReviewDueBy('2024-12-16'), '2025-01-09')
  })
})

describe('working day clocks together', () => {
  const clocks: [string, (date: string) => string, number][] = [
    ['strategy record', strategyRecordCirculationDueBy, 1],
    ['ICPC', icpcDueBy, 15],
    ['core group', coreGroupFirstMeetingDueBy, 10],
    ['inquorate', inquorateRescheduleBy, 10],
    ['assessment', assessmentDueBy, 45],
    ['serious incident', seriousIncidentNotificationDueBy, 5],
    ['rapid review', rapidReviewDueBy, 15],
    ['LADO', ladoInformedBy, 1],
  ]

  for (const [name, clock, days] of clocks) {
    it(`${name} lands on a working day ${days} working days later`, () => {
      fc.assert(
        fc.property(
          dateArb,
          (date) => isWorkingDay(clock(date)) && workingDaysBetween(date, clock(date)) === days,
        ),
      )
    })
  }
})

describe('clockStatus', () => {
  it('is due with working days remaining before the due date', () => {
    assert.deepEqual(clockStatus('2024-06-10', '2024-06-07'), { state: 'due', workingDaysRemaining: 1 })
    assert.deepEqual(clockStatus('2026-12-29', '2026-12-24'), { state: 'due', workingDaysRemaining: 1 })
    assert.deepEqual(clockStatus('2027-01-05', '2026-12-10'), { state: 'due', workingDaysRemaining: 15 })
  })

  it('is due today on the due date', () => {
    assert.deepEqual(clockStatus('2024-06-10', '2024-06-10'), { state: 'due-today', workingDaysRemaining: 0 })
  })

  it('is overdue after the due date, counting working days late as negative', () => {
    assert.deepEqual(clockStatus('2024-06-07', '2024-06-10'), { state: 'overdue', workingDaysRemaining: -1 })
    assert.deepEqual(clockStatus('2024-06-07', '2024-06-08'), { state: 'overdue', workingDaysRemaining: 0 })
    assert.deepEqual(clockStatus('2026-12-24', '2027-01-05'), { state: 'overdue', workingDaysRemaining: -5 })
  })

  it('keeps the state and the count consistent', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (dueBy, today) => {
        const { state, workingDaysRemaining } = clockStatus(dueBy, today)
        if (state === 'due') return today < dueBy && workingDaysRemaining >= 0
        if (state === 'due-today') return today === dueBy && workingDaysRemaining === 0
        return today > dueBy && workingDaysRemaining <= 0
      }),
    )
  })

  it('rejects bad dates', () => {
    assert.throws(() => clockStatus('2024-06-31', '2024-06-10'), RangeError)
    assert.throws(() => clockStatus('2024-06-10', '2029-06-10'), RangeError)
  })
})
