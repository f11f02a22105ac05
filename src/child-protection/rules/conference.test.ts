import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { AGENCY_KINDS } from '../../partnership/config-schema.ts'
import { isoFromOffset } from '../../platform/calendar/testing.ts'
import { addCalendarMonths, isWorkingDay, workingDaysBetween } from '../../platform/calendar/working-days.ts'
import type { DecisionInput } from '../schemas.ts'
import {
  bookingProblems,
  type ConferenceAttendee,
  conferenceQuoracy,
  coreGroupDueBy,
  decisionProblems,
  describeQuoracy,
  invitedQuoracyProblem,
  mustReschedule,
  partnersToRecheck,
  reportsToParentsDueBy,
  rescheduleProblems,
  reviewDueBy,
  reviewProblems,
} from './conference.ts'

const plusDays = (date: string, days: number) =>
  isoFromOffset((Date.parse(date) - Date.UTC(2018, 0, 1)) / 86_400_000 + days)
// Up to the end of 2026, leaving room for three reviews within the bank holiday data (to 2028).
const dateArb = fc.integer({ min: 0, max: 3286 }).map(isoFromOffset)

const csc: ConferenceAttendee = { agencyId: 'csc', kind: 'local-authority', directInvolvement: true }
const police: ConferenceAttendee = { agencyId: 'police', kind: 'police', directInvolvement: true }
const icb: ConferenceAttendee = { agencyId: 'icb', kind: 'health', directInvolvement: true }
const hospital: ConferenceAttendee = { agencyId: 'hospital', kind: 'health', directInvolvement: true }
const school: ConferenceAttendee = { agencyId: 'school', kind: 'education', directInvolvement: true }

describe('conferenceQuoracy', () => {
  it('is social care plus two other agencies with direct involvement', () => {
    assert.equal(conferenceQuoracy([csc, police, school]).quorate, true)
    assert.equal(conferenceQuoracy([csc, police, icb]).quorate, true)
    assert.equal(conferenceQuoracy([police, icb, school]).quorate, false)
    assert.equal(conferenceQuoracy([csc, police]).quorate, false)
  })

  it('counts health once however many health agencies attend', () => {
    assert.deepEqual(conferenceQuoracy([csc, icb, hospital]), {
      quorate: false,
      socialCare: true,
      otherAgencies: 1,
    })
    assert.equal(conferenceQuoracy([csc, icb, hospital, school]).quorate, true)
  })

  it('does not count agencies without direct involvement', () => {
    const bystander = { ...school, directInvolvement: false }
    assert.equal(conferenceQuoracy([csc, police, bystander]).quorate, false)
  })

  it('says what is missing', () => {
    assert.equal(describeQuoracy(conferenceQuoracy([csc, police, school])), 'Quorate')
    assert.match(describeQuoracy(conferenceQuoracy([police])), /social care and 1 more agency/)
  })

  it('agrees with a direct count for any attendance', () => {
    const attendee = fc.record({
      agencyId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      kind: fc.constantFrom(...AGENCY_KINDS),
      directInvolvement: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(attendee, { maxLength: 8 }), (attendees) => {
        const q = conferenceQuoracy(attendees)
        const direct = attendees.filter((a) => a.directInvolvement && a.kind !== 'local-authority')
        const health = direct.some((a) => a.kind === 'health') ? 1 : 0
        const others = new Set(direct.filter((a) => a.kind !== 'health').map((a) => a.agencyId)).size
        return q.otherAgencies === health + others && q.quorate === (q.socialCare && health + others >= 2)
      }),
    )
  })
})

describe('conference dates', () => {
  it('shares reports with parents 3 working days before an ICPC and 5 before a review', () => {
    assert.equal(reportsToParentsDueBy('2024-06-24', 'initial'), '2024-06-19')
    assert.equal(reportsToParentsDueBy('2024-06-24', 'review'), '2024-06-17')
    assert.equal(reportsToParentsDueBy('2025-04-23', 'initial'), '2025-04-16')
  })

  it('holds the first core group within 10 working days', () => {
    assert.equal(coreGroupDueBy('2024-06-24'), '2024-07-08')
    assert.equal(coreGroupDueBy('2026-12-17'), '2027-01-05')
  })

  it('reviews 3 months after the ICPC, then at most 6 months after the last review', () => {
    assert.equal(reviewDueBy('2024-06-24', []), '2024-09-24')
    assert.equal(reviewDueBy('2024-06-24', ['2024-09-20']), '2025-03-20')
    assert.equal(reviewDueBy('2024-06-24', ['2025-03-18', '2024-09-20']), '2025-09-18')
  })

  it('moves a review due on a weekend or bank holiday back to the working day before', () => {
    // 3 months after 2024-12-30 is Sunday 30 March 2025.
    assert.equal(reviewDueBy('2024-12-30', []), '2025-03-28')
    // 6 months after 2026-06-26 is Saturday 26 December, after Christmas Day.
    assert.equal(reviewDueBy('2026-01-05', ['2026-06-26']), '2026-12-24')
  })

  it('always gives a working day within the calendar limit of the cycle', () => {
    fc.assert(
      fc.property(dateArb, fc.array(fc.integer({ min: 1, max: 150 }), { maxLength: 3 }), (icpc, gaps) => {
        const reviews: string[] = []
        for (const gap of gaps) reviews.push(plusDays(reviews.at(-1) ?? icpc, gap))
        const due = reviewDueBy(icpc, reviews)
        const limit = addCalendarMonths(reviews.at(-1) ?? icpc, reviews.length ? 6 : 3)
        return isWorkingDay(due) && due <= limit && workingDaysBetween(due, limit) === 0
      }),
    )
  })
})

