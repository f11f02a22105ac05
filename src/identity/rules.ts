// Pure decisions about signing in, sessions and administration: no I/O, tested as tables.

import {
  type Actor,
  API_SCOPES,
  type ApiScope,
  ROLES,
  type Role,
  type RoleGrant,
} from '../platform/access/actor.ts'
import { decideGrant, type GrantingAgency } from '../platform/access/grants.ts'
import { decide, REFUSED_BECAUSE } from '../platform/access/policy.ts'
import type { FieldProblem } from '../platform/http/schemas.ts'

export const MAX_FAILED_SIGN_INS = 5
export const LOCKOUT_MS = 15 * 60_000
export const SESSION_IDLE_MS = 30 * 60_000
export const SESSION_ABSOLUTE_MS = 10 * 60 * 60_000
/** last_seen_at is written at most this often, so a busy page does not write on every request. */
export const SESSION_TOUCH_MS = 60_000

/** Every role that can open a child's record signs in with a second factor; analysts see aggregates only. */
export const rolesRequiringTwoFactor: readonly Role[] = ROLES.filter((role) => role !== 'analyst')

export function requiresTwoFactor(grants: readonly RoleGrant[]): boolean {
  return grants.some((grant) => rolesRequiringTwoFactor.includes(grant.role))
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value)

/** What a session must still do before it opens anything: the second factor, then, after a reset, a password of one's own. */
export type SignInStep = 'second-factor' | 'new-password' | 'done'

export function signInStep(session: {
  secondFactorDone: boolean
  grants: readonly RoleGrant[]
  mustChangePassword: boolean
}): SignInStep {
  if (!session.secondFactorDone && requiresTwoFactor(session.grants)) return 'second-factor'
  return session.mustChangePassword ? 'new-password' : 'done'
}

// ---------------------------------------------------------------------------
// Lockout

export interface LockoutState {
  failedSignIns: number
  lockedUntil: Date | null
}

export const isLocked = (state: LockoutState, now: Date): boolean =>
  state.lockedUntil !== null && state.lockedUntil > now

/** After a wrong password or code: count it, and lock (starting the count again) at the limit. */
export function afterFailedSignIn(state: LockoutState, now: Date): LockoutState {
  const failedSignIns = (isLocked(state, now) ? 0 : state.failedSignIns) + 1
  if (failedSignIns < MAX_FAILED_SIGN_INS) return { failedSignIns, lockedUntil: state.lockedUntil }
  return { failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) }
}

/** An authenticator app whose secret cannot be opened: only an administrator's reset lets its holder in. */
export const AUTHENTICATOR_UNREADABLE =
  'Your authenticator app can no longer be checked. Ask your agency administrator to reset it, ' +
  'then sign in again and set it up.'

/** The one answer to any failed sign-in, so it never tells whether an account exists or is locked. */
export const SIGN_IN_REFUSED =
  'The email address or password is not right, or the account is locked. ' +
  `After ${MAX_FAILED_SIGN_INS} wrong attempts an account is locked for ${LOCKOUT_MS / 60_000} minutes; ` +
  'your agency administrator can unlock it sooner.'

// ---------------------------------------------------------------------------
// Sessions

export interface SessionTimes {
  lastSeenAt: Date
  expiresAt: Date
}

export type SessionState = 'live' | 'idle' | 'expired'

export function sessionState(session: SessionTimes, now: Date): SessionState {
  if (now >= session.expiresAt) return 'expired'
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) return 'idle'
  return 'live'
}

export const sessionExpiry = (signedInAt: Date): Date => new Date(signedInAt.getTime() + SESSION_ABSOLUTE_MS)

export const needsTouch = (lastSeenAt: Date, now: Date): boolean =>
  now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_MS

/** Only a path on this service may follow sign-in: never another site ('//evil', '/\evil', 'https:'). */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return '/'
  // Browsers drop tabs and line breaks and read '\' as '/': '/\t/evil.example' is '//evil.example'.
  if (/[\p{Cc}\\]/u.test(value) || value.startsWith('//')) return '/'
  return value
}

// ---------------------------------------------------------------------------
// Administration

export type AdminAction = 'user.administer' | 'api-client.administer'

/** Whether this actor may manage an agency's users (or API credentials): the access policy decides. */
export const mayAdminister = (actor: Actor, action: AdminAction, agencyId: string): boolean =>
  decide(actor, action, { kind: 'agency', agencyId }).allowed

