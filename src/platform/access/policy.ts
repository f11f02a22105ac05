// The one access policy: may this actor do this to this record, and why. Pure: no I/O.
// POLICY (rules.ts) is the documentation: for each action, which roles (and API scopes) may take it
// and how far their grant reaches; this file decides with it. policy.test.ts holds the expected
// answer for every role.

import type { Actor, AgencyKind, ApiScope, Role } from './actor.ts'
import { ALLOWED_BECAUSE, type Basis, MIN_BREAK_GLASS_REASON, REFUSED_BECAUSE } from './reasons.ts'
import type { Reach, Reaches } from './role-groups.ts'
import { POLICY } from './rules.ts'
import {
  type Action,
  AGENCY_ACTIONS,
  ALLEGATION_ACTIONS,
  type AllegationResource,
  AREA_ACTIONS,
  CASE_AUDIT_ACTIONS,
  type CaseAuditResource,
  type ChildResource,
  DISAGREEMENT_ACTIONS,
  type DisagreementResource,
  type MeetingResource,
  MOVE_ACTIONS,
  type MoveResource,
  type OwnPartResource,
  PART_MARKINGS,
  type PartMarking,
  type PartResource,
  READ_ACTIONS,
  RECORD_ACTIONS,
  REFERRAL_ACTIONS,
  REVIEW_ACTIONS,
  type Resource,
  type ResourceFor,
  type ReviewResource,
  SCRUTINY_ACTIONS,
  type ScreeningResource,
  type ScrutinyResource,
  type Sensitivity,
} from './vocabulary.ts'

export * from './reasons.ts'
export { POLICY } from './rules.ts'
export * from './vocabulary.ts'

/**
 * Roles whose holders may break glass: people who work cases (referrers see only their own, and
 * safeguarding managers oversee their agency's work rather than work cases).
 */
export const CASE_WORKING_ROLES: ReadonlySet<Role> = new Set<Role>([
  'front-door-screener',
  'mat-practitioner',
  'strategy-discussion-chair',
  'conference-chair',
  'police-public-protection',
  'mace-coordinator',
  'lado',
])

export type Decision =
  | { allowed: true; reason: string; basis: Basis }
  | { allowed: false; reason: string; hideExistence: boolean }
export type Permit = Extract<Decision, { allowed: true }>
export type Refusal = Extract<Decision, { allowed: false }>

export interface DecideOptions {
  /** Why the user must open a record outside their access; opens reads only. */
  breakGlassReason?: string
}

export function decide<A extends Action>(
  actor: Actor,
  action: A,
  resource: ResourceFor<A>,
  options: DecideOptions = {},
): Decision {
  assertApplies(action, resource)
  if (resource.kind === 'part') return decidePart(actor, resource, options)
  if (resource.kind === 'own-part') return decideOwnPart(actor, resource)
  if (resource.kind === 'screening') return decideScreening(actor, resource)
  const decision = decideWithinAccess(actor, action, resource)
  const child = childOf(resource)
  const reason = options.breakGlassReason ?? rememberedBreakGlass(actor, resource)
  if (decision.allowed || reason === undefined || !child) return decision
  return breakGlass(actor, action, child, reason, decision)
}

/**
 * The role-only question: may this actor ever take this action, on some record or area, as their role
 * grants (or a system's scopes) stand? For what comes before any one record: navigation, the buttons
 * and links of a page, a list's gate. With a sensitivity: on a record so marked. Each record itself
 * is still decided by `decide`. A part is read with its record: ask about the record's action.
 */
export function mayEver(
  actor: Actor,
  action: Exclude<Action, 'part.view'>,
  { sensitivity }: { sensitivity?: Sensitivity } = {},
): boolean {
  const holdings = withoutGrants(holdingsFor(actor, action))
  if (holdings.some((holding) => holding.reach === 'referrer')) return true
  if (sensitivity && markingRefusal(actor, sensitivity)) return false
  return holdings.length > 0
}

