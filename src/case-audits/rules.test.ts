import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  type Candidate,
  changeOf,
  compareRounds,
  drawSample,
  earliestStart,
  questionsOf,
  withoutNames,
} from './rules.ts'

const candidates = (perLa: Record<string, number>): Candidate[] =>
  Object.entries(perLa).flatMap(([laId, n]) =>
    Array.from({ length: n }, (_, i) => ({
      childId: `${laId}-child-${String(i).padStart(3, '0')}`,
      laId,
      planId: `${laId}-plan-${i}`,
      startDate: '2026-10-01',
    })),
  )

describe('drawing a sample', () => {
  const pool = candidates({ leicester: 30, leicestershire: 20, rutland: 8 })

  test('the same seed draws the same sample, whatever order the candidates come in', () => {
    const first = drawSample(pool, 10, 'spring-2027')
    const again = drawSample([...pool].reverse(), 10, 'spring-2027')
    assert.deepEqual(
      again.map((c) => c.childId),
      first.map((c) => c.childId),
    )
    assert.equal(new Set(first.map((c) => c.childId)).size, 10)
  })

  test('another seed draws another sample', () => {
    const a = drawSample(pool, 10, 'seed-a').map((c) => c.childId)
    const b = drawSample(pool, 10, 'seed-b').map((c) => c.childId)
    assert.notDeepEqual(a, b)
  })

  test('is spread across the LAs: counts differ by at most one', () => {
    const sample = drawSample(pool, 10, 'spread')
    const counts = ['leicester', 'leicestershire', 'rutland'].map(
      (la) => sample.filter((c) => c.laId === la).length,
    )
    assert.deepEqual(counts, [4, 3, 3])
  })

  test('an LA with too few gives all it has; the others fill the sample', () => {
    const sample = drawSample(candidates({ north: 20, south: 2 }), 10, 'few')
    assert.equal(sample.filter((c) => c.laId === 'south').length, 2)
    assert.equal(sample.filter((c) => c.laId === 'north').length, 8)
  })

  test('fewer candidates than asked: every one of them', () => {
    assert.equal(drawSample(candidates({ north: 3 }), 10, 'x').length, 3)
    assert.deepEqual(drawSample([], 10, 'x'), [])
  })
})

test('the months count back from the day the rule was drawn, on the month’s last day when shorter', () => {
  assert.equal(earliestStart({ months: 6, asOf: '2026-12-05' }), '2026-06-05')
  assert.equal(earliestStart({ months: 6, asOf: '2026-08-31' }), '2026-02-28')
  assert.equal(earliestStart({ months: 12, asOf: '2027-01-15' }), '2026-01-15')
})

test('the change between an audit and its re-audit, question by question and overall', () => {
  assert.equal(changeOf('inadequate', 'good'), 'better')
  assert.equal(changeOf('good', 'requires-improvement'), 'worse')
  assert.equal(changeOf('good', 'good'), 'same')
  assert.equal(changeOf('good', null), 'none')
  const questions = questionsOf(['Seen?', 'Shared?'])
  const rows = compareRounds(
    questions,
    {
      answers: { q1: { grade: 'inadequate', comment: '' }, q2: { grade: 'good', comment: '' } },
      overall: 'inadequate',
    },
    { answers: { q1: { grade: 'good', comment: '' }, q2: { grade: 'good', comment: '' } }, overall: 'good' },
  )
  assert.deepEqual(
    rows.map((r) => [r.question, r.change]),
    [
      ['Seen?', 'better'],
      ['Shared?', 'same'],
      ['Overall', 'better'],
    ],
  )
})

test('findings read without the child’s names: whole words in any case, other words untouched', () => {
  const text = 'Amy-Lee was seen; the SMITH family and Smithson agreed. amy-lee’s school: Amy Lee.'
  assert.equal(
    withoutNames(text, ['Amy-Lee', 'Smith']),
    '[name withheld] was seen; the [name withheld] family and Smithson agreed. [name withheld]’s school: Amy Lee.',
  )
  assert.equal(withoutNames('No names here.', ['', ' ']), 'No names here.')
  assert.equal(withoutNames('O.(k)', ['O.(k)']), '[name withheld]')
})
