// Demo users: one for every role, across the partnership's agencies, for demo mode only.
// Their password and TOTP secrets are fixed and public on purpose: never seed them in production.

import { createHash } from 'node:crypto'
import type { Database } from '../database.ts'
import type { Agency, PartnershipConfig } from '../partnership/config-schema.ts'
import type { Role, RoleGrant } from '../platform/access/actor.ts'
import { ROLE_LABELS, requiresTwoFactor } from './rules.ts'
import { hashPassword } from './secrets.ts'
import { createUser } from './store.ts'

/** Every demo user's password (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'demo-password-not-for-real-use'

export interface DemoUser {
  email: string
  displayName: string
  agencyId: string
  grants: RoleGrant[]
  password: string
  /** Base32 secret to add to an authenticator app; null for roles that sign in without a second factor. */
  totpSecret: string | null
}

// Given and family names paired by index: 16 and 17 share no factor, so the first 272 pairs differ and
// no two demo users, in any agency, share a name.
const GIVEN_NAMES = [
  'Amira',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Femi',
  'Grace',
  'Harry',
  'Isla',
  'Jay',
  'Kate',
  'Leo',
  'Maya',
  'Noah',
  'Olivia',
  'Priya',
]
const FAMILY_NAMES = [
  'Hussain',
  'Carter',
  'Evans',
  'Mistry',
  'Murphy',
  'Adeyemi',
  'Liu',
  'Walsh',
  'Kowalski',
  'Patel',
  'Robinson',
  'Nowak',
  'Singh',
  'Brennan',
  'Grant',
  'Shah',
  'Fernandes',
]

/** The demo user at this place in the plan's name: distinct for every place below 272. */
const demoName = (index: number): string =>
  `${GIVEN_NAMES[index % GIVEN_NAMES.length]} ${FAMILY_NAMES[index % FAMILY_NAMES.length]}`

interface Seat {
  role: Role
  agency: Agency
  laId: string | null
}

/** Which agency and area each demo user has: pure, so the same partnership always gives the same users. */
export function demoUserPlan(partnership: PartnershipConfig): DemoUser[] {
  const [firstLa, secondLa = firstLa] = partnership.local_authorities
  if (!firstLa) return []
  const laAgency = (laId: string) =>
    partnership.agencies.find((agency) => agency.kind === 'local-authority' && agency.la === laId) as Agency
  const home = laAgency(firstLa.id)
  const ofKind = (kind: Agency['kind'], laId: string) =>
    partnership.agencies.find(
      (agency) =>
        agency.kind === kind &&
        (agency.kind === 'local-authority' || agency.serves === 'all' || agency.serves.includes(laId)),
    ) ?? home
  const police = ofKind('police', firstLa.id)
  const seats: Seat[] = [
    { role: 'referrer', agency: ofKind('education', firstLa.id), laId: firstLa.id },
    ...partnership.local_authorities.map((la) => ({
      role: 'front-door-screener' as const,
      agency: laAgency(la.id),
      laId: la.id,
    })),
    { role: 'mat-practitioner', agency: ofKind('health', firstLa.id), laId: null },
    { role: 'police-public-protection', agency: police, laId: null },
    { role: 'business-support', agency: home, laId: null },
    { role: 'strategy-discussion-chair', agency: home, laId: firstLa.id },
    { role: 'conference-chair', agency: laAgency(secondLa.id), laId: secondLa.id },
    { role: 'mace-coordinator', agency: police, laId: null },
    { role: 'analyst', agency: home, laId: null },
    { role: 'independent-scrutineer', agency: home, laId: null },
    { role: 'lado', agency: home, laId: firstLa.id },
    { role: 'agency-admin', agency: police, laId: null },
    { role: 'partnership-admin', agency: home, laId: null },
    // Model 2 triage needs a practitioner from each of LA, police and education beside health's.
    { role: 'mat-practitioner', agency: home, laId: null },
    { role: 'mat-practitioner', agency: police, laId: null },
    { role: 'mat-practitioner', agency: ofKind('education', firstLa.id), laId: null },
    // Each kind of agency's safeguarding manager, told when its acknowledgements are overdue.
    { role: 'safeguarding-manager', agency: home, laId: firstLa.id },
    { role: 'safeguarding-manager', agency: police, laId: null },
    { role: 'safeguarding-manager', agency: ofKind('health', firstLa.id), laId: null },
    { role: 'safeguarding-manager', agency: ofKind('education', firstLa.id), laId: firstLa.id },
    // The partnership's reviews and learning lead: serious incidents, rapid reviews, practice reviews.
    { role: 'review-lead', agency: home, laId: null },
  ]
  return seats.map((seat, index) => {
    const email = `${seat.role}${seat.role === 'front-door-screener' ? `.${seat.laId}` : ''}@${seat.agency.id}.example`
    const grants = [{ role: seat.role, laId: seat.laId }]
    return {
      email,
      displayName: demoName(index),
      agencyId: seat.agency.id,
      grants,
      password: DEMO_PASSWORD,
      totpSecret: requiresTwoFactor(grants) ? demoTotpSecret(email) : null,
    }
  })
}

/**
 * Creates the demo users (the plan's, or those given, as a benchmark's many of one role) that do not
 * exist yet; returns all of them for the demo command to print.
 */
export async function seedDemoUsers(
  database: Database,
  partnership: PartnershipConfig,
  users: readonly DemoUser[] = demoUserPlan(partnership),
): Promise<DemoUser[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const now = new Date()
  for (const user of users) {
    await createUser(database.db, {
      agencyId: user.agencyId,
      email: user.email,
      displayName: user.displayName,
      passwordHash,
      grants: user.grants,
      ...(user.totpSecret ? { totpSecret: user.totpSecret, totpEnrolledAt: now } : {}),
    })
  }
  return [...users]
}

/** Lines for the terminal: who to sign in as, with what. */
export function formatDemoUsers(users: readonly DemoUser[]): string {
  const rows = users.map((user) => [
    user.grants.map((grant) => ROLE_LABELS[grant.role]).join(', '),
    user.email,
    user.totpSecret ?? '(no code needed)',
  ])
  const [roleWidth, emailWidth] = [0, 1].map((column) =>
    Math.max(...[['Role', 'Email'], ...rows].map((row) => row[column]?.length ?? 0)),
  )
  const line = ([role = '', email = '', secret = '']: string[]) =>
    `  ${role.padEnd(roleWidth ?? 0)}  ${email.padEnd(emailWidth ?? 0)}  ${secret}`
  return [
    `Demo users (password for all: ${DEMO_PASSWORD}; add the TOTP secret to an authenticator app):`,
    line(['Role', 'Email', 'TOTP secret']),
    ...rows.map(line),
  ].join('\n')
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Fixed per email, so reseeding never invalidates a secret someone already added to their app. */
export function demoTotpSecret(email: string): string {
  const bytes = createHash('sha256').update(`masa demo totp ${email}`).digest().subarray(0, 20)
  let bits = ''
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0')
  return (bits.match(/.{5}/g) ?? []).map((chunk) => BASE32[Number.parseInt(chunk, 2)]).join('')
}
