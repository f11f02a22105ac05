import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { isoFromOffset } from '../platform/calendar/testing.ts'
import { isWorkingDay, workingDaysBetween } from '../platform/calendar/working-days.ts'
import { actionDueBy, actionProblems, actionStatus, completionProblems, statusInWords } from './rules.ts'

const dateArb = fc.integer({ min: 0, max: 3000 }).map(isoFromOffset)
const kindOf = (agencyId: string) => (agencyId === 'police' ? ('police' as const) : undefined)
const meeting = { date: '2026-06-02', name: 'the meeting' }
const complete = { description: 'Visit', ownerAgencyId: 'police', ownerName: 'PC Jones', dueBy: '2026-06-05' }

describe('actionProblems', () => {
  it('accepts an action with an agency, a person and a due date from the meeting on', () => {
    assert.deepEqual(actionProblems(complete, 1, meeting, kindOf), [])
    assert.deepEqual(actionProblems({ ...complete, dueBy: meeting.date }, 1, meeting, kindOf), [])
  })

  it('names each missing part by the action’s number, and a due date before the meeting', () => {
    const problems = actionProblems(
      { description: ' ', ownerAgencyId: 'nobody', ownerName: '', dueBy: '2026-06-01' },
      3,
      meeting,
      kindOf,
    )
    assert.deepEqual(
      problems.map((p) => p.field),
      ['actions-3-description', 'actions-3-agency', 'actions-3-owner', 'actions-3-due'],
    )
    assert.equal(problems.at(-1)?.text, 'Enter a due date for action 3 on or after the meeting')
  })
})

describe('actionDueBy', () => {
  it('is the caller’s number of working days on, always a working day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 20 }), (from, days) => {
        const due = actionDueBy(from, days)
        return isWorkingDay(due) && workingDaysBetween(from, due) === days
      }),
    )
  })
})

describe('actionStatus', () => {
  const open = { due_by: '2026-06-05', completed_at: null }
  it('is done once completed, whatever the date', () => {
    assert.equal(actionStatus({ ...open, completed_at: new Date('2026-07-01') }, '2026-07-01'), 'done')
  })

  it('is open before its due date, due on the day and overdue after', () => {
    assert.equal(actionStatus(open, '2026-06-04'), 'open')
    assert.equal(actionStatus(open, '2026-06-05'), 'due-today')
    assert.equal(actionStatus(open, '2026-06-08'), 'overdue')
  })

  it('says where it stands in working days', () => {
    assert.equal(statusInWords(open, '2026-06-01'), 'Due in 4 working days')
    assert.equal(statusInWords(open, '2026-06-04'), 'Due in 1 working day')
    assert.equal(statusInWords(open, '2026-06-05'), 'Due today')
    assert.equal(statusInWords(open, '2026-06-06'), 'Overdue')
  })
})

describe('completionProblems', () => {
  it('needs evidence of what was done', () => {
    assert.deepEqual(
      completionProblems('  ').map((p) => p.field),
      ['evidence'],
    )
    assert.deepEqual(completionProblems('Visited on 3 June; child seen alone'), [])
  })
})
