// The groups of roles the policy's table (policy.ts) is written in, and how far each reaches: who
// reads a child's case, who shares events, who triages, who reads meetings. Data only.

import type { AgencyKind, ApiScope, Role } from './actor.ts'

/**
 * How far a grant reaches for one action. On lists and queues (an LA or the partnership), every reach
 * but anywhere and own-agency means the grant's LA (all LAs when it is partnership-wide). On a child
 * or a referral:
 * - anywhere: any record in the partnership
 * - area: the child's LA holds the duty to decide, so its own agency's staff (children's social care)
 *   read the children and referrals of the LA their grant covers; everyone else, only children they
 *   or their agency are involved with now, wherever the child lives
 * - child-la: the child's LA's own staff only (its statutory duties: screening, merging, meetings)
 * - host-la: on a child's move, the host LA's own staff (the LA the child moved to); on a list, area
 * - triage: referrals in open multi-agency triage in the grant's LA (the referral, not the record)
 * - booking: as child-la, and only a referral decided for a strategy discussion (whoever books the
 *   discussion, whose booking waits on it)
 * - referrer: the referrals the actor sent and their outcome (never the child's record)
 * - need-to-know: only children the user is personally involved with
 * - agency: only children the agency is involved with (agencies' systems)
 * - own-agency: only the actor's own agency
 * - scrutiny-grant: only the one child a lead granted the independent scrutineer, while the grant lasts
 *   (the actor's `scrutinyGrants`); it opens a record, never a list, so `mayEver` does not count it
 */
export type Reach =
  | 'anywhere'
  | 'area'
  | 'child-la'
  | 'host-la'
  | 'triage'
  | 'booking'
  | 'referrer'
  | 'need-to-know'
  | 'agency'
  | 'own-agency'
  | 'scrutiny-grant'

export type Reaches = Reach | readonly Reach[]

export interface Rule {
  roles: Partial<Record<Role, Reaches>>
  scopes?: Partial<Record<ApiScope, Reaches>>
  /** Only staff and systems of these kinds of agency hold the action; others whose roles would, read `refused`. */
  agencyKinds?: { only: readonly AgencyKind[]; refused: string }
  /** What those none of whose roles allow the action read, where the general words would say too little. */
  refused?: string
  /** Only systems of these kinds of agency hold the action through their scopes (people: `roles`). */
  systemKinds?: readonly AgencyKind[]
}

/**
 * Who reads a child's case: the referrer only where personally involved; the child's LA's staff within
 * their area; every other agency's staff (a school's or the health board's safeguarding manager, a
 * partner's MAT practitioner, police public protection, MACE) only children their agency is involved
 * with, so a safeguarding manager can open (and clear) the acknowledgements escalated to them.
 */
/** Who records, reads and acknowledges a child's move across a border: the LAs' exploitation workers. */
export const moveWorkers = (reach: Reaches) =>
  ({
    'front-door-screener': reach,
    'mat-practitioner': reach,
    'mace-coordinator': reach,
    'safeguarding-manager': reach,
  }) as const satisfies Partial<Record<Role, Reaches>>

export const caseReaders = {
  referrer: 'need-to-know',
  'front-door-screener': 'area',
  'mat-practitioner': 'area',
  'business-support': 'area',
  'strategy-discussion-chair': 'area',
  'conference-chair': 'area',
  'police-public-protection': 'area',
  'mace-coordinator': 'area',
  lado: 'area',
  'safeguarding-manager': 'area',
} as const satisfies Partial<Record<Role, Reach>>

/**
 * Who posts and acknowledges partner events: case readers less business support, who organise meetings.
 * Posting asks only that the sender match the child (sharing treats the sender as involved for the post
 * alone), which gives no read access.
 */
export const eventSharers = {
  referrer: 'need-to-know',
  'front-door-screener': 'area',
  'mat-practitioner': 'area',
  'strategy-discussion-chair': 'area',
  'conference-chair': 'area',
  'police-public-protection': 'area',
  'mace-coordinator': 'area',
  lado: 'area',
  'safeguarding-manager': 'area',
} as const satisfies Partial<Record<Role, Reach>>

/**
 * Who reads referrals in multi-agency triage: any agency's MAT practitioner, and police public
 * protection for the police; the child's LA's own practitioners read its referrals anyway.
 */
export const triageReaders = {
  'mat-practitioner': ['area', 'triage'],
  'police-public-protection': ['area', 'triage'],
} as const satisfies Partial<Record<Role, Reaches>>

/** Who adds to triage: the same people, on referrals in open triage (or, for the LA's own, its referrals). */
export const triageWorkers = {
  'mat-practitioner': ['child-la', 'triage'],
  'police-public-protection': ['child-la', 'triage'],
} as const satisfies Partial<Record<Role, Reaches>>

/**
 * The child's LA's own staff, who keep the record: see who is involved with a child and why, add an
 * agency, end an involvement, and add to the record's details (an address a referral gave).
 */
export const childLaStaff = {
  'front-door-screener': 'child-la',
  'business-support': 'child-la',
  'strategy-discussion-chair': 'child-la',
  'conference-chair': 'child-la',
} as const satisfies Partial<Record<Role, Reach>>

/** Who searches the child index before creating a record: everyone who works cases, not referrers. */
export const searchers = {
  'front-door-screener': 'anywhere',
  'mat-practitioner': 'anywhere',
  'business-support': 'anywhere',
  'strategy-discussion-chair': 'anywhere',
  'conference-chair': 'anywhere',
  'police-public-protection': 'anywhere',
  'mace-coordinator': 'anywhere',
  lado: 'anywhere',
} as const satisfies Partial<Record<Role, Reach>>

