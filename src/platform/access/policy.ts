// The one access policy: may this actor do this to this record, and why. Pure: no I/O.
// POLICY below is the documentation: for each action, which roles (and API scopes) may take it
// and how far their grant reaches. policy.test.ts holds the expected answer for every role.

import type { Actor, AgencyKind, ApiScope, Role } from './actor.ts'

/** Actions on one child's record; on an LA or the partnership they mean that area's lists and queues. */
export const RECORD_ACTIONS = [
  'child.view',
  'child.merge',
  'referral.view',
  'referral.screen',
  'referral.decide',
  'mat.contribute',
  'strategy.schedule',
  'strategy.contribute',
  'strategy.chair',
  'conference.schedule',
  'conference.chair',
  'event.post',
  'event.view',
  'event.acknowledge',
  'chronology.view',
] as const
/** Actions on an area (an LA or the whole partnership) rather than one record. */
export const AREA_ACTIONS = ['child.search', 'child.create', 'referral.create', 'statistics.view'] as const
/** Actions on an agency's users, credentials and audit, or on every agency's (the partnership). */
export const AGENCY_ACTIONS = [
  'audit.search',
  'user.administer',
  'api-client.administer',
  'break-glass.report',
] as const
/**
 * Reading a multi-agency meeting's record (a strategy discussion with the section 47 enquiry it
 * starts, or a conference), and reading one agency's part of a shared record within its marking.
 */
export const MEETING_ACTIONS = ['meeting.view', 'part.view'] as const
export const ACTIONS = [...RECORD_ACTIONS, ...AREA_ACTIONS, ...AGENCY_ACTIONS, ...MEETING_ACTIONS] as const

export type RecordAction = (typeof RECORD_ACTIONS)[number]
export type AreaAction = (typeof AREA_ACTIONS)[number]
export type AgencyAction = (typeof AGENCY_ACTIONS)[number]
export type MeetingAction = (typeof MEETING_ACTIONS)[number]
export type Action = (typeof ACTIONS)[number]

/** Reads: the only actions break-glass can open. */
export const READ_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'child.view',
  'referral.view',
  'event.view',
  'chronology.view',
  'child.search',
  'statistics.view',
  'audit.search',
  'break-glass.report',
  'meeting.view',
  'part.view',
])

export type Sensitivity = 'standard' | 'police-restricted' | 'health-restricted' | 'sealed'

/** Who is involved with a child now: agencies (any of their staff) and named users. */
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
    | { action: 'referral.view'; resource: ChildResource | LaResource }
  agencyId: string
  marking: PartMarking
}

export type Resource =
  | ChildResource
  | LaResource
  | PartnershipResource
  | AgencyResource
  | MeetingResource
  | PartResource

export type ResourceFor<A extends Action> = A extends 'meeting.view'
  ? MeetingResource
  : A extends 'part.view'
    ? PartResource
    : A extends RecordAction
      ? ChildResource | LaResource | PartnershipResource
      : A extends AreaAction
        ? LaResource | PartnershipResource
        : AgencyResource | PartnershipResource

/**
 * How far a grant reaches for one action:
 * - anywhere: any record or area in the partnership
 * - area: the grant's LA (all LAs when it is partnership-wide), plus children the user is involved with
 * - area-or-agency: as area, plus children the user's agency is involved with
 * - need-to-know: only children the user is personally involved with
 * - agency: only children the agency is involved with (agencies' systems)
 * - own-agency: only the actor's own agency
 */
export type Reach = 'anywhere' | 'area' | 'area-or-agency' | 'need-to-know' | 'agency' | 'own-agency'

interface Rule {
  roles: Partial<Record<Role, Reach>>
  scopes?: Partial<Record<ApiScope, Reach>>
}

/**
 * Who reads a child's case: the referrer only where involved, case workers within their area. An
 * agency's safeguarding manager also reads the children their agency is involved with, wherever they
 * live, so they can open (and clear) the overdue acknowledgements escalated to them.
 */
