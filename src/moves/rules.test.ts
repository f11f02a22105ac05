// Moves' pure rules: the acknowledgement clock across weekends and bank holidays, overdue, the host
// and its point of contact from the configuration, and which MACE agenda a move in joins.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parsePartnershipConfig } from '../partnership/config.ts'
import { acknowledgeBy, hostAreaId, hostOf, hostsFor, isOverdue, joinsAgendaOf } from './rules.ts'

const LLR = new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname
const llr = parsePartnershipConfig(readFileSync(LLR, 'utf8'), LLR)

describe('the acknowledgement clock: 1 working day, bank holidays skipped', () => {
  it('is due the next working day', () => {
    assert.equal(acknowledgeBy(new Date('2027-03-02T10:00:00Z')), '2027-03-03') // Tuesday -> Wednesday
    assert.equal(acknowledgeBy(new Date('2027-03-05T15:00:00Z')), '2027-03-08') // Friday -> Monday
    assert.equal(acknowledgeBy(new Date('2027-03-06T10:00:00Z')), '2027-03-08') // Saturday -> Monday
  })
  it('skips bank holidays: Christmas, Easter and the August bank holiday', () => {
    // Thursday 24 December 2026: Christmas Day (Friday) and Boxing Day (substitute Monday 28) skipped.
    assert.equal(acknowledgeBy(new Date('2026-12-24T12:00:00Z')), '2026-12-29')
    // Thursday 25 March 2027, before Good Friday (26 March) and Easter Monday (29 March).
    assert.equal(acknowledgeBy(new Date('2027-03-25T12:00:00Z')), '2027-03-30')
    // Friday 27 August 2027, before the summer bank holiday (Monday 30 August).
    assert.equal(acknowledgeBy(new Date('2027-08-27T12:00:00Z')), '2027-08-31')
  })
  it('takes the day in London: 23:30 UTC on a summer Friday is Saturday there', () => {
    assert.equal(acknowledgeBy(new Date('2027-07-02T23:30:00Z')), '2027-07-05')
    assert.equal(acknowledgeBy(new Date('2027-07-02T22:30:00Z')), '2027-07-05')
    assert.equal(acknowledgeBy(new Date('2027-07-01T23:30:00Z')), '2027-07-05') // Friday 2 July in London
  })
  it('is overdue once the day it was due by has ended, until acknowledged', () => {
    const move = { acknowledge_by: '2026-12-29', acknowledged_at: null }
    assert.equal(isOverdue(move, new Date('2026-12-29T23:59:00Z')), false)
    assert.equal(isOverdue(move, new Date('2026-12-30T00:01:00Z')), true)
    assert.equal(isOverdue({ ...move, acknowledged_at: new Date() }, new Date('2027-01-05T00:00:00Z')), false)
  })
})

describe('the host and its point of contact', () => {
  it('finds an LA of the partnership by its DfE code, with its id', () => {
    const host = hostOf(llr, '855')
    assert.equal(host?.laId, 'leicestershire')
    assert.equal(host?.name, 'Leicestershire')
    assert.equal(host?.contact.email, 'exploitation@leicestershire.example')
  })
  it('finds an LA outside the partnership by its code, without an id; the policy knows it by its code', () => {
    const host = hostOf(llr, '891')
    assert.equal(host?.laId, null)
    assert.equal(host?.name, 'Nottinghamshire')
    assert.equal(hostAreaId({ host_la_id: null, host_dfe_code: '891' }), 'dfe:891')
    assert.equal(hostAreaId({ host_la_id: 'rutland', host_dfe_code: '857' }), 'rutland')
  })
  it('has none for an LA without a point of contact', () => assert.equal(hostOf(llr, '202'), undefined))
  it('offers every LA with a contact but the child’s own, by name', () => {
    const names = hostsFor(llr, 'leicester').map((host) => host.la_name)
    assert.ok(!names.includes('Leicester'))
    assert.deepEqual(names, [...names].sort())
    assert.ok(names.includes('Nottinghamshire') && names.includes('Rutland'))
  })
})

describe('the MACE agenda a move in joins', () => {
  const meetings = [
    { id: 'jan', held_on: '2027-01-12' },
    { id: 'feb', held_on: '2027-02-09' },
    { id: 'mar', held_on: '2027-03-09' },
  ]
  it('is the host LA’s first meeting on or after the day it was recorded', () => {
    assert.ok(joinsAgendaOf('2027-01-20', 'feb', meetings))
    assert.ok(!joinsAgendaOf('2027-01-20', 'jan', meetings))
    assert.ok(!joinsAgendaOf('2027-01-20', 'mar', meetings))
    assert.ok(joinsAgendaOf('2027-02-09', 'feb', meetings), 'recorded on the day of a meeting: that one')
  })
  it('is none when no meeting is yet scheduled after it', () =>
    assert.ok(!meetings.some((m) => joinsAgendaOf('2027-04-01', m.id, meetings))))
})
