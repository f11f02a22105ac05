import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import fc from 'fast-check'
import { ETHNICITIES, isValidNhsNumber, isValidUpn, SEXES } from '../children/index.ts'
import { laForPostcode, loadPartnershipConfig, type PartnershipConfig } from '../partnership/config.ts'
import { type DemoBatch, type DemoData, type DemoOptions, demoData } from './generate.ts'
import { createRandom } from './random.ts'
import { copyField, copyLines, copyText } from './rows.ts'

const configFile = (name: string) =>
  new URL(`../../config/partnerships/${name}.yaml`, import.meta.url).pathname
const REFERENCE_DATE = '2026-11-15'

let llr: PartnershipConfig
let plymouthTorbay: PartnershipConfig

before(async () => {
  llr = await loadPartnershipConfig(configFile('llr'))
  plymouthTorbay = await loadPartnershipConfig(configFile('plymouth-torbay'))
})

interface Generated extends DemoBatch {
  data: DemoData
  batchSizes: number[]
}

function generate(partnership: PartnershipConfig, options: Partial<DemoOptions> = {}): Generated {
  const data = demoData(partnership, { children: 1500, seed: 42, referenceDate: REFERENCE_DATE, ...options })
  const all: Generated = {
    data,
    batchSizes: [],
    households: [],
    children: [],
    adults: [],
    aliases: [],
    relationships: [],
    involvements: [],
  }
  for (const batch of data.batches()) {
    all.batchSizes.push(batch.children.length)
    const householdIds = new Set(batch.households.map((h) => h.id))
    for (const child of batch.children) {
      assert.ok(householdIds.has(child.household_id ?? ''), "a child's household is in the child's batch")
    }
    all.households.push(...batch.households)
    all.children.push(...batch.children)
    all.adults.push(...batch.adults)
    all.aliases.push(...batch.aliases)
    all.relationships.push(...batch.relationships)
    all.involvements.push(...batch.involvements)
  }
  return all
}

const unique = (values: readonly (string | null)[]) => new Set(values).size === values.length
const present = <T>(values: readonly (T | null)[]) => values.filter((v): v is T => v !== null)

