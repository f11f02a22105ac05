import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadPartnershipConfig } from '../partnership/config.ts'
import { validatePartnershipConfig } from '../partnership/config-schema.ts'
import { networkPicture, PICTURE_LIMIT } from './picture.ts'
import {
  DEFAULT_THEMES,
  gradingInWords,
  type LinkEnds,
  linkVisible,
  normalisePostcode,
  otherEnd,
  personVisible,
  postcodeSector,
  themesOf,
  traversable,
} from './rules.ts'

const police = { police: true }
const partner = { police: false }
const link = (handling_code: LinkEnds['handling_code']): LinkEnds => ({
  handling_code,
  a_kind: 'child',
  a_ref: 'c1',
  b_kind: 'person',
  b_ref: 'p1',
})

describe('VOLT rules', () => {
  it('words the 3x5x2 grading as the police define it', () => {
    assert.equal(
      gradingInWords({ sourceEvaluation: 1, intelligenceAssessment: 'A', handlingCode: 'P' }),
      '1AP: Reliable; known directly to the source; lawful sharing permitted',
    )
    assert.equal(
      gradingInWords({ sourceEvaluation: 3, intelligenceAssessment: 'E', handlingCode: 'C' }),
      '3EC: Not reliable; suspected to be false; lawful sharing permitted with conditions',
    )
  })

  it('normalises postcodes and finds their sector', () => {
    assert.equal(normalisePostcode(' le1  5ab '), 'LE1 5AB')
    assert.equal(normalisePostcode('sw1a1aa'), 'SW1A 1AA')
    assert.equal(normalisePostcode('not a postcode'), undefined)
    assert.equal(postcodeSector('LE1 5AB'), 'LE1 5')
    assert.equal(postcodeSector('SW1A 1AA'), 'SW1A 1')
  })

  it('keeps a restricted person and a C-coded link to the police', () => {
    assert.equal(personVisible(police, { police_restricted: true }), true)
    assert.equal(personVisible(partner, { police_restricted: true }), false)
    assert.equal(personVisible(partner, { police_restricted: false }), true)
    const all = () => true
    assert.equal(linkVisible(partner, link('C'), all), false)
    assert.equal(linkVisible(police, link('C'), all), true)
    assert.equal(linkVisible(partner, link('P'), all), true)
    assert.equal(linkVisible(partner, link(null), all), true)
  })

  it('shows a link only when both its ends are seen', () => {
    const hidesChild = (kind: string) => kind !== 'child'
    assert.equal(linkVisible(police, link('P'), hidesChild), false)
    assert.equal(
      linkVisible(police, link('P'), (kind) => kind !== 'person'),
      false,
    )
  })

  it('reads a link from either end, and does not go on through themes', () => {
    assert.deepEqual(otherEnd(link('P'), 'child', 'c1'), { kind: 'person', ref: 'p1' })
    assert.deepEqual(otherEnd(link('P'), 'person', 'p1'), { kind: 'child', ref: 'c1' })
    assert.equal(traversable('theme'), false)
    assert.equal(traversable('location'), true)
  })

  it('takes the partnership’s own themes, else the defaults, and refuses a theme id used twice', async () => {
    const llr = await loadPartnershipConfig('config/partnerships/llr.yaml')
    assert.deepEqual(themesOf(llr), DEFAULT_THEMES)
    const own = [{ id: 'cse', label: 'CSE' }]
    assert.deepEqual(themesOf({ ...llr, exploitation_themes: own }), own)
    const twice = validatePartnershipConfig({
      ...llr,
      exploitation_themes: [
        { id: 'cse', label: 'CSE' },
        { id: 'cse', label: 'Sexual exploitation' },
      ],
    })
    assert.equal(twice.ok, false)
    assert.match(JSON.stringify(twice), /exploitation_themes\[1\]\.id must be unique/)
    const blank = validatePartnershipConfig({ ...llr, exploitation_themes: [{ id: 'cse', label: ' ' }] })
    assert.equal(blank.ok, false)
  })

  it('lays the network out with cytoscape: every end inside the picture, the same network the same picture', () => {
    const child = { ref: 'c1', name: 'Jordan' }
    const ends = [
      { kind: 'person' as const, ref: 'p1', name: 'Mick', hop: 1 as const },
      { kind: 'location' as const, ref: 'l1', name: 'Station', hop: 1 as const },
      { kind: 'theme' as const, ref: 'county-lines', name: 'County lines', hop: 1 as const },
      { kind: 'child' as const, ref: 'c2', name: 'Riley', hop: 2 as const },
      { kind: 'person' as const, ref: 'p2', name: 'Dean', hop: 2 as const },
    ]
    const at = (kind: 'child' | 'person' | 'location' | 'theme', ref: string) => ({ kind, ref })
    const links = [
      { from: at('child', 'c1'), to: at('person', 'p1') },
      { from: at('child', 'c1'), to: at('location', 'l1') },
      { from: at('child', 'c1'), to: at('theme', 'county-lines') },
      { from: at('person', 'p1'), to: at('child', 'c2') },
      { from: at('location', 'l1'), to: at('person', 'p2') },
      { from: at('person', 'p1'), to: at('person', 'p2') },
    ]
    const picture = networkPicture(child, ends, links)
    assert.ok(picture)
    assert.equal(picture.nodes.length, 6)
    assert.equal(picture.lines.length, 6)
    for (const node of picture.nodes) {
      assert.ok(node.x >= 100 && node.x <= picture.size - 100, `${node.name} across`)
      assert.ok(node.y >= 24 && node.y <= picture.size - 44, `${node.name} down`)
    }
    assert.equal(
      new Set(picture.nodes.map((node) => `${node.x},${node.y}`)).size,
      6,
      'no two ends on one spot',
    )
    assert.deepEqual(networkPicture(child, [...ends].reverse(), [...links].reverse()), picture)
    const tooMany = Array.from({ length: PICTURE_LIMIT + 1 }, (_, i) => ({ ...ends[0], ref: `p${i}` }))
    assert.equal(networkPicture(child, tooMany, []), undefined)
  })
})