const caseReaders = {
  referrer: 'need-to-know',
  'front-door-screener': 'area',
  'mat-practitioner': 'area',
  'business-support': 'area',
  'strategy-discussion-chair': 'area',
  'conference-chair': 'area',
  'police-public-protection': 'area-or-agency',
  'mace-coordinator': 'area',
  lado: 'area',
  'safeguarding-manager': 'area-or-agency',
} as const satisfies Partial<Record<Role, Reach>>

/** Who posts and acknowledges partner events: case readers less business support, who organise meetings. */
const eventSharers = {
  referrer: 'need-to-know',
  'front-door-screener': 'area',
  'mat-practitioner': 'area',
  'strategy-discussion-chair': 'area',
  'conference-chair': 'area',
  'police-public-protection': 'area-or-agency',
  'mace-coordinator': 'area',
  lado: 'area',
  'safeguarding-manager': 'area-or-agency',
} as const satisfies Partial<Record<Role, Reach>>

/** Who searches the child index before creating a record: everyone who works cases, not referrers. */
const searchers = {
  'front-door-screener': 'anywhere',
  'mat-practitioner': 'anywhere',
  'business-support': 'anywhere',
  'strategy-discussion-chair': 'anywhere',
  'conference-chair': 'anywhere',
  'police-public-protection': 'anywhere',
  'mace-coordinator': 'anywhere',
  lado: 'anywhere',
} as const satisfies Partial<Record<Role, Reach>>

const agencyAdministrators = { 'agency-admin': 'own-agency', 'partnership-admin': 'anywhere' } as const

/**
 * Who reads a meeting's record. On a meeting, 'area' is the child's LA as the grant covers it;
 * 'agency' and 'area-or-agency' reach meetings the actor's agency was invited to or attended;
 * 'need-to-know' reaches meetings the actor is named on. Anyone named on the meeting who holds a
 * grant here reads it. Partner agencies' staff (MAT practitioners included) read only meetings
 * their agency took part in, whatever else they may read about the child.
 */
const meetingReaders = {
  referrer: 'need-to-know',
  'front-door-screener': 'area',
  'mat-practitioner': 'agency',
  'business-support': 'area',
  'strategy-discussion-chair': 'area',
  'conference-chair': 'area',
  'police-public-protection': 'agency',
  'mace-coordinator': 'agency',
  lado: 'agency',
  'safeguarding-manager': 'agency',
} as const satisfies Partial<Record<Role, Reach>>

export const POLICY: { readonly [A in Action]: Rule } = {
  'child.view': { roles: caseReaders, scopes: { 'cases:read': 'agency' } },
  'child.merge': { roles: { 'front-door-screener': 'area' } },
  'referral.view': {
    roles: caseReaders,
    scopes: { 'cases:read': 'agency', 'triage:write': 'area', 'decisions:write': 'area' },
  },
  'referral.screen': { roles: { 'front-door-screener': 'area' } },
  // A system records a decision only on behalf of a person who may decide it (see front-door/api.ts).
  'referral.decide': {
    roles: { 'front-door-screener': 'area', 'mat-practitioner': 'area' },
    scopes: { 'decisions:write': 'area' },
  },
  'mat.contribute': {
    roles: { 'mat-practitioner': 'area', 'police-public-protection': 'area-or-agency' },
    scopes: { 'triage:write': 'area' },
  },
  'strategy.schedule': { roles: { 'business-support': 'area', 'strategy-discussion-chair': 'area' } },
  'strategy.contribute': { roles: caseReaders },
  'strategy.chair': { roles: { 'strategy-discussion-chair': 'area' } },
  'conference.schedule': { roles: { 'business-support': 'area', 'conference-chair': 'area' } },
  'conference.chair': { roles: { 'conference-chair': 'area' } },
  'event.post': { roles: eventSharers, scopes: { 'events:write': 'agency' } },
  'event.view': { roles: caseReaders, scopes: { 'events:read': 'agency', 'cases:read': 'agency' } },
  'event.acknowledge': { roles: eventSharers, scopes: { 'events:read': 'agency' } },
  'chronology.view': { roles: caseReaders, scopes: { 'cases:read': 'agency' } },

  'child.search': { roles: searchers },
  'child.create': {
    roles: {
      'front-door-screener': 'area',
      'mat-practitioner': 'area',
      'police-public-protection': 'area',
      'mace-coordinator': 'area',
      lado: 'area',
    },
  },
  'referral.create': {
    roles: { ...searchers, referrer: 'anywhere' },
    scopes: { 'contacts:write': 'anywhere' },
  },
  'statistics.view': {
    roles: { analyst: 'area', 'independent-scrutineer': 'anywhere', 'partnership-admin': 'anywhere' },
  },

  'audit.search': { roles: { ...agencyAdministrators, 'independent-scrutineer': 'anywhere' } },
  'user.administer': { roles: agencyAdministrators },
  'api-client.administer': { roles: agencyAdministrators },
  'break-glass.report': { roles: { ...agencyAdministrators, 'independent-scrutineer': 'anywhere' } },

  'meeting.view': { roles: meetingReaders, scopes: { 'cases:read': 'agency' } },
  // A part is read with its record (its `of` action decides), then only within its marking.
  'part.view': { roles: {} },
}

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

