// What the access policy (policy.ts) is asked about: the actions and the resources they apply to.
// policy.ts re-exports all of it, so the policy stays the one place to import from.

/** Actions on one child's record; on an LA or the partnership they mean that area's lists and queues. */
export const RECORD_ACTIONS = [
  'child.view',
  'child.merge',
  'child.update',
  'referral.view',
  'referral.screen',
  'referral.decide',
  'mat.contribute',
  'referral.match',
  'strategy.schedule',
  'strategy.contribute',
  'strategy.chair',
  'conference.schedule',
  'conference.chair',
  'event.post',
  'event.view',
  'event.acknowledge',
  'chronology.view',
  'involvement.view',
  'involvement.manage',
  'exploitation.screen',
  'exploitation.view',
  'missing.record',
  'missing.interview',
  'missing.view',
  'mace.refer',
  'mace.view',
  'disruption-nrm.record',
  'disruption-nrm.view',
  'police-request.make',
  'police-request.answer',
  'action.view',
  'action.complete',
  'escalation.raise',
  'move.record',
  'volt.record',
  'volt.view',
  'voice.issue',
] as const
/** Record actions that are about one referral (its content and triage) rather than the child's record. */
export const REFERRAL_ACTIONS = [
  'referral.view',
  'referral.screen',
  'referral.decide',
  'mat.contribute',
  'referral.match',
] as const
/** Actions on an area (an LA or the whole partnership) rather than one record. */
export const AREA_ACTIONS = [
  'child.search',
  'child.create',
  'referral.create',
  'statistics.view',
  'maintenance.view',
  'retention.view',
  'retention.manage',
  'allegation.refer',
  'allegation.report',
  'escalation.report',
  'training.book',
  'training.manage',
  'training.report',
  'learning.read',
  'learning.write',
  'learning.oversee',
  'voice.answer',
  'voice.results',
  'voice.manage',
  'returns.prepare',
  'volt.person',
  'yearly-report.write',
  'yearly-report.sign',
  'yearly-report.view',
  'yearly-report.read',
  'dataset.build',
  'dataset.compare',
  'statistics.compare',
  'masa-plan.read',
  'masa-plan.write',
  'masa-plan.forum',
  'masa-plan.sign',
  'returns.compare',
] as const
/**
 * Actions on an agency's users, credentials and audit, or on every agency's (the partnership).
 * break-glass.report: a local authority's own agency's list also holds every agency's break-glass on
 * its LA's children. roll.declare: an education agency declares the children on its roll, a health
 * agency those on its caseload (children/declarations.ts), and ends its own declarations; its
 * safeguarding manager, who answers for its safeguarding and information sharing, or its system. Not
 * practitioners, who would open children to themselves one by one, nor agencies keeping no roll or
 * caseload of children (police; others are added by the child's LA).
 * self-assessment.*: an agency's yearly Section 11 or Section 175/157 self-assessment (src/self-assessment),
 * no child's data: `complete` its own return, `view` a return (or, on the partnership, every return),
 * `manage` the rounds and challenge the returns.
 */
/** The kinds of agency that take part in multi-agency triage (MAT), each adding what its records hold. */
export const MAT_AGENCY_KINDS = ['local-authority', 'police', 'health', 'education'] as const

export const AGENCY_ACTIONS = [
  'audit.search',
  'user.administer',
  'api-client.administer',
  'break-glass.report',
  'roll.declare',
  'self-assessment.complete',
  'self-assessment.view',
  'self-assessment.manage',
] as const
/**
 * Reading a multi-agency meeting's record (a strategy discussion with the section 47 enquiry it
 * starts, or a conference), reading one agency's part of a shared record within its marking, and
 * writing one's own agency's part where it was asked for one (part.write).
 */
export const MEETING_ACTIONS = ['meeting.view', 'part.view', 'part.write'] as const
/**
 * Actions on an allegation against someone who works with children (the LADO's record): reading it,
 * seeing who the children concerned are and its words (the scrutineer reads allegations without, but
 * through a grant of every child linked to it), managing it.
 */
export const ALLEGATION_ACTIONS = ['allegation.view', 'allegation.identify', 'allegation.manage'] as const
/**
 * Reading a professional disagreement about a child, recording its stages, and seeing who the child
 * is and the disagreement's words (the scrutineer reads disagreements without, but through a grant).
 */
