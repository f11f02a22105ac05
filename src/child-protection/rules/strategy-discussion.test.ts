import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { lateBookingProblem } from '../../meetings/index.ts'
import { AGENCY_KINDS, type AgencyKind } from '../../partnership/config-schema.ts'
import { isoFromOffset } from '../../platform/calendar/testing.ts'
import { isWorkingDay, workingDaysBetween } from '../../platform/calendar/working-days.ts'
import {
  MEETING_REASONS,
  type MeetingReason,
  type RecordInput,
  STRATEGY_DECISIONS,
  type StrategyStatus,
} from '../schemas.ts'
import {
  applyStrategyStep,
  expectedQuoracy,
  icpcDueAfter,
  mayContribute,
  recordCirculationDueBy,
  recordProblems,
  StepRefused,
  type StrategyStep,
  scheduleProblems,
  strategyDiscussionDueBy,
  strategyQuoracy,
} from './strategy-discussion.ts'

const dateArb = fc.integer({ min: 0, max: 3651 }).map(isoFromOffset)
const kindsArb = fc.array(fc.constantFrom(...AGENCY_KINDS), { maxLength: 8 })

describe('strategyQuoracy', () => {
  it('needs LA social care, police and health', () => {
    assert.deepEqual(strategyQuoracy(['local-authority', 'police', 'health']), { quorate: true, missing: [] })
    assert.deepEqual(strategyQuoracy(['local-authority', 'police', 'education', 'other']), {
      quorate: false,
      missing: ['health'],
    })
    assert.deepEqual(strategyQuoracy([]), {
      quorate: false,
      missing: ['local-authority', 'police', 'health'],
    })
  })

  it('is quorate exactly when no core agency is missing, whatever else attends', () => {
    fc.assert(
      fc.property(kindsArb, (kinds) => {
        const q = strategyQuoracy(kinds)
        const core: AgencyKind[] = ['local-authority', 'police', 'health']
        return (
          q.quorate === core.every((k) => kinds.includes(k)) && q.missing.every((k) => !kinds.includes(k))
        )
      }),
    )
  })

  it('is unchanged by order and repetition', () => {
    fc.assert(
      fc.property(kindsArb, (kinds) => {
        const q = strategyQuoracy(kinds)
        return (
          JSON.stringify(strategyQuoracy([...kinds].reverse())) === JSON.stringify(q) &&
          JSON.stringify(strategyQuoracy([...kinds, ...kinds])) === JSON.stringify(q)
        )
      }),
    )
  })

  it('tells quoracy before the meeting from invitations and from those who accepted', () => {
    const q = expectedQuoracy([
      { agencyKind: 'local-authority', reply: 'accepted', contributed: true },
      { agencyKind: 'police', reply: 'accepted', contributed: false },
      { agencyKind: 'health', reply: 'awaiting', contributed: false },
    ])
    assert.equal(q.invited.quorate, true)
    assert.deepEqual(q.accepted.missing, ['health'])
  })
})

describe('meeting or call', () => {
  const booking = (format: 'meeting' | 'call', meetingReasons: MeetingReason[]) =>
    scheduleProblems(
      { date: '2024-06-05', time: '10:00', location: 'Teams', format, meetingReasons },
      '2024-06-04',
    )

  it('allows a call when nothing calls for a meeting', () => {
    assert.deepEqual(booking('call', []), [])
    assert.deepEqual(booking('meeting', []), [])
  })

  for (const reason of MEETING_REASONS) {
    it(`requires a meeting for ${reason}`, () => {
      assert.deepEqual(
        booking('call', [reason]).map((p) => p.field),
        ['format'],
      )
      assert.deepEqual(booking('meeting', [reason]), [])
    })
  }
})