export const administersEveryAgency = (actor: Actor, action: AdminAction = 'user.administer'): boolean =>
  decide(actor, action, { kind: 'partnership' }).allowed

/**
 * The areas a form's widest choice ('') stands for: the whole partnership for a partnership
 * administrator; for an agency administrator, each LA the agency serves (never the partnership).
 */
export function widestAreas(
  actor: Actor,
  agency: GrantingAgency,
  laIds: readonly string[],
): (string | null)[] {
  if (administersEveryAgency(actor)) return [null]
  return agency.serves === 'all' ? [...laIds] : [...agency.serves]
}

/** The roles this administrator may give a member of this agency somewhere (the policy decides). */
export const grantableRoles = (actor: Actor, agency: GrantingAgency, laIds: readonly string[]): Role[] =>
  ROLES.filter((role) =>
    widestAreas(actor, agency, laIds).some((laId) => decideGrant(actor, agency, { role, laId }).allowed),
  )

/** What is wrong with giving these grants, as form errors: the roles not for this agency, or the area. */
export function grantErrors(
  actor: Actor,
  agency: GrantingAgency & { name: string },
  grants: readonly RoleGrant[],
): FieldProblem[] {
  const refusals = grants.flatMap((grant) => {
    const decision = decideGrant(actor, agency, grant)
    return decision.allowed ? [] : [{ grant, reason: decision.reason }]
  })
  const unfit = [
    ...new Set(
      refusals
        .filter(({ reason }) => reason === REFUSED_BECAUSE.roleNotForAgency)
        .map(({ grant }) => ROLE_LABELS[grant.role]),
    ),
  ]
  const errors: FieldProblem[] = []
  if (unfit.length > 0)
    errors.push({
      text: `Only a partnership administrator can give ${unfit.join(', ')} to staff of ${agency.name}`,
      field: 'roles',
    })
  if (refusals.some(({ reason }) => reason !== REFUSED_BECAUSE.roleNotForAgency))
    errors.push({ field: 'laId', text: `Select an area ${agency.name} serves` })
  return errors
}

export const ROLE_LABELS: Record<Role, string> = {
  referrer: 'Referrer',
  'front-door-screener': 'Front-door screener',
  'mat-practitioner': 'Multi-agency triage practitioner',
  'business-support': 'Business support',
  'strategy-discussion-chair': 'Strategy discussion chair',
  'conference-chair': 'Conference chair',
  'police-public-protection': 'Police public protection',
  'mace-coordinator': 'MACE coordinator',
  analyst: 'Analyst',
  'independent-scrutineer': 'Independent scrutineer',
  lado: 'LADO',
  'safeguarding-manager': 'Safeguarding manager',
  'agency-admin': 'Agency administrator',
  'partnership-admin': 'Partnership administrator',
  'review-lead': 'Reviews and learning lead',
}

export type AccountStatus = 'active' | 'locked' | 'deactivated'

export function accountStatus(
  account: { active: boolean; lockedUntil: Date | null },
  now: Date,
): AccountStatus {
  if (!account.active) return 'deactivated'
  return account.lockedUntil && account.lockedUntil > now ? 'locked' : 'active'
}

/** The API scopes (platform/access/actor.ts) as administrators read them. */
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  'contacts:write': 'Send contacts and referrals',
  'cases:read': 'Read outcomes and records of children the agency is involved with',
  'triage:write': 'Add what the agency’s records hold to referrals in multi-agency triage, in its area',
  'decisions:write': 'Record threshold decisions made by the agency’s own entitled staff, in its area',
  'events:write': 'Post partner events (for example police key events)',
  'events:read': 'Receive partner events and acknowledge them',
  'roll:write': 'Declare the children on the agency’s roll or caseload (education and health agencies)',
  'actions:write': 'Read and complete the actions the agency owns, with evidence',
  'returns:write': 'Send the children in need census return of the LAs the agency serves, to be checked',
  'reviews:read':
    'Read the status and deadlines of its own LA’s serious incidents and reviews, and their recommendations’ progress (no child named)',
  'volt:read':
    'Read the exploitation network (VOLT) of children the force is involved with, and the places and persons flagged for MACE in the areas it serves (police forces)',
  'volt:write':
    'Record links in the exploitation network (VOLT) of children the force is involved with (police forces)',
}
export const isApiScope = (value: string): value is ApiScope =>
  (API_SCOPES as readonly string[]).includes(value)