describe('bookingProblems', () => {
  it('accepts a working day in the future', () => {
    assert.deepEqual(
      bookingProblems({ date: '2024-06-24', time: '10:00', location: 'Room 1' }, '2024-06-10'),
      [],
    )
  })

  it('never books a weekend or bank holiday', () => {
    assert.equal(
      bookingProblems({ date: '2024-06-22', time: '10:00', location: 'x' }, '2024-06-10')[0]?.field,
      'date',
    )
    assert.equal(
      bookingProblems({ date: '2024-12-25', time: '10:00', location: 'x' }, '2024-06-10')[0]?.field,
      'date',
    )
  })
})

describe('inquorate conferences', () => {
  it('needs an interim plan and a new working day within 10 working days', () => {
    assert.deepEqual(rescheduleProblems('2024-06-24', '2024-07-08', 'Daily visits'), [])
    assert.deepEqual(
      rescheduleProblems('2024-06-24', '2024-07-09', '').map((p) => p.field),
      ['interimPlan', 'newDate'],
    )
    assert.equal(rescheduleProblems('2024-06-24', '2024-06-24', 'x')[0]?.field, 'newDate')
    assert.equal(rescheduleProblems('2024-06-24', '2024-06-29', 'x')[0]?.field, 'newDate')
  })

  it('crosses bank holidays when counting the 10 working days', () => {
    // 10 working days after Monday 16 December 2024 is Thursday 2 January 2025.
    assert.deepEqual(rescheduleProblems('2024-12-16', '2025-01-02', 'x'), [])
    assert.equal(rescheduleProblems('2024-12-16', '2025-01-03', 'x').length, 1)
  })

  it('accepts exactly the working days up to the limit', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 20 }), (date, days) => {
        const candidate = plusDays(date, days)
        const ok = rescheduleProblems(date, candidate, 'plan').length === 0
        return ok === (isWorkingDay(candidate) && workingDaysBetween(date, candidate) <= 10)
      }),
    )
  })
})

describe('decisionProblems', () => {
  const plan: DecisionInput = {
    cpPlan: true,
    category: 'NEG',
    reasons: 'Chronic neglect.',
    planSummary: 'Daily checks.',
    dissent: [],
    coreGroupAgencyIds: ['csc', 'school'],
    coreGroupFirstMeetingOn: '2024-07-01',
  }

  it('accepts a complete plan', () => {
    assert.deepEqual(decisionProblems(plan, '2024-06-24'), [])
  })

  it('needs a category, a plan and a core group meeting within 10 working days', () => {
    const problems = decisionProblems(
      {
        ...plan,
        category: null,
        planSummary: '',
        coreGroupAgencyIds: [],
        coreGroupFirstMeetingOn: '2024-07-09',
      },
      '2024-06-24',
    )
    assert.deepEqual(
      problems.map((p) => p.field),
      ['category', 'planSummary', 'coreGroup', 'coreGroupFirstMeetingOn'],
    )
  })

  it('needs no plan details when there is no plan, but records dissent with a view', () => {
    const none: DecisionInput = {
      ...plan,
      cpPlan: false,
      category: null,
      planSummary: '',
      coreGroupAgencyIds: [],
      coreGroupFirstMeetingOn: null,
      dissent: [{ agencyId: 'school', view: '' }],
    }
    assert.deepEqual(
      decisionProblems(none, '2024-06-24').map((p) => p.field),
      ['dissent-1'],
    )
  })
})

describe('partnersToRecheck', () => {
  it('asks every other involved agency once', () => {
    assert.deepEqual(partnersToRecheck(['csc', 'school', 'police', 'school'], 'csc'), ['police', 'school'])
  })

  it('never asks the agency that closed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<string>('a', 'b', 'c', 'd')),
        fc.constantFrom<string>('a', 'b'),
        (ids, closing) => {
          const asked = partnersToRecheck(ids, closing)
          return (
            !asked.includes(closing) &&
            asked.every((id) => ids.includes(id)) &&
            new Set(asked).size === asked.length
          )
        },
      ),
    )
  })
})

describe('what the chair records', () => {
  const quorate = { quorate: true, socialCare: true, otherAgencies: 2 }
  const inquorate = { quorate: false, socialCare: true, otherAgencies: 1 }
  it('reschedules an inquorate conference, never twice in a row', () => {
    assert.equal(mustReschedule(inquorate, false), true)
    assert.equal(mustReschedule(inquorate, true), false)
    assert.equal(mustReschedule(quorate, false), false)
  })
  it('needs an outcome, reasons and, to end a plan, why', () => {
    assert.deepEqual(
      reviewProblems({ outcome: null, category: null, reasons: '', endReason: null }).map((p) => p.field),
      ['reviewOutcome', 'reasons'],
    )
    assert.deepEqual(
      reviewProblems({ outcome: 'end', category: null, reasons: 'Safe now', endReason: null }).map(
        (p) => p.field,
      ),
      ['endReason'],
    )
    assert.deepEqual(
      reviewProblems({ outcome: 'continue', category: 'NEG', reasons: 'x', endReason: null }),
      [],
    )
  })
  it('refuses invitations that could never be quorate', () => {
    const la = { agencyId: 'la', kind: 'local-authority' as const, directInvolvement: true }
    const icb = { agencyId: 'icb', kind: 'health' as const, directInvolvement: true }
    const trust = { agencyId: 'trust', kind: 'health' as const, directInvolvement: true }
    const police = { agencyId: 'police', kind: 'police' as const, directInvolvement: true }
    assert.equal(invitedQuoracyProblem([la, icb, trust])?.field, 'invitees')
    assert.equal(invitedQuoracyProblem([la, icb, police]), null)
  })
})
