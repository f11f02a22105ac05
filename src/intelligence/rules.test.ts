import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { barChart } from './chart.ts'
import { DEFAULT_STANDARDS, judged, monthsBefore, monthsBetween, ragOf, type Standard } from './rules.ts'

const standard = (id: string) => DEFAULT_STANDARDS.find((s) => s.id === id) as Standard
const found = (startedOn: string, endedOn: string | null) => ({
  laId: 'leicester',
  reference: 'FD-000001',
  startedOn,
  endedOn,
})

describe('the standards’ rules', () => {
  it('rates against green and amber in the standard’s direction', () => {
    const decisions = standard('referral-decisions')
    assert.deepEqual(
      [95, 94.9, 85, 84.9].map((p) => ragOf(p, decisions)),
      ['green', 'amber', 'amber', 'red'],
    )
    const reReferrals = standard('re-referrals')
    assert.deepEqual(
      [22, 22.1, 27, 27.1].map((p) => ragOf(p, reReferrals)),
      ['green', 'amber', 'amber', 'red'],
    )
  })

  it('judges a clock in working days, across a bank holiday, and leaves one still running out', () => {
    const clock = { kind: 'clock', workingDays: 1 } as const
    // Friday 28 August 2026; Monday 31 August is the summer bank holiday.
    assert.equal(judged(found('2026-08-28', '2026-09-01'), clock, '2026-10-01')?.counted, true)
    assert.equal(judged(found('2026-08-28', '2026-09-02'), clock, '2026-10-01')?.counted, false)
    assert.equal(
      judged(found('2026-08-28', null), clock, '2026-09-01'),
      undefined,
      'due today: still running',
    )
    assert.equal(judged(found('2026-08-28', null), clock, '2026-09-02')?.counted, false, 'overdue')
  })

  it('judges a due date the query found, and a yes or no it decided (none yet: left out)', () => {
    const review = { ...found('2026-06-10', '2026-06-12'), dueOn: '2026-06-10' }
    assert.equal(judged(review, { kind: 'due' }, '2026-07-01')?.counted, false)
    assert.equal(judged({ ...review, endedOn: '2026-06-10' }, { kind: 'due' }, '2026-07-01')?.counted, true)
    assert.equal(judged({ ...review, endedOn: null }, { kind: 'due' }, '2026-06-10'), undefined, 'due today')
    assert.equal(
      judged({ ...found('2026-06-10', null), inTime: null }, { kind: 'in-time' }, '2026-07-01'),
      undefined,
    )
    assert.equal(
      judged({ ...found('2026-06-10', null), inTime: false }, { kind: 'in-time' }, '2026-07-01')?.counted,
      false,
    )
  })

  it('counts a repeat when an earlier one was found', () => {
    assert.equal(judged(found('2026-06-02', '2025-07-01'), { kind: 'repeat' }, '2026-07-01')?.counted, true)
    assert.equal(judged(found('2026-06-02', null), { kind: 'repeat' }, '2026-07-01')?.month, '2026-06')
  })

  it('walks months across a year’s end', () => {
    assert.deepEqual(monthsBetween('2025-11', '2026-02'), ['2025-11', '2025-12', '2026-01', '2026-02'])
    assert.equal(monthsBefore('2026-01', 1), '2025-12')
    assert.equal(monthsBefore('2025-12', -1), '2026-01')
  })
})

describe('the bar chart', () => {
  it('widens to its longest labels: a long measure and a long LA name are drawn whole, not cut short', async () => {
    const measure = 'Children discussed at MACE by theme, age band, sex and ethnicity group'
    const la = 'Royal Borough of Windsor and Maidenhead Children’s Services'
    const svg = await barChart(
      'Totals by local authority',
      [
        { category: measure, area: la, value: 12 },
        { category: measure, area: 'Rutland', value: 5 },
        { category: 'NRM referrals', area: la, value: 7 },
      ],
      false,
    )
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])
    assert.ok(texts.includes(measure), 'the measure whole')
    assert.ok(texts.includes(la), 'the LA whole')
    assert.doesNotMatch(svg, /…/, 'nothing cut short')
  })
})