function decideWithinAccess(actor: Actor, action: Action, resource: Resource): Decision {
  const holdings = holdingsFor(actor, action)
  // What referrers sent, and its outcome, stays theirs whatever the child's record is marked: a
  // refusal would tell them masa holds a record of the child that is hidden from them.
  if (holdings.some((holding) => holding.reach === 'referrer' && basisFor(holding, actor, resource)))
    return { allowed: true, basis: 'referrer', reason: ALLOWED_BECAUSE.referrer }
  const child = childOf(resource)
  const marking = child ? markingRefusal(actor, child.sensitivity) : undefined
  if (marking) return marking
  // Review material is the partnership's, not the child's record, so the child's restricted markings
  // do not close it; a sealed child's is closed as every sealed record is.
  if (resource.kind === 'review' && resource.child.sensitivity === 'sealed')
    return hidden(REFUSED_BECAUSE.sealed)
  // A case audit opens the child's case: the child's marking closes it as it closes the record.
  if (resource.kind === 'case-audit')
    return (
      markingRefusal(actor, resource.child.sensitivity) ?? decideCaseAudit(actor, action, resource, holdings)
    )
  if (resource.kind === 'scrutiny')
    return (
      markingRefusal(actor, resource.child.sensitivity) ?? decideScrutiny(actor, action, resource, holdings)
    )
  for (const holding of holdings) {
    const basis = basisFor(holding, actor, resource)
    if (basis) return { allowed: true, basis, reason: ALLOWED_BECAUSE[basis] }
  }
  return refusal(actor, action, resource, holdings)
}

/**
 * The child whose marking and involvement apply: the record, the child a referral is matched to, or
 * the child a meeting is about.
 */
function childOf(resource: Resource): ChildResource | undefined {
  if (resource.kind === 'child') return resource
  if (resource.kind === 'meeting' || resource.kind === 'disagreement' || resource.kind === 'move')
    return resource.child
  return resource.kind === 'referral' ? (resource.child ?? undefined) : undefined
}

/** A sensitivity marking closes a record whatever the actor's roles, involvement or break-glass. */
function markingRefusal(actor: Actor, sensitivity: Sensitivity): Refusal | undefined {
  if (sensitivity === 'sealed') return hidden(REFUSED_BECAUSE.sealed)
  if (sensitivity === 'police-restricted' && actor.agencyKind !== 'police')
    return hidden(REFUSED_BECAUSE.policeRestricted)
  if (sensitivity === 'health-restricted' && actor.agencyKind !== 'health')
    return hidden(REFUSED_BECAUSE.healthRestricted)
  return undefined
}

/** Reaches that depend on the area a grant (or a system's agency) covers. */
const AREA_REACHES: ReadonlySet<Reach> = new Set<Reach>(['area', 'child-la', 'host-la', 'triage', 'booking'])

interface Holding {
  reach: Reach
  laId: string | null
}

const reachesOf = (reaches: Reaches | undefined): readonly Reach[] =>
  reaches === undefined ? [] : typeof reaches === 'string' ? [reaches] : reaches

/** The reaches the actor holds for this action: users through their role grants, systems through scopes. */
function holdingsFor(actor: Actor, action: Action, { anyAgencyKind = false } = {}): Holding[] {
  const rule = POLICY[action]
  if (!anyAgencyKind && !heldByKind(actor, action)) return []
  if (actor.kind === 'system') {
    if (rule.systemKinds && !rule.systemKinds.includes(actor.agencyKind)) return []
    const areas = actor.serves === 'all' ? [null] : (actor.serves ?? [])
    return (actor.scopes ?? []).flatMap((scope) =>
      reachesOf(rule.scopes?.[scope as ApiScope]).flatMap((reach) =>
        AREA_REACHES.has(reach) ? areas.map((laId) => ({ reach, laId })) : [{ reach, laId: null }],
      ),
    )
  }
  return actor.grants.flatMap((grant) =>
    reachesOf(rule.roles[grant.role]).map((reach) => ({ reach, laId: grant.laId })),
  )
}

const heldByKind = (actor: Actor, action: Action): boolean =>
  POLICY[action].agencyKinds?.only.includes(actor.agencyKind) ?? true

