// The words of the access policy's answers (policy.ts re-exports them): why an action is allowed,
// the basis the audit records, and why it is refused, as the person refused reads it.

export const MIN_BREAK_GLASS_REASON = 10

export type Basis =
  | 'role'
  | 'area'
  | 'involvement'
  | 'agency-involvement'
  | 'triage'
  | 'referrer'
  | 'own-agency'
  | 'break-glass'
  | 'invited'
  | 'asked'
  | 'owner'
  | 'party'
  | 'audit-grant'
  | 'scrutiny-grant'

export const ALLOWED_BECAUSE: Readonly<Record<Basis, string>> = {
  role: 'Your role allows this anywhere in the partnership',
  area: 'Within the area your role covers',
  involvement: 'You are involved with this child',
  'agency-involvement': 'Your agency is involved with this child',
  triage: 'This referral is in multi-agency triage in your area',
  referrer: 'You made this referral',
  'own-agency': 'Your own agency',
  'break-glass': 'Break-glass: opened outside your usual access, with a reason',
  invited: 'Your agency was invited to this meeting',
  asked: 'Your agency was asked for its part',
  owner: 'Your agency owns this action',
  party: 'You or your agency are party to this disagreement',
  'audit-grant': 'Your agency holds a current audit grant for this child’s case',
  'scrutiny-grant':
    'The partnership’s leads granted you access to this child’s record, for a stated purpose, until its end date',
}

export const REFUSED_BECAUSE = {
  noRole: 'You have no role or permission that allows this',
  outsideArea: 'Outside the area your roles cover',
  breakGlassOffered: 'Outside the area your roles cover: give a reason to open it (break-glass)',
  notInvolved: 'Need to know: your agency is not involved with this child',
  notInvolvedBreakGlass:
    'Need to know: your agency is not involved with this child; give a reason to open it (break-glass)',
  needToKnow: 'Need to know: only records you are involved with',
  otherAgency: 'Only for your own agency',
  reasonTooShort: `Give a reason of at least ${MIN_BREAK_GLASS_REASON} characters to open this record (break-glass)`,
  policeRestricted: 'Police-restricted intelligence: police only',
  healthRestricted: 'Health-restricted record: health only',
  sealed: 'Sealed record: closed to everyone',
  roleNotForAgency: 'Only a partnership administrator gives this role to staff of this agency',
  partnershipWide: 'Only a partnership administrator gives a role across the whole partnership',
  outsideAgencyArea: 'Outside the areas the agency serves',
  notAllegationReader:
    'Only the LADO, whoever referred it and the agencies invited to its meetings may read an allegation',
  notReviewSigner:
    'Only the local authority, the police and health sign off a practice review, for the partnership’s three lead safeguarding partners',
  notLeadPartner:
    'Only the local authority, the police and health sign the yearly report, for the partnership’s three lead safeguarding partners',
  notInvited: 'Only the agencies invited to this meeting and the child’s local authority may read its record',
  notInvitedBreakGlassOffered:
    'Your agency was not invited to this meeting: give a reason to open it (break-glass)',
  policeOnly: 'Marked police-only by police: police only',
  healthOnly: 'Marked health-only: health only',
  notInvitedToDiscussion: 'Your agency has not been invited to this strategy discussion',
  notInvitedToConference: 'Your agency has not been invited to this conference',
  notAskedToRecheck: 'Only the agency asked can answer for itself',
  otherAgencyScreening:
    'Only the agency that made this screening, the child’s local authority and MACE read it',
  notActionOwner: 'Only the agency that owns this action can complete it',
  notMerger: 'Only front-door screeners in the child’s area may merge records',
  keepsNoRoll: 'Your agency keeps no roll or caseload of children',
  notInTriage: 'Your agency does not take part in triage',
  notDisruptor:
    'Disruption tactics and NRM referrals are recorded by the local authority, the police and health at MACE',
  notMatcher:
    'Only the local authority’s front door matches a referral to a child’s record, and whoever books the strategy discussion it was decided for',
  noQueue: 'Only front-door screeners and MAT practitioners have a queue',
  noBooking: 'Only business support and chairs book meetings',
  noActions: 'Only those who work on the actions agreed at meetings have a list of actions',
  noPartnerEvents: 'Your role does not allow you to share or read partner events',
  notReviewReader:
    'Only the child’s local authority, the partnership’s reviews lead and scrutineer, and the agencies invited to its rapid review may read a serious incident',
  notLocalAuthority: 'Only local authorities record and receive children’s moves across borders',
  notMoveParty:
    'Only the local authority that placed the child and the local authority they moved to may read this move',
  notCaseAuditor:
    'Only the partnership’s quality assurance leads and the agencies asked to audit a case may open its audit',
  noAuditGrant: 'Your agency’s audit grant for this child’s case has ended or was not given',
  auditGrantRevoked: 'Your agency’s audit grant for this child’s case was ended early by the partnership',
  notParty: 'Only the agencies party to this disagreement and the partnership’s leads may open it',
  notScrutinyLead:
    'Only the safeguarding managers of the local authority, the police and health, for the partnership’s leads, grant the independent scrutineer access to a child’s record',
  notScrutinyGranted:
    'Only the independent scrutineer the partnership’s leads granted access to, for a stated purpose, may open this child’s record, until the grant ends',
  notAdministrator: 'Only agency and partnership administrators can manage users and API credentials.',
} as const
