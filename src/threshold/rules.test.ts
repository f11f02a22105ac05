import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import fc from 'fast-check'
import { loadThresholdContent } from './content.ts'
import { indicatorsByArea, parseThresholdResult, suggestLevel } from './rules.ts'
import type { Indicator, ThresholdContent } from './schemas.ts'

describe('suggestLevel', () => {
  let content: ThresholdContent
  let ids: fc.Arbitrary<string[]>
  const byId = (id: string) => content.indicators.find((i) => i.id === id) as Indicator
  before(async () => {
    content = await loadThresholdContent()
    ids = fc.uniqueArray(fc.constantFrom(...content.indicators.map((i) => i.id)))
  })

  it('suggests level 1, decided by nothing, when nothing is selected', () => {
    const suggestion = suggestLevel([], content)
    assert.equal(suggestion.level, 1)
    assert.deepEqual(suggestion.deciding, [])
    assert.equal(suggestion.considerNextLevel, false)
  })

  it('takes the highest level selected, and names the indicators at that level', () => {
    const suggestion = suggestLevel(['cd-2-health', 'pc-3-neglect', 'fe-1-housing'], content)
    assert.equal(suggestion.level, 3)
    assert.deepEqual(
      suggestion.deciding.map((i) => i.id),
      ['pc-3-neglect'],
    )
    assert.equal(suggestion.selected.length, 3)
  })

  it('does not add level 3 needs across every domain up to level 4, but asks to consider it', () => {
    const suggestion = suggestLevel(['cd-3-health', 'pc-3-neglect', 'fe-3-housing'], content)
    assert.equal(suggestion.level, 3)
    assert.equal(suggestion.deciding.length, 3)
    assert.equal(suggestion.considerNextLevel, true)
  })

  it('does not ask to consider the next level for needs in one domain only', () => {
    assert.equal(suggestLevel(['cd-3-health', 'cd-3-learning'], content).considerNextLevel, false)
  })

  it('ignores ids that are not in the content', () => {
    assert.equal(suggestLevel(['no-such-indicator', 'cd-2-health'], content).level, 2)
  })

  it('never lowers the level when an indicator is added', () => {
    fc.assert(
      fc.property(ids, fc.constantFrom(...content.indicators), (selected, extra) => {
        const before = suggestLevel(selected, content).level
        const after = suggestLevel([...selected, extra.id], content).level
        return after >= before && after >= extra.level
      }),
    )
  })

  it('suggests the highest level among the deciding indicators, and they are all selected', () => {
    fc.assert(
      fc.property(ids, (selected) => {
        const suggestion = suggestLevel(selected, content)
        if (selected.length === 0) return suggestion.level === 1 && suggestion.deciding.length === 0
        const levels = suggestion.deciding.map((i) => i.level)
        return (
          suggestion.deciding.length > 0 &&
          levels.every((level) => level === suggestion.level) &&
          suggestion.deciding.every((i) => selected.includes(i.id)) &&
          selected.every((id) => byId(id).level <= suggestion.level)
        )
      }),
    )
  })

  it('depends only on the set selected, not its order or repeats', () => {
    fc.assert(
      fc.property(ids, (selected) => {
        const forwards = suggestLevel(selected, content)
        const backwards = suggestLevel([...selected].reverse().concat(selected), content)
        return forwards.level === backwards.level && forwards.deciding.length === backwards.deciding.length
      }),
    )
  })

  it('asks to consider the next level only below 4 and when the deciding indicators span domains', () => {
    fc.assert(
      fc.property(ids, (selected) => {
        const suggestion = suggestLevel(selected, content)
        const domains = new Set(suggestion.deciding.map((i) => i.domain))
        return suggestion.considerNextLevel === (suggestion.level < 4 && domains.size >= 2)
      }),
    )
  })
})

describe('threshold content helpers', () => {
  it('groups a domain by area, lowest level first', async () => {
    const content = await loadThresholdContent()
    const areas = indicatorsByArea(content, 'family-and-environment')
    const housing = areas.find((group) => group.area === 'Housing')
    assert.deepEqual(
      housing?.indicators.map((i) => i.level),
      [1, 2, 3, 4],
    )
  })

  it('reads a result sent to a referral only when the level is the one its indicators suggest', async () => {
    const content = await loadThresholdContent()
    assert.deepEqual(parseThresholdResult('3', 'cd-3-health,fe-2-income', content), {
      level: 3,
      indicatorIds: ['cd-3-health', 'fe-2-income'],
    })
    assert.equal(parseThresholdResult('4', 'cd-3-health', content), undefined)
    assert.equal(parseThresholdResult('2', 'cd-2-health,nope', content), undefined)
  })
})