export const DISAGREEMENT_ACTIONS = ['escalation.view', 'escalation.record', 'escalation.identify'] as const
/**
 * Serious incidents and the reviews that follow them (src/reviews): notifying one about a child (on
 * the child), reading its material, managing its notification and rapid review, an invited agency
 * writing its own part, seeing who the child is (the scrutineer reads reviews without it), and
 * signing off a local child safeguarding practice review's draft for a lead safeguarding partner.
 */
export const REVIEW_ACTIONS = [
  'review.notify',
  'review.view',
  'review.manage',
  'review.contribute',
  'review.identify',
  'review.sign',
] as const
/**
 * A child's move across a border (src/moves): reading the move and its risk assessment (the placing
 * LA's staff and the host LA's), and the host LA acknowledging it. Recording one is `move.record`,
 * on the child.
 */
export const MOVE_ACTIONS = ['move.view', 'move.acknowledge'] as const

/**
 * Multi-agency case audits (src/case-audits): running a programme (its sample, tool, moderation,
 * actions and re-audit), reading an audit of one child's case, an agency auditing its own part, and
 * opening the child's record for the audit's purpose through the agency's time-limited audit grant.
 */
export const CASE_AUDIT_ACTIONS = [
  'case-audit.manage',
  'case-audit.view',
  'case-audit.contribute',
  'case-audit.record',
] as const
/**
 * Independent scrutiny (src/scrutiny): the independent scrutineer's workspace of aggregates (`view`),
 * the partnership's leads granting the scrutineer a time-limited look at one child's record for a
 * stated purpose (`grant`, and revoking it), and the scrutineer reading it while the grant lasts (`record`).
 */
export const SCRUTINY_ACTIONS = ['scrutiny.view', 'scrutiny.grant', 'scrutiny.record'] as const
export const ACTIONS = [
  ...RECORD_ACTIONS,
  ...AREA_ACTIONS,
  ...AGENCY_ACTIONS,
  ...MEETING_ACTIONS,
  ...ALLEGATION_ACTIONS,
  ...DISAGREEMENT_ACTIONS,
  ...REVIEW_ACTIONS,
  ...MOVE_ACTIONS,
  ...CASE_AUDIT_ACTIONS,
  ...SCRUTINY_ACTIONS,
] as const

export type RecordAction = (typeof RECORD_ACTIONS)[number]
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number]
export type AreaAction = (typeof AREA_ACTIONS)[number]
export type AllegationAction = (typeof ALLEGATION_ACTIONS)[number]
export type DisagreementAction = (typeof DISAGREEMENT_ACTIONS)[number]
export type ReviewAction = (typeof REVIEW_ACTIONS)[number]
export type MoveAction = (typeof MOVE_ACTIONS)[number]
export type CaseAuditAction = (typeof CASE_AUDIT_ACTIONS)[number]
export type ScrutinyAction = (typeof SCRUTINY_ACTIONS)[number]
export type Action = (typeof ACTIONS)[number]

/** Reads: the only actions break-glass can open. */
export const READ_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'child.view',
  'referral.view',
  'event.view',
  'chronology.view',
  'involvement.view',
  'child.search',
  'statistics.view',
  'audit.search',
  'break-glass.report',
  'meeting.view',
  'part.view',
  'allegation.view',
  'allegation.report',
])

export type Sensitivity = 'standard' | 'police-restricted' | 'health-restricted' | 'sealed'

/**
 * Who is involved with a child now: agencies (any of their staff) and named users, each through a
 * current involvement (children/involvement.ts: a meeting, an action, a shared event, the roll or
 * caseload, added by the child's LA ...). Ended involvements are not here: they open nothing.
 */
export interface Involvement {
  agencyIds: readonly string[]
  userIds: readonly string[]
}

export interface ChildResource {
  kind: 'child'
  childId: string
  laId: string
  sensitivity: Sensitivity
  involvement: Involvement
}
/**
 * One referral: its content and triage, not the child's record. Its referrer reads it (and its
 * outcome); while it is in open multi-agency triage, the MAT practitioners of its LA read it to
 * check their own records; anyone else as the matched child's record allows.
 */
