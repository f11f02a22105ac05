// The grant's clock: an end date at most 28 days ahead, ending at the start of the next London day
// (midnight GMT in winter, 23:00 UTC in British Summer Time), whether a grant is current, and when
// the reminder before its end falls due.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addDays,
  endsOnProblem,
  GRANT_MAX_DAYS,
  grantExpiry,
  grantState,
  reminderDays,
  reminderDue,
} from './rules.ts'

describe('a scrutiny grant’s clock', () => {
  it('ends at the start of the London day after its end date, in winter and in summer time', () => {
    assert.equal(grantExpiry('2026-12-10').toISOString(), '2026-12-11T00:00:00.000Z')
    assert.equal(grantExpiry('2026-07-10').toISOString(), '2026-07-10T23:00:00.000Z')
    // The clocks go forward on 29 March 2026 and back on 25 October 2026.
    assert.equal(grantExpiry('2026-03-28').toISOString(), '2026-03-29T00:00:00.000Z')
    assert.equal(grantExpiry('2026-03-29').toISOString(), '2026-03-29T23:00:00.000Z')
    assert.equal(grantExpiry('2026-10-24').toISOString(), '2026-10-24T23:00:00.000Z')
    assert.equal(grantExpiry('2026-10-25').toISOString(), '2026-10-26T00:00:00.000Z')
  })

  it('takes an end date from today to 28 days ahead, across a month’s end and a year’s', () => {
    assert.equal(GRANT_MAX_DAYS, 28)
    assert.equal(addDays('2026-12-20', 28), '2027-01-17')
    assert.equal(endsOnProblem('2026-12-20', '2026-12-20'), undefined)
    assert.equal(endsOnProblem('2027-01-17', '2026-12-20'), undefined)
    assert.equal(
      endsOnProblem('2027-01-18', '2026-12-20'),
      'A grant lasts at most 28 days: enter an end date no later than 17 January 2027',
    )
    assert.equal(
      endsOnProblem('2026-12-19', '2026-12-20'),
      'Enter an end date that is today or in the future',
    )
  })

  it('is current until it ends or is revoked', () => {
    const expires_at = new Date('2026-12-11T00:00:00Z')
    assert.equal(grantState({ revoked_at: null, expires_at }, new Date('2026-12-10T23:59:59Z')), 'current')
    assert.equal(grantState({ revoked_at: null, expires_at }, expires_at), 'ended')
    const revoked_at = new Date('2026-12-01T10:00:00Z')
    assert.equal(grantState({ revoked_at, expires_at }, new Date('2026-12-02T10:00:00Z')), 'revoked')
  })

  it('is reminded once, from the London day the configured days before it ends, unless given inside them', () => {
    assert.equal(reminderDays({}), 2)
    assert.equal(reminderDays({ scrutiny_grant_reminder_days: 5 }), 5)
    // Its last day 26 October 2026, the day after the clocks go back: it ends at midnight GMT on the
    // 27th, and is reminded from the start of the 25th, which is 23:00 UTC on the 24th (still summer time).
    const grant = {
      ends_on: '2026-10-26',
      granted_at: new Date('2026-10-10T09:00:00Z'),
      expires_at: grantExpiry('2026-10-26'),
      revoked_at: null,
      reminded_at: null,
    }
    assert.equal(reminderDue(grant, 2, new Date('2026-10-24T22:59:59Z')), false)
    assert.equal(reminderDue(grant, 2, new Date('2026-10-24T23:00:00Z')), true)
    assert.equal(reminderDue(grant, 2, new Date('2026-10-26T23:59:59Z')), true)
    assert.equal(reminderDue(grant, 2, new Date('2026-10-27T00:00:00Z')), false, 'ended')
    const at = new Date('2026-10-25T10:00:00Z')
    assert.equal(reminderDue({ ...grant, reminded_at: at }, 2, at), false, 'once')
    assert.equal(reminderDue({ ...grant, revoked_at: at }, 2, at), false, 'revoked')
    const late = { ...grant, granted_at: new Date('2026-10-25T08:00:00Z') }
    assert.equal(reminderDue(late, 2, at), false, 'given inside the window: its grant email said the day')
  })
})