/** Why roles that would hold the action do not, at this kind of agency; none when that is not why. */
export function kindRefusal(actor: Actor, action: Action): string | undefined {
  if (heldByKind(actor, action) || holdingsFor(actor, action, { anyAgencyKind: true }).length === 0)
    return undefined
  return POLICY[action].agencyKinds?.refused
}

function basisFor(holding: Holding, actor: Actor, resource: Resource): Basis | undefined {
  if (resource.kind === 'meeting') return meetingBasis(holding, actor, resource)
  if (resource.kind === 'allegation') return allegationBasis(holding, actor, resource)
  if (resource.kind === 'disagreement') return partyBasis(holding, actor, resource)
  if (resource.kind === 'review') return reviewBasis(holding, actor, resource)
  if (resource.kind === 'move') return moveBasis(holding, actor, resource)
  const child = childOf(resource)
  const personally = child?.involvement.userIds.includes(actor.id) ?? false
  const byAgency = child?.involvement.agencyIds.includes(actor.agencyId) ?? false
  switch (holding.reach) {
    case 'anywhere':
      return 'role'
    case 'own-agency':
      return resource.kind === 'agency' && resource.agencyId === actor.agencyId ? 'own-agency' : undefined
    case 'need-to-know':
      return personally ? 'involvement' : undefined
    case 'agency':
      return byAgency ? 'agency-involvement' : undefined
    case 'child-la':
    case 'host-la':
      return inArea(holding, actor, resource) ? 'area' : undefined
    case 'booking':
      return inArea(holding, actor, resource) && awaitsBooking(resource) ? 'area' : undefined
    case 'area':
      if (inArea(holding, actor, resource)) return 'area'
      return personally ? 'involvement' : byAgency ? 'agency-involvement' : undefined
    case 'triage':
      return resource.kind === 'referral' && resource.triageOpen && covers(holding.laId, resource)
        ? 'triage'
        : undefined
    case 'referrer':
      return resource.kind === 'referral' && resource.referrer === `${actor.kind}:${actor.id}`
        ? 'referrer'
        : undefined
    case 'scrutiny-grant':
      return resource.kind === 'child' && actor.scrutinyGrants?.has(resource.childId)
        ? 'scrutiny-grant'
        : undefined
  }
}

/**
 * Area reach: a list or queue of the grant's LA; a child or referral of that LA only for the LA's own
 * agency, which holds the duty to decide.
 */
function inArea(holding: Holding, actor: Actor, resource: Resource): boolean {
  if (isPart(resource) || resource.kind === 'agency' || !covers(holding.laId, resource)) return false
  return resource.kind === 'partnership' || resource.kind === 'la' || actor.agencyLaId === resource.laId
}

/** An area's lists, or a referral decided for a strategy discussion (see `booking` in role-groups.ts). */
const awaitsBooking = (resource: Resource): boolean =>
  resource.kind !== 'referral' || resource.decidedForStrategyDiscussion === true

/** A part of a record (or one screening) is decided with its record, never by area. */
const isPart = (resource: Resource): resource is PartResource | OwnPartResource | ScreeningResource =>
  resource.kind === 'part' || resource.kind === 'own-part' || resource.kind === 'screening'

/** Whether a grant for one LA (or, with null, the whole partnership) covers the resource's area. */
function covers(grantLaId: string | null, resource: Resource): boolean {
  if (isPart(resource) || resource.kind === 'agency') return false
  if (grantLaId === null) return true
  return resource.kind !== 'partnership' && resource.laId === grantLaId
}

/**
 * The holdings a role gives beyond a scrutiny grant: a grant opens one child's record, never a page
 * or list before it, and refused, the scrutineer is told only that no role allows it.
 */
const withoutGrants = (holdings: readonly Holding[]) =>
  holdings.filter((holding) => holding.reach !== 'scrutiny-grant')

