import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { getLa, isWithinOperatingHours, loadPartnershipConfig } from '../partnership/config.ts'
import { OPERATING_MODELS } from '../partnership/config-schema.ts'
import { isWorkingDay, toIsoDate, workingDaysBetween } from '../platform/calendar/working-days.ts'
import {
  type BeingSent,
  compareQueueItems,
  decidedWithout,
  decisionClock,
  decisionProblems,
  decisionTiming,
  earlierAboutSameChild,
  formatReferralNumber,
  likelyReferralSource,
  missingContributions,
  type QueueItem,
  queueFor,
  RESUBMISSION_MINUTES,
  requestFingerprint,
  routeReferral,
  type SentBefore,
  withoutContributionsOf,
} from './rules.ts'
import { URGENCIES } from './schemas.ts'

const llr = await loadPartnershipConfig(
  new URL('../../config/partnerships/llr.yaml', import.meta.url).pathname,
)
const leicester = getLa(llr, 'leicester')
const closedOnHolidays = { isClosedDate: (date: string) => !isWorkingDay(date) }

// Wednesday 5 June 2024 10:00 BST, within Leicester's hours.
const WEDNESDAY_MORNING = new Date('2024-06-05T09:00:00Z')

describe('routeReferral: every model × live plan × urgency × in or out of hours', () => {
  for (const model of OPERATING_MODELS)
    for (const hasLiveCpPlan of [false, true])
      for (const urgency of URGENCIES)
        for (const withinHours of [true, false]) {
          const expectedQueue =
            model === '2' ? (hasLiveCpPlan ? 'strategy-discussion' : 'mat') : 'la-screening'
          it(`model ${model}, ${hasLiveCpPlan ? 'live CP plan' : 'no plan'}, ${urgency}, ${withinHours ? 'in' : 'out of'} hours → ${withinHours ? expectedQueue : 'out-of-hours'} then ${expectedQueue}`, () => {
            const routing = routeReferral({
              model,
              hasLiveCpPlan,
              urgency,
              receivedAt: WEDNESDAY_MORNING,
              la: leicester,
              withinHours,
            })
            assert.equal(routing.queue, expectedQueue)
            assert.equal(routing.route, withinHours ? expectedQueue : 'out-of-hours')
            assert.equal(routing.priority, urgency === 'urgent' ? 0 : 1)
            assert.equal(routing.decisionDueBy, '2024-06-06')
            assert.deepEqual(
              routing.outOfHours,
              withinHours ? null : { teamName: 'LLR Emergency Duty Team', phone: '0116 496 0999' },
            )
            const statuses = {
              'la-screening': 'awaiting-screening',
              mat: 'in-triage',
              'strategy-discussion': 'awaiting-strategy-discussion',
            }
            assert.equal(routing.status, statuses[expectedQueue])
          })
        }

  it('never sends a model 1a or 1b referral to MAT, and only model 2 bypasses it for a live plan', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPERATING_MODELS), fc.boolean(), (model, live) => {
        const queue = queueFor(model, live)
        if (model !== '2') return queue === 'la-screening'
        return queue === (live ? 'strategy-discussion' : 'mat')
      }),
    )
  })
})

describe('operating hours decide in or out of hours (with bank holidays closed)', () => {
  const within = (iso: string) => isWithinOperatingHours(leicester, new Date(iso), closedOnHolidays)
  it('is open on a weekday morning and closed in the evening', () => {
    assert.equal(within('2024-06-05T09:00:00Z'), true)
    assert.equal(within('2024-06-05T17:30:00Z'), false)
  })
  it('is closed at the weekend and on a bank holiday (Whit Monday 27 May 2024)', () => {
    assert.equal(within('2024-06-08T10:00:00Z'), false)
    assert.equal(within('2024-05-27T10:00:00Z'), false)
  })
  it('closes at 16:30 on a Friday', () => {
    assert.equal(within('2024-06-07T15:15:00Z'), true)
    assert.equal(within('2024-06-07T15:45:00Z'), false)
  })
})

