// Granting roles: which role an administrator may give, to whom, in which area. Decided by the
// policy's own question (user.administer) and then by the agency's kind and area.

import type { Actor, AgencyKind, Role, RoleGrant } from './actor.ts'
import { type Decision, decide, REFUSED_BECAUSE, type Refusal } from './policy.ts'

const ANY_KIND: readonly AgencyKind[] = ['local-authority', 'police', 'health', 'education', 'other']

/**
 * The kinds of agency whose administrator may give each role to their own staff. Statutory social
 * work (the front door, meetings' chairs and organisers, the LADO) is the local authority's; public
 * protection is the police's; MACE is run by either. Roles that look across the whole partnership
 * (no kinds: analyst, independent scrutineer, partnership administrator) are given only by a
 * partnership administrator, who may give any role to anyone.
 */
export const ROLE_AGENCY_KINDS: Readonly<Record<Role, readonly AgencyKind[]>> = {
  referrer: ANY_KIND,
  'front-door-screener': ['local-authority'],
  'mat-practitioner': ANY_KIND,
  'business-support': ['local-authority'],
  'strategy-discussion-chair': ['local-authority'],
  'conference-chair': ['local-authority'],
  'police-public-protection': ['police'],
  'mace-coordinator': ['local-authority', 'police'],
  analyst: [],
  'independent-scrutineer': [],
  lado: ['local-authority'],
  'safeguarding-manager': ANY_KIND,
  'agency-admin': ANY_KIND,
  'partnership-admin': [],
  'review-lead': [],
}

/** The agency whose member is given a role, as the policy sees it: its kind and the LAs it serves. */
export interface GrantingAgency {
  id: string
  kind: AgencyKind
  serves: readonly string[] | 'all'
}

/**
 * May this administrator give this role, in this area (null: the whole partnership), to a member of
 * this agency? A partnership administrator gives anything; an agency administrator gives only roles
 * that fit their agency's kind, to their own staff, in an LA their agency serves.
 */
export function decideGrant(actor: Actor, agency: GrantingAgency, grant: RoleGrant): Decision {
  const administers = decide(actor, 'user.administer', { kind: 'agency', agencyId: agency.id })
  if (!administers.allowed) return administers
  if (decide(actor, 'user.administer', { kind: 'partnership' }).allowed) return administers
  const refused = (reason: string): Refusal => ({ allowed: false, reason, hideExistence: false })
  if (!ROLE_AGENCY_KINDS[grant.role].includes(agency.kind)) return refused(REFUSED_BECAUSE.roleNotForAgency)
  if (grant.laId === null) return refused(REFUSED_BECAUSE.partnershipWide)
  if (agency.serves !== 'all' && !agency.serves.includes(grant.laId))
    return refused(REFUSED_BECAUSE.outsideAgencyArea)
  return administers
}
