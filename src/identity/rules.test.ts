import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { type Actor, ROLES } from '../platform/access/actor.ts'
import {
  accountStatus,
  afterFailedSignIn,
  changedGrants,
  grantableRoles,
  grantErrors,
  grantsFrom,
  isLocked,
  LOCKOUT_MS,
  MAX_FAILED_SIGN_INS,
  mayAdminister,
  newApiClientErrors,
  newPasswordErrors,
  newUserErrors,
  normaliseCode,
  requiresTwoFactor,
  rolesRequiringTwoFactor,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  safeReturnTo,
  sameGrants,
  sessionState,
  signInStep,
  widestAreas,
} from './rules.ts'

const at = (iso: string) => new Date(iso)
const NOON = at('2026-03-02T12:00:00Z')
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms)

const user = (agencyId: string, ...roles: Actor['grants'][number]['role'][]): Actor => ({
  kind: 'user',
  id: 'u',
  displayName: 'U',
  agencyId,
  agencyKind: 'police',
  grants: roles.map((role) => ({ role, laId: null })),
})

describe('lockout', () => {
  it(`locks for ${LOCKOUT_MS / 60_000} minutes at the ${MAX_FAILED_SIGN_INS}th failure, not before`, () => {
    let state = { failedSignIns: 0, lockedUntil: null as Date | null }
    for (let n = 1; n < MAX_FAILED_SIGN_INS; n++) {
      state = afterFailedSignIn(state, NOON)
      assert.equal(isLocked(state, NOON), false, `after ${n}`)
    }
    state = afterFailedSignIn(state, NOON)
    assert.equal(isLocked(state, NOON), true)
    assert.equal(isLocked(state, plus(NOON, LOCKOUT_MS - 1)), true)
    assert.equal(isLocked(state, plus(NOON, LOCKOUT_MS)), false)
  })

  it('never leaves the count at or above the limit, whatever the sequence of failures', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 * 60_000 }), { maxLength: 30 }), (gaps) => {
        let now = NOON
        let state = { failedSignIns: 0, lockedUntil: null as Date | null }
        for (const gap of gaps) {
          now = plus(now, gap)
          state = afterFailedSignIn(state, now)
          assert.ok(state.failedSignIns < MAX_FAILED_SIGN_INS)
        }
      }),
    )
  })

  it('reports an account as active, locked or deactivated', () => {
    assert.equal(accountStatus({ active: true, lockedUntil: null }, NOON), 'active')
    assert.equal(accountStatus({ active: true, lockedUntil: plus(NOON, 1) }, NOON), 'locked')
    assert.equal(accountStatus({ active: true, lockedUntil: NOON }, NOON), 'active')
    assert.equal(accountStatus({ active: false, lockedUntil: plus(NOON, 1) }, NOON), 'deactivated')
  })
})

describe('sessions', () => {
  const signedIn = NOON
  const session = (lastSeenAt: Date) => ({ lastSeenAt, expiresAt: plus(signedIn, SESSION_ABSOLUTE_MS) })

  for (const [label, lastSeen, now, expected] of [
    ['just used', signedIn, plus(signedIn, 1000), 'live'],
    ['idle just under 30 min', signedIn, plus(signedIn, SESSION_IDLE_MS - 1), 'live'],
    ['idle 30 min', signedIn, plus(signedIn, SESSION_IDLE_MS), 'idle'],
    [
      'in use at 9 h 59',
      plus(signedIn, SESSION_ABSOLUTE_MS - 60_000),
      plus(signedIn, SESSION_ABSOLUTE_MS - 1),
      'live',
    ],
    [
      'in use at 10 h',
      plus(signedIn, SESSION_ABSOLUTE_MS - 60_000),
      plus(signedIn, SESSION_ABSOLUTE_MS),
      'expired',
    ],
  ] as const) {
    it(`${label}: ${expected}`, () => assert.equal(sessionState(session(lastSeen), now), expected))
  }
})

