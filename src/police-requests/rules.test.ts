// Form 87a's clock: ten working days from the London day a request is made, bank holidays and
// weekends skipped; the time left in words; the police force asked for a child's LA.

import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { describe, it } from 'node:test'
import { DEMO_PARTNERSHIPS } from '../../test/support/app.ts'
import { loadPartnershipConfig, parsePartnershipConfig } from '../partnership/config.ts'
import { answerDueBy, answerTimeLeft, policeForceOf } from './rules.ts'

describe('when the police must answer a form 87a request', () => {
  it('counts ten working days, skipping Christmas, Boxing Day (substitute) and New Year’s Day', () => {
    // Friday 18 December 2026: 25 and 28 December and 1 January are bank holidays.
    assert.equal(answerDueBy(new Date('2026-12-18T10:00:00Z')), '2027-01-06')
  })

  it('takes the London day: a request at 23:30 on 31 May 2026 (BST) is made on 1 June', () => {
    assert.equal(answerDueBy(new Date('2026-05-31T23:30:00Z')), '2026-06-15')
    assert.equal(answerDueBy(new Date('2026-05-31T22:30:00Z')), '2026-06-12')
  })

  it('counts the partnership’s own number of working days, over the late May bank holiday', () => {
    // Friday 22 May 2026; Monday 25 May is a bank holiday.
    assert.equal(answerDueBy(new Date('2026-05-22T09:00:00Z'), 1), '2026-05-26')
    assert.equal(answerDueBy(new Date('2026-05-22T09:00:00Z'), 5), '2026-06-01')
  })

  it('says the time left or how overdue in words, and nothing once answered', () => {
    const due = { due_by: '2026-12-29', outcome: null }
    assert.equal(answerTimeLeft(due, new Date('2026-12-23T12:00:00Z'))?.words, '2 working days left')
    assert.equal(answerTimeLeft(due, new Date('2027-01-04T12:00:00Z'))?.words, 'Overdue by 3 working days')
    assert.equal(answerTimeLeft({ ...due, outcome: 'disclosed' }, new Date('2027-01-04T12:00:00Z')), null)
  })

  it('asks the police force that serves the child’s LA', async () => {
    const llr = await loadPartnershipConfig(DEMO_PARTNERSHIPS.llr)
    assert.equal(policeForceOf(llr, 'rutland')?.id, 'leicestershire-police')
  })

  it('takes the working days from the partnership’s configuration, between 1 and 60', async () => {
    const text = await readFile(DEMO_PARTNERSHIPS.llr, 'utf8')
    const configured = parsePartnershipConfig(`${text}\npolice_request_working_days: 5\n`, 'llr.yaml')
    assert.equal(configured.police_request_working_days, 5)
    assert.throws(() => parsePartnershipConfig(`${text}\npolice_request_working_days: 0\n`, 'llr.yaml'))
  })
})
