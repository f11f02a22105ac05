import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadPartnershipConfig } from '../partnership/config.ts'
import {
  attendingOf,
  checkInvitees,
  invitationsQuorumProblem,
  isBookedLate,
  lateBookingProblem,
  notStartedProblem,
  type QuoracyRule,
} from './rules.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname

describe('checkInvitees', () => {
  it('invites agencies serving the LA at an email address, with their kind; names each that cannot be', async () => {
    const partnership = await loadPartnershipConfig(LLR)
    const { invitees, problems } = checkInvitees(partnership, 'leicester', [
      { agencyId: 'leicestershire-police', name: 'PC Jones', email: 'jones@police.example' },
      { agencyId: 'llr-community-health', name: 'Hana', email: 'not an address' },
      { agencyId: 'nowhere-agency', name: 'X', email: 'x@example.org' },
    ])
    assert.deepEqual(
      invitees.map((i) => [i.agencyId, i.agencyKind]),
      [['leicestershire-police', 'police']],
    )
    assert.deepEqual(
      problems.map((p) => p.field),
      ['email-llr-community-health', 'invite-nowhere-agency'],
    )
  })
})

describe('quoracy supplied by the kind of meeting', () => {
  // A kind of meeting that needs two agencies.
  const twoAgencies: QuoracyRule<string> = (agencies) =>
    new Set(agencies).size >= 2 ? null : `${2 - new Set(agencies).size} more agency`

  it('puts the kind’s own words on the invitees when the invitations cannot be quorate', () => {
    assert.deepEqual(
      invitationsQuorumProblem(twoAgencies, ['a', 'a'], (missing) => `Invite ${missing}`),
      { field: 'invitees', text: 'Invite 1 more agency' },
    )
    assert.equal(
      invitationsQuorumProblem(twoAgencies, ['a', 'b'], (missing) => missing),
      null,
    )
  })
})

describe('attendingOf', () => {
  it('keeps only invited agencies, in the invitations’ order', () => {
    const invitations = [{ agency_id: 'a' }, { agency_id: 'b' }, { agency_id: 'c' }]
    assert.deepEqual(
      attendingOf(invitations, ['c', 'x', 'a']).map((i) => i.agency_id),
      ['a', 'c'],
    )
  })
})

describe('when a meeting is held', () => {
  // Wednesday 9 December 2026, 10:00 in London (GMT); 1 July 2026 is in British Summer Time.
  const meeting = { date: '2026-12-09', time: '10:00' }

  it('has started from its start time, London time, and not a minute before', () => {
    assert.equal(notStartedProblem(meeting, new Date('2026-12-09T10:00:00Z'), 'The meeting'), null)
    assert.equal(notStartedProblem(meeting, new Date('2026-12-09T10:30:00Z'), 'The meeting'), null)
    assert.match(
      notStartedProblem(meeting, new Date('2026-12-09T09:59:00Z'), 'The meeting') ?? '',
      /The meeting has not started yet/,
    )
    assert.notEqual(notStartedProblem(meeting, new Date('2026-12-08T23:00:00Z'), 'The meeting'), null)
    const summer = { date: '2026-07-01', time: '10:00' }
    assert.equal(notStartedProblem(summer, new Date('2026-07-01T09:00:00Z'), 'The meeting'), null)
    assert.notEqual(notStartedProblem(summer, new Date('2026-07-01T08:59:00Z'), 'The meeting'), null)
  })

  it('is late only when booked after the day it is due by, and then needs the reason', () => {
    assert.equal(isBookedLate('2026-12-09', '2026-12-09'), false)
    assert.equal(lateBookingProblem('2026-12-09', '2026-12-09', undefined), null)
    assert.equal(isBookedLate('2026-12-10', '2026-12-09'), true)
    assert.deepEqual(lateBookingProblem('2026-12-10', '2026-12-09', '  '), {
      field: 'lateReason',
      text: 'The date is after 9 December 2026, when it is due: enter why it cannot be held by then',
    })
    assert.equal(lateBookingProblem('2026-12-10', '2026-12-09', 'Police unavailable until Thursday'), null)
  })
})
