// The NRM clocks across England's bank holidays, each referral's stage and what is due first, and the
// partnership's disruption tactics (its configuration's, checked like the rest of it, or the defaults).

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parse, stringify } from 'yaml'
import { PartnershipConfigError, parsePartnershipConfig } from '../partnership/config.ts'
import { isoFromOffset } from '../platform/calendar/testing.ts'
import { isWorkingDay, workingDaysBetween } from '../platform/calendar/working-days.ts'
import {
  byWhatIsDue,
  conclusiveGroundsFrom,
  DEFAULT_DISRUPTION_TACTICS,
  dateProblem,
  disruptionTactics,
  type NrmDecisions,
  nrmDue,
  nrmStage,
  reasonableGroundsDueBy,
} from './rules.ts'

const words = (date: string) => `[${date}]`
const referral = (overrides: Partial<NrmDecisions> = {}): NrmDecisions => ({
  referred_on: '2026-12-21',
  rg_due_by: reasonableGroundsDueBy('2026-12-21'),
  rg_decision: null,
  rg_decided_on: null,
  cg_decision: null,
  ...overrides,
})

describe('the NRM clocks', () => {
  it('expects the reasonable grounds decision 5 working days on, across Christmas 2026', () => {
    // Christmas Day is a Friday; Boxing Day a Saturday, so its bank holiday is Monday 28 December.
    assert.equal(reasonableGroundsDueBy('2026-12-21'), '2026-12-30')
    assert.equal(reasonableGroundsDueBy('2026-12-24'), '2027-01-05') // 29, 30, 31, (1 Jan), 4, 5
    assert.equal(reasonableGroundsDueBy('2026-12-25'), '2027-01-05') // a referral on a holiday counts from it
    assert.equal(reasonableGroundsDueBy('2027-03-24'), '2027-04-02') // 25, (Good Friday 26, Easter Monday 29), 30, 31, 1, 2
    assert.equal(reasonableGroundsDueBy('2026-12-04'), '2026-12-11') // a plain week
  })

  it('always lands on a working day exactly 5 working days on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3600 }), (offset) => {
        const referred = isoFromOffset(offset)
        const due = reasonableGroundsDueBy(referred)
        assert.ok(isWorkingDay(due))
        assert.equal(workingDaysBetween(referred, due), 5)
      }),
    )
  })

  it('allows a conclusive grounds decision no sooner than 30 calendar days after reasonable grounds', () => {
    assert.equal(conclusiveGroundsFrom('2026-12-30'), '2027-01-29')
    assert.equal(conclusiveGroundsFrom('2027-01-31'), '2027-03-02')
    assert.equal(conclusiveGroundsFrom('2028-02-01'), '2028-03-02') // a leap year
  })
})

