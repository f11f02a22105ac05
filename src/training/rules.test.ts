import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type Counted,
  firstWaiting,
  followUpDue,
  owed,
  placeFor,
  takeUpBy,
  waitingPosition,
} from './rules.ts'

const at = (minute: number) => new Date(Date.UTC(2027, 0, 10, 9, minute))

describe('places and the waiting list', () => {
  it('books while there is room and puts everyone after on the waiting list', () => {
    assert.equal(placeFor(0, 1), 'booked')
    assert.equal(placeFor(11, 12), 'booked')
    assert.equal(placeFor(12, 12), 'waiting')
    assert.equal(placeFor(13, 12), 'waiting')
  })

  it('moves up the earliest still waiting, whatever order the places are listed in', () => {
    const places = [
      { id: 'c', status: 'waiting' as const, asked_at: at(30) },
      { id: 'a', status: 'booked' as const, asked_at: at(1) },
      { id: 'b', status: 'waiting' as const, asked_at: at(20) },
      { id: 'd', status: 'cancelled' as const, asked_at: at(10) },
    ]
    assert.equal(firstWaiting(places)?.id, 'b')
    assert.equal(waitingPosition(places, 'b'), 1)
    assert.equal(waitingPosition(places, 'c'), 2)
    assert.equal(waitingPosition(places, 'a'), 0, 'a booked place is on no waiting list')
    assert.equal(firstWaiting(places.filter((place) => place.status !== 'waiting')), undefined)
  })
})

describe('the follow-up three months on', () => {
  it('falls due on the same day three months later', () => {
    assert.equal(followUpDue('2027-01-15'), '2027-04-15')
    assert.equal(followUpDue('2026-10-05'), '2027-01-05', 'across the year end')
  })

  it('falls on the last day of a shorter month', () => {
    assert.equal(followUpDue('2026-11-30'), '2027-02-28')
    assert.equal(followUpDue('2027-11-30'), '2028-02-29', 'a leap year')
    assert.equal(followUpDue('2027-05-31'), '2027-08-31')
    assert.equal(followUpDue('2027-03-31'), '2027-06-30')
  })

  it('is owed only after an evaluation, and only once due', () => {
    const attended = {
      status: 'booked' as const,
      attendance: 'attended' as const,
      evaluated_at: null,
      follow_up_due: '2027-04-15',
      followed_up_at: null,
    }
    assert.equal(owed(attended, '2027-01-15'), 'evaluation')
    const evaluated = { ...attended, evaluated_at: at(0) }
    assert.equal(owed(evaluated, '2027-04-14'), undefined)
    assert.equal(owed(evaluated, '2027-04-15'), 'follow-up')
    assert.equal(owed({ ...evaluated, followed_up_at: at(5) }, '2027-05-01'), undefined)
    assert.equal(owed({ ...attended, attendance: 'did-not-attend' }, '2027-05-01'), undefined)
    assert.equal(owed({ ...attended, status: 'waiting' }, '2027-05-01'), undefined)
  })
})

describe('take-up', () => {
  const place = (over: Partial<Counted>): Counted => ({
    agencyId: 'police',
    role: 'mat-practitioner',
    courseTitle: 'Neglect',
    status: 'booked',
    attendance: null,
    confidenceBefore: 2,
    confidenceAfter: null,
    ...over,
  })

  it('counts places booked, attended and not, and the average change in confidence', () => {
    const rows = takeUpBy(
      [
        place({ attendance: 'attended', confidenceAfter: 4 }),
        place({ attendance: 'attended', confidenceBefore: 3, confidenceAfter: 4 }),
        place({ attendance: 'did-not-attend' }),
        place({ agencyId: 'school' }),
        place({ status: 'waiting' }),
        place({ status: 'cancelled', attendance: null }),
      ],
      (counted) => counted.agencyId,
    )
    assert.deepEqual(rows, [
      { key: 'police', booked: 3, attended: 2, didNotAttend: 1, confidenceChange: 1.5 },
      { key: 'school', booked: 1, attended: 0, didNotAttend: 0, confidenceChange: null },
    ])
  })
})