describe('the 1-working-day decision clock', () => {
  const dueBy = (iso: string) =>
    routeReferral({
      model: '2',
      hasLiveCpPlan: false,
      urgency: 'standard',
      receivedAt: new Date(iso),
      la: leicester,
      withinHours: false,
    }).decisionDueBy

  it('gives a Friday evening referral until Monday', () => {
    assert.equal(dueBy('2024-06-07T19:00:00Z'), '2024-06-10')
  })
  it('gives a Saturday or Sunday referral until Monday', () => {
    assert.equal(dueBy('2024-06-08T10:00:00Z'), '2024-06-10')
    assert.equal(dueBy('2024-06-09T22:00:00Z'), '2024-06-10')
  })
  it('skips a bank holiday Monday (Easter 2024: Friday 29 March and Monday 1 April)', () => {
    assert.equal(dueBy('2024-03-28T12:00:00Z'), '2024-04-02')
    assert.equal(dueBy('2024-03-30T12:00:00Z'), '2024-04-02')
  })
  it('skips Christmas and Boxing Day', () => {
    assert.equal(dueBy('2024-12-24T12:00:00Z'), '2024-12-27')
  })
  it('uses the London date: 23:30 UTC on a Thursday in summer is Friday in London', () => {
    assert.equal(dueBy('2024-06-06T23:30:00Z'), '2024-06-10')
  })

  it('is always exactly one working day after the London date of receipt', () => {
    const instant = fc.date({
      min: new Date('2018-01-02T00:00:00Z'),
      max: new Date('2027-12-20T00:00:00Z'),
      noInvalidDate: true,
    })
    fc.assert(
      fc.property(instant, (receivedAt) => {
        const due = dueBy(receivedAt.toISOString())
        return isWorkingDay(due) && workingDaysBetween(toIsoDate(receivedAt), due) === 1
      }),
    )
  })

  it('tags urgent, due today and overdue referrals', () => {
    assert.deepEqual(
      decisionClock({ urgency: 'standard', decisionDueBy: '2024-06-06' }, '2024-06-05').tags,
      [],
    )
    assert.deepEqual(decisionClock({ urgency: 'standard', decisionDueBy: '2024-06-06' }, '2024-06-06').tags, [
      'Due today',
    ])
    assert.deepEqual(decisionClock({ urgency: 'urgent', decisionDueBy: '2024-06-06' }, '2024-06-07').tags, [
      'Urgent',
      'Overdue',
    ])
  })

  it('counts working days taken, across a weekend, against the due date', () => {
    const fridayEvening = new Date('2024-06-07T19:00:00Z')
    assert.deepEqual(decisionTiming(fridayEvening, new Date('2024-06-10T14:00:00Z'), '2024-06-10'), {
      workingDaysTaken: 1,
      withinTimescale: true,
    })
    assert.deepEqual(decisionTiming(fridayEvening, new Date('2024-06-11T09:00:00Z'), '2024-06-10'), {
      workingDaysTaken: 2,
      withinTimescale: false,
    })
    assert.deepEqual(decisionTiming(WEDNESDAY_MORNING, new Date('2024-06-05T15:00:00Z'), '2024-06-06'), {
      workingDaysTaken: 0,
      withinTimescale: true,
    })
  })
})

describe('queue order', () => {
  const item = fc.record({
    priority: fc.constantFrom(0, 1),
    decisionDueBy: fc.constantFrom('2024-06-05', '2024-06-06', '2024-06-07'),
    receivedAt: fc.date({
      min: new Date('2024-06-01T00:00:00Z'),
      max: new Date('2024-06-07T00:00:00Z'),
      noInvalidDate: true,
    }),
  })

  it('puts urgent first, then what is due first, then what has waited longest', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items: QueueItem[]) => {
        const sorted = [...items].sort(compareQueueItems)
        return sorted.every((current, i) => {
          const next = sorted[i + 1]
          if (!next) return true
          if (current.priority !== next.priority) return current.priority < next.priority
          if (current.decisionDueBy !== next.decisionDueBy) return current.decisionDueBy < next.decisionDueBy
          return current.receivedAt <= next.receivedAt
        })
      }),
    )
  })

  it('puts an urgent referral received later above an overdue standard one', () => {
    const overdue = { priority: 1, decisionDueBy: '2024-06-03', receivedAt: new Date('2024-05-31T10:00:00Z') }
    const urgent = { priority: 0, decisionDueBy: '2024-06-06', receivedAt: new Date('2024-06-05T10:00:00Z') }
    assert.deepEqual([overdue, urgent].sort(compareQueueItems), [urgent, overdue])
  })
})

describe('small rules', () => {
  it('lists the agencies yet to contribute in MAT', () => {
    assert.deepEqual(missingContributions(['police', 'local-authority']), ['health', 'education'])
    assert.deepEqual(missingContributions(['police', 'local-authority', 'health', 'education']), [])
  })
  it('suggests the census referral source from the referrer’s agency', () => {
    assert.equal(likelyReferralSource('education'), '2A')
    assert.equal(likelyReferralSource('police'), '6')
    assert.equal(likelyReferralSource('other'), '8')
  })
  it('formats a referral number people can quote', () => {
    assert.equal(formatReferralNumber(42), 'FD-000042')
  })
  it('fingerprints a request regardless of key order, and tells different bodies apart', () => {
    assert.equal(
      requestFingerprint({ a: 1, b: { c: 2, d: 3 } }),
      requestFingerprint({ b: { d: 3, c: 2 }, a: 1 }),
    )
    assert.notEqual(requestFingerprint({ a: 1 }), requestFingerprint({ a: 2 }))
  })
})

