/** Who is acting: a signed-in person or an agency's system calling the API. */

export const ROLES = [
  'referrer',
  'front-door-screener',
  'mat-practitioner',
  'business-support',
  'strategy-discussion-chair',
  'conference-chair',
  'police-public-protection',
  'mace-coordinator',
  'analyst',
  'independent-scrutineer',
  'lado',
  'safeguarding-manager',
  'agency-admin',
  'partnership-admin',
  'review-lead',
] as const
export type Role = (typeof ROLES)[number]

export type AgencyKind = 'local-authority' | 'police' | 'health' | 'education' | 'other'

/** A role held in one LA (by its id in the partnership configuration) or, with laId null, the whole partnership. */
export interface RoleGrant {
  role: Role
  laId: string | null
}

export interface Actor {
  kind: 'user' | 'system'
  /** users.id or api_client.id */
  id: string
  displayName: string
  agencyId: string
  agencyKind: AgencyKind
  /**
   * For a local authority's own agency (its children's social care), the LA it is: its staff's area
   * reach covers that LA's children. Absent for every other agency, whose staff read only children
   * their agency is involved with.
   */
  agencyLaId?: string
  grants: readonly RoleGrant[]
  /** For systems: the API scopes granted to the credential. */
  scopes?: readonly string[]
  /** For systems: the LAs their agency serves, for scopes that reach an area (none when absent). */
  serves?: readonly string[] | 'all'
  /**
   * For people: the children they opened by break-glass earlier in this session (child id to the
   * reason they gave), while the opening lasts.
   */
  breakGlass?: ReadonlyMap<string, string>
  /**
   * For independent scrutineers: the children a lead granted them, while each grant lasts (child id to
   * the grant), so the child's record and chronology open read-only and each read is audited with it.
   */
  scrutinyGrants?: ReadonlyMap<string, ScrutinyOpening>
}

/** A current scrutiny grant as the policy and the audit see it. */
export interface ScrutinyOpening {
  grantId: string
  purpose: string
}

/** What an agency's system may do through the API (labels for people live with identity's forms). */
export const API_SCOPES = [
  'contacts:write',
  'cases:read',
  'triage:write',
  'decisions:write',
  'events:write',
  'events:read',
  'roll:write',
  'actions:write',
  'returns:write',
  'reviews:read',
  'volt:read',
  'volt:write',
] as const
export type ApiScope = (typeof API_SCOPES)[number]
