import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { attendingOf, checkInvitees, invitationsQuorumProblem, type QuoracyRule } from './rules.ts'

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
