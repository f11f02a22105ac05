// Who may give which role, in which area: every administrator x role x area, as a table.

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Actor, type AgencyKind, ROLES, type Role } from './actor.ts'
import { decideGrant, type GrantingAgency } from './grants.ts'
import { REFUSED_BECAUSE } from './policy.ts'

/** Which kinds of agency's administrator may give each role (L local authority, P police, H health, E education, O other). */
const GIVEN_BY: Record<Role, string> = {
  referrer: 'LPHEO',
  'front-door-screener': 'L',
  'mat-practitioner': 'LPHEO',
  'business-support': 'L',
  'strategy-discussion-chair': 'L',
  'conference-chair': 'L',
  'police-public-protection': 'P',
  'mace-coordinator': 'LP',
  analyst: '',
  'independent-scrutineer': '',
  lado: 'L',
  'safeguarding-manager': 'LPHEO',
  'agency-admin': 'LPHEO',
  'partnership-admin': '',
  'review-lead': '',
}
const LETTER: Record<AgencyKind, string> = {
  'local-authority': 'L',
  police: 'P',
  health: 'H',
  education: 'E',
  other: 'O',
}

const AGENCIES: GrantingAgency[] = [
  { id: 'leicester-city-council', kind: 'local-authority', serves: ['leicester'] },
  { id: 'police', kind: 'police', serves: 'all' },
  { id: 'icb', kind: 'health', serves: 'all' },
  { id: 'leicester-schools', kind: 'education', serves: ['leicester'] },
  { id: 'probation', kind: 'other', serves: ['leicester', 'rutland'] },
]
const AREAS = [null, 'leicester', 'rutland'] as const

const administrator = (agency: GrantingAgency, role: Role = 'agency-admin'): Actor => ({
  kind: 'user',
  id: `${role}@${agency.id}`,
  displayName: 'Admin',
  agencyId: agency.id,
  agencyKind: agency.kind,
  grants: [{ role, laId: null }],
})

const serves = (agency: GrantingAgency, laId: string) =>
  agency.serves === 'all' || agency.serves.includes(laId)

describe('giving roles: an agency administrator, to their own staff', () => {
  for (const agency of AGENCIES)
    for (const role of ROLES)
      for (const laId of AREAS) {
        const fits = GIVEN_BY[role].includes(LETTER[agency.kind])
        const expected = fits && laId !== null && serves(agency, laId)
        it(`${agency.kind} administrator ${expected ? 'may' : 'may not'} give ${role} in ${laId ?? 'the whole partnership'}`, () => {
          const decision = decideGrant(administrator(agency), agency, { role, laId })
          assert.equal(decision.allowed, expected)
          if (decision.allowed) return
          const reason = !fits
            ? REFUSED_BECAUSE.roleNotForAgency
            : laId === null
              ? REFUSED_BECAUSE.partnershipWide
              : REFUSED_BECAUSE.outsideAgencyArea
          assert.equal(decision.reason, reason)
          assert.equal(decision.hideExistence, false)
        })
      }
})

describe('giving roles: everyone else', () => {
  const [la, police] = AGENCIES as [GrantingAgency, GrantingAgency]

  it('an agency administrator gives nothing to another agency’s staff, even a role that fits it', () => {
    const decision = decideGrant(administrator(la), police, { role: 'referrer', laId: 'leicester' })
    assert.deepEqual(decision, { allowed: false, reason: REFUSED_BECAUSE.otherAgency, hideExistence: false })
  })

  it('a partnership administrator gives any role, in any area or the whole partnership, to any agency’s staff', () => {
    const partnershipAdmin = administrator(la, 'partnership-admin')
    for (const agency of AGENCIES)
      for (const role of ROLES)
        for (const laId of AREAS) assert.ok(decideGrant(partnershipAdmin, agency, { role, laId }).allowed)
  })

  it('nobody else gives a role: not a case worker, not a system with every scope', () => {
    const screener = administrator(la, 'front-door-screener')
    assert.equal(decideGrant(screener, la, { role: 'referrer', laId: 'leicester' }).allowed, false)
    const system: Actor = { ...administrator(la), kind: 'system', grants: [], scopes: ['cases:read'] }
    assert.equal(decideGrant(system, la, { role: 'referrer', laId: 'leicester' }).allowed, false)
  })
})
