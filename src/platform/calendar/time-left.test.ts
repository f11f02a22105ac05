import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { timeLeft } from './time-left.ts'

const words = (due: string | Date, now: string) => timeLeft(due, new Date(now)).words

// Christmas 2026: Friday 25 and Monday 28 December (for Boxing Day, a Saturday) are bank holidays,
// so Thursday 24 is followed by Tuesday 29 as the next working day.
describe('time left before something is due', () => {
  it('counts working days ahead, skipping a weekend and bank holidays', () => {
    assert.equal(words('2026-12-29', '2026-12-24T10:00:00Z'), '1 working day left')
    assert.equal(words('2026-12-30', '2026-12-24T10:00:00Z'), '2 working days left')
    assert.equal(words('2026-12-29', '2026-12-26T10:00:00Z'), '1 working day left')
  })

  it('gives the hours left on the due day, to the end of the London day', () => {
    assert.equal(words('2026-12-24', '2026-12-24T14:00:00Z'), 'Due today: 10 hours left')
    assert.equal(words('2026-12-24', '2026-12-24T23:30:00Z'), 'Due today: less than an hour left')
    // In summer time 21:30 in London is 20:30 UTC.
    assert.equal(words('2026-08-28', '2026-08-28T20:30:00Z'), 'Due today: 2 hours left')
    assert.equal(timeLeft('2026-12-24', new Date('2026-12-24T14:00:00Z')).state, 'due-today')
  })

  it('says by how many working days it is overdue, not counting the holidays in between', () => {
    assert.equal(words('2026-12-24', '2026-12-29T09:00:00Z'), 'Overdue by 1 working day')
    assert.equal(words('2026-12-24', '2026-12-30T09:00:00Z'), 'Overdue by 2 working days')
    // Over the bank holiday weekend no working day has passed yet.
    assert.equal(words('2026-12-24', '2026-12-26T09:00:00Z'), 'Overdue')
    assert.equal(words('2026-12-24', '2026-12-28T09:00:00Z'), 'Overdue')
    // Summer bank holiday, Monday 31 August 2026.
    assert.equal(words('2026-08-28', '2026-09-01T09:00:00Z'), 'Overdue by 1 working day')
    assert.equal(timeLeft('2026-12-24', new Date('2026-12-29T09:00:00Z')).state, 'overdue')
  })

  it('counts to a due moment, and hours past it on the day', () => {
    const due = new Date('2026-12-24T15:00:00Z')
    assert.equal(words(due, '2026-12-24T12:30:00Z'), 'Due today: 2 hours left')
    assert.equal(words(due, '2026-12-24T17:45:00Z'), 'Overdue by 2 hours')
    assert.equal(words(due, '2026-12-24T15:20:00Z'), 'Overdue')
    assert.equal(words(due, '2026-12-23T15:00:00Z'), '1 working day left')
    assert.equal(words(due, '2026-12-29T08:00:00Z'), 'Overdue by 1 working day')
  })
})
