import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadThresholdContent, parseThresholdContent, ThresholdContentError } from './content.ts'

const VALID = `
title: Test guidance
domains:
  - { id: child-development, title: Child, hint: The child }
  - { id: parenting-capacity, title: Parenting, hint: The parents }
  - { id: family-and-environment, title: Family, hint: The family }
next_steps: { 1: [a], 2: [b], 3: [c], 4: [d] }
indicators:
  - { id: a-1, level: 1, domain: child-development, area: Health, text: Well, resources: [], related: [b-4] }
  - { id: b-4, level: 4, domain: parenting-capacity, area: Safety, text: Harm, resources: [], related: [] }
  - { id: c-2, level: 2, domain: family-and-environment, area: Housing, text: Cramped, resources: [], related: [] }
`

const problems = (text: string) => {
  try {
    parseThresholdContent(text, 'thresholds/test.yaml')
  } catch (error) {
    assert.ok(error instanceof ThresholdContentError)
    return error.message
  }
  assert.fail('expected the content to be refused')
}

describe('threshold content', () => {
  it('loads the demo content: about forty indicators across four levels and three domains', async () => {
    const content = await loadThresholdContent()
    assert.ok(content.indicators.length >= 36, `${content.indicators.length} indicators`)
    for (const level of [1, 2, 3, 4])
      for (const domain of ['child-development', 'parenting-capacity', 'family-and-environment'])
        assert.ok(
          content.indicators.some((i) => i.level === level && i.domain === domain),
          `${level} ${domain}`,
        )
  })

  it('accepts a small valid file', () => {
    assert.equal(parseThresholdContent(VALID, 'test.yaml').indicators.length, 3)
  })

  it('names the file and the field for a bad level', () => {
    assert.match(
      problems(VALID.replace('level: 4', 'level: 5')),
      /^thresholds\/test\.yaml: indicators\[1\]\.level must be a level of need: 1, 2, 3 or 4/,
    )
  })

  it('names a missing field', () => {
    assert.match(problems(VALID.replace('text: Cramped, ', '')), /indicators\[2\]\.text is missing/)
  })

  it('refuses an unknown domain, a related id that does not exist, and a repeated id', () => {
    assert.match(
      problems(VALID.replace('domain: family-and-environment, area', 'domain: housing, area')),
      /indicators\[2\]\.domain must be one of/,
    )
    assert.match(
      problems(VALID.replace('related: [b-4]', 'related: [z-9]')),
      /indicators\[0\]\.related\[0\] refers to "z-9"/,
    )
    assert.match(
      problems(VALID.replace('id: c-2', 'id: a-1')),
      /indicators\[2\]\.id "a-1" is already used by indicators\[0\]/,
    )
  })

  it('says when the YAML itself is broken', () => {
    assert.match(problems('title: [unclosed'), /thresholds\/test\.yaml: is not valid YAML/)
  })
})
