// The voice of children and families' pure rules: the small-number rule and the counts by theme.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resultsByTheme, shownCount, THEMES } from './rules.ts'

describe('voice rules', () => {
  it('shows 0 and 5 or more as numbers, 1 to 4 as fewer than 5', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 120].map(shownCount), [
      '0',
      'fewer than 5',
      'fewer than 5',
      'fewer than 5',
      'fewer than 5',
      '5',
      '6',
      '120',
    ])
  })

  it('gathers each audience’s answers by theme and counts each answer', () => {
    const five = Array.from({ length: 5 }, () => ({
      answers: { understood: 'yes', heard: 'no' },
      suggestion: null,
    }))
    const themes = resultsByTheme('family', [
      ...five,
      { answers: { understood: 'no', heard: 'no', reports: 'partly' }, suggestion: 'A quieter room' },
    ])
    assert.deepEqual(
      themes.map((t) => t.key),
      THEMES.map((t) => t.key),
    )
    const understanding = themes.find((t) => t.key === 'understanding')
    assert.deepEqual(
      understanding?.questions.map((q) => [q.key, q.answered, q.counts.map((c) => c.shown)]),
      [['understood', '6', ['5', '0', 'fewer than 5']]],
    )
    const heard = themes.find((t) => t.key === 'being-heard')?.questions[0]
    assert.deepEqual(
      heard?.counts.map((c) => c.shown),
      ['0', '0', '6'],
    )
    const information = themes.find((t) => t.key === 'information')?.questions[0]
    assert.equal(information?.answered, 'fewer than 5')
    assert.equal(themes.find((t) => t.key === 'what-would-help')?.suggestions, 'fewer than 5')
    const practitioners = resultsByTheme('practitioner', [])
    assert.deepEqual(
      practitioners.find((t) => t.key === 'understanding')?.questions.map((q) => q.key),
      ['purpose'],
    )
  })
})