// ---------------------------------------------------------------------------
// Forms

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** Roles as ticked on a form, all held in one area ('' for the whole partnership). */
export interface RolesInput {
  roles: string[]
  laId: string
}

export interface RolesContext {
  laIds: readonly string[]
}

/** Whether the form is filled in; whether the administrator may give what it asks is the policy's (grantErrors). */
export function rolesErrors(input: RolesInput, context: RolesContext): FieldProblem[] {
  const errors: FieldProblem[] = []
  if (input.roles.length === 0) errors.push({ field: 'roles', text: 'Select at least one role' })
  else if (!input.roles.every(isRole)) errors.push({ field: 'roles', text: 'Select only listed roles' })
  if (input.laId && !context.laIds.includes(input.laId))
    errors.push({ field: 'laId', text: 'Select an area' })
  return errors
}

/** Each role ticked, in the area chosen or, left at the widest choice, in each of `widest` (widestAreas). */
export const grantsFrom = (input: RolesInput, widest: readonly (string | null)[]): RoleGrant[] =>
  input.roles
    .filter(isRole)
    .flatMap((role) => (input.laId ? [input.laId] : widest).map((laId) => ({ role, laId })))

/** The grants after an administrator's change: roles they may not give stay as they were. */
export const changedGrants = (
  current: readonly RoleGrant[],
  given: readonly RoleGrant[],
  grantable: readonly Role[],
): RoleGrant[] => [...current.filter((grant) => !grantable.includes(grant.role)), ...given]

const grantKey = (grant: RoleGrant) => `${grant.role}@${grant.laId ?? ''}`
export const sameGrants = (a: readonly RoleGrant[], b: readonly RoleGrant[]): boolean =>
  a.map(grantKey).sort().join() === b.map(grantKey).sort().join()

export interface NewUserInput extends RolesInput {
  displayName: string
  email: string
  agencyId: string
}

export interface NewUserContext extends RolesContext {
  agencyIds: readonly string[]
  emailTaken: boolean
}

export function newUserErrors(input: NewUserInput, context: NewUserContext): FieldProblem[] {
  const errors: FieldProblem[] = []
  if (!input.displayName) errors.push({ field: 'displayName', text: 'Enter the person’s full name' })
  if (!input.email) errors.push({ field: 'email', text: 'Enter an email address' })
  else if (!EMAIL.test(input.email))
    errors.push({
      text: 'Enter an email address in the correct format, like name@example.org',
      field: 'email',
    })
  else if (context.emailTaken) errors.push({ field: 'email', text: 'Someone already has this email address' })
  if (!context.agencyIds.includes(input.agencyId))
    errors.push({ field: 'agencyId', text: 'Select an agency' })
  return [...errors, ...rolesErrors(input, context)]
}

export interface NewApiClientInput {
  name: string
  agencyId: string
  scopes: string[]
}

export function newApiClientErrors(input: NewApiClientInput, agencyIds: readonly string[]): FieldProblem[] {
  const errors: FieldProblem[] = []
  if (!input.name) errors.push({ field: 'name', text: 'Enter a name for the system' })
  if (!agencyIds.includes(input.agencyId)) errors.push({ field: 'agencyId', text: 'Select an agency' })
  if (input.scopes.length === 0) errors.push({ field: 'scopes', text: 'Select at least one permission' })
  else if (!input.scopes.every(isApiScope))
    errors.push({ field: 'scopes', text: 'Select only listed permissions' })
  return errors
}

export const MIN_PASSWORD_LENGTH = 12
/** Argon2 hashes any length; this only keeps a pasted essay out. */
export const MAX_PASSWORD_LENGTH = 256

/** Length alone, as NCSC advises: rules on kinds of character make passwords more predictable, not stronger. */
export function newPasswordErrors(password: string, context: { sameAsTemporary: boolean }): FieldProblem[] {
  const error = (text: string) => [{ field: 'password', text }]
  if (!password) return error('Enter a new password')
  if (password.length < MIN_PASSWORD_LENGTH)
    return error(`Password must be ${MIN_PASSWORD_LENGTH} characters or more`)
  if (password.length > MAX_PASSWORD_LENGTH)
    return error(`Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`)
  if (context.sameAsTemporary) return error('Choose a password other than the temporary one')
  return []
}

/** A TOTP code as typed: spaces and dashes are ignored. */
export const normaliseCode = (value: string): string => value.replace(/[\s-]/g, '')
export const isSixDigits = (value: string): boolean => /^\d{6}$/.test(value)