export const MIN_BREAK_GLASS_REASON = 10

export type Basis =
  | 'role'
  | 'area'
  | 'involvement'
  | 'agency-involvement'
  | 'own-agency'
  | 'break-glass'
  | 'invited'

export type Decision =
  | { allowed: true; reason: string; basis: Basis }
  | { allowed: false; reason: string; hideExistence: boolean }
export type Permit = Extract<Decision, { allowed: true }>
export type Refusal = Extract<Decision, { allowed: false }>

export const ALLOWED_BECAUSE: Readonly<Record<Basis, string>> = {
  role: 'Your role allows this anywhere in the partnership',
  area: 'Within the area your role covers',
  involvement: 'You are involved with this child',
  'agency-involvement': 'Your agency is involved with this child',
  'own-agency': 'Your own agency',
  'break-glass': 'Break-glass: opened outside your usual access, with a reason',
  invited: 'Your agency was invited to this meeting',
}

export const REFUSED_BECAUSE = {
  noRole: 'You have no role or permission that allows this',
  outsideArea: 'Outside the area your roles cover',
  breakGlassOffered: 'Outside the area your roles cover: give a reason to open it (break-glass)',
  needToKnow: 'Need to know: only records you are involved with',
  otherAgency: 'Only for your own agency',
  reasonTooShort: `Give a reason of at least ${MIN_BREAK_GLASS_REASON} characters to open this record (break-glass)`,
  policeRestricted: 'Police-restricted intelligence: police only',
  healthRestricted: 'Health-restricted record: health only',
  sealed: 'Sealed record: closed to everyone',
  notInvited: 'Only the agencies invited to this meeting and the child’s local authority may read its record',
  notInvitedBreakGlassOffered:
    'Your agency was not invited to this meeting: give a reason to open it (break-glass)',
  policeOnly: 'Marked police-only by police: police only',
  healthOnly: 'Marked health-only: health only',
} as const

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
  const decision = decideWithinAccess(actor, action, resource)
  const child = childOf(resource)
  const reason = options.breakGlassReason ?? rememberedBreakGlass(actor, resource)
  if (decision.allowed || reason === undefined || !child) return decision
  return breakGlass(actor, action, child, reason, decision)
}

