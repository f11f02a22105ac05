// The Panel's clocks across weekends and bank holidays, how soon each falls due, and the queue's order.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  byWhatIsDue,
  dueStatus,
  type IncidentSteps,
  nextStep,
  notifyPanelBy,
  partDueBy,
  partStatus,
  publishBy,
  rapidReviewBy,
  rapidReviewQuorum,
  signerOf,
} from './rules.ts'

describe('the Panel’s clocks', () => {
  it('gives the LA 5 working days to notify, skipping weekends and bank holidays', () => {
    assert.equal(notifyPanelBy('2026-12-07'), '2026-12-14', 'Monday to Monday')
    assert.equal(notifyPanelBy('2026-12-04'), '2026-12-11', 'a Friday: the weekend does not count')
    // Spring bank holiday, Monday 25 May 2026.
    assert.equal(notifyPanelBy('2026-05-22'), '2026-06-01')
    // Christmas Day (Friday) and Boxing Day's substitute (Monday 28 December 2026).
    assert.equal(notifyPanelBy('2026-12-18'), '2026-12-29')
    assert.equal(notifyPanelBy('2026-12-24'), '2027-01-05', 'and New Year’s Day')
  })

  it('gives the rapid review 15 working days from the notification, across Christmas and New Year', () => {
    assert.equal(rapidReviewBy('2026-11-02'), '2026-11-23')
    assert.equal(rapidReviewBy('2026-12-14'), '2027-01-07')
  })

  it('sets the practice review’s publication 6 months after the decision to hold it', () => {
    assert.equal(publishBy('2026-06-15'), '2026-12-15')
    assert.equal(publishBy('2026-08-31'), '2027-02-28', 'the last day of a shorter month')
  })
})

describe('how soon a step falls due', () => {
  const friday = new Date('2026-12-04T10:00:00Z')

  it('warns a working day ahead: due on Monday is due soon on the Friday before', () => {
    assert.deepEqual(dueStatus('2026-12-07', friday), {
      urgency: 'due-soon',
      words: 'Due soon: 1 working day left',
      tag: 'govuk-tag--orange',
    })
    assert.equal(dueStatus('2026-12-04', friday).urgency, 'due-soon', 'due today')
    assert.equal(dueStatus('2026-12-08', friday).words, '2 working days left')
    assert.equal(dueStatus('2026-12-03', friday).words, 'Overdue by 1 working day')
    assert.equal(dueStatus(null, friday).urgency, 'none')
  })
})

describe('what is due next on an incident', () => {
  const steps: IncidentSteps = {
    notify_by: '2026-12-11',
    decision: null,
    notified_on: null,
    rapid_review_due_by: null,
    record_sent_on: null,
    panel_replied_on: null,
  }

  it('follows the incident from the decision to the Panel’s reply', () => {
    assert.deepEqual(nextStep(steps), { words: 'Decide whether to notify the Panel', dueBy: '2026-12-11' })
    assert.deepEqual(nextStep({ ...steps, decision: 'notify' }), {
      words: 'Notify the Panel',
      dueBy: '2026-12-11',
    })
    assert.equal(nextStep({ ...steps, decision: 'do-not-notify' }).dueBy, null)
    const notified = {
      ...steps,
      decision: 'notify',
      notified_on: '2026-12-10',
      rapid_review_due_by: '2027-01-05',
    } as const
    assert.deepEqual(nextStep(notified), { words: 'Send the rapid review to the Panel', dueBy: '2027-01-05' })
    assert.equal(
      nextStep({ ...notified, record_sent_on: '2027-01-04' }).words,
      'Waiting for the Panel’s reply',
    )
  })

  it('puts what is due first at the top, and what has nothing due last', () => {
    const rows = [
      { ...steps, id: 'later', notify_by: '2026-12-20', learned_on: '2026-12-13' },
      { ...steps, id: 'closed', decision: 'do-not-notify', learned_on: '2026-12-12' },
      { ...steps, id: 'first', notify_by: '2026-12-09', learned_on: '2026-12-02' },
    ] as const
    assert.deepEqual(
      byWhatIsDue(rows).map((row) => row.id),
      ['first', 'later', 'closed'],
    )
  })
})

describe('the rapid review meeting’s quorum and who signs a practice review', () => {
  it('is quorate with the local authority, the police and health, and names who is missing', () => {
    assert.equal(
      rapidReviewQuorum([{ kind: 'local-authority' }, { kind: 'police' }, { kind: 'health' }]),
      null,
    )
    assert.equal(
      rapidReviewQuorum([{ kind: 'local-authority' }, { kind: 'education' }]),
      'the police, health (the integrated care board)',
    )
  })

  it('lets only the child’s own LA sign for the local authority', () => {
    assert.equal(
      signerOf({ agencyKind: 'local-authority', agencyLaId: 'leicester' }, 'leicester'),
      'local-authority',
    )
    assert.equal(signerOf({ agencyKind: 'local-authority', agencyLaId: 'rutland' }, 'leicester'), null)
    assert.equal(signerOf({ agencyKind: 'police' }, 'leicester'), 'police')
    assert.equal(signerOf({ agencyKind: 'education' }, 'leicester'), null)
  })
})

describe('when an invited agency’s part is due', () => {
  const rapidReviewDueBy = rapidReviewBy('2026-12-15')
  it('is 3 working days before the meeting, or before the day it should be held, across Christmas', () => {
    assert.equal(rapidReviewDueBy, '2027-01-08')
    assert.equal(
      partDueBy({ invitedOn: '2026-12-16', meetingOn: null, rapidReviewDueBy }),
      '2026-12-24',
      'the meeting expected on 31 December (a week before), 3 working days before it skipping nothing',
    )
    assert.equal(
      partDueBy({ invitedOn: '2026-12-16', meetingOn: '2027-01-05', rapidReviewDueBy }),
      '2026-12-30',
      'Tuesday 5 January: the 4th, 31st and 30th, New Year’s Day skipped',
    )
  })
  it('is never before the working day after the invitation', () => {
    assert.equal(
      partDueBy({ invitedOn: '2027-01-06', meetingOn: '2027-01-05', rapidReviewDueBy }),
      '2027-01-07',
    )
    assert.equal(partDueBy({ invitedOn: '2026-12-24', meetingOn: null, rapidReviewDueBy }), '2026-12-29')
  })
  it('is never after the rapid review is due, unless it runs so late that no working day is left', () => {
    assert.equal(
      partDueBy({ invitedOn: '2026-12-16', meetingOn: '2027-01-15', rapidReviewDueBy }),
      '2027-01-08',
    )
    assert.equal(partDueBy({ invitedOn: '2027-01-08', meetingOn: null, rapidReviewDueBy }), '2027-01-11')
  })
  it('is given, due, or late once its day has passed', () => {
    const waiting = { due_on: '2026-12-24', submitted_at: null }
    assert.deepEqual(
      partStatus(
        { ...waiting, submitted_at: new Date('2026-12-23T10:00:00Z') },
        new Date('2026-12-30T10:00:00Z'),
      ),
      {
        late: false,
        words: 'Given',
        tag: 'govuk-tag--green',
      },
    )
    assert.equal(partStatus(waiting, new Date('2026-12-21T10:00:00Z')).late, false)
    assert.equal(partStatus(waiting, new Date('2026-12-24T16:00:00Z')).late, false, 'due today is not late')
    assert.deepEqual(partStatus(waiting, new Date('2026-12-29T10:00:00Z')), {
      late: true,
      words: 'Late: overdue by 1 working day',
      tag: 'govuk-tag--red',
    })
  })
})