export interface ReferralResource {
  kind: 'referral'
  referralId: string
  /** The LA whose front door received it. */
  laId: string
  /** Who sent it, as 'user:<id>' or 'system:<id>'. */
  referrer: string
  /** In multi-agency triage, not yet decided. */
  triageOpen: boolean
  /** The child it is matched to; none until it is. Its marking and involvement apply to the referral. */
  child: ChildResource | null
  /**
   * Decided for a strategy discussion, whose booking waits on the match: asked only by matching
   * (`referral.match` requires it), since no other step depends on it.
   */
  decidedForStrategyDiscussion?: boolean
}
/** A referral as matching asks about it: whether it was decided for a strategy discussion is known. */
export type ReferralToMatch = ReferralResource & { decidedForStrategyDiscussion: boolean }
export interface LaResource {
  kind: 'la'
  laId: string
}
export interface PartnershipResource {
  kind: 'partnership'
}
export interface AgencyResource {
  kind: 'agency'
  agencyId: string
}
/**
 * A multi-agency meeting about a child: who may read its record is a property of the meeting (the
 * agencies invited or attending, the people named on it, the child's LA) as well as of the child.
 */
export interface MeetingResource {
  kind: 'meeting'
  meetingId: string
  /** The child the meeting is about: its marking closes the meeting too. */
  child: ChildResource
  /** The LA the meeting is held for (the child's). */
  laId: string
  invitedAgencyIds: readonly string[]
  attendedAgencyIds: readonly string[]
  /** People named on the meeting: who requested, booked, chaired, recorded or contributed to it. */
  userIds: readonly string[]
}

/**
 * A professional disagreement about a child: read by its parties (the agency that raised it, the
 * agency it is with, the person who raised it) and the partnership's leads, under the child's marking.
 */
export interface DisagreementResource {
  kind: 'disagreement'
  disagreementId: string
  child: ChildResource
  /** The child's LA. */
  laId: string
  /** The raiser's agency and the other party's agency. */
  partyAgencyIds: readonly string[]
  /** The person who raised it. */
  userIds: readonly string[]
}

/**
 * A serious incident about a child and the reviews that follow it: the partnership's governance
 * material, not the child's record. Read by the child's LA's safeguarding managers, the partnership's
 * reviews and learning lead and its independent scrutineer (without the child's identity, unless a
 * lead granted them the child's record); an agency
 * invited to its rapid review reads and writes its own part.
 */
export interface ReviewResource {
  kind: 'review'
  reviewId: string
  /** The child it is about: every look at it is in the child's audit trail. */
  child: ChildResource
  /** The child's LA, whose duty it is to notify. */
  laId: string
  /** Agencies invited to give their chronology and learning to the rapid review. */
  invitedAgencyIds: readonly string[]
}

/**
 * One child's case in a multi-agency case audit: the partnership's quality assurance, opened to the
 * agencies asked to audit it (each its own part) and, for the child's record, only to an agency whose
 * audit grant is current. The child's marking closes it as it closes the child's record.
 */
export interface CaseAuditResource {
  kind: 'case-audit'
  caseId: string
  /** The child whose case is audited: every look at it is in the child's audit trail. */
  child: ChildResource
  /** The child's LA. */
  laId: string
  /** The agencies asked to audit their part of the case. */
  auditingAgencyIds: readonly string[]
  /** The agencies whose audit grant to the child's record has not expired. */
  grantedAgencyIds: readonly string[]
  /** The agencies whose grant for the open round a lead ended early: answered as anyone else. */
  revokedAgencyIds?: readonly string[]
}

/**
 * One child's record as independent scrutiny sees it: closed to the scrutineer but through a current
 * grant by the partnership's leads (one person, a stated purpose, an end date); a lead grants it only
 * for a child whose record they may read themselves. The child's marking closes it as it closes the record.
 */
export interface ScrutinyResource {
  kind: 'scrutiny'
  child: ChildResource
  /** The child's LA. */
  laId: string
  /** The people whose grant to this child's record is current: not ended, not revoked. */
  grantedUserIds: readonly string[]
}

/** Who may read one agency's part of a shared record, beyond who may read the record. */
export const PART_MARKINGS = ['standard', 'police-only', 'health-only'] as const
export type PartMarking = (typeof PART_MARKINGS)[number]