function refusal(actor: Actor, action: Action, resource: Resource, held: Holding[]): Refusal {
  const holdings = withoutGrants(held)
  if (resource.kind === 'meeting') return meetingRefusal(actor, action, resource, holdings)
  // An allegation is not known of outside its readers: a refusal says nothing of whether it exists.
  if (resource.kind === 'allegation') return hidden(REFUSED_BECAUSE.notAllegationReader)
  if (resource.kind === 'review') return hidden(REFUSED_BECAUSE.notReviewReader)
  if (resource.kind === 'move') return hidden(REFUSED_BECAUSE.notMoveParty)
  if (resource.kind === 'disagreement') {
    const reason = holdings.length === 0 ? REFUSED_BECAUSE.noRole : REFUSED_BECAUSE.notParty
    return { allowed: false, reason, hideExistence: !mayKnowOf(actor, resource.child) }
  }
  const areaHoldings = holdings.filter((holding) => AREA_REACHES.has(holding.reach))
  const reason =
    holdings.length === 0
      ? (kindRefusal(actor, action) ?? POLICY[action].refused ?? REFUSED_BECAUSE.noRole)
      : areaHoldings.length > 0
        ? inAreaRefusal(actor, action, resource, areaHoldings)
        : holdings.some((holding) => holding.reach === 'own-agency')
          ? REFUSED_BECAUSE.otherAgency
          : REFUSED_BECAUSE.needToKnow
  const child = childOf(resource)
  const hideExistence = child !== undefined && !mayKnowOf(actor, child)
  return { allowed: false, reason, hideExistence }
}

/** Within the area yet not held for this record: the rule's own words, where it has them. */
function inAreaRefusal(actor: Actor, action: Action, resource: Resource, holdings: Holding[]): string {
  const refused = POLICY[action].refused
  if (refused && holdings.some((holding) => inArea(holding, actor, resource))) return refused
  return outsideAccess(actor, action, resource, holdings)
}

/** In the grant's LA but not the LA's own agency: not involved; else outside the area. */
function outsideAccess(actor: Actor, action: Action, resource: Resource, holdings: Holding[]): string {
  const offer = resource.kind === 'child' && mayBreakGlass(actor, action)
  const record = resource.kind === 'child' || resource.kind === 'referral'
  const partner = record && actor.agencyLaId !== resource.laId
  if (partner && holdings.some((holding) => covers(holding.laId, resource)))
    return offer ? REFUSED_BECAUSE.notInvolvedBreakGlass : REFUSED_BECAUSE.notInvolved
  return offer ? REFUSED_BECAUSE.breakGlassOffered : REFUSED_BECAUSE.outsideArea
}

/** Whether telling the actor that this child exists leaks nothing they could not open anyway. */
function mayKnowOf(actor: Actor, child: ChildResource): boolean {
  if (markingRefusal(actor, child.sensitivity)) return false
  if (mayBreakGlass(actor, 'child.view')) return true
  return holdingsFor(actor, 'child.view').some((holding) => basisFor(holding, actor, child))
}

/** Break-glass is for a person (never a system) who works cases and holds this read in some role. */
function mayBreakGlass(actor: Actor, action: Action): boolean {
  if (actor.kind !== 'user' || !READ_ACTIONS.has(action)) return false
  const rule = POLICY[action]
  return actor.grants.some((grant) => CASE_WORKING_ROLES.has(grant.role) && rule.roles[grant.role])
}

function breakGlass(actor: Actor, action: Action, child: ChildResource, reason: string, refused: Refusal) {
  if (markingRefusal(actor, child.sensitivity) || !mayBreakGlass(actor, action)) return refused
  if (reason.trim().length < MIN_BREAK_GLASS_REASON)
    return { allowed: false, reason: REFUSED_BECAUSE.reasonTooShort, hideExistence: false } satisfies Refusal
  return { allowed: true, basis: 'break-glass', reason: ALLOWED_BECAUSE['break-glass'] } satisfies Permit
}

const hidden = (reason: string): Refusal => ({ allowed: false, reason, hideExistence: true })

// ---------------------------------------------------------------------------
// Meetings and the parts of shared records

/**
 * The reason the actor gave when they opened this child's record by break-glass earlier in this
 * session: one break-glass opens the child's record and its parts (chronology, meetings) for a while.
 */
export function rememberedBreakGlass(actor: Actor, resource: Resource): string | undefined {
  const child = resource.kind === 'part' ? childOf(resource.of.resource) : childOf(resource)
  return child && actor.kind === 'user' ? actor.breakGlass?.get(child.childId) : undefined
}