/**
 * The child's LA's own staff who record a child's missing episodes and the return home interviews the
 * LA offers: its front door, MAT practitioners and MACE coordinators.
 */
export const missingRecorders = {
  'front-door-screener': 'child-la',
  'mat-practitioner': 'child-la',
  'mace-coordinator': 'child-la',
} as const satisfies Partial<Record<Role, Reach>>

export const agencyAdministrators = { 'agency-admin': 'own-agency', 'partnership-admin': 'anywhere' } as const

/**
 * Who reads a meeting's record. On a meeting, 'child-la' is the child's LA's own staff as the grant
 * covers it; 'agency' reaches meetings the actor's agency was invited to or attended; 'need-to-know'
 * reaches meetings the actor is named on. Anyone named on the meeting who holds a grant here reads
 * it. Everyone else (MAT practitioners included) reads only meetings their agency took part in,
 * whatever else they may read about the child.
 */
export const meetingReaders = {
  referrer: 'need-to-know',
  'front-door-screener': 'child-la',
  'mat-practitioner': 'agency',
  'business-support': 'child-la',
  'strategy-discussion-chair': 'child-la',
  'conference-chair': 'child-la',
  'police-public-protection': 'agency',
  'mace-coordinator': 'agency',
  lado: 'agency',
  'safeguarding-manager': 'agency',
} as const satisfies Partial<Record<Role, Reach>>

/**
 * Who works on the actions agreed at meetings about a child: the practitioners and managers of the
 * agency that owns one (its involvement with the child opens it) and the child's LA's own staff.
 * Completing one is the owner agency's own part (part.write), so only the owner closes it.
 */
export const actionWorkers = {
  'front-door-screener': 'area',
  'mat-practitioner': 'area',
  'strategy-discussion-chair': 'area',
  'conference-chair': 'area',
  'police-public-protection': 'area',
  'mace-coordinator': 'area',
  lado: 'area',
  'safeguarding-manager': 'area',
} as const satisfies Partial<Record<Role, Reach>>

/**
 * Who refers an allegation against someone who works with children to the LADO: anyone at an agency
 * (a school's designated lead, a health or police manager, an administrator), not the partnership's
 * own reviewers. An organisation without an account refers through a verified email link.
 */
export const allegationReferrers = {
  ...searchers,
  referrer: 'anywhere',
  'safeguarding-manager': 'anywhere',
  'agency-admin': 'anywhere',
} as const satisfies Partial<Record<Role, Reach>>

/**
 * Who reads an allegation: the LADO of its LA (the whole record); the partnership's independent
 * scrutineer (the whole record, children unnamed); whoever referred it (their referral and its
 * outcome, as 'referrer'); the staff of agencies invited to its meetings who work cases (their part,
 * as 'agency').
 */
export const allegationReaders = {
  ...Object.fromEntries(Object.keys(allegationReferrers).map((role) => [role, ['agency', 'referrer']])),
  lado: ['area', 'referrer'],
  referrer: 'referrer',
  'agency-admin': 'referrer',
  'independent-scrutineer': 'anywhere',
} as Partial<Record<Role, Reaches>>

/** Who reads the children an allegation concerns: its readers but the partnership's scrutineer. */
export const allegationIdentifiers = Object.fromEntries(
  Object.entries(allegationReaders).filter(([role]) => role !== 'independent-scrutineer'),
) as Partial<Record<Role, Reaches>>

/**
 * Who reads a professional disagreement and records its stages: on a disagreement, 'agency' reaches
 * those whose agency raised it or is the other party, 'need-to-know' the person who raised it; the
 * partnership's leads (its business unit and independent scrutineer) read every one.
 */
export const disagreementParties = {
  referrer: 'need-to-know',
  'front-door-screener': 'agency',
  'mat-practitioner': 'agency',
  'strategy-discussion-chair': 'agency',
  'conference-chair': 'agency',
  'police-public-protection': 'agency',
  'mace-coordinator': 'agency',
  lado: 'agency',
  'safeguarding-manager': 'agency',
  'partnership-admin': 'anywhere',
  'independent-scrutineer': 'anywhere',
} as const satisfies Partial<Record<Role, Reach>>

/**
 * Who notifies a serious incident and takes it through its rapid review: the child's LA's own
 * safeguarding managers, and the partnership's reviews and learning lead anywhere.
 */
export const reviewManagers = {
  'safeguarding-manager': 'child-la',
  'review-lead': 'anywhere',
} as const satisfies Partial<Record<Role, Reach>>

/**
 * Who reads a serious incident's material knowing who the child is: its managers, and on a review
 * 'agency' reaches the safeguarding managers of the agencies invited to its rapid review (their part).
 */
export const reviewReaders = {
  'safeguarding-manager': ['child-la', 'agency'],
  'review-lead': 'anywhere',
} as const satisfies Partial<Record<Role, Reaches>>

/** Who runs the partnership's multi-agency case audits: its reviews and learning lead and its administrator. */
export const caseAuditLeads = { 'review-lead': 'anywhere', 'partnership-admin': 'anywhere' } as const
/**
 * Who records the exploitation network around a child (src/volt): police public protection and
 * MACE coordinators (the child's LA's own by area; others for children their agency is involved
 * with), and the child's LA's own front door and MAT practitioners.
 */
export const voltRecorders = {
  'police-public-protection': 'area',
  'mace-coordinator': 'area',
  'front-door-screener': 'child-la',
  'mat-practitioner': 'child-la',
} as const satisfies Partial<Record<Role, Reach>>