describe('deciding before every agency has added its information', () => {
  const decision = {
    outcome: 'early-help' as const,
    levelOfNeed: 2,
    reasons: 'Needs support at home.',
    feedbackToReferrer: 'Early help will contact the family.',
  }
  const fields = (problems: { field: string }[]) => problems.map((p) => p.field)

  it('waits only in multi-agency triage, for the kinds not yet contributed', () => {
    assert.deepEqual(decidedWithout('mat', ['police', 'health']), ['local-authority', 'education'])
    assert.deepEqual(decidedWithout('mat', ['police', 'health', 'local-authority', 'education']), [])
    assert.deepEqual(decidedWithout('la-screening', []), [])
    assert.deepEqual(decidedWithout('strategy-discussion', []), [])
  })

  it('needs a reason while an agency has not contributed, and words when the reason is another', () => {
    assert.deepEqual(decisionProblems(decision), [])
    assert.deepEqual(fields(decisionProblems(decision, ['police'])), ['withoutContributionsReason'])
    assert.match(decisionProblems(decision, ['police', 'education'])[0]?.text ?? '', /Police, Education$/)
    assert.deepEqual(decisionProblems({ ...decision, withoutContributionsReason: 'urgent' }, ['police']), [])
    assert.deepEqual(
      fields(decisionProblems({ ...decision, withoutContributionsReason: 'other' }, ['police'])),
      ['withoutContributionsDetail'],
    )
    const other = {
      ...decision,
      withoutContributionsReason: 'other' as const,
      withoutContributionsDetail: 'x',
    }
    assert.deepEqual(decisionProblems(other, ['police']), [])
    assert.deepEqual(
      fields(decisionProblems({ ...decision, withoutContributionsReason: 'later' as 'urgent' })),
      ['withoutContributionsReason'],
    )
  })

  it('says in words why a decision was taken without some agencies, and which', () => {
    const stored = { without_contributions_detail: null, contributing_agency_kinds: ['police', 'health'] }
    assert.equal(withoutContributionsOf({ ...stored, without_contributions_reason: null }), undefined)
    assert.deepEqual(
      withoutContributionsOf({ ...stored, without_contributions_reason: 'agency-unavailable' }),
      {
        reason: 'agency-unavailable',
        reasonLabel: 'An agency could not be reached in time',
        detail: null,
        missingAgencyKinds: ['local-authority', 'education'],
        missingLabels: ["Children's social care", 'Education'],
      },
    )
  })
})

describe('a resubmission: the same sender about the same child within minutes', () => {
  const now = new Date('2024-06-05T10:00:00Z')
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000)
  const sent = (number: number, minutes: number, changes: Partial<SentBefore> = {}): SentBefore => ({
    id: `referral-${number}`,
    number,
    received_at: minutesAgo(minutes),
    client_id: 'system:school',
    idempotency_key: `key-${number}`,
    child_nhs_number: null,
    child_date_of_birth: '2015-03-02',
    child_first_name: 'Ava',
    child_last_name: 'Nowak',
    ...changes,
  })
  const sending = (child: BeingSent['child'], idempotencyKey = 'key-new'): BeingSent => ({
    clientId: 'system:school',
    child,
    idempotencyKey,
    receivedAt: now,
  })
  const ava = { firstName: 'AVA', lastName: 'nowak', dateOfBirth: '2015-03-02' }

  it('names the earliest of the sender’s referrals about the child, names compared in any case', () => {
    const earlier = earlierAboutSameChild([sent(7, 2), sent(5, 6), sent(6, 6)], sending(ava))
    assert.deepEqual(earlier, { id: 'referral-5', number: 5 })
  })

  it('knows the child by NHS number alone', () => {
    const byNumber = sent(8, 1, { child_nhs_number: '9434765919', child_date_of_birth: null })
    const child = { firstName: 'Other', lastName: 'Name', nhsNumber: '9434765919' }
    assert.deepEqual(earlierAboutSameChild([byNumber], sending(child)), { id: 'referral-8', number: 8 })
  })

  it('ignores another sender, another child, its own key and anything older than the window', () => {
    const others = [
      sent(1, 1, { client_id: 'system:surgery' }),
      sent(2, 1, { child_first_name: 'Isla' }),
      sent(3, 1, { child_date_of_birth: '2015-03-03' }),
      sent(4, 1, { idempotency_key: 'key-new' }),
      sent(5, RESUBMISSION_MINUTES + 1),
    ]
    assert.equal(earlierAboutSameChild(others, sending(ava)), undefined)
    assert.deepEqual(earlierAboutSameChild([sent(6, RESUBMISSION_MINUTES)], sending(ava))?.number, 6)
  })
})