describe('demo data generator', () => {
  it('makes the same rows from the same seed', () => {
    const first = generate(llr)
    const second = generate(llr)
    assert.deepEqual(second.data.schools, first.data.schools)
    assert.deepEqual(second.data.professionals, first.data.professionals)
    assert.deepEqual({ ...second, data: null }, { ...first, data: null })
    assert.deepEqual(
      [...first.data.batches()].flatMap((b) => b.children),
      first.children,
      'batches() restarts',
    )
  })

  it('makes different rows from a different seed', () => {
    const first = generate(llr, { seed: 1 })
    const second = generate(llr, { seed: 2 })
    assert.notDeepEqual(
      second.children.map((c) => c.given_name),
      first.children.map((c) => c.given_name),
    )
    assert.equal(new Set([...first.children, ...second.children].map((c) => c.id)).size, 3000)
  })

  it('makes exactly the children asked for, in batches of about the batch size', () => {
    const { children, batchSizes } = generate(llr, { children: 1234, batchSize: 200 })
    assert.equal(children.length, 1234)
    assert.ok(
      batchSizes.every((size) => size <= 200 + 3),
      'a household of up to 4 may finish a batch',
    )
    assert.equal(generate(llr, { children: 0 }).children.length, 0)
  })

  it('gives NHS numbers from the test range with valid check digits, each once', () => {
    const nhsNumbers = present(generate(llr).children.map((c) => c.nhs_number))
    assert.ok(nhsNumbers.length > 1200, `most children have one (${nhsNumbers.length})`)
    for (const nhsNumber of nhsNumbers) {
      assert.ok(isValidNhsNumber(nhsNumber), nhsNumber)
      assert.ok(nhsNumber.startsWith('999'), `${nhsNumber} is in 999 000 0000 - 999 999 9999`)
    }
    assert.ok(unique(nhsNumbers))
  })

  it("gives UPNs with valid check letters and the LA's DfE code, each once", () => {
    const { children } = generate(llr)
    const dfeCodes = new Map(llr.local_authorities.map((la) => [la.id, la.dfe_code]))
    const upns = present(children.map((c) => c.upn))
    assert.ok(upns.length > 800, `school-age children have one (${upns.length})`)
    for (const child of children.filter((c) => c.upn)) {
      assert.ok(isValidUpn(child.upn ?? ''), child.upn ?? '')
      assert.equal(child.upn?.slice(1, 4), dfeCodes.get(child.la_id))
    }
    assert.ok(unique(upns))
    for (const child of children) {
      assert.ok((child.upn === null) !== (child.upn_unknown === null), 'a UPN or a reason there is none')
    }
  })

  it('uses CIN census codes for sex and ethnicity, and every ethnicity appears', () => {
    const children = generate(llr, { children: 20_000 }).children
    for (const child of children) {
      assert.ok(SEXES.includes(child.sex), child.sex)
      assert.ok(child.ethnicity === null || child.ethnicity in ETHNICITIES, String(child.ethnicity))
    }
    assert.deepEqual(
      new Set(children.map((c) => c.ethnicity)),
      new Set(Object.keys(ETHNICITIES)),
      'all 20 codes occur at this size',
    )
  })

  it("gives synthetic postcodes that route to the household's LA", () => {
    for (const partnership of [llr, plymouthTorbay]) {
      const { households, children } = generate(partnership)
      const householdLa = new Map(households.map((h) => [h.id, h.la_id]))
      for (const household of households) {
        assert.equal(laForPostcode(partnership, household.postcode)?.id, household.la_id, household.postcode)
        assert.match(household.postcode, /^[A-Z]{1,2}\d[A-Z\d]? \dZ[A-Z]$/)
      }
      for (const child of children) assert.equal(householdLa.get(child.household_id ?? ''), child.la_id)
    }
  })

  it('gives ages 0 to 17, and some unborn children due within nine months', () => {
    const { children } = generate(llr, { children: 5000 })
    const today = Date.parse(REFERENCE_DATE)
    const years = (date: string) => (today - Date.parse(date)) / (365.25 * 86_400_000)
    const born = children.filter((c) => c.date_of_birth !== null)
    const unborn = children.filter((c) => c.expected_date_of_birth !== null)
    assert.equal(born.length + unborn.length, children.length)
    for (const child of born)
      assert.ok(years(child.date_of_birth ?? '') >= 0 && years(child.date_of_birth ?? '') < 18)
    assert.ok(unborn.length > 20, `some unborn (${unborn.length})`)
    for (const child of unborn) {
      const monthsAway = -years(child.expected_date_of_birth ?? '') * 12
      assert.ok(monthsAway > 0 && monthsAway < 9, `${child.expected_date_of_birth}`)
      assert.equal(child.nhs_number, null)
      assert.equal(child.upn_unknown, 'UN1')
    }
  })

  it('makes households of 1-4 children and 1-2 adults, related to each other', () => {
    const { households, children, adults, relationships } = generate(llr)
    const count = (ids: (string | null)[]) =>
      ids.reduce((m, id) => m.set(id ?? '', (m.get(id ?? '') ?? 0) + 1), new Map<string, number>())
    const childrenPer = count(children.map((c) => c.household_id))
    const adultsPer = count(adults.map((a) => a.household_id))
    for (const household of households) {
      assert.ok((childrenPer.get(household.id) ?? 0) >= 1 && (childrenPer.get(household.id) ?? 0) <= 4)
      assert.ok((adultsPer.get(household.id) ?? 0) >= 1 && (adultsPer.get(household.id) ?? 0) <= 2)
    }
    const adultIds = new Set(adults.map((a) => a.id))
    const childIds = new Set(children.map((c) => c.id))
    for (const link of relationships) {
      assert.ok(childIds.has(link.child_id))
      assert.ok(link.person_id ? adultIds.has(link.person_id) : childIds.has(link.related_child_id ?? ''))
    }
    assert.ok(relationships.some((r) => r.kind === 'sibling'))
    assert.ok(relationships.some((r) => r.kind === 'mother'))
  })

  it('involves school-age children with their schools and under-fives with health visiting', () => {
    const { children, involvements } = generate(llr)
    const reasons = new Map<string, string[]>()
    for (const i of involvements) reasons.set(i.child_id, [...(reasons.get(i.child_id) ?? []), i.reason])
    for (const child of children) {
      if (child.school_id) assert.ok(reasons.get(child.id)?.includes('school'), child.la_child_id)
    }
    assert.ok(
      involvements.some((i) => i.reason === 'health visitor' && i.agency_id === 'llr-community-health'),
    )
    assert.ok(involvements.some((i) => i.reason === 'allocated'))
  })

  it('gives every partner agency but the colleges a set of involvements, each with a kind and a lawful basis where declared', () => {
    const { involvements } = generate(llr)
    const partners = llr.agencies.filter((a) => a.kind !== 'local-authority' && a.id !== 'llr-colleges')
    for (const agency of partners)
      assert.ok(
        involvements.some((i) => i.agency_id === agency.id),
        `${agency.id} is involved with some children, so its staff see full journeys`,
      )
    for (const i of involvements) {
      assert.notEqual(i.kind, 'referral', 'referral involvements are history only')
      assert.equal(i.lawful_basis !== null, i.kind === 'roll' || i.kind === 'caseload', i.reason)
    }
  })

  it('gives schools for each LA and professionals for every agency', () => {
    for (const partnership of [llr, plymouthTorbay]) {
      const { schools, professionals } = generate(partnership).data
      for (const la of partnership.local_authorities) {
        assert.ok(
          schools.some((s) => s.la_id === la.id && s.phase === 'primary'),
          la.id,
        )
        assert.ok(
          schools.some((s) => s.la_id === la.id && s.phase === 'secondary'),
          la.id,
        )
      }
      for (const agency of partnership.agencies) {
        assert.ok(
          professionals.some((p) => p.agency_id === agency.id),
          `${agency.id} has professionals`,
        )
      }
      assert.ok(unique(professionals.map((p) => p.email)))
      assert.ok(professionals.every((p) => p.email?.endsWith('.example')))
    }
  })

  it('keeps its invariants for any seed and size', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 60 }), (seed, children) => {
        const made = generate(plymouthTorbay, { seed, children, batchSize: 7 })
        return (
          made.children.length === children &&
          present(made.children.map((c) => c.nhs_number)).every(isValidNhsNumber) &&
          present(made.children.map((c) => c.upn)).every(isValidUpn) &&
          made.households.every((h) => laForPostcode(plymouthTorbay, h.postcode)?.id === h.la_id)
        )
      }),
      { numRuns: 30 },
    )
  })
})