function meetingBasis(holding: Holding, actor: Actor, meeting: MeetingResource): Basis | undefined {
  const named = meeting.userIds.includes(actor.id)
  const invited = [...meeting.invitedAgencyIds, ...meeting.attendedAgencyIds].includes(actor.agencyId)
  if (holding.reach === 'anywhere') return 'role'
  if (holding.reach === 'own-agency') return undefined
  const byArea = holding.reach === 'area' || holding.reach === 'child-la'
  if (byArea && inArea(holding, actor, meeting)) return 'area'
  if (named) return 'involvement'
  const byAgency = holding.reach === 'agency' || holding.reach === 'area'
  return byAgency && invited ? 'invited' : undefined
}

/** A disagreement's parties: the person who raised it, the two agencies; the partnership's leads anywhere. */
function partyBasis(holding: Holding, actor: Actor, disagreement: DisagreementResource): Basis | undefined {
  if (holding.reach === 'anywhere') return 'role'
  if (holding.reach === 'scrutiny-grant')
    return actor.scrutinyGrants?.has(disagreement.child.childId) ? 'scrutiny-grant' : undefined
  if (holding.reach === 'need-to-know') return disagreement.userIds.includes(actor.id) ? 'party' : undefined
  if (holding.reach === 'agency')
    return disagreement.partyAgencyIds.includes(actor.agencyId) ? 'party' : undefined
  return undefined
}

function meetingRefusal(actor: Actor, action: Action, meeting: MeetingResource, holdings: Holding[]) {
  const reason =
    holdings.length === 0
      ? REFUSED_BECAUSE.noRole
      : mayBreakGlass(actor, action)
        ? REFUSED_BECAUSE.notInvitedBreakGlassOffered
        : REFUSED_BECAUSE.notInvited
  return { allowed: false, reason, hideExistence: !mayKnowOf(actor, meeting.child) } satisfies Refusal
}

/**
 * Whether this read, refused, would open to the actor if they gave a reason: so a page offers the
 * break-glass form, or else says who to ask.
 */
export function breakGlassOffered<A extends Action>(
  actor: Actor,
  action: A,
  resource: ResourceFor<A>,
): boolean {
  const child = childOf(resource)
  return child !== undefined && !markingRefusal(actor, child.sensitivity) && mayBreakGlass(actor, action)
}

/** Whether a part with this marking opens to someone of this kind of agency (who may read its record). */
export function partOpensTo(marking: PartMarking, agencyKind: AgencyKind): boolean {
  if (marking === 'police-only') return agencyKind === 'police'
  if (marking === 'health-only') return agencyKind === 'health'
  return true
}

/** The markings an agency of this kind may put on its own part: none that would close it to itself. */
export const markingsFor = (kind: AgencyKind): PartMarking[] =>
  PART_MARKINGS.filter((marking) => partOpensTo(marking, kind))

/** A part: whatever opens its record, then its marking (which break-glass never opens). */
function decidePart(actor: Actor, part: PartResource, options: DecideOptions): Decision {
  const { action, resource } = part.of
  const record = decide(actor, action, resource, options)
  if (!record.allowed || partOpensTo(part.marking, actor.agencyKind)) return record
  const reason = part.marking === 'police-only' ? REFUSED_BECAUSE.policeOnly : REFUSED_BECAUSE.healthOnly
  return { allowed: false, reason, hideExistence: false }
}

const NOT_ASKED: Readonly<Record<OwnPartResource['for'], string>> = {
  'strategy-discussion': REFUSED_BECAUSE.notInvitedToDiscussion,
  conference: REFUSED_BECAUSE.notInvitedToConference,
  recheck: REFUSED_BECAUSE.notAskedToRecheck,
  action: REFUSED_BECAUSE.notActionOwner,
}

const OWN_PART_BASIS: Readonly<Record<OwnPartResource['for'], Basis>> = {
  'strategy-discussion': 'invited',
  conference: 'invited',
  recheck: 'asked',
  action: 'owner',
}

