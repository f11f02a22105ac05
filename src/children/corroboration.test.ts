import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { corroborates } from './corroboration.ts'
import { normaliseName } from './rules.ts'

const ava = { givenName: 'Ava Grace', familyName: 'Testchild', dateOfBirth: '2015-03-02' }

describe('corroborating an identifier with the name or date of birth', () => {
  it('accepts the same date of birth whatever the name', () => {
    assert.equal(corroborates({ givenName: 'Made', familyName: 'Up', dateOfBirth: '2015-03-02' }, ava), true)
  })

  it('accepts the same family name and first given name, ignoring case, spacing and accents', () => {
    assert.equal(corroborates({ givenName: ' ava ', familyName: 'TESTCHILD' }, ava), true)
    assert.equal(
      corroborates({ givenName: 'Ava', familyName: 'Testchild', dateOfBirth: '2016-01-01' }, ava),
      true,
    )
    const zoe = { givenName: 'Zoë', familyName: 'Smith-Jones', dateOfBirth: null }
    assert.equal(corroborates({ givenName: 'Zoe', familyName: 'smith jones' }, zoe), false)
    assert.equal(corroborates({ givenName: 'ZOE', familyName: 'Smith-Jones' }, zoe), true)
  })

  it('refuses a made-up name, half a name, or nothing beside the identifier', () => {
    assert.equal(corroborates({ givenName: 'Made', familyName: 'Up', dateOfBirth: '2015-03-03' }, ava), false)
    assert.equal(corroborates({ givenName: 'Grace', familyName: 'Testchild' }, ava), false)
    assert.equal(corroborates({ familyName: 'Testchild' }, ava), false)
    assert.equal(corroborates({ givenName: 'Ava' }, ava), false)
    assert.equal(corroborates({}, ava), false)
    assert.equal(corroborates({ dateOfBirth: null }, { ...ava, dateOfBirth: null }), false)
  })

  it('never accepts a description that shares neither the date of birth nor the family name', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 })
    fc.assert(
      fc.property(name, name, fc.date({ noInvalidDate: true }), (given, family, born) => {
        const dateOfBirth = born.toISOString().slice(0, 10)
        fc.pre(dateOfBirth !== ava.dateOfBirth && normaliseName(family) !== 'testchild')
        return !corroborates({ givenName: given, familyName: family, dateOfBirth }, ava)
      }),
    )
  })
})
