import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Actor, Role } from '../access/actor.ts'
import { navigationFor } from './navigation.ts'

const user = (...roles: Role[]): Actor => ({
  kind: 'user',
  id: 'u1',
  displayName: 'Test User',
  agencyId: 'agency',
  agencyKind: 'local-authority',
  grants: roles.map((role) => ({ role, laId: null })),
})
const texts = (actor: Actor | null, path = '/') => navigationFor(actor, path).map((item) => item.text)

describe('service navigation', () => {
  it('offers the public pages and sign-in to someone not signed in', () => {
    assert.deepEqual(texts(null), ['Worried about a child?', 'Sign in'])
  })

  it('shows a screener the front door and not the administration pages', () => {
    const links = texts(user('front-door-screener'))
    assert.ok(links.includes('Front door'))
    assert.ok(!links.includes('Administration'))
    assert.equal(links.at(-1), 'Sign out')
  })

  it('shows an independent scrutineer the audit but no case pages', () => {
    const links = texts(user('independent-scrutineer'))
    assert.ok(links.includes('Audit'))
    for (const casework of ['Front door', 'Find a child', 'Shared events', 'Diary'])
      assert.ok(!links.includes(casework))
  })

  it('shows a safeguarding manager their agency’s shared events, and no administration or front door', () => {
    const links = texts(user('safeguarding-manager'))
    assert.ok(links.includes('Shared events'))
    for (const other of ['Administration', 'Audit', 'Front door', 'Diary']) assert.ok(!links.includes(other))
  })

  it('offers the roll and caseload page to the safeguarding managers of schools and health, not of other agencies', () => {
    const manager = (agencyKind: Actor['agencyKind']) =>
      texts({ ...user('safeguarding-manager'), agencyKind })
    assert.ok(manager('education').includes('Roll and caseload'))
    assert.ok(manager('health').includes('Roll and caseload'))
    for (const kind of ['local-authority', 'police', 'other'] as const)
      assert.ok(!manager(kind).includes('Roll and caseload'), kind)
    assert.ok(!texts({ ...user('mat-practitioner'), agencyKind: 'education' }).includes('Roll and caseload'))
  })

  it('marks the section of the current page', () => {
    const active = navigationFor(user('front-door-screener'), '/front-door?la=leicester').filter(
      (item) => item.active,
    )
    assert.deepEqual(
      active.map((item) => item.text),
      ['Front door'],
    )
  })

  it('marks a referral as front-door work for the front door, and as the referrer’s own for a referrer', () => {
    const activeFor = (role: Role, path: string) =>
      navigationFor(user(role), path)
        .filter((item) => item.active)
        .map((item) => item.text)
    assert.deepEqual(activeFor('front-door-screener', '/referrals/0b7c/decision'), ['Front door'])
    assert.deepEqual(activeFor('front-door-screener', '/referrals/new'), ['Refer a child'])
    assert.deepEqual(activeFor('referrer', '/referrals/0b7c'), ['Refer a child'])
    assert.deepEqual(activeFor('referrer', '/children-of-nobody'), [])
  })
})