describe('two-factor', () => {
  it('is needed by every role but the analyst', () => {
    assert.deepEqual(
      ROLES.filter((role) => !rolesRequiringTwoFactor.includes(role)),
      ['analyst'],
    )
    assert.equal(requiresTwoFactor([{ role: 'analyst', laId: null }]), false)
    assert.equal(
      requiresTwoFactor([
        { role: 'analyst', laId: null },
        { role: 'lado', laId: 'leicester' },
      ]),
      true,
    )
    assert.equal(requiresTwoFactor([]), false)
  })

  it('reads a code as typed, with spaces or dashes', () => {
    assert.equal(normaliseCode(' 123 456 '), '123456')
    assert.equal(normaliseCode('123-456'), '123456')
  })
})

describe('steps of signing in', () => {
  const lado = [{ role: 'lado' as const, laId: null }]
  const analyst = [{ role: 'analyst' as const, laId: null }]
  for (const [grants, secondFactorDone, mustChangePassword, expected] of [
    [lado, false, false, 'second-factor'],
    [lado, false, true, 'second-factor'],
    [lado, true, true, 'new-password'],
    [lado, true, false, 'done'],
    [analyst, false, true, 'new-password'],
    [analyst, false, false, 'done'],
  ] as const) {
    it(`${grants[0]?.role}, second factor ${secondFactorDone ? 'done' : 'not done'}, password ${mustChangePassword ? 'to change' : 'own'}: ${expected}`, () =>
      assert.equal(signInStep({ grants, secondFactorDone, mustChangePassword }), expected))
  }

  it('takes a new password of 12 characters or more, other than the temporary one', () => {
    const problem = (password: string, sameAsTemporary = false) =>
      newPasswordErrors(password, { sameAsTemporary })[0]?.text
    assert.equal(problem('kettle orchard lantern'), undefined)
    assert.equal(problem('a'.repeat(12)), undefined)
    assert.equal(problem(''), 'Enter a new password')
    assert.equal(problem('a'.repeat(11)), 'Password must be 12 characters or more')
    assert.equal(problem('a'.repeat(257)), 'Password must be 256 characters or fewer')
    assert.equal(problem('kettle orchard lantern', true), 'Choose a password other than the temporary one')
  })
})