describe('scheduleProblems', () => {
  const ok = {
    date: '2024-06-05',
    time: '10:00',
    format: 'call' as const,
    location: 'Teams',
    meetingReasons: [],
  }

  it('accepts a working day, a time and a place', () => {
    assert.deepEqual(scheduleProblems(ok, '2024-06-04'), [])
  })

  it('refuses weekends, bank holidays and the past', () => {
    assert.equal(scheduleProblems({ ...ok, date: '2024-06-08' }, '2024-06-04')[0]?.field, 'date')
    assert.equal(scheduleProblems({ ...ok, date: '2024-08-26' }, '2024-06-04')[0]?.field, 'date')
    assert.equal(scheduleProblems({ ...ok, date: '2024-06-03' }, '2024-06-04')[0]?.field, 'date')
  })

  it('names every field at fault', () => {
    const problems = scheduleProblems(
      { date: '', time: '25:00', format: 'call', location: ' ', meetingReasons: ['pre-birth'] },
      '2024-06-04',
    )
    assert.deepEqual(
      problems.map((p) => p.field),
      ['date', 'time', 'location', 'format'],
    )
  })
})

describe('strategyDiscussionDueBy', () => {
  it('is the next working day, or the same working day when urgent', () => {
    assert.equal(strategyDiscussionDueBy('2024-06-07', 'threshold-decision'), '2024-06-10')
    assert.equal(strategyDiscussionDueBy('2024-06-07', 'urgent'), '2024-06-07')
    assert.equal(strategyDiscussionDueBy('2024-06-08', 'urgent'), '2024-06-10')
    assert.equal(strategyDiscussionDueBy('2026-12-24', 'live-cp-plan'), '2026-12-29')
  })

  it('is booked late only after that day: across Christmas, the Tuesday is in time, the Wednesday asks why', () => {
    // Decided on Thursday 24 December 2026: Christmas Day and the Boxing Day holiday (Monday 28th) do not count.
    const dueBy = strategyDiscussionDueBy('2026-12-24', 'threshold-decision')
    assert.equal(dueBy, '2026-12-29')
    assert.equal(lateBookingProblem('2026-12-29', dueBy, undefined), null)
    assert.equal(lateBookingProblem('2026-12-30', dueBy, undefined)?.field, 'lateReason')
    assert.equal(lateBookingProblem('2026-12-30', dueBy, 'Police unavailable over Christmas'), null)
    // An urgent request on a bank holiday is due the next working day, and booking it then is in time.
    assert.equal(lateBookingProblem('2026-12-29', strategyDiscussionDueBy('2026-12-28', 'urgent'), ''), null)
  })
})

describe('due dates that follow the discussion', () => {
  it('circulates the record within 1 working day', () => {
    assert.equal(recordCirculationDueBy('2024-06-07'), '2024-06-10')
    assert.equal(recordCirculationDueBy('2025-04-17'), '2025-04-22')
  })

  it('starts the ICPC clock only when section 47 enquiries begin', () => {
    assert.equal(icpcDueAfter('2024-06-03', 's47-joint'), '2024-06-24')
    assert.equal(icpcDueAfter('2024-06-03', 's47-single-agency'), '2024-06-24')
    for (const decision of ['cin-assessment', 'early-help', 'nfa', 'immediate-protection'] as const)
      assert.equal(icpcDueAfter('2024-06-03', decision), null)
  })

  it('puts the ICPC on a working day 15 working days after any discussion that starts s47', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...STRATEGY_DECISIONS), (date, decision) => {
        const due = icpcDueAfter(date, decision)
        if (decision !== 's47-joint' && decision !== 's47-single-agency') return due === null
        return due !== null && isWorkingDay(due) && workingDaysBetween(date, due) === 15
      }),
    )
  })
})

