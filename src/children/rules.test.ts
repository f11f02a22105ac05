import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  type Candidate,
  compareDatesOfBirth,
  dateOfBirthVariants,
  editDistance,
  LIKELY_DUPLICATE_SCORE,
  parseName,
  rankCandidates,
  scoreCandidate,
  trigramSimilarity,
} from './rules.ts'

const candidate = (
  id: string,
  given: string,
  family: string,
  dob: string | null,
  extra: Partial<Candidate> = {},
): Candidate => ({
  childId: id,
  dateOfBirth: dob,
  nhsNumber: null,
  upn: null,
  names: [
    {
      givenName: given,
      familyName: family,
      aliasKind: null,
      givenSoundsAlike: false,
      familySoundsAlike: false,
    },
  ],
  ...extra,
})

const texts = (c: Candidate, query: Parameters<typeof scoreCandidate>[0]) =>
  scoreCandidate(query, c).reasons.map((r) => r.text)

describe('the typed name', () => {
  it('splits given and family names, either way round, without accents or punctuation', () => {
    assert.deepEqual(parseName('  Oliver  James SMITH '), {
      given: 'oliver james',
      family: 'smith',
      single: false,
    })
    assert.deepEqual(parseName("O'Brien, Róisín"), { given: 'roisin', family: 'obrien', single: false })
    assert.deepEqual(parseName('Smith'), { given: 'smith', family: 'smith', single: true })
    assert.equal(parseName('  '), undefined)
  })

  it('counts a swap of neighbouring letters as one edit', () => {
    assert.equal(editDistance('smith', 'smiht'), 1)
    assert.equal(editDistance('wood', 'wod'), 1)
    assert.equal(editDistance('kaitlyn', 'caitlin'), 2)
    assert.equal(editDistance('smith', 'jones'), 4)
  })

  it('measures trigram similarity as pg_trgm does', () => {
    assert.equal(trigramSimilarity('smith', 'smith'), 1)
    assert.ok(Math.abs(trigramSimilarity('smiht', 'smith') - 1 / 3) < 1e-9)
    assert.equal(trigramSimilarity('oliver smith', 'smith oliver'), 1)
  })
})

describe('dates of birth', () => {
  it('recognises the same date, day and month swapped, one digit off and one day apart', () => {
    assert.equal(compareDatesOfBirth('2015-03-04', '2015-03-04'), 'exact')
    assert.equal(compareDatesOfBirth('2015-04-03', '2015-03-04'), 'swapped')
    assert.equal(compareDatesOfBirth('2015-03-14', '2015-03-04'), 'one-digit')
    assert.equal(compareDatesOfBirth('2015-03-31', '2015-04-01'), 'one-day')
    assert.equal(compareDatesOfBirth('2015-03-04', '2011-09-20'), 'different')
  })

  it('searches a small set of real dates, the typed one first', () => {
    const variants = dateOfBirthVariants('2015-03-04')
    assert.equal(variants[0], '2015-03-04')
    assert.ok(variants.includes('2015-04-03'))
    assert.ok(variants.length <= 20)
    assert.ok(!dateOfBirthVariants('2015-01-31').includes('2015-02-31'))
  })

  it('finds among the variants every recorded date it would not call different', () => {
    const day = fc
      .integer({ min: 0, max: 20000 })
      .map((n) => new Date(Date.UTC(1970, 0, 1) + n * 86_400_000).toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, day, (typed, recorded) => {
        const close = compareDatesOfBirth(typed, recorded) !== 'different'
        return close === dateOfBirthVariants(typed).includes(recorded)
      }),
    )
  })
})

describe('scoring a candidate', () => {
  const query = { name: parseName('Oliver Smith'), dateOfBirth: '2015-03-04' }

  it('gives the reasons for an exact match and flags it as a likely duplicate', () => {
    const match = scoreCandidate(query, candidate('a', 'Oliver', 'Smith', '2015-03-04'))
    assert.deepEqual(
      match.reasons.map((r) => r.text),
      ['same name', 'same date of birth'],
    )
    assert.ok(match.score >= LIKELY_DUPLICATE_SCORE && match.likelyDuplicate)
  })

  it('explains a sound-alike name and a swapped date', () => {
    const c = candidate('a', 'Caitlin', 'Smyth', '2012-11-04')
    c.names[0] = { ...(c.names[0] as Candidate['names'][0]), givenSoundsAlike: true, familySoundsAlike: true }
    const reasons = texts(c, { name: parseName('Kaitlyn Smith'), dateOfBirth: '2012-04-11' })
    assert.deepEqual(reasons, ['name sounds alike', 'date of birth with day and month swapped'])
  })

  it('scores the same NHS number as a likely duplicate on its own, and a different one against', () => {
    const same = scoreCandidate(
      { nhsNumber: '9434765919' },
      candidate('a', 'X', 'Y', null, { nhsNumber: '9434765919' }),
    )
    assert.ok(same.likelyDuplicate)
    assert.equal(same.reasons[0]?.text, 'same NHS number')
    const differs = scoreCandidate(
      { ...query, nhsNumber: '4010232137' },
      candidate('a', 'Oliver', 'Smith', '2015-03-04', { nhsNumber: '9434765919' }),
    )
    assert.ok(!differs.likelyDuplicate)
    assert.ok(differs.reasons.some((r) => r.text === 'different NHS number' && r.points < 0))
  })

  it('does not flag a twin: same family name and date of birth, different given name', () => {
    assert.equal(
      scoreCandidate(query, candidate('a', 'Amelia', 'Smith', '2015-03-04')).likelyDuplicate,
      false,
    )
  })

  it('uses the best of a child’s names, saying which alias matched', () => {
    const c = candidate('a', 'Jayden', 'Okafor', '2010-07-01')
    c.names.push({
      givenName: 'Jay',
      familyName: 'Brown',
      aliasKind: 'previous name',
      givenSoundsAlike: false,
      familySoundsAlike: false,
    })
    assert.deepEqual(texts(c, { name: parseName('Jay Brown'), dateOfBirth: '2010-07-01' }), [
      'same name: previous name Jay Brown',
      'same date of birth',
    ])
  })

  it('ranks a misspelt name with a swapped date above a stranger born on the typed date', () => {
    const ranked = rankCandidates(
      { name: parseName('Olivr Smiht'), dateOfBirth: '2015-04-03' },
      [
        candidate('stranger', 'Isabella', 'Smith', '2015-04-03'),
        candidate('twin-ish', 'Ava', 'Smith', '2015-04-03'),
        candidate('true', 'Oliver', 'Smith', '2015-03-04'),
      ],
      10,
    )
    assert.equal(ranked[0]?.childId, 'true')
  })

  it('leaves out candidates with too little in common, and ranks by score', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Oliver', 'Olivia', 'Amir', 'Jack', 'Ava'), { maxLength: 8 }),
        (given) => {
          const ranked = rankCandidates(
            query,
            given.map((g, i) => candidate(String(i), g, 'Jones', '2001-01-01')),
            20,
          )
          return ranked.every((m, i) => m.score >= 20 && (i === 0 || (ranked[i - 1]?.score ?? 0) >= m.score))
        },
      ),
    )
  })
})