describe('return addresses', () => {
  for (const [given, expected] of [
    ['/cases/1?tab=a', '/cases/1?tab=a'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/a\r\nSet-Cookie: x', '/'],
    ['/\t/evil.example', '/'],
    ['/path\\..\\x', '/'],
    [undefined, '/'],
    ['', '/'],
  ] as const) {
    it(`${JSON.stringify(given)} -> ${expected}`, () => assert.equal(safeReturnTo(given), expected))
  }
})

describe('administration', () => {
  for (const [label, actor, agency, expected] of [
    ['agency admin, own agency', user('police', 'agency-admin'), 'police', true],
    ['agency admin, other agency', user('police', 'agency-admin'), 'health', false],
    ['partnership admin, any agency', user('la', 'partnership-admin'), 'health', true],
    ['screener, own agency', user('la', 'front-door-screener'), 'la', false],
    ['system', { ...user('police', 'agency-admin'), kind: 'system' as const }, 'police', false],
  ] as const) {
    it(`${label}: ${expected ? 'may' : 'may not'} administer`, () =>
      assert.equal(mayAdminister(actor, 'user.administer', agency), expected))
  }

  const LAS = ['leicester', 'leicestershire', 'rutland']
  const police = { id: 'police', name: 'Police', kind: 'police' as const, serves: 'all' as const }
  const schools = { id: 'schools', name: 'Schools', kind: 'education' as const, serves: ['rutland'] }

  it('offers an agency administrator the roles that fit their agency, and a partnership administrator all', () => {
    assert.deepEqual(grantableRoles(user('police', 'agency-admin'), police, LAS), [
      'referrer',
      'mat-practitioner',
      'police-public-protection',
      'mace-coordinator',
      'safeguarding-manager',
      'agency-admin',
    ])
    assert.deepEqual(grantableRoles(user('la', 'partnership-admin'), police, LAS), [...ROLES])
    assert.deepEqual(grantableRoles(user('la', 'agency-admin'), police, LAS), [], 'not another agency’s')
  })

  it('reads the widest area as each LA the agency serves for its administrator, the partnership for a partnership administrator', () => {
    assert.deepEqual(widestAreas(user('police', 'agency-admin'), police, LAS), LAS)
    assert.deepEqual(widestAreas(user('schools', 'agency-admin'), schools, LAS), ['rutland'])
    assert.deepEqual(widestAreas(user('la', 'partnership-admin'), schools, LAS), [null])
    const input = { roles: ['referrer', 'mat-practitioner'], laId: '' }
    assert.deepEqual(grantsFrom(input, LAS.slice(0, 2)), [
      { role: 'referrer', laId: 'leicester' },
      { role: 'referrer', laId: 'leicestershire' },
      { role: 'mat-practitioner', laId: 'leicester' },
      { role: 'mat-practitioner', laId: 'leicestershire' },
    ])
    assert.deepEqual(grantsFrom({ ...input, laId: 'rutland' }, [null]), [
      { role: 'referrer', laId: 'rutland' },
      { role: 'mat-practitioner', laId: 'rutland' },
    ])
  })

  it('names the roles an agency administrator may not give, and an area outside their agency’s', () => {
    const admin = user('schools', 'agency-admin')
    const errors = grantErrors(admin, schools, [
      { role: 'front-door-screener', laId: 'rutland' },
      { role: 'independent-scrutineer', laId: 'rutland' },
      { role: 'referrer', laId: 'leicester' },
    ])
    assert.deepEqual(errors, [
      {
        text: 'Only a partnership administrator can give Front-door screener, Independent scrutineer to staff of Schools',
        field: 'roles',
      },
      { field: 'laId', text: 'Select an area Schools serves' },
    ])
    assert.deepEqual(grantErrors(admin, schools, [{ role: 'referrer', laId: null }]), [
      { field: 'laId', text: 'Select an area Schools serves' },
    ])
    assert.deepEqual(grantErrors(admin, schools, [{ role: 'referrer', laId: 'rutland' }]), [])
  })

  const context = {
    agencyIds: ['police'],
    laIds: ['leicester'],
    emailTaken: false,
  }
  const valid = {
    displayName: 'A B',
    email: 'a@b.example',
    agencyId: 'police',
    roles: ['referrer'],
    laId: '',
  }

  it('accepts a complete new user and names each problem of an incomplete one', () => {
    assert.deepEqual(newUserErrors(valid, context), [])
    const errors = newUserErrors(
      { displayName: '', email: 'nope', agencyId: 'health', roles: [], laId: 'x' },
      context,
    )
    assert.deepEqual(
      errors.map((error) => error.field),
      ['displayName', 'email', 'agencyId', 'roles', 'laId'],
    )
    assert.equal(newUserErrors(valid, { ...context, emailTaken: true })[0]?.field, 'email')
    assert.equal(
      newUserErrors({ ...valid, roles: ['overlord'] }, context)[0]?.text,
      'Select only listed roles',
    )
  })

  it('changes roles to those ticked, in one area, keeping those the administrator may not give', () => {
    const current = [
      { role: 'partnership-admin' as const, laId: null },
      { role: 'referrer' as const, laId: 'leicester' },
    ]
    const given = grantsFrom({ roles: ['lado', 'analyst'], laId: 'rutland' }, [null])
    const grants = changedGrants(current, given, ['referrer', 'lado', 'analyst'])
    assert.deepEqual(grants, [
      { role: 'partnership-admin', laId: null },
      { role: 'lado', laId: 'rutland' },
      { role: 'analyst', laId: 'rutland' },
    ])
    assert.ok(sameGrants(grants, [...grants].reverse()))
    assert.ok(!sameGrants(grants, grants.slice(1)))
    assert.ok(!sameGrants([{ role: 'lado', laId: null }], [{ role: 'lado', laId: 'rutland' }]))
  })

  it('checks a new API client', () => {
    assert.deepEqual(
      newApiClientErrors({ name: 'CMS', agencyId: 'police', scopes: ['events:write'] }, ['police']),
      [],
    )
    const errors = newApiClientErrors({ name: '', agencyId: 'x', scopes: ['root'] }, ['police'])
    assert.deepEqual(
      errors.map((error) => error.field),
      ['name', 'agencyId', 'scopes'],
    )
  })
})