describe('COPY text', () => {
  it('escapes backslash, tab and newline, and writes null as \\N', () => {
    assert.equal(copyField(null), '\\N')
    assert.equal(copyField("O'Brien"), "O'Brien")
    assert.equal(copyField('a\\b\tc\nd\re'), 'a\\\\b\\tc\\nd\\re')
    assert.equal(copyText([{ a: 'x', b: null }], ['a', 'b']), 'x\t\\N\n')
  })

  it('writes nothing for no rows, and one line per row when streaming', () => {
    assert.equal(copyText([], ['a']), '')
    assert.deepEqual([...copyLines([{ a: '1' }, { a: '2' }], ['a'])], ['1\n', '2\n'])
  })
})

describe('seeded random numbers', () => {
  it('repeat for a seed and differ between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next)
    assert.deepEqual(draw(1), draw(1))
    assert.notDeepEqual(draw(1), draw(2))
  })

  it('make version-4 UUIDs', () => {
    const random = createRandom(9)
    for (let i = 0; i < 100; i++) {
      assert.match(random.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
  })

  it('make version-7 UUIDs that sort in the order they were made', () => {
    const random = createRandom(9)
    const ids = Array.from({ length: 70_000 }, () => random.orderedUuid())
    for (const id of ids) {
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
    assert.ok(ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id))
    const start = Date.UTC(2026, 0, 1).toString(16).padStart(12, '0')
    assert.equal(
      ids[0]?.replace('-', '').slice(0, 12),
      start,
      'the prefix reads as 2026-01-01 in milliseconds',
    )
  })
})