/**
 * One's own part: whatever opens its step on the child's record, then only an agency asked for it.
 * Not hidden: whoever may take the step knows of the child, and a write never breaks glass.
 */
function decideOwnPart(actor: Actor, part: OwnPartResource): Decision {
  const step = decide(actor, part.of.action, part.of.resource)
  if (!step.allowed) return step
  if (!part.askedAgencyIds.includes(actor.agencyId))
    return { allowed: false, reason: NOT_ASKED[part.for], hideExistence: false }
  const basis = OWN_PART_BASIS[part.for]
  return { allowed: true, basis, reason: ALLOWED_BECAUSE[basis] }
}

/**
 * An allegation: the LADO of its LA, whoever referred it, the agencies invited to its meetings; the
 * scrutineer granted every child linked to it (who they are).
 */
function allegationBasis(holding: Holding, actor: Actor, allegation: AllegationResource): Basis | undefined {
  switch (holding.reach) {
    case 'anywhere':
      return 'role'
    case 'area':
    case 'child-la':
      return inArea(holding, actor, allegation) ? 'area' : undefined
    case 'referrer':
      return allegation.referrer === `${actor.kind}:${actor.id}` ? 'referrer' : undefined
    case 'agency':
      return allegation.invitedAgencyIds.includes(actor.agencyId) ? 'invited' : undefined
    case 'scrutiny-grant':
      return grantsCoverAll(actor, allegation.children) ? 'scrutiny-grant' : undefined
    default:
      return undefined
  }
}

/** A scrutineer's current grants cover every one of these children (at least one), none of them marked. */
const grantsCoverAll = (actor: Actor, children: readonly ChildResource[]): boolean =>
  children.length > 0 &&
  children.every(
    (child) => actor.scrutinyGrants?.has(child.childId) && !markingRefusal(actor, child.sensitivity),
  )

/**
 * A serious incident: its child's LA's own staff, the agencies invited to its rapid review, the leads
 * anywhere; the scrutineer granted the child's record (who the child is).
 */
function reviewBasis(holding: Holding, actor: Actor, review: ReviewResource): Basis | undefined {
  switch (holding.reach) {
    case 'anywhere':
      return 'role'
    case 'child-la':
      return inArea(holding, actor, review) ? 'area' : undefined
    case 'agency':
      return review.invitedAgencyIds.includes(actor.agencyId) ? 'invited' : undefined
    case 'scrutiny-grant':
      return actor.scrutinyGrants?.has(review.child.childId) ? 'scrutiny-grant' : undefined
    default:
      return undefined
  }
}

/** A move: the placing LA's own staff (child-la), the host LA's own staff (host-la), within their grants. */
function moveBasis(holding: Holding, actor: Actor, move: MoveResource): Basis | undefined {
  if (holding.reach === 'child-la') return inArea(holding, actor, move) ? 'area' : undefined
  if (holding.reach !== 'host-la' || actor.agencyLaId !== move.hostLaId) return undefined
  return holding.laId === null || holding.laId === move.hostLaId ? 'area' : undefined
}

/**
 * One child's case in a case audit: the leads anywhere; an agency asked to audit it reads its own part
 * ('asked'), and writes it and opens the child's record only while its audit grant lasts. Anyone else
 * is answered as if it did not exist.
 */
function decideCaseAudit(
  actor: Actor,
  action: Action,
  audit: CaseAuditResource,
  holdings: readonly Holding[],
): Decision {
  if (holdings.some((holding) => holding.reach === 'anywhere'))
    return { allowed: true, basis: 'role', reason: ALLOWED_BECAUSE.role }
  const byAgency = (held: readonly Holding[]) => held.some((holding) => holding.reach === 'agency')
  const readers = holdingsFor(actor, 'case-audit.view')
  const asked = audit.auditingAgencyIds.includes(actor.agencyId) && byAgency(readers)
  if (asked && action === 'case-audit.view')
    return { allowed: true, basis: 'asked', reason: ALLOWED_BECAUSE.asked }
  if (asked && byAgency(holdings) && audit.revokedAgencyIds?.includes(actor.agencyId))
    return hidden(REFUSED_BECAUSE.auditGrantRevoked)
  if (asked && byAgency(holdings))
    return audit.grantedAgencyIds.includes(actor.agencyId)
      ? { allowed: true, basis: 'audit-grant', reason: ALLOWED_BECAUSE['audit-grant'] }
      : { allowed: false, reason: REFUSED_BECAUSE.noAuditGrant, hideExistence: false }
  // Who may read the audit is told why a step is not theirs; it hides nothing from them.
  if (asked || readers.some((holding) => holding.reach === 'anywhere'))
    return { allowed: false, reason: REFUSED_BECAUSE.noRole, hideExistence: false }
  return hidden(REFUSED_BECAUSE.notCaseAuditor)
}

