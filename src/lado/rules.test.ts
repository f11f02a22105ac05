import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  byWhatIsDue,
  type Counted,
  informedBy,
  queueStatus,
  reportingYear,
  reportingYearOf,
  yearlyFigures,
} from './rules.ts'

describe('the LADO is told within 1 working day', () => {
  const cases: [string, string, string][] = [
    ['a Tuesday', '2026-12-08T14:00:00Z', '2026-12-09'],
    ['a Friday: the Monday', '2026-12-04T16:30:00Z', '2026-12-07'],
    ['a Saturday: the Monday', '2026-12-05T10:00:00Z', '2026-12-07'],
    ['a Sunday: the Monday', '2026-12-06T10:00:00Z', '2026-12-07'],
    [
      'Christmas Eve 2026 (Thursday): past Christmas and Boxing Day observed',
      '2026-12-24T11:00:00Z',
      '2026-12-29',
    ],
    [
      'the Thursday before Easter 2027: past Good Friday and Easter Monday',
      '2027-03-25T09:00:00Z',
      '2027-03-30',
    ],
    ['the Friday before the early May bank holiday 2027', '2027-04-30T09:00:00Z', '2027-05-04'],
    // 23:30 UTC on Friday 4 June 2027 is already Saturday in London.
    ['late on a summer Friday evening: a Saturday in London', '2027-06-04T23:30:00Z', '2027-06-07'],
  ]
  for (const [when, at, due] of cases) it(when, () => assert.equal(informedBy(new Date(at)), due))
})

describe('the LADO’s queue', () => {
  const allegation = (informed: string, referred: string, considered = false) => ({
    lado_informed_by: informed,
    referred_at: new Date(referred),
    considered_at: considered ? new Date(referred) : null,
  })

  it('puts what is not yet considered first, soonest due first', () => {
    const later = allegation('2026-12-09', '2026-12-08T09:00:00Z')
    const managed = allegation('2026-12-01', '2026-11-30T09:00:00Z', true)
    const overdue = allegation('2026-12-07', '2026-12-04T09:00:00Z')
    const sameDayLater = allegation('2026-12-07', '2026-12-05T09:00:00Z')
    assert.deepEqual(byWhatIsDue([later, managed, sameDayLater, overdue]), [
      overdue,
      sameDayLater,
      later,
      managed,
    ])
  })

  it('says where each stands', () => {
    const waiting = allegation('2026-12-07', '2026-12-04T09:00:00Z')
    assert.equal(queueStatus(waiting, '2026-12-04').words, 'Consider by next working day')
    assert.equal(queueStatus(waiting, '2026-12-07').words, 'Consider today')
    assert.equal(queueStatus(waiting, '2026-12-08').words, 'Overdue: not yet considered')
    assert.equal(queueStatus({ ...waiting, considered_at: new Date() }, '2026-12-08').words, 'Being managed')
  })
})

describe('the yearly figures', () => {
  it('runs from April to March', () => {
    assert.deepEqual(reportingYear(2026), {
      from: '2026-04-01',
      to: '2027-03-31',
      name: 'April 2026 to March 2027',
    })
    assert.equal(reportingYearOf('2027-03-31'), 2026)
    assert.equal(reportingYearOf('2027-04-01'), 2027)
  })

  const counted = (referredOn: string, outcomeOn: string | null, more: Partial<Counted> = {}): Counted => ({
    referredOn,
    employerSector: 'education',
    harmCategory: 'physical',
    outcome: outcomeOn ? 'unsubstantiated' : null,
    outcomeOn,
    ...more,
  })

  it('counts how soon allegations were concluded, by calendar month from the referral', () => {
    const figures = yearlyFigures([
      counted('2026-01-31', '2026-02-28'), // a month after 31 January is 28 February: within 1
      counted('2026-05-10', '2026-06-11'), // a month and a day: within 3
      counted('2026-05-10', '2026-08-10'), // exactly 3 months
      counted('2026-05-10', '2027-05-10', { outcome: 'malicious', employerSector: 'early-years' }), // 12 months
      counted('2026-05-10', '2027-05-11', { harmCategory: 'sexual' }), // beyond 12 months
      counted('2026-05-10', null, { employerSector: 'sport-leisure' }), // still open
      counted('2026-06-01', '2026-06-01', { outcome: 'substantiated' }), // the same day
      counted('2026-06-01', null), // still open
    ])
    assert.equal(figures.referred, 8)
    assert.equal(figures.resolved, 6)
    assert.deepEqual(
      figures.timeliness.map((t) => [t.months, t.resolved, t.percent]),
      [
        [1, 2, 25],
        [3, 4, 50],
        [12, 5, 63],
      ],
    )
    assert.deepEqual(
      figures.bySector.map((t) => [t.label, t.count]),
      [
        ['Education (schools and colleges)', 6],
        ['Early years and childminding', 1],
        ['Sport and leisure', 1],
      ],
    )
    assert.deepEqual(
      figures.byCategory.map((t) => [t.key, t.count]),
      [
        ['physical', 7],
        ['sexual', 1],
      ],
    )
    assert.deepEqual(
      figures.byOutcome.map((t) => [t.label, t.count]),
      [
        ['Substantiated', 1],
        ['Malicious', 1],
        ['Unsubstantiated', 4],
        ['Not yet concluded', 2],
      ],
    )
  })

  it('counts nothing in a year without allegations', () => {
    const figures = yearlyFigures([])
    assert.deepEqual(
      figures.timeliness.map((t) => t.percent),
      [0, 0, 0],
    )
    assert.deepEqual(figures.bySector, [])
  })
})
