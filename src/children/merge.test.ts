import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { aliasesToTake, identifiersToTake, mergeProblem } from './merge.ts'
import type { ChildSummary } from './store.ts'

const child = (id: string, extra: Partial<ChildSummary> = {}): ChildSummary => ({
  id,
  laId: 'leicester',
  laChildId: `L${id}`,
  givenName: 'Oliver',
  familyName: 'Smith',
  dateOfBirth: '2015-03-04',
  expectedDateOfBirth: null,
  sex: 'M',
  nhsNumber: null,
  upn: null,
  postcode: null,
  schoolName: null,
  sensitivity: 'standard',
  mergedIntoId: null,
  ...extra,
})

describe('merging two records', () => {
  it('refuses itself, records already merged, and different NHS numbers or UPNs', () => {
    assert.match(mergeProblem(child('a'), child('a')) ?? '', /itself/)
    assert.match(mergeProblem(child('a'), child('b', { mergedIntoId: 'c' })) ?? '', /already been merged/)
    assert.match(
      mergeProblem(child('a', { nhsNumber: '9434765919' }), child('b', { nhsNumber: '4010232137' })) ?? '',
      /different NHS numbers/,
    )
    assert.match(
      mergeProblem(child('a', { upn: 'P207000016049' }), child('b', { upn: 'A000000000000' })) ?? '',
      /different UPNs/,
    )
    assert.equal(mergeProblem(child('a', { nhsNumber: '9434765919' }), child('b')), undefined)
  })

  it('takes only the identifiers the survivor lacks', () => {
    const taken = identifiersToTake(
      child('a', { upn: 'P207000016049' }),
      child('b', { nhsNumber: '9434765919', upn: 'P207000016049' }),
    )
    assert.deepEqual(taken, { nhs_number: '9434765919' })
  })

  it('keeps the duplicate’s names as aliases, once each', () => {
    const aliases = aliasesToTake(
      child('a'),
      [{ givenName: 'Ollie', familyName: 'Smith', kind: 'known as' }],
      child('b', { givenName: 'Olivr' }),
      [
        { givenName: 'ollie', familyName: 'smith', kind: 'known as' },
        { givenName: 'Oliver', familyName: 'Brown', kind: 'previous name' },
      ],
    )
    assert.deepEqual(
      aliases.map((a) => `${a.givenName} ${a.familyName} (${a.kind})`),
      ['Olivr Smith (name on a merged record)', 'Oliver Brown (previous name)'],
    )
  })
})