/**
 * One child's record for independent scrutiny: the scrutineer reads it only through a current grant
 * ('scrutiny-grant'); a lead grants (or revokes) it only for a child whose record they may read
 * themselves, on the same basis. Anyone else is answered as if the child were not there: a refusal
 * must tell the scrutineer nothing of whether masa holds the child.
 */
function decideScrutiny(
  actor: Actor,
  action: Action,
  scrutiny: ScrutinyResource,
  holdings: readonly Holding[],
): Decision {
  if (holdings.length > 0 && action === 'scrutiny.record' && scrutiny.grantedUserIds.includes(actor.id))
    return { allowed: true, basis: 'scrutiny-grant', reason: ALLOWED_BECAUSE['scrutiny-grant'] }
  if (holdings.length > 0 && action === 'scrutiny.grant') {
    const record = decideWithinAccess(actor, 'child.view', scrutiny.child)
    if (record.allowed) return record
  }
  return hidden(REFUSED_BECAUSE.notScrutinyGranted)
}

/**
 * One screening: whoever reads every screening of the child; else the agency that made it, while it
 * may still screen the child. Refused both, the screen refusal (a child hidden from them stays hidden).
 */
function decideScreening(actor: Actor, screening: ScreeningResource): Decision {
  const every = decide(actor, 'exploitation.view', screening.child)
  if (every.allowed) return every
  const screen = decide(actor, 'exploitation.screen', screening.child)
  if (!screen.allowed) return screen
  if (screening.agencyId !== actor.agencyId)
    return { allowed: false, reason: REFUSED_BECAUSE.otherAgencyScreening, hideExistence: false }
  return { allowed: true, basis: 'own-agency', reason: ALLOWED_BECAUSE['own-agency'] }
}

const RESOURCE_KINDS: Readonly<Record<Action, readonly Resource['kind'][]>> = Object.fromEntries([
  ...RECORD_ACTIONS.map((action) => [action, ['child', 'la', 'partnership']]),
  ...REFERRAL_ACTIONS.map((action) => [action, ['referral', 'la', 'partnership']]),
  ...AREA_ACTIONS.map((action) => [action, ['la', 'partnership']]),
  ...AGENCY_ACTIONS.map((action) => [action, ['agency', 'partnership']]),
  ['exploitation.view', ['child', 'screening', 'la', 'partnership']],
  ['meeting.view', ['meeting']],
  ['part.view', ['part']],
  ['part.write', ['own-part']],
  ...ALLEGATION_ACTIONS.map((action) => [action, ['allegation', 'la', 'partnership']]),
  ...DISAGREEMENT_ACTIONS.map((action) => [action, ['disagreement']]),
  ...REVIEW_ACTIONS.map((action) => [action, ['review', 'child', 'la', 'partnership']]),
  ...MOVE_ACTIONS.map((action) => [action, ['move', 'la', 'partnership']]),
  ...CASE_AUDIT_ACTIONS.map((action) => [action, ['case-audit', 'la', 'partnership']]),
  ...SCRUTINY_ACTIONS.map((action) => [action, ['scrutiny', 'la', 'partnership']]),
]) as Record<Action, readonly Resource['kind'][]>

/** Asking about an action on a resource it cannot apply to is a programming error, not a refusal. */
function assertApplies(action: Action, resource: Resource): void {
  if (!RESOURCE_KINDS[action]?.includes(resource.kind))
    throw new TypeError(`${action} does not apply to a resource of kind '${resource.kind}'`)
}
