// The partnership view's degrading of identifiers, as regional data tools degrade them.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { degrade, monthOfBirth, postcodeSector } from './partnership.ts'

describe('degrading identifiers for the partnership view', () => {
  it('keeps the month of birth, written as its first day', () => {
    assert.equal(monthOfBirth('2015-06-10'), '2015-06-01')
    assert.equal(monthOfBirth('2016-02-29'), '2016-02-01')
    assert.equal(monthOfBirth(null), null)
  })

  it('keeps the postcode’s sector: the outward code and the inward code’s digit', () => {
    assert.equal(postcodeSector('LE2 1AA'), 'LE2 1')
    assert.equal(postcodeSector(' le21aa '), 'LE2 1')
    assert.equal(postcodeSector('SW1A 1AA'), 'SW1A 1')
    assert.equal(postcodeSector('B1 1BB'), 'B1 1')
    assert.equal(postcodeSector('LE10 3QZ'), 'LE10 3')
    // Anything not a whole postcode gives no sector rather than more than one.
    assert.equal(postcodeSector('LE2'), null)
    assert.equal(postcodeSector('not known'), null)
    assert.equal(postcodeSector(null), null)
  })

  it('drops every full identifier and prefixes the child’s id with the LA’s code', () => {
    const [row] = degrade(
      { laCode: '856', laName: 'Leicester' },
      [
        {
          child_ref: 'LEI001',
          sex: 'F',
          ethnicity: 'WBRI',
          date_of_birth: '2015-06-10',
          postcode: 'LE2 1AA',
          contact_date: '2025-05-02',
          source: '1A',
        },
      ],
      (r) => r.contact_date,
    )
    assert.deepEqual(row, {
      laCode: '856',
      laName: 'Leicester',
      childId: '856-LEI001',
      sex: 'F',
      ethnicity: 'WBRI',
      monthOfBirth: '2015-06-01',
      postcodeSector: 'LE2 1',
      age: 9,
      contact_date: '2025-05-02',
      source: '1A',
    })
  })
})
