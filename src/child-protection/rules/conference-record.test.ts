import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  coreGroupMeetingProblems,
  firstCoreGroupInWords,
  minutesAcknowledgeBy,
  planProgress,
  reportReviewProblems,
} from './conference-record.ts'

describe('conference record rules', () => {
  it('a report withheld from the parents says why', () => {
    assert.deepEqual(reportReviewProblems({ forParents: 'share', withheldReason: '' }), [])
    assert.equal(
      reportReviewProblems({ forParents: 'withhold', withheldReason: '  ' })[0]?.field,
      'withheldReason',
    )
    assert.deepEqual(
      reportReviewProblems({ forParents: 'withhold', withheldReason: 'Third-party information' }),
      [],
    )
  })

  it('each copy of a record signed off on a Friday is acknowledged by Monday', () => {
    assert.equal(minutesAcknowledgeBy('2026-06-26'), '2026-06-29')
  })

  it('the first core group meeting is held within 10 working days of the conference', () => {
    assert.equal(firstCoreGroupInWords('2026-07-06', undefined), 'Not held yet')
    assert.equal(firstCoreGroupInWords('2026-07-06', '2026-07-06'), 'Held on time')
    assert.equal(firstCoreGroupInWords('2026-07-06', '2026-07-07'), 'Held late')
  })

  it('a core group meeting is in the past, after the plan started, with progress on every outcome', () => {
    const plan = { start_date: '2026-06-22', end_date: null }
    const meeting = { heldOn: '2026-07-01', attendingAgencyIds: ['la'], progress: [], newOutcomes: [] }
    const fields = (m: typeof meeting, outcomes: string[]) =>
      coreGroupMeetingProblems(m, plan, outcomes, '2026-07-02').map((p) => p.field)
    assert.deepEqual(fields(meeting, []), ['newOutcomes'])
    assert.deepEqual(fields({ ...meeting, heldOn: '2026-07-03', attendingAgencyIds: [] }, ['a']), [
      'heldOn',
      'attending',
      'progress-1',
    ])
    assert.deepEqual(fields({ ...meeting, heldOn: '2026-06-19' }, []).slice(0, 1), ['heldOn'])
  })

  it('shows each outcome with its progress at each meeting, oldest first', () => {
    const progress = planProgress({
      meetings: [
        { id: 'm1', held_on: '2026-07-01' },
        { id: 'm2', held_on: '2026-08-01' },
      ] as never,
      outcomes: [{ id: 'o1', position: 1, outcome: 'School every day' }] as never,
      progress: [
        { meeting_id: 'm2', outcome_id: 'o1', progress: 'Better' },
        { meeting_id: 'm1', outcome_id: 'o1', progress: 'Started' },
      ],
    })
    assert.deepEqual(progress[0]?.progress, [
      { heldOn: '2026-07-01', progress: 'Started' },
      { heldOn: '2026-08-01', progress: 'Better' },
    ])
  })
})
