import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Actor, AgencyKind, Role } from '../platform/access/actor.ts'
import type { ChildResource } from '../platform/access/policy.ts'
import { chronologyPage, readableOn } from './rules.ts'

const person = (role: Role, agencyKind: AgencyKind): Actor => ({
  kind: 'user',
  id: 'u1',
  displayName: 'Test User',
  agencyId: `${agencyKind}-agency`,
  agencyKind,
  grants: [{ role, laId: 'north' }],
})
const childOf = (actor: Actor): ChildResource => ({
  kind: 'child',
  childId: 'c1',
  laId: 'north',
  sensitivity: 'standard',
  involvement: { agencyIds: [actor.agencyId], userIds: [actor.id] },
})

describe('which entries of a child’s chronology a viewer reads', () => {
  it('gives police their own restricted intelligence as well as the standard entries, never sealed ones', () => {
    const police = person('police-public-protection', 'police')
    assert.deepEqual(readableOn(police, childOf(police)), ['standard', 'police-restricted'])
  })

  it('gives a school the standard entries only', () => {
    const school = person('safeguarding-manager', 'education')
    assert.deepEqual(readableOn(school, childOf(school)), ['standard'])
  })

  it('gives nothing to someone whose role does not read chronologies', () => {
    const analyst = person('analyst', 'other')
    assert.deepEqual(readableOn(analyst, childOf(analyst)), [])
  })
})

describe('the page of a chronology', () => {
  it('is the one asked for, within the pages the entries fill', () => {
    assert.deepEqual(chronologyPage('2', 250, 100), { page: 2, pages: 3, offset: 100, limit: 100 })
    assert.deepEqual(chronologyPage('7', 250, 100), { page: 3, pages: 3, offset: 200, limit: 100 })
  })

  it('is the first when none, or no page number, is asked for, and there is always one page', () => {
    for (const asked of [undefined, '', '0', '-1', 'two', '1.5', ['2']])
      assert.equal(chronologyPage(asked, 250, 100).page, 1, `for ${JSON.stringify(asked)}`)
    assert.deepEqual(chronologyPage('3', 0, 100), { page: 1, pages: 1, offset: 0, limit: 100 })
  })
})