function decideWithinAccess(actor: Actor, action: Action, resource: Resource): Decision {
  const child = childOf(resource)
  const marking = child ? markingRefusal(actor, child.sensitivity) : undefined
  if (marking) return marking
  const holdings = holdingsFor(actor, action)
  for (const holding of holdings) {
    const basis = basisFor(holding, actor, resource)
    if (basis) return { allowed: true, basis, reason: ALLOWED_BECAUSE[basis] }
  }
  return refusal(actor, action, resource, holdings)
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
const AREA_REACHES: ReadonlySet<Reach> = new Set<Reach>(['area', 'area-or-agency'])

interface Holding {
  reach: Reach
  laId: string | null
}

/** The reaches the actor holds for this action: users through their role grants, systems through scopes. */
function holdingsFor(actor: Actor, action: Action): Holding[] {
  const rule = POLICY[action]
  if (actor.kind === 'system') {
    const areas = actor.serves === 'all' ? [null] : (actor.serves ?? [])
    return (actor.scopes ?? []).flatMap((scope) => {
      const reach = rule.scopes?.[scope as ApiScope]
      if (!reach) return []
      return AREA_REACHES.has(reach) ? areas.map((laId) => ({ reach, laId })) : [{ reach, laId: null }]
    })
  }
  return actor.grants.flatMap((grant) => {
    const reach = rule.roles[grant.role]
    return reach ? [{ reach, laId: grant.laId }] : []
  })
}

function basisFor(holding: Holding, actor: Actor, resource: Resource): Basis | undefined {
  if (resource.kind === 'meeting') return meetingBasis(holding, actor, resource)
  const child = resource.kind === 'child' ? resource : undefined
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
    case 'area':
      return covers(holding.laId, resource) ? 'area' : personally ? 'involvement' : undefined
    case 'area-or-agency':
      if (covers(holding.laId, resource)) return 'area'
      return personally ? 'involvement' : byAgency ? 'agency-involvement' : undefined
  }
}

/** Whether a grant for one LA (or, with null, the whole partnership) covers the resource's area. */
function covers(grantLaId: string | null, resource: Resource): boolean {
  if (resource.kind === 'agency' || resource.kind === 'part') return false
  if (grantLaId === null) return true
  return resource.kind !== 'partnership' && resource.laId === grantLaId
}

function refusal(actor: Actor, action: Action, resource: Resource, holdings: Holding[]): Refusal {
  if (resource.kind === 'meeting') return meetingRefusal(actor, action, resource, holdings)
  const reaches = new Set(holdings.map((holding) => holding.reach))
  const reason =
    holdings.length === 0
      ? REFUSED_BECAUSE.noRole
      : reaches.has('area') || reaches.has('area-or-agency')
        ? outsideArea(actor, action, resource)
        : reaches.has('own-agency')
          ? REFUSED_BECAUSE.otherAgency
          : REFUSED_BECAUSE.needToKnow
  const hideExistence = resource.kind === 'child' && !mayKnowOf(actor, resource)
  return { allowed: false, reason, hideExistence }
}

function outsideArea(actor: Actor, action: Action, resource: Resource): string {
  return resource.kind === 'child' && mayBreakGlass(actor, action)
    ? REFUSED_BECAUSE.breakGlassOffered
    : REFUSED_BECAUSE.outsideArea
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

/** The child a record is about: itself, or the child a meeting is about. */
function childOf(resource: Resource): ChildResource | undefined {
  if (resource.kind === 'child') return resource
  return resource.kind === 'meeting' ? resource.child : undefined
}

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
  const byArea = holding.reach === 'area' || holding.reach === 'area-or-agency'
  if (byArea && covers(holding.laId, meeting)) return 'area'
  if (named) return 'involvement'
  const byAgency = holding.reach === 'agency' || holding.reach === 'area-or-agency'
  return byAgency && invited ? 'invited' : undefined
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

const RESOURCE_KINDS: Readonly<Record<Action, readonly Resource['kind'][]>> = Object.fromEntries([
  ...RECORD_ACTIONS.map((action) => [action, ['child', 'la', 'partnership']]),
  ...AREA_ACTIONS.map((action) => [action, ['la', 'partnership']]),
  ...AGENCY_ACTIONS.map((action) => [action, ['agency', 'partnership']]),
  ['meeting.view', ['meeting']],
  ['part.view', ['part']],
]) as Record<Action, readonly Resource['kind'][]>

/** Asking about an action on a resource it cannot apply to is a programming error, not a refusal. */
function assertApplies(action: Action, resource: Resource): void {
  if (!RESOURCE_KINDS[action]?.includes(resource.kind))
    throw new TypeError(`${action} does not apply to a resource of kind '${resource.kind}'`)
}