describe('where a referral stands', () => {
  it('awaits reasonable grounds, then conclusive grounds after a positive one; a negative one concludes it', () => {
    assert.equal(nrmStage(referral()), 'awaiting-reasonable-grounds')
    const positive = referral({ rg_decision: 'positive', rg_decided_on: '2026-12-30' })
    assert.equal(nrmStage(positive), 'awaiting-conclusive-grounds')
    assert.equal(nrmStage(referral({ rg_decision: 'negative', rg_decided_on: '2026-12-30' })), 'concluded')
    assert.equal(nrmStage({ ...positive, cg_decision: 'negative' }), 'concluded')
  })

  it('says in words how long is left, when overdue, and when a conclusive decision may come', () => {
    const before = nrmDue(referral(), new Date('2026-12-23T10:00:00Z'), words)
    assert.deepEqual([before.state, before.words], ['due', '3 working days left']) // 24, 29, 30
    const late = nrmDue(referral(), new Date('2027-01-04T10:00:00Z'), words)
    assert.deepEqual([late.state, late.words], ['overdue', 'Overdue by 2 working days']) // 31 Dec, 4 Jan
    const positive = referral({ rg_decision: 'positive', rg_decided_on: '2026-12-30' })
    assert.deepEqual(nrmDue(positive, new Date('2027-01-28T10:00:00Z'), words), {
      stage: 'awaiting-conclusive-grounds',
      on: '2027-01-29',
      state: 'not-yet',
      words: 'Not before [2027-01-29]',
    })
    assert.equal(nrmDue(positive, new Date('2027-01-29T10:00:00Z'), words).state, 'awaited')
  })

  it('puts what is due first at the top, concluded referrals last', () => {
    const a = referral({ referred_on: '2026-12-21', rg_due_by: '2026-12-30' })
    const b = referral({ referred_on: '2026-12-01', rg_due_by: '2026-12-08' })
    const c = referral({ rg_decision: 'positive', rg_decided_on: '2026-11-01' }) // from 2026-12-01
    const d = referral({ referred_on: '2026-10-01', rg_decision: 'negative', rg_decided_on: '2026-10-05' })
    assert.deepEqual(byWhatIsDue([d, a, b, c]), [c, b, a, d])
  })

  it('refuses a date in the future or before the one it follows', () => {
    assert.equal(dateProblem('2026-12-22', '2026-12-21'), 'Enter a date that is today or in the past')
    assert.equal(dateProblem('2026-12-20', '2026-12-21', { date: '2026-12-21', words: 'after' }), 'after')
    assert.equal(dateProblem('2026-12-21', '2026-12-21', { date: '2026-12-21', words: 'after' }), undefined)
    assert.equal(dateProblem('2027-02-31', '2026-12-21'), undefined, 'not a real day: the schema says so')
  })
})

describe('the partnership’s disruption tactics', () => {
  const llrText = readFileSync('config/partnerships/llr.yaml', 'utf8')
  const withTactics = (tactics: unknown) => stringify({ ...parse(llrText), disruption_tactics: tactics })

  it('are the defaults when the configuration names none', () => {
    const llr = parsePartnershipConfig(llrText, 'llr.yaml')
    assert.equal(disruptionTactics(llr), DEFAULT_DISRUPTION_TACTICS)
    assert.equal(DEFAULT_DISRUPTION_TACTICS.length, 12)
    assert.ok(DEFAULT_DISRUPTION_TACTICS.some((tactic) => tactic.label === 'Hotel information notice'))
  })

  it('are Plymouth and Torbay’s own list, with taxi licensing', () => {
    const pt = parsePartnershipConfig(
      readFileSync('config/partnerships/plymouth-torbay.yaml', 'utf8'),
      'pt.yaml',
    )
    assert.equal(disruptionTactics(pt).at(-1)?.label, 'Referral to taxi licensing')
  })

  it('are the configuration’s own list when it gives one', () => {
    const own = [{ id: 'taxi-licensing-referral', label: 'Referral to taxi licensing' }]
    assert.deepEqual(disruptionTactics(parsePartnershipConfig(withTactics(own), 't.yaml')), own)
  })

  it('refuse a tactic with a bad id, without a label, or an id used twice, naming the field', () => {
    const problems = (tactics: unknown) => {
      try {
        parsePartnershipConfig(withTactics(tactics), 't.yaml')
      } catch (error) {
        assert.ok(error instanceof PartnershipConfigError)
        return error.issues.map((issue) => issue.path)
      }
      assert.fail('accepted')
    }
    assert.deepEqual(problems([{ id: 'Closure Order', label: 'Closure order' }]), [
      'disruption_tactics[0].id',
    ])
    assert.deepEqual(problems([{ id: 'closure-order', label: ' ' }]), ['disruption_tactics[0].label'])
    assert.deepEqual(
      problems([
        { id: 'closure-order', label: 'Closure order' },
        { id: 'closure-order', label: 'Closure order again' },
      ]),
      ['disruption_tactics[1].id'],
    )
    assert.deepEqual(problems([]), ['disruption_tactics'])
  })
})