/**
 * One agency's part of a shared record: its contribution to a meeting, or to the MAT on a referral.
 * It is read with its record (`of`), and only by whom its marking opens it to.
 */
export interface PartResource {
  kind: 'part'
  of:
    | { action: 'meeting.view'; resource: MeetingResource }
    | { action: 'referral.view'; resource: ReferralResource | LaResource }
  agencyId: string
  marking: PartMarking
}

/**
 * The caller's own agency's part of a shared record, to write: its contribution or report to a
 * meeting, its answer to a re-check. The step on the child's record (`of`) decides first; then only
 * an agency asked for a part writes it: invited to the meeting, asked to re-check, or owning an
 * action agreed at a meeting (closing it with evidence).
 */
export interface OwnPartResource {
  kind: 'own-part'
  of: { action: 'strategy.contribute' | 'event.acknowledge' | 'action.complete'; resource: ChildResource }
  /** What the part is for, as the refusal names it. */
  for: 'strategy-discussion' | 'conference' | 'recheck' | 'action'
  /** The agencies asked for a part of their own: those invited, asked to re-check, or owning the action. */
  askedAgencyIds: readonly string[]
}

/**
 * An allegation against someone who works or volunteers with children, held by the LADO of the LA it
 * was referred to. Not a child's record: its own readers are the LADO, the referrer (their referral
 * and its outcome) and the agencies invited to its meetings (their part).
 */
export interface AllegationResource {
  kind: 'allegation'
  allegationId: string
  /** The LA whose LADO holds it. */
  laId: string
  /** Who referred it, as 'user:<id>' or, through a verified email link, 'public:<link id>'. */
  referrer: string
  /** Agencies invited to its allegation management meetings. */
  invitedAgencyIds: readonly string[]
  /**
   * The children's records the LADO linked it to: a scrutineer's grant of every one of them (none
   * marked) lets them see who the children are and what was said (allegation.identify).
   */
  children: readonly ChildResource[]
}

/**
 * One exploitation screening of a child, made by one agency. Who reads every screening of the child
 * reads it (exploitation.view on the child); otherwise only the agency that made it, while it may
 * still screen the child.
 */
export interface ScreeningResource {
  kind: 'screening'
  child: ChildResource
  /** The agency whose practitioner made the screening. */
  agencyId: string
}

/**
 * A child's move to another LA: its placing LA (the child's) and its host, who reads the move and
 * acknowledges it. The child's marking closes it as it closes the child's record.
 */
export interface MoveResource {
  kind: 'move'
  moveId: string
  child: ChildResource
  /** The placing LA: the child's own. */
  laId: string
  /** The host LA's id in the partnership, or 'dfe:<code>' for an LA outside it. */
  hostLaId: string
}

export type Resource =
  | ScrutinyResource
  | MoveResource
  | CaseAuditResource
  | AllegationResource
  | ReviewResource
  | ChildResource
  | ScreeningResource
  | ReferralResource
  | LaResource
  | PartnershipResource
  | AgencyResource
  | MeetingResource
  | PartResource
  | OwnPartResource
  | DisagreementResource

export type ResourceFor<A extends Action> = A extends ScrutinyAction
  ? ScrutinyResource | LaResource | PartnershipResource
  : A extends CaseAuditAction
    ? CaseAuditResource | LaResource | PartnershipResource
    : A extends MoveAction
      ? MoveResource | LaResource | PartnershipResource
      : A extends AllegationAction
        ? AllegationResource | LaResource | PartnershipResource
        : A extends ReviewAction
          ? ReviewResource | ChildResource | LaResource | PartnershipResource
          : A extends DisagreementAction
            ? DisagreementResource
            : A extends 'meeting.view'
              ? MeetingResource
              : A extends 'part.view'
                ? PartResource
                : A extends 'part.write'
                  ? OwnPartResource
                  : A extends 'exploitation.view'
                    ? ChildResource | ScreeningResource | LaResource | PartnershipResource
                    : A extends 'referral.match'
                      ? ReferralToMatch | LaResource | PartnershipResource
                      : A extends ReferralAction
                        ? ReferralResource | LaResource | PartnershipResource
                        : A extends RecordAction
                          ? ChildResource | LaResource | PartnershipResource
                          : A extends AreaAction
                            ? LaResource | PartnershipResource
                            : AgencyResource | PartnershipResource