describe('recordProblems', () => {
  const kinds: Record<string, AgencyKind> = {
    csc: 'local-authority',
    police: 'police',
    icb: 'health',
    school: 'education',
  }
  const kindOf = (id: string) => kinds[id]
  const complete: RecordInput = {
    attendingAgencyIds: ['csc', 'police', 'icb', 'school'],
    informationShared: 'School saw bruising.',
    riskAnalysis: 'Likely non-accidental.',
    decision: 's47-joint',
    decisionReasons: 'Reasonable cause to suspect significant harm.',
    policeDecision: 'criminal-investigation',
    familySharing: 'Mother told of the enquiry; not the police investigation.',
    familySharingOn: '2024-06-05',
    actions: [
      { description: 'Visit the child', ownerAgencyId: 'csc', ownerName: 'A Worker', dueBy: '2024-06-06' },
    ],
  }

  it('accepts a complete record', () => {
    assert.deepEqual(recordProblems(complete, '2024-06-05', kindOf), [])
  })

  it('needs social care, police and health to have attended', () => {
    const problems = recordProblems(
      { ...complete, attendingAgencyIds: ['csc', 'school'] },
      '2024-06-05',
      kindOf,
    )
    assert.equal(problems[0]?.field, 'attendance')
    assert.match(problems[0]?.text ?? '', /Police, Health/)
  })

  it('needs police at a joint enquiry', () => {
    const input = { ...complete, attendingAgencyIds: ['csc', 'icb'] }
    assert.ok(recordProblems(input, '2024-06-05', kindOf).some((p) => p.field === 'decision'))
  })

  it('names each missing part of the narrative and decision', () => {
    const empty: RecordInput = {
      ...complete,
      informationShared: '',
      riskAnalysis: ' ',
      decision: null,
      decisionReasons: '',
      policeDecision: null,
      familySharing: '',
    }
    assert.deepEqual(
      recordProblems(empty, '2024-06-05', kindOf).map((p) => p.field),
      ['informationShared', 'riskAnalysis', 'decision', 'decisionReasons', 'policeDecision', 'familySharing'],
    )
  })

  it('checks each action has an owning agency, a person and a due date not before the discussion', () => {
    const problems = recordProblems(
      {
        ...complete,
        actions: [
          complete.actions[0] as RecordInput['actions'][number],
          { description: '', ownerAgencyId: 'nobody', ownerName: '', dueBy: '2024-06-04' },
        ],
      },
      '2024-06-05',
      kindOf,
    )
    assert.deepEqual(
      problems.map((p) => p.field),
      ['actions-2-description', 'actions-2-agency', 'actions-2-owner', 'actions-2-due'],
    )
  })

  it('refuses telling the family before the discussion', () => {
    const problems = recordProblems({ ...complete, familySharingOn: '2024-06-04' }, '2024-06-05', kindOf)
    assert.deepEqual(
      problems.map((p) => p.field),
      ['familySharingOn'],
    )
  })
})

describe('strategy status', () => {
  const statusAfter = (steps: StrategyStep[]) => steps.reduce<StrategyStatus | null>(applyStrategyStep, null)

  it('follows request, schedule, record, sign-off', () => {
    assert.equal(statusAfter(['requested']), 'requested')
    assert.equal(statusAfter(['requested', 'scheduled', 'scheduled']), 'scheduled')
    assert.equal(statusAfter(['requested', 'scheduled', 'record-saved', 'record-saved']), 'recorded')
    assert.equal(statusAfter(['requested', 'scheduled', 'record-saved', 'signed-off']), 'signed-off')
    assert.equal(statusAfter(['requested', 'cancelled']), 'cancelled')
  })

  it('refuses steps out of order', () => {
    assert.throws(() => statusAfter(['scheduled']), StepRefused)
    assert.throws(() => statusAfter(['requested', 'signed-off']), StepRefused)
    assert.throws(() => statusAfter(['requested', 'scheduled', 'record-saved', 'signed-off', 'record-saved']))
    assert.throws(() => applyStrategyStep('signed-off', 'cancelled'), StepRefused)
  })

  it('never changes a signed-off or cancelled discussion', () => {
    const steps: StrategyStep[] = ['requested', 'scheduled', 'record-saved', 'signed-off', 'cancelled']
    fc.assert(
      fc.property(
        fc.constantFrom(...steps),
        fc.constantFrom('signed-off' as const, 'cancelled' as const),
        (s, st) => {
          assert.throws(() => applyStrategyStep(st, s), StepRefused)
        },
      ),
    )
  })

  it('lets agencies contribute only before the record is written', () => {
    assert.equal(mayContribute('requested'), true)
    assert.equal(mayContribute('scheduled'), true)
    assert.equal(mayContribute('recorded'), false)
    assert.equal(mayContribute('signed-off'), false)
  })
})
