import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { type Actor, type AgencyKind, API_SCOPES, ROLES, type Role } from './actor.ts'
import { GATES, type Gate, gateRefusal } from './gates.ts'
import {
  ACTIONS,
  type Action,
  type AGENCY_ACTIONS,
  type ALLEGATION_ACTIONS,
  type AllegationResource,
  type AREA_ACTIONS,
  type CASE_AUDIT_ACTIONS,
  type CaseAuditResource,
  type ChildResource,
  type Decision,
  type DISAGREEMENT_ACTIONS,
  type DisagreementResource,
  decide,
  type MEETING_ACTIONS,
  type MeetingResource,
  type MOVE_ACTIONS,
  type MoveResource,
  mayEver,
  type PartMarking,
  READ_ACTIONS,
  RECORD_ACTIONS,
  REFERRAL_ACTIONS,
  type REVIEW_ACTIONS,
  type ReferralResource,
  type Resource,
  type ReviewResource,
  type SCRUTINY_ACTIONS,
  type ScrutinyResource,
  type Sensitivity,
} from './policy.ts'

// The expected answer for every role, in every kind of agency, against every action, written out
// by hand: this file is the readable statement of the policy, so it is not recomputed from
// policy.ts's own table.
//
// Legend: '+' allowed (with its basis); lower case refused with 403; UPPER CASE refused as 404
// (the record's existence must not leak).
const denied = (hideExistence: boolean, reason: string): Decision => ({
  allowed: false,
  reason,
  hideExistence,
})
const NO_ROLE = 'You have no role or permission that allows this'
const OUTSIDE = 'Outside the area your roles cover'
const NEED_TO_KNOW = 'Need to know: only records you are involved with'
const NOT_INVOLVED = 'Need to know: your agency is not involved with this child'
const NOT_INVITED =
  'Only the agencies invited to this meeting and the child’s local authority may read its record'
const NOT_PARTY = 'Only the agencies party to this disagreement and the partnership’s leads may open it'
const NOT_MATCHER =
  'Only the local authority’s front door matches a referral to a child’s record, and whoever books the strategy discussion it was decided for'
const LEGEND: Record<string, Decision> = {
  '+any': { allowed: true, basis: 'role', reason: 'Your role allows this anywhere in the partnership' },
  '+la': { allowed: true, basis: 'area', reason: 'Within the area your role covers' },
  '+me': { allowed: true, basis: 'involvement', reason: 'You are involved with this child' },
  '+ag': { allowed: true, basis: 'agency-involvement', reason: 'Your agency is involved with this child' },
  '+tri': { allowed: true, basis: 'triage', reason: 'This referral is in multi-agency triage in your area' },
  '+ref': { allowed: true, basis: 'referrer', reason: 'You made this referral' },
  '+own': { allowed: true, basis: 'own-agency', reason: 'Your own agency' },
  '+bg': {
    allowed: true,
    basis: 'break-glass',
    reason: 'Break-glass: opened outside your usual access, with a reason',
  },
  no: denied(false, NO_ROLE),
  NO: denied(true, NO_ROLE),
  nom: denied(false, 'Only front-door screeners in the child’s area may merge records'),
  nomt: denied(false, NOT_MATCHER),
  NOMT: denied(true, NOT_MATCHER),
  NOM: denied(true, 'Only front-door screeners in the child’s area may merge records'),
  nor: denied(false, 'Your agency keeps no roll or caseload of children'),
  nlp: denied(
    false,
    'Only the local authority, the police and health sign the yearly report, for the partnership’s three lead safeguarding partners',
  ),
  nrs: denied(
    false,
    'Only the local authority, the police and health sign off a practice review, for the partnership’s three lead safeguarding partners',
  ),
  NRS: denied(
    true,
    'Only the local authority, the police and health sign off a practice review, for the partnership’s three lead safeguarding partners',
  ),
  ndis: denied(
    false,
    'Disruption tactics and NRM referrals are recorded by the local authority, the police and health at MACE',
  ),
  out: denied(false, OUTSIDE),
  OUT: denied(true, OUTSIDE),
  glass: denied(false, 'Outside the area your roles cover: give a reason to open it (break-glass)'),
  ni: denied(false, NOT_INVOLVED),
  NI: denied(true, NOT_INVOLVED),
  nibg: denied(false, `${NOT_INVOLVED}; give a reason to open it (break-glass)`),
  ntk: denied(false, NEED_TO_KNOW),
  NTK: denied(true, NEED_TO_KNOW),
  oth: denied(false, 'Only for your own agency'),
  why: denied(false, 'Give a reason of at least 10 characters to open this record (break-glass)'),
  POL: denied(true, 'Police-restricted intelligence: police only'),
  HLT: denied(true, 'Health-restricted record: health only'),
  SLD: denied(true, 'Sealed record: closed to everyone'),
  '+inv': { allowed: true, basis: 'invited', reason: 'Your agency was invited to this meeting' },
  inv: denied(false, NOT_INVITED),
  INV: denied(true, NOT_INVITED),
  bgm: denied(false, 'Your agency was not invited to this meeting: give a reason to open it (break-glass)'),
  pox: denied(false, 'Marked police-only by police: police only'),
  hox: denied(false, 'Marked health-only: health only'),
  nid: denied(false, 'Your agency has not been invited to this strategy discussion'),
  nic: denied(false, 'Your agency has not been invited to this conference'),
  '+ask': { allowed: true, basis: 'asked', reason: 'Your agency was asked for its part' },
  nask: denied(false, 'Only the agency asked can answer for itself'),
  '+act': { allowed: true, basis: 'owner', reason: 'Your agency owns this action' },
  '+pty': { allowed: true, basis: 'party', reason: 'You or your agency are party to this disagreement' },
  np: denied(false, NOT_PARTY),
  NP: denied(true, NOT_PARTY),
  nact: denied(false, 'Only the agency that owns this action can complete it'),
  REV: denied(
    true,
    'Only the child’s local authority, the partnership’s reviews lead and scrutineer, and the agencies invited to its rapid review may read a serious incident',
  ),
  nla: denied(false, 'Only local authorities record and receive children’s moves across borders'),
  NLA: denied(true, 'Only local authorities record and receive children’s moves across borders'),
  MOV: denied(
    true,
    'Only the local authority that placed the child and the local authority they moved to may read this move',
  ),
  ALG: denied(
    true,
    'Only the LADO, whoever referred it and the agencies invited to its meetings may read an allegation',
  ),
  '+agr': {
    allowed: true,
    basis: 'audit-grant',
    reason: 'Your agency holds a current audit grant for this child’s case',
  },
  nog: denied(false, 'Your agency’s audit grant for this child’s case has ended or was not given'),
  CAU: denied(
    true,
    'Only the partnership’s quality assurance leads and the agencies asked to audit a case may open its audit',
  ),
  '+sg': {
    allowed: true,
    basis: 'scrutiny-grant',
    reason:
      'The partnership’s leads granted you access to this child’s record, for a stated purpose, until its end date',
  },
  SCR: denied(
    true,
    'Only the independent scrutineer the partnership’s leads granted access to, for a stated purpose, may open this child’s record, until the grant ends',
  ),
  nsl: denied(
    false,
    'Only the safeguarding managers of the local authority, the police and health, for the partnership’s leads, grant the independent scrutineer access to a child’s record',
  ),
}

// Everyone holds one grant for the 'north' LA unless the name says otherwise ('-all': the whole
// partnership). north-council is the north LA's own agency (children's social care); every other
// agency is a partner: police, health, education (north-schools) or other (probation).
const user = (
  id: string,
  role: Role,
  agencyId: string,
  agencyKind: AgencyKind,
  laId: string | null = 'north',
) =>
  ({
    kind: 'user',
    id,
    displayName: id,
    agencyId,
    agencyKind,
    ...(agencyId === 'north-council' ? { agencyLaId: 'north' } : {}),
    grants: [{ role, laId }],
  }) satisfies Actor
const system = (
  id: string,
  agencyId: string,
  agencyKind: AgencyKind,
  scopes: string[],
  serves: Actor['serves'] = 'all',
) =>
  ({
    kind: 'system',
    id,
    displayName: id,
    agencyId,
    agencyKind,
    ...(agencyId === 'north-council' ? { agencyLaId: 'north' } : {}),
    grants: [],
    scopes,
    serves,
  }) satisfies Actor

const PERSONAS: Record<string, Actor> = {
  'referrer-school': user('referrer-school', 'referrer', 'north-schools', 'education'),
  'referrer-gp': user('referrer-gp', 'referrer', 'gp-practices', 'health'),
  screener: user('screener', 'front-door-screener', 'north-council', 'local-authority'),
  'mat-la': user('mat-la', 'mat-practitioner', 'north-council', 'local-authority'),
  'mat-police': user('mat-police', 'mat-practitioner', 'police', 'police'),
  'mat-health': user('mat-health', 'mat-practitioner', 'health-trust', 'health'),
  'mat-school': user('mat-school', 'mat-practitioner', 'north-schools', 'education'),
  'business-support': user('business-support', 'business-support', 'north-council', 'local-authority'),
  'bs-all': user('bs-all', 'business-support', 'north-council', 'local-authority', null),
  'strategy-chair': user('strategy-chair', 'strategy-discussion-chair', 'north-council', 'local-authority'),
  'conference-chair': user('conference-chair', 'conference-chair', 'north-council', 'local-authority'),
  ppp: user('ppp', 'police-public-protection', 'police', 'police'),
  'ppp-all': user('ppp-all', 'police-public-protection', 'police', 'police', null),
  mace: user('mace', 'mace-coordinator', 'north-council', 'local-authority'),
  'mace-police': user('mace-police', 'mace-coordinator', 'police', 'police', null),
  analyst: user('analyst', 'analyst', 'business-unit', 'other'),
  scrutineer: user('scrutineer', 'independent-scrutineer', 'business-unit', 'other', null),
  lado: user('lado', 'lado', 'north-council', 'local-authority'),
  'sg-la': user('sg-la', 'safeguarding-manager', 'north-council', 'local-authority'),
  'sg-school': user('sg-school', 'safeguarding-manager', 'north-schools', 'education'),
  'sg-health': user('sg-health', 'safeguarding-manager', 'health-trust', 'health', null),
  'sg-police': user('sg-police', 'safeguarding-manager', 'police', 'police', null),
  'sg-other': user('sg-other', 'safeguarding-manager', 'probation', 'other', null),
  'agency-admin': user('agency-admin', 'agency-admin', 'health-trust', 'health', null),
  'partnership-admin': user(
    'partnership-admin',
    'partnership-admin',
    'north-council',
    'local-authority',
    null,
  ),
  'review-lead': user('review-lead', 'review-lead', 'business-unit', 'other', null),
  'police-system': system('police-system', 'police', 'police', ['events:write', 'events:read', 'cases:read']),
  'school-system': system('school-system', 'north-schools', 'education', ['contacts:write'], ['north']),
  'la-triage-system': system(
    'la-triage-system',
    'north-council',
    'local-authority',
    ['triage:write', 'decisions:write'],
    ['north'],
  ),
  'police-triage': system('police-triage', 'police', 'police', ['triage:write']),
}

const nobody = { agencyIds: ['another-agency'], userIds: ['someone-else'] }
const mine = (actor: Actor) => ({ agencyIds: [actor.agencyId], userIds: [actor.id] })
const ours = (actor: Actor) => ({ agencyIds: [actor.agencyId], userIds: [] })
const child = (laId: string, sensitivity: Sensitivity, involvement = nobody): ChildResource => ({
  kind: 'child',
  childId: `child-${laId}-${sensitivity}`,
  laId,
  sensitivity,
  involvement,
})

// An ended involvement is not in the resource (platform/access/guard.ts loads current ones only), so
// a child whose involvements all ended is 'own' or 'other' here; guard.test.ts proves the loading,
// kind by kind.

/** Columns: how each representative child looks from where the persona stands. */
const RECORD_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  own: () => child('north', 'standard'), // in the persona's LA, nobody of theirs involved
  other: () => child('south', 'standard'), // another LA, not involved
  user: (actor) => child('south', 'standard', mine(actor)), // another LA, the persona is involved
  agcy: (actor) => child('south', 'standard', ours(actor)), // another LA, their agency is involved
  agN: (actor) => child('north', 'standard', ours(actor)), // in the persona's LA, their agency involved
  pol: (actor) => child('north', 'police-restricted', mine(actor)),
  hlt: (actor) => child('north', 'health-restricted', mine(actor)),
  seal: (actor) => child('north', 'sealed', mine(actor)),
  laA: () => ({ kind: 'la', laId: 'north' }),
  laB: () => ({ kind: 'la', laId: 'south' }),
  all: () => ({ kind: 'partnership' }),
}

const referral = (
  laId: string,
  overrides: Partial<Omit<ReferralResource, 'kind' | 'laId'>> = {},
): ReferralResource => ({
  kind: 'referral',
  referralId: `referral-${laId}`,
  laId,
  referrer: 'user:someone-else',
  triageOpen: false,
  child: null,
  ...overrides,
})
const referrerOf = (actor: Actor) => `${actor.kind}:${actor.id}`

/** Columns for a referral's actions: its triage, its referrer, and the child it is matched to. */
const REFERRAL_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  tri: () => referral('north', { triageOpen: true }), // in open triage in the persona's LA, unmatched
  triB: () => referral('south', { triageOpen: true }), // in open triage in another LA
  done: () => referral('north'), // screened by the LA or decided: no triage open, unmatched
  mine: (actor) => referral('south', { referrer: referrerOf(actor) }), // the persona sent it
  kid: (actor) => referral('south', { child: child('south', 'standard', ours(actor)) }), // agency involved
  triK: () => referral('north', { triageOpen: true, child: child('north', 'standard') }), // matched, triage
  pol: (actor) =>
    referral('north', { triageOpen: true, child: child('north', 'police-restricted', mine(actor)) }),
  laA: () => ({ kind: 'la', laId: 'north' }),
  laB: () => ({ kind: 'la', laId: 'south' }),
  all: () => ({ kind: 'partnership' }),
}
/** Matching also asks whether the referral was decided for a strategy discussion ('disc': unmatched). */
const { laA, laB, all, ...referralColumns } = REFERRAL_COLUMNS
const MATCH_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  ...referralColumns,
  disc: () => referral('north', { decidedForStrategyDiscussion: true }),
  laA,
  laB,
  all,
} as Record<string, (actor: Actor) => Resource>
const AREA_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  laA: () => ({ kind: 'la', laId: 'north' }),
  laB: () => ({ kind: 'la', laId: 'south' }),
  all: () => ({ kind: 'partnership' }),
}
const AGENCY_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  own: (actor) => ({ kind: 'agency', agencyId: actor.agencyId }),
  other: () => ({ kind: 'agency', agencyId: 'another-agency' }),
  all: () => ({ kind: 'partnership' }),
}

const RECORD_MATRIX: Record<
  Exclude<(typeof RECORD_ACTIONS)[number], (typeof REFERRAL_ACTIONS)[number]>,
  string
> = {
  'child.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          nibg  glass +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          nibg  glass +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          nibg  glass +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    +me   +ag   +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 nibg  glass +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             nibg  nibg  +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         nibg  nibg  +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'child.merge': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NOM   NOM   nom   NOM   NOM   POL   HLT   SLD   nom   nom   nom
referrer-gp         NOM   NOM   nom   NOM   NOM   POL   nom   SLD   nom   nom   nom
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              nom   nom   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
mat-police          nom   nom   nom   nom   nom   nom   HLT   SLD   nom   nom   nom
mat-health          nom   nom   nom   nom   nom   POL   nom   SLD   nom   nom   nom
mat-school          nom   nom   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
business-support    nom   NOM   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
bs-all              nom   NOM   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
strategy-chair      nom   nom   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
conference-chair    nom   nom   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
ppp                 nom   nom   nom   nom   nom   nom   HLT   SLD   nom   nom   nom
ppp-all             nom   nom   nom   nom   nom   nom   HLT   SLD   nom   nom   nom
mace                nom   nom   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
mace-police         nom   nom   nom   nom   nom   nom   HLT   SLD   nom   nom   nom
analyst             NOM   NOM   NOM   NOM   NOM   POL   HLT   SLD   nom   nom   nom
scrutineer          NOM   NOM   NOM   NOM   NOM   POL   HLT   SLD   nom   nom   nom
lado                nom   nom   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
sg-la               nom   NOM   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
sg-school           NOM   NOM   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
sg-health           NOM   NOM   nom   nom   nom   POL   nom   SLD   nom   nom   nom
sg-police           NOM   NOM   nom   nom   nom   nom   HLT   SLD   nom   nom   nom
sg-other            NOM   NOM   nom   nom   nom   POL   HLT   SLD   nom   nom   nom
agency-admin        NOM   NOM   NOM   NOM   NOM   POL   NOM   SLD   nom   nom   nom
partnership-admin   NOM   NOM   NOM   NOM   NOM   POL   HLT   SLD   nom   nom   nom
review-lead         NOM   NOM   NOM   NOM   NOM   POL   HLT   SLD   nom   nom   nom
police-system       NOM   NOM   nom   nom   nom   nom   HLT   SLD   nom   nom   nom
school-system       NOM   NOM   NOM   NOM   NOM   POL   HLT   SLD   nom   nom   nom
la-triage-system    NOM   NOM   NOM   NOM   NOM   POL   HLT   SLD   nom   nom   nom
police-triage       NOM   NOM   NOM   NOM   NOM   NOM   HLT   SLD   nom   nom   nom
`,
  'strategy.schedule': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    +la   OUT   out   out   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    ni    ni    +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
conference-chair    no    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    no    POL   HLT   SLD   no    no    no
mace-police         no    no    no    no    no    no    HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'strategy.contribute': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          ni    out   +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          ni    out   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    +me   +ag   +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'strategy.chair': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
conference-chair    no    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    no    POL   HLT   SLD   no    no    no
mace-police         no    no    no    no    no    no    HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'conference.schedule': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    +la   OUT   out   out   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    ni    ni    +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    no    POL   HLT   SLD   no    no    no
mace-police         no    no    no    no    no    no    HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  // The family's feedback survey after a conference: sent by whoever books the conference.
  'voice.issue': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    +la   OUT   out   out   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    ni    ni    +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    no    POL   HLT   SLD   no    no    no
mace-police         no    no    no    no    no    no    HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'conference.chair': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    no    POL   HLT   SLD   no    no    no
mace-police         no    no    no    no    no    no    HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'event.post': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          ni    out   +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          ni    out   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'event.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          nibg  glass +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          nibg  glass +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          nibg  glass +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    +me   +ag   +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 nibg  glass +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             nibg  nibg  +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         nibg  nibg  +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'event.acknowledge': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          ni    out   +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          ni    out   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'chronology.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          nibg  glass +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          nibg  glass +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          nibg  glass +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    +me   +ag   +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 nibg  glass +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             nibg  nibg  +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         nibg  nibg  +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   glass +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'involvement.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   glass glass glass +la   POL   HLT   SLD   +la   out   out
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    +la   OUT   out   out   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    ni    ni    +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      +la   glass glass glass +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   glass glass glass +la   POL   HLT   SLD   +la   out   out
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    no    POL   HLT   SLD   no    no    no
mace-police         no    no    no    no    no    no    HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'involvement.manage': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    +la   OUT   out   out   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    ni    ni    +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    no    POL   HLT   SLD   no    no    no
mace-police         no    no    no    no    no    no    HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'child.update': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    +la   OUT   out   out   +la   POL   HLT   SLD   +la   out   out
bs-all              +la   NI    ni    ni    +la   POL   HLT   SLD   +la   +la   +la
strategy-chair      +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    no    POL   HLT   SLD   no    no    no
mace-police         no    no    no    no    no    no    HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'exploitation.screen': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          ni    out   +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          ni    out   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'volt.record': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   out   out   ni    ni    HLT   SLD   +la   out   out
mat-health          ni    out   out   out   ni    POL   ni    SLD   +la   out   out
mat-school          ni    out   out   out   ni    POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'volt.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   out   out   ni    ni    HLT   SLD   +la   out   out
mat-health          ni    out   out   out   ni    POL   ni    SLD   +la   out   out
mat-school          ni    out   out   out   ni    POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'exploitation.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   out   out   ni    ni    HLT   SLD   +la   out   out
mat-health          ni    out   out   out   ni    POL   ni    SLD   +la   out   out
mat-school          ni    out   out   out   ni    POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  // Raising a professional disagreement: whoever may share what they know about the child.
  'escalation.raise': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          ni    out   +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          ni    out   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  // Missing episodes: the child's LA's front door, MAT and MACE record one for its own children, police
  // public protection (and agencies' systems) for children their agency is involved with; only the LA
  // records the return home
  // interview; the LA's practitioners read its children's episodes, police and MACE those their
  // agency is involved with (recording one involves the agency).
  'missing.record': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   out   out   ni    ni    HLT   SLD   +la   out   out
mat-health          ni    out   out   out   ni    POL   ni    SLD   +la   out   out
mat-school          ni    out   out   out   ni    POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    ni    ni    ni    ni    HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'missing.interview': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   out   out   ni    ni    HLT   SLD   +la   out   out
mat-health          ni    out   out   out   ni    POL   ni    SLD   +la   out   out
mat-school          ni    out   out   out   ni    POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    ni    ni    ni    ni    HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'missing.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   out   out   ni    ni    HLT   SLD   +la   out   out
mat-health          ni    out   out   out   ni    POL   ni    SLD   +la   out   out
mat-school          ni    out   out   out   ni    POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  // MACE: whoever may screen a child may refer them (the same reaches); only MACE's members, its
  // coordinators, read the MACE list and record: the child's LA's by area, a partner's where involved.
  'mace.refer': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          ni    out   +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          ni    out   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  // A move across a border (src/moves) is recorded by the child's LA's own exploitation workers:
  // front door, MAT, MACE and safeguarding managers of the LA's own agency.
  'move.record': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-police          nla   nla   nla   nla   nla   nla   HLT   SLD   nla   nla   nla
mat-health          nla   nla   nla   nla   nla   POL   nla   SLD   nla   nla   nla
mat-school          nla   nla   nla   nla   nla   POL   HLT   SLD   nla   nla   nla
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mace-police         nla   nla   nla   nla   nla   nla   HLT   SLD   nla   nla   nla
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               +la   OUT   out   out   +la   POL   HLT   SLD   +la   out   out
sg-school           NLA   NLA   nla   nla   nla   POL   HLT   SLD   nla   nla   nla
sg-health           NLA   NLA   nla   nla   nla   POL   nla   SLD   nla   nla   nla
sg-police           NLA   NLA   nla   nla   nla   nla   HLT   SLD   nla   nla   nla
sg-other            NLA   NLA   nla   nla   nla   POL   HLT   SLD   nla   nla   nla
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'mace.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    no    HLT   SLD   no    no    no
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  // Disruption tactics and NRM referrals: recorded by MACE's members, police public protection where
  // their agency is involved, and the child's LA's own front door and MAT practitioners; read by whoever
  // reads the child's exploitation screenings, and police public protection where involved. A police
  // force's system (events:write) records for children its agency is involved with. Only local
  // authorities, the police and health record them ('ndis': a school's MAT practitioner).
  'disruption-nrm.record': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   out   out   ni    ni    HLT   SLD   +la   out   out
mat-health          ni    out   out   out   ni    POL   ni    SLD   +la   out   out
mat-school          ndis  ndis  ndis  ndis  ndis  POL   HLT   SLD   ndis  ndis  ndis
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'disruption-nrm.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   out   out   ni    ni    HLT   SLD   +la   out   out
mat-health          ni    out   out   out   ni    POL   ni    SLD   +la   out   out
mat-school          ni    out   out   out   ni    POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   out   out   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  // Form 87a: whoever may share what they know about a child may ask the police about them (the same
  // reaches as a MACE referral); police public protection answer, in their area where their agency is
  // involved with the child (asking involves the police force serving the child's LA).
  'police-request.make': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          ni    out   +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          ni    out   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'police-request.answer': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    no    POL   no    SLD   no    no    no
mat-school          no    no    no    no    no    POL   HLT   SLD   no    no    no
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                no    no    no    no    no    POL   HLT   SLD   no    no    no
mace-police         no    no    no    no    no    no    HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    no    POL   HLT   SLD   no    no    no
sg-la               no    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-school           NO    NO    no    no    no    POL   HLT   SLD   no    no    no
sg-health           NO    NO    no    no    no    POL   no    SLD   no    no    no
sg-police           NO    NO    no    no    no    no    HLT   SLD   no    no    no
sg-other            NO    NO    no    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  // The actions agreed at meetings: the child's LA's own staff and the practitioners and managers of
  // agencies involved with the child (an owner agency is, through its action); completing one is then
  // the owner's own part (part.write).
  'action.view': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          ni    out   +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          ni    out   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
  'action.complete': `
                    own   other user  agcy  agN   pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    NO    POL   no    SLD   no    no    no
screener            +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mat-police          ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
mat-health          ni    out   +me   +ag   +ag   POL   +me   SLD   +la   out   out
mat-school          ni    out   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
business-support    no    NO    no    no    no    POL   HLT   SLD   no    no    no
bs-all              no    NO    no    no    no    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
ppp                 ni    out   +me   +ag   +ag   +me   HLT   SLD   +la   out   out
ppp-all             ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
mace                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
mace-police         ni    ni    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
analyst             NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-la               +la   OUT   +me   +ag   +la   POL   HLT   SLD   +la   out   out
sg-school           NI    OUT   +me   +ag   +ag   POL   HLT   SLD   +la   out   out
sg-health           NI    NI    +me   +ag   +ag   POL   +me   SLD   +la   +la   +la
sg-police           NI    NI    +me   +ag   +ag   +me   HLT   SLD   +la   +la   +la
sg-other            NI    NI    +me   +ag   +ag   POL   HLT   SLD   +la   +la   +la
agency-admin        NO    NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
review-lead         NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-triage       NO    NO    NO    NO    NO    NO    HLT   SLD   no    no    no
`,
}

// A referral is read by its referrer (never the child's record), by the MAT practitioners of its LA
// while its triage is open, by the LA's own staff, and otherwise as the matched child allows.
const REFERRAL_MATRIX: Record<(typeof REFERRAL_ACTIONS)[number], string> = {
  'referral.view': `
                    tri   triB  done  mine  kid   triK  pol   laA   laB   all
referrer-school     ntk   ntk   ntk   +ref  NTK   NTK   POL   ntk   ntk   ntk
referrer-gp         ntk   ntk   ntk   +ref  NTK   NTK   POL   ntk   ntk   ntk
screener            +la   out   +la   out   +ag   +la   POL   +la   out   out
mat-la              +la   out   +la   out   +ag   +la   POL   +la   out   out
mat-police          +tri  out   ni    out   +ag   +tri  +me   +la   out   out
mat-health          +tri  out   ni    out   +ag   +tri  POL   +la   out   out
mat-school          +tri  out   ni    out   +ag   +tri  POL   +la   out   out
business-support    +la   out   +la   out   +ag   +la   POL   +la   out   out
bs-all              +la   ni    +la   ni    +ag   +la   POL   +la   +la   +la
strategy-chair      +la   out   +la   out   +ag   +la   POL   +la   out   out
conference-chair    +la   out   +la   out   +ag   +la   POL   +la   out   out
ppp                 +tri  out   ni    out   +ag   +tri  +me   +la   out   out
ppp-all             +tri  +tri  ni    ni    +ag   +tri  +me   +la   +la   +la
mace                +la   out   +la   out   +ag   +la   POL   +la   out   out
mace-police         ni    ni    ni    ni    +ag   ni    +me   +la   +la   +la
analyst             no    no    no    no    NO    NO    POL   no    no    no
scrutineer          no    no    no    no    NO    NO    POL   no    no    no
lado                +la   out   +la   out   +ag   +la   POL   +la   out   out
sg-la               +la   out   +la   out   +ag   +la   POL   +la   out   out
sg-school           ni    out   ni    out   +ag   NI    POL   +la   out   out
sg-health           ni    ni    ni    ni    +ag   NI    POL   +la   +la   +la
sg-police           ni    ni    ni    ni    +ag   NI    +me   +la   +la   +la
sg-other            ni    ni    ni    ni    +ag   NI    POL   +la   +la   +la
agency-admin        no    no    no    no    NO    NO    POL   no    no    no
partnership-admin   no    no    no    no    NO    NO    POL   no    no    no
review-lead         no    no    no    no    NO    NO    POL   no    no    no
police-system       ntk   ntk   ntk   ntk   +ag   NTK   +ag   ntk   ntk   ntk
school-system       ntk   ntk   ntk   +ref  NTK   NTK   POL   ntk   ntk   ntk
la-triage-system    +la   out   +la   out   +ag   +la   POL   +la   out   out
police-triage       +tri  +tri  ni    ni    +ag   +tri  +me   +la   +la   +la
`,
  'referral.screen': `
                    tri   triB  done  mine  kid   triK  pol   laA   laB   all
referrer-school     no    no    no    no    NO    NO    POL   no    no    no
referrer-gp         no    no    no    no    NO    NO    POL   no    no    no
screener            +la   out   +la   out   out   +la   POL   +la   out   out
mat-la              no    no    no    no    no    no    POL   no    no    no
mat-police          no    no    no    no    no    no    no    no    no    no
mat-health          no    no    no    no    no    no    POL   no    no    no
mat-school          no    no    no    no    no    no    POL   no    no    no
business-support    no    no    no    no    no    no    POL   no    no    no
bs-all              no    no    no    no    no    no    POL   no    no    no
strategy-chair      no    no    no    no    no    no    POL   no    no    no
conference-chair    no    no    no    no    no    no    POL   no    no    no
ppp                 no    no    no    no    no    no    no    no    no    no
ppp-all             no    no    no    no    no    no    no    no    no    no
mace                no    no    no    no    no    no    POL   no    no    no
mace-police         no    no    no    no    no    no    no    no    no    no
analyst             no    no    no    no    NO    NO    POL   no    no    no
scrutineer          no    no    no    no    NO    NO    POL   no    no    no
lado                no    no    no    no    no    no    POL   no    no    no
sg-la               no    no    no    no    no    no    POL   no    no    no
sg-school           no    no    no    no    no    NO    POL   no    no    no
sg-health           no    no    no    no    no    NO    POL   no    no    no
sg-police           no    no    no    no    no    NO    no    no    no    no
sg-other            no    no    no    no    no    NO    POL   no    no    no
agency-admin        no    no    no    no    NO    NO    POL   no    no    no
partnership-admin   no    no    no    no    NO    NO    POL   no    no    no
review-lead         no    no    no    no    NO    NO    POL   no    no    no
police-system       no    no    no    no    no    NO    no    no    no    no
school-system       no    no    no    no    NO    NO    POL   no    no    no
la-triage-system    no    no    no    no    NO    NO    POL   no    no    no
police-triage       no    no    no    no    NO    NO    NO    no    no    no
`,
  'referral.decide': `
                    tri   triB  done  mine  kid   triK  pol   laA   laB   all
referrer-school     no    no    no    no    NO    NO    POL   no    no    no
referrer-gp         no    no    no    no    NO    NO    POL   no    no    no
screener            +la   out   +la   out   out   +la   POL   +la   out   out
mat-la              +la   out   +la   out   out   +la   POL   +la   out   out
mat-police          +tri  out   ni    out   out   +tri  +tri  +la   out   out
mat-health          +tri  out   ni    out   out   +tri  POL   +la   out   out
mat-school          +tri  out   ni    out   out   +tri  POL   +la   out   out
business-support    no    no    no    no    no    no    POL   no    no    no
bs-all              no    no    no    no    no    no    POL   no    no    no
strategy-chair      no    no    no    no    no    no    POL   no    no    no
conference-chair    no    no    no    no    no    no    POL   no    no    no
ppp                 no    no    no    no    no    no    no    no    no    no
ppp-all             no    no    no    no    no    no    no    no    no    no
mace                no    no    no    no    no    no    POL   no    no    no
mace-police         no    no    no    no    no    no    no    no    no    no
analyst             no    no    no    no    NO    NO    POL   no    no    no
scrutineer          no    no    no    no    NO    NO    POL   no    no    no
lado                no    no    no    no    no    no    POL   no    no    no
sg-la               no    no    no    no    no    no    POL   no    no    no
sg-school           no    no    no    no    no    NO    POL   no    no    no
sg-health           no    no    no    no    no    NO    POL   no    no    no
sg-police           no    no    no    no    no    NO    no    no    no    no
sg-other            no    no    no    no    no    NO    POL   no    no    no
agency-admin        no    no    no    no    NO    NO    POL   no    no    no
partnership-admin   no    no    no    no    NO    NO    POL   no    no    no
review-lead         no    no    no    no    NO    NO    POL   no    no    no
police-system       no    no    no    no    no    NO    no    no    no    no
school-system       no    no    no    no    NO    NO    POL   no    no    no
la-triage-system    +la   out   +la   out   OUT   +la   POL   +la   out   out
police-triage       no    no    no    no    NO    NO    NO    no    no    no
`,
  'mat.contribute': `
                    tri   triB  done  mine  kid   triK  pol   laA   laB   all
referrer-school     no    no    no    no    NO    NO    POL   no    no    no
referrer-gp         no    no    no    no    NO    NO    POL   no    no    no
screener            no    no    no    no    no    no    POL   no    no    no
mat-la              +la   out   +la   out   out   +la   POL   +la   out   out
mat-police          +tri  out   ni    out   out   +tri  +tri  +la   out   out
mat-health          +tri  out   ni    out   out   +tri  POL   +la   out   out
mat-school          +tri  out   ni    out   out   +tri  POL   +la   out   out
business-support    no    no    no    no    no    no    POL   no    no    no
bs-all              no    no    no    no    no    no    POL   no    no    no
strategy-chair      no    no    no    no    no    no    POL   no    no    no
conference-chair    no    no    no    no    no    no    POL   no    no    no
ppp                 +tri  out   ni    out   out   +tri  +tri  +la   out   out
ppp-all             +tri  +tri  ni    ni    ni    +tri  +tri  +la   +la   +la
mace                no    no    no    no    no    no    POL   no    no    no
mace-police         no    no    no    no    no    no    no    no    no    no
analyst             no    no    no    no    NO    NO    POL   no    no    no
scrutineer          no    no    no    no    NO    NO    POL   no    no    no
lado                no    no    no    no    no    no    POL   no    no    no
sg-la               no    no    no    no    no    no    POL   no    no    no
sg-school           no    no    no    no    no    NO    POL   no    no    no
sg-health           no    no    no    no    no    NO    POL   no    no    no
sg-police           no    no    no    no    no    NO    no    no    no    no
sg-other            no    no    no    no    no    NO    POL   no    no    no
agency-admin        no    no    no    no    NO    NO    POL   no    no    no
partnership-admin   no    no    no    no    NO    NO    POL   no    no    no
review-lead         no    no    no    no    NO    NO    POL   no    no    no
police-system       no    no    no    no    no    NO    no    no    no    no
school-system       no    no    no    no    NO    NO    POL   no    no    no
la-triage-system    +la   out   +la   out   OUT   +la   POL   +la   out   out
police-triage       +tri  +tri  ni    ni    NI    +tri  +tri  +la   +la   +la
`,
  // Matching is the child's LA's own: its front door (screeners, its own MAT practitioners) and,
  // once the referral is decided for a strategy discussion ('disc'), whoever books the discussion.
  'referral.match': `
                    tri   triB  done  mine  kid   triK  pol   disc  laA   laB   all
referrer-school     nomt  nomt  nomt  nomt  NOMT  NOMT  POL   nomt  nomt  nomt  nomt
referrer-gp         nomt  nomt  nomt  nomt  NOMT  NOMT  POL   nomt  nomt  nomt  nomt
screener            +la   out   +la   out   out   +la   POL   +la   +la   out   out
mat-la              +la   out   +la   out   out   +la   POL   +la   +la   out   out
mat-police          nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt
mat-health          nomt  nomt  nomt  nomt  nomt  nomt  POL   nomt  nomt  nomt  nomt
mat-school          nomt  nomt  nomt  nomt  nomt  nomt  POL   nomt  nomt  nomt  nomt
business-support    nomt  out   nomt  out   out   nomt  POL   +la   +la   out   out
bs-all              nomt  ni    nomt  ni    ni    nomt  POL   +la   +la   +la   +la
strategy-chair      nomt  out   nomt  out   out   nomt  POL   +la   +la   out   out
conference-chair    nomt  nomt  nomt  nomt  nomt  nomt  POL   nomt  nomt  nomt  nomt
ppp                 nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt
ppp-all             nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt
mace                nomt  nomt  nomt  nomt  nomt  nomt  POL   nomt  nomt  nomt  nomt
mace-police         nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt  nomt
analyst             nomt  nomt  nomt  nomt  NOMT  NOMT  POL   nomt  nomt  nomt  nomt
scrutineer          nomt  nomt  nomt  nomt  NOMT  NOMT  POL   nomt  nomt  nomt  nomt
lado                nomt  nomt  nomt  nomt  nomt  nomt  POL   nomt  nomt  nomt  nomt
sg-la               nomt  nomt  nomt  nomt  nomt  nomt  POL   nomt  nomt  nomt  nomt
sg-school           nomt  nomt  nomt  nomt  nomt  NOMT  POL   nomt  nomt  nomt  nomt
sg-health           nomt  nomt  nomt  nomt  nomt  NOMT  POL   nomt  nomt  nomt  nomt
sg-police           nomt  nomt  nomt  nomt  nomt  NOMT  nomt  nomt  nomt  nomt  nomt
sg-other            nomt  nomt  nomt  nomt  nomt  NOMT  POL   nomt  nomt  nomt  nomt
agency-admin        nomt  nomt  nomt  nomt  NOMT  NOMT  POL   nomt  nomt  nomt  nomt
partnership-admin   nomt  nomt  nomt  nomt  NOMT  NOMT  POL   nomt  nomt  nomt  nomt
review-lead         nomt  nomt  nomt  nomt  NOMT  NOMT  POL   nomt  nomt  nomt  nomt
police-system       nomt  nomt  nomt  nomt  nomt  NOMT  nomt  nomt  nomt  nomt  nomt
school-system       nomt  nomt  nomt  nomt  NOMT  NOMT  POL   nomt  nomt  nomt  nomt
la-triage-system    +la   out   +la   out   OUT   +la   POL   +la   +la   out   out
police-triage       nomt  nomt  nomt  nomt  NOMT  NOMT  NOMT  nomt  nomt  nomt  nomt
`,
}

/** The safeguarding managers of the LA, police and health sign the yearly report and the MASA plan. */
const LEAD_PARTNER_SIGNERS = `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               +any  +any  +any
sg-school           nlp   nlp   nlp
sg-health           +any  +any  +any
sg-police           +any  +any  +any
sg-other            nlp   nlp   nlp
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`

const AREA_MATRIX: Record<(typeof AREA_ACTIONS)[number], string> = {
  'child.search': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
mat-school          +any  +any  +any
business-support    +any  +any  +any
bs-all              +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
mace-police         +any  +any  +any
analyst             no    no    no
scrutineer          no    no    no
lado                +any  +any  +any
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'child.create': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            +la   out   out
mat-la              +la   out   out
mat-police          +la   out   out
mat-health          +la   out   out
mat-school          +la   out   out
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 +la   out   out
ppp-all             +la   +la   +la
mace                +la   out   out
mace-police         +la   +la   +la
analyst             no    no    no
scrutineer          no    no    no
lado                +la   out   out
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'referral.create': `
                    laA   laB   all
referrer-school     +any  +any  +any
referrer-gp         +any  +any  +any
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
mat-school          +any  +any  +any
business-support    +any  +any  +any
bs-all              +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
mace-police         +any  +any  +any
analyst             no    no    no
scrutineer          no    no    no
lado                +any  +any  +any
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       +any  +any  +any
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'statistics.view': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             +la   out   out
scrutineer          +any  +any  +any
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'maintenance.view': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'retention.view': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'retention.manage': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // Anyone at an agency refers an allegation to any LA's LADO; the yearly figures are the LADO's.
  'allegation.refer': `
                    laA   laB   all
referrer-school     +any  +any  +any
referrer-gp         +any  +any  +any
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
mat-school          +any  +any  +any
business-support    +any  +any  +any
bs-all              +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
mace-police         +any  +any  +any
analyst             no    no    no
scrutineer          no    no    no
lado                +any  +any  +any
sg-la               +any  +any  +any
sg-school           +any  +any  +any
sg-health           +any  +any  +any
sg-police           +any  +any  +any
sg-other            +any  +any  +any
agency-admin        +any  +any  +any
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'allegation.report': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          +any  +any  +any
lado                +la   out   out
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // The report of disagreements: the partnership's leads, as for its statistics.
  'escalation.report': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             +la   out   out
scrutineer          +any  +any  +any
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // Training (no child's data): everyone books; the partnership's administrator and its reviews and
  // learning lead keep the catalogue and registers; the take-up report is theirs and the analyst's, across the partnership.
  'training.book': `
                    laA   laB   all
referrer-school     +any  +any  +any
referrer-gp         +any  +any  +any
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
mat-school          +any  +any  +any
business-support    +any  +any  +any
bs-all              +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
mace-police         +any  +any  +any
analyst             +any  +any  +any
scrutineer          +any  +any  +any
lado                +any  +any  +any
sg-la               +any  +any  +any
sg-school           +any  +any  +any
sg-health           +any  +any  +any
sg-police           +any  +any  +any
sg-other            +any  +any  +any
agency-admin        +any  +any  +any
partnership-admin   +any  +any  +any
review-lead         +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'training.manage': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'training.report': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             +any  +any  +any
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // Every practitioner may answer the survey after a meeting they were at (the workflow checks that).
  'voice.answer': `
                    laA   laB   all
referrer-school     +any  +any  +any
referrer-gp         +any  +any  +any
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
mat-school          +any  +any  +any
business-support    +any  +any  +any
bs-all              +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
mace-police         +any  +any  +any
analyst             +any  +any  +any
scrutineer          +any  +any  +any
lado                +any  +any  +any
sg-la               +any  +any  +any
sg-school           +any  +any  +any
sg-health           +any  +any  +any
sg-police           +any  +any  +any
sg-other            +any  +any  +any
agency-admin        +any  +any  +any
partnership-admin   +any  +any  +any
review-lead         +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // The voice of children and families: the counted answers (no names) for the partnership's
  // administrator, analysts and scrutineer; what was changed recorded by the administrator.
  'voice.results': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             +any  +any  +any
scrutineer          +any  +any  +any
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'voice.manage': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // The partnership's yearly report (aggregates only): its business unit writes and publishes it; the
  // local authority's, police's and health's safeguarding managers sign it off for the three lead
  // safeguarding partners; drafts are read by every safeguarding manager and the scrutineer; once
  // published, by every signed-in person.
  'yearly-report.write': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'yearly-report.sign': LEAD_PARTNER_SIGNERS,
  'yearly-report.view': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          +any  +any  +any
lado                no    no    no
sg-la               +any  +any  +any
sg-school           +any  +any  +any
sg-health           +any  +any  +any
sg-police           +any  +any  +any
sg-other            +any  +any  +any
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'yearly-report.read': `
                    laA   laB   all
referrer-school     +any  +any  +any
referrer-gp         +any  +any  +any
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
mat-school          +any  +any  +any
business-support    +any  +any  +any
bs-all              +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
mace-police         +any  +any  +any
analyst             +any  +any  +any
scrutineer          +any  +any  +any
lado                +any  +any  +any
sg-la               +any  +any  +any
sg-school           +any  +any  +any
sg-health           +any  +any  +any
sg-police           +any  +any  +any
sg-other            +any  +any  +any
agency-admin        +any  +any  +any
partnership-admin   +any  +any  +any
review-lead         +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'learning.write': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'learning.oversee': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          +any  +any  +any
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'learning.read': `
                    laA   laB   all
referrer-school     +any  +any  +any
referrer-gp         +any  +any  +any
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
mat-school          +any  +any  +any
business-support    +any  +any  +any
bs-all              +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
mace-police         +any  +any  +any
analyst             +any  +any  +any
scrutineer          +any  +any  +any
lado                +any  +any  +any
sg-la               +any  +any  +any
sg-school           +any  +any  +any
sg-health           +any  +any  +any
sg-police           +any  +any  +any
sg-other            +any  +any  +any
agency-admin        +any  +any  +any
partnership-admin   +any  +any  +any
review-lead         +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'volt.person': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 +la   out   out
ppp-all             +la   +la   +la
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // The exploitation dataset: suppressed counts, no child named. An LA's analyst builds their LA's;
  // the partnership's administrator every LA's; any analyst and the administrator compare files.
  'dataset.build': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             +la   out   out
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'dataset.compare': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             +any  +any  +any
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'statistics.compare': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             +any  +any  +any
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // The statutory returns list children one by one: the LA's own analysts only.
  'returns.prepare': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             +la   out   out
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // The MASA plan (no child's data): read by every person of the partnership; written, and the
  // regional forum run, by its business unit (the partnership's administrator).
  'masa-plan.sign': LEAD_PARTNER_SIGNERS,
  'masa-plan.read': `
                    laA   laB   all
referrer-school     +any  +any  +any
referrer-gp         +any  +any  +any
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
mat-school          +any  +any  +any
business-support    +any  +any  +any
bs-all              +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
mace-police         +any  +any  +any
analyst             +any  +any  +any
scrutineer          +any  +any  +any
lado                +any  +any  +any
sg-la               +any  +any  +any
sg-school           +any  +any  +any
sg-health           +any  +any  +any
sg-police           +any  +any  +any
sg-other            +any  +any  +any
agency-admin        +any  +any  +any
partnership-admin   +any  +any  +any
review-lead         +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'masa-plan.write': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'masa-plan.forum': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // The partnership view of returns (identifiers degraded): asked on the partnership, so only an
  // analyst whose grant covers the whole partnership (see below); not the scrutineer nor the admin.
  'returns.compare': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             +la   out   out
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
}

const AGENCY_MATRIX: Record<(typeof AGENCY_ACTIONS)[number], string> = {
  'audit.search': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          +any  +any  +any
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        +own  oth   oth
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'user.administer': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        +own  oth   oth
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'api-client.administer': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        +own  oth   oth
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'break-glass.report': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          +any  +any  +any
lado                no    no    no
sg-la               +own  oth   oth
sg-school           +own  oth   oth
sg-health           +own  oth   oth
sg-police           +own  oth   oth
sg-other            +own  oth   oth
agency-admin        +own  oth   oth
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // Declaring the roll (education) or caseload (health): the agency's safeguarding manager, for
  // its own agency only; a safeguarding manager of any other kind of agency is told it keeps none.
  'roll.declare': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               nor   nor   nor
sg-school           +own  oth   oth
sg-health           +own  oth   oth
sg-police           nor   nor   nor
sg-other            nor   nor   nor
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  // The yearly self-assessment (no child's data): each agency's safeguarding manager completes and
  // reads its own return only, whatever the kind of agency; the partnership's administrator opens
  // rounds, reads and challenges every return; the scrutineer reads every return.
  'self-assessment.complete': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               +own  oth   oth
sg-school           +own  oth   oth
sg-health           +own  oth   oth
sg-police           +own  oth   oth
sg-other            +own  oth   oth
agency-admin        no    no    no
partnership-admin   no    no    no
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'self-assessment.view': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          +any  +any  +any
lado                no    no    no
sg-la               +own  oth   oth
sg-school           +own  oth   oth
sg-health           +own  oth   oth
sg-police           +own  oth   oth
sg-other            +own  oth   oth
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
  'self-assessment.manage': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
mat-school          no    no    no
business-support    no    no    no
bs-all              no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
mace-police         no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-la               no    no    no
sg-school           no    no    no
sg-health           no    no    no
sg-police           no    no    no
sg-other            no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
review-lead         no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
police-triage       no    no    no
`,
}

interface Cell {
  persona: string
  column: string
  code: string
}

function cellsOf(matrix: string, columns: readonly string[]): Cell[] {
  const [header, ...rows] = matrix
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
  assert.deepEqual(header, columns, 'matrix columns')
  assert.deepEqual(
    rows.map(([persona]) => persona),
    Object.keys(PERSONAS),
    'every persona has a row, in order',
  )
  return rows.flatMap(([persona = '', ...codes]) => {
    assert.equal(codes.length, columns.length, `${persona}: one code per column`)
    return codes.map((code, i) => ({ persona, column: columns[i] ?? '', code }))
  })
}

function checkMatrix(
  action: Action,
  matrix: string,
  columns: Record<string, (actor: Actor) => Resource>,
  options: { breakGlassReason?: string } = {},
) {
  for (const { persona, column, code } of cellsOf(matrix, Object.keys(columns))) {
    const actor = PERSONAS[persona] as Actor
    const resource = (columns[column] as (actor: Actor) => Resource)(actor)
    const expected = LEGEND[code]
    assert.ok(expected, `unknown code ${code}`)
    const actual = decide(actor, action, resource as never, options)
    assert.deepEqual(actual, expected, `${persona} ${action} on ${column}`)
  }
}

// ---------------------------------------------------------------------------
// Meetings and parts of shared records

const meeting = (
  laId: string,
  sensitivity: Sensitivity,
  took: { involvement?: typeof nobody; invited?: string[]; userIds?: string[] } = {},
): MeetingResource => ({
  kind: 'meeting',
  meetingId: `meeting-${laId}`,
  child: child(laId, sensitivity, took.involvement),
  laId,
  invitedAgencyIds: ['another-agency', ...(took.invited ?? [])],
  attendedAgencyIds: ['another-agency'],
  userIds: ['someone-else', ...(took.userIds ?? [])],
})
const agencyOnly = (actor: Actor) => ({ agencyIds: [actor.agencyId], userIds: [] })
const invitedTo = (laId: string, sensitivity: Sensitivity, actor: Actor) =>
  meeting(laId, sensitivity, { involvement: agencyOnly(actor), invited: [actor.agencyId] })

/** Meetings as each persona stands to them: the meeting's LA, the child's marking, who took part. */
const MEETING_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  own: () => meeting('north', 'standard'), // in the persona's LA, nobody of theirs took part
  other: () => meeting('south', 'standard'), // another LA, nobody of theirs involved
  invlv: (actor) => meeting('south', 'standard', { involvement: agencyOnly(actor) }), // involved, not invited
  inv: (actor) => invitedTo('south', 'standard', actor), // the persona's agency was invited
  named: (actor) => meeting('south', 'standard', { userIds: [actor.id] }), // the persona took part
  pol: (actor) => invitedTo('north', 'police-restricted', actor),
  seal: (actor) => invitedTo('north', 'sealed', actor),
}
const part = (marking: PartMarking, of: PartResourceOf) => ({
  kind: 'part' as const,
  of,
  agencyId: 'another-agency',
  marking,
})
type PartResourceOf = Extract<Resource, { kind: 'part' }>['of']
/**
 * Parts of an invited meeting's record by marking, and a police-only MAT contribution to a referral
 * in open triage in the persona's LA.
 */
const PART_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  std: (actor) =>
    part('standard', { action: 'meeting.view', resource: invitedTo('south', 'standard', actor) }),
  polp: (actor) =>
    part('police-only', { action: 'meeting.view', resource: invitedTo('south', 'standard', actor) }),
  hltp: (actor) =>
    part('health-only', { action: 'meeting.view', resource: invitedTo('south', 'standard', actor) }),
  matp: () =>
    part('police-only', {
      action: 'referral.view',
      resource: referral('north', { triageOpen: true, child: child('north', 'standard') }),
    }),
}

const ownPart = (
  forPart: OwnPartFor,
  actor: Actor,
  { asked = true, laId = 'north' }: { asked?: boolean; laId?: string } = {},
): Resource => ({
  kind: 'own-part',
  of: {
    action: OWN_PART_STEPS[forPart],
    resource: child(laId, 'standard', laId === 'north' ? agencyOnly(actor) : nobody),
  },
  for: forPart,
  askedAgencyIds: ['another-agency', ...(asked ? [actor.agencyId] : [])],
})
type OwnPartFor = Extract<Resource, { kind: 'own-part' }>['for']
const OWN_PART_STEPS = {
  'strategy-discussion': 'strategy.contribute',
  conference: 'strategy.contribute',
  recheck: 'event.acknowledge',
  action: 'action.complete',
} as const
/**
 * One's own agency's part, to write, on a child in the persona's LA their agency is involved with:
 * asked for it (invited to the discussion, asked to re-check, owning an action) or not; and asked, on a child in another
 * LA that nobody of theirs is involved with.
 */
const OWN_PART_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  disc: (actor) => ownPart('strategy-discussion', actor),
  nodisc: (actor) => ownPart('strategy-discussion', actor, { asked: false }),
  noconf: (actor) => ownPart('conference', actor, { asked: false }),
  ask: (actor) => ownPart('recheck', actor),
  noask: (actor) => ownPart('recheck', actor, { asked: false }),
  act: (actor) => ownPart('action', actor),
  noact: (actor) => ownPart('action', actor, { asked: false }),
  far: (actor) => ownPart('strategy-discussion', actor, { laId: 'south' }),
}

const MEETING_MATRIX: Record<(typeof MEETING_ACTIONS)[number], string> = {
  // The child's LA's own staff (screeners, business support, chairs) read its meetings; everyone
  // else, the LA's MAT practitioners and partner agencies among them, reads only the meetings their
  // agency was invited to or they are named on.
  'meeting.view': `
                    own   other invlv inv   named pol   seal
referrer-school     INV   INV   INV   INV   +me   POL   SLD
referrer-gp         INV   INV   INV   INV   +me   POL   SLD
screener            +la   bgm   bgm   bgm   +me   POL   SLD
mat-la              bgm   bgm   bgm   +inv  +me   POL   SLD
mat-police          bgm   bgm   bgm   +inv  +me   +inv  SLD
mat-health          bgm   bgm   bgm   +inv  +me   POL   SLD
mat-school          bgm   bgm   bgm   +inv  +me   POL   SLD
business-support    +la   INV   inv   inv   +me   POL   SLD
bs-all              +la   INV   inv   inv   +me   POL   SLD
strategy-chair      +la   bgm   bgm   bgm   +me   POL   SLD
conference-chair    +la   bgm   bgm   bgm   +me   POL   SLD
ppp                 bgm   bgm   bgm   +inv  +me   +inv  SLD
ppp-all             bgm   bgm   bgm   +inv  +me   +inv  SLD
mace                bgm   bgm   bgm   +inv  +me   POL   SLD
mace-police         bgm   bgm   bgm   +inv  +me   +inv  SLD
analyst             NO    NO    NO    NO    NO    POL   SLD
scrutineer          NO    NO    NO    NO    NO    POL   SLD
lado                bgm   bgm   bgm   +inv  +me   POL   SLD
sg-la               inv   INV   inv   +inv  +me   POL   SLD
sg-school           INV   INV   inv   +inv  +me   POL   SLD
sg-health           INV   INV   inv   +inv  +me   POL   SLD
sg-police           INV   INV   inv   +inv  +me   +inv  SLD
sg-other            INV   INV   inv   +inv  +me   POL   SLD
agency-admin        NO    NO    NO    NO    NO    POL   SLD
partnership-admin   NO    NO    NO    NO    NO    POL   SLD
review-lead         NO    NO    NO    NO    NO    POL   SLD
police-system       INV   INV   inv   +inv  +me   +inv  SLD
school-system       NO    NO    NO    NO    NO    POL   SLD
la-triage-system    NO    NO    NO    NO    NO    POL   SLD
police-triage       NO    NO    NO    NO    NO    NO    SLD
`,
  // A part opens with its record (a meeting's, or a referral's in triage), then only to the
  // agencies its marking names.
  'part.view': `
                    std   polp  hltp  matp
referrer-school     INV   INV   INV   NTK
referrer-gp         INV   INV   INV   NTK
screener            bgm   bgm   bgm   pox
mat-la              +inv  pox   hox   pox
mat-police          +inv  +inv  hox   +tri
mat-health          +inv  pox   +inv  pox
mat-school          +inv  pox   hox   pox
business-support    inv   inv   inv   pox
bs-all              inv   inv   inv   pox
strategy-chair      bgm   bgm   bgm   pox
conference-chair    bgm   bgm   bgm   pox
ppp                 +inv  +inv  hox   +tri
ppp-all             +inv  +inv  hox   +tri
mace                +inv  pox   hox   pox
mace-police         +inv  +inv  hox   ni
analyst             NO    NO    NO    NO
scrutineer          NO    NO    NO    NO
lado                +inv  pox   hox   pox
sg-la               +inv  pox   hox   pox
sg-school           +inv  pox   hox   NI
sg-health           +inv  pox   +inv  NI
sg-police           +inv  +inv  hox   NI
sg-other            +inv  pox   hox   NI
agency-admin        NO    NO    NO    NO
partnership-admin   NO    NO    NO    NO
review-lead         NO    NO    NO    NO
police-system       +inv  +inv  hox   NTK
school-system       NO    NO    NO    NTK
la-triage-system    NO    NO    NO    pox
police-triage       NO    NO    NO    +tri
`,
  // One's own agency's part is written with its step on the child's record (contributing, or
  // answering on it), decided first; then only by an agency asked for it. Not asked is a plain 403:
  // whoever may take the step knows of the child already.
  'part.write': `
                    disc   nodisc noconf ask    noask  act    noact  far
referrer-school     NTK    NTK    NTK    NTK    NTK    NO     NO     NTK
referrer-gp         NTK    NTK    NTK    NTK    NTK    NO     NO     NTK
screener            +inv   nid    nic    +ask   nask   +act   nact   out
mat-la              +inv   nid    nic    +ask   nask   +act   nact   out
mat-police          +inv   nid    nic    +ask   nask   +act   nact   out
mat-health          +inv   nid    nic    +ask   nask   +act   nact   out
mat-school          +inv   nid    nic    +ask   nask   +act   nact   out
business-support    +inv   nid    nic    no     no     no     no     OUT
bs-all              +inv   nid    nic    no     no     no     no     NI
strategy-chair      +inv   nid    nic    +ask   nask   +act   nact   out
conference-chair    +inv   nid    nic    +ask   nask   +act   nact   out
ppp                 +inv   nid    nic    +ask   nask   +act   nact   out
ppp-all             +inv   nid    nic    +ask   nask   +act   nact   ni
mace                +inv   nid    nic    +ask   nask   +act   nact   out
mace-police         +inv   nid    nic    +ask   nask   +act   nact   ni
analyst             NO     NO     NO     NO     NO     NO     NO     NO
scrutineer          NO     NO     NO     NO     NO     NO     NO     NO
lado                +inv   nid    nic    +ask   nask   +act   nact   out
sg-la               +inv   nid    nic    +ask   nask   +act   nact   OUT
sg-school           +inv   nid    nic    +ask   nask   +act   nact   OUT
sg-health           +inv   nid    nic    +ask   nask   +act   nact   NI
sg-police           +inv   nid    nic    +ask   nask   +act   nact   NI
sg-other            +inv   nid    nic    +ask   nask   +act   nact   NI
agency-admin        NO     NO     NO     NO     NO     NO     NO     NO
partnership-admin   NO     NO     NO     NO     NO     NO     NO     NO
review-lead         NO     NO     NO     NO     NO     NO     NO     NO
police-system       no     no     no     +ask   nask   no     no     NO
school-system       NO     NO     NO     NO     NO     NO     NO     NO
la-triage-system    NO     NO     NO     NO     NO     NO     NO     NO
police-triage       NO     NO     NO     NO     NO     NO     NO     NO
`,
}

// ---------------------------------------------------------------------------
// Allegations against people who work with children (the LADO's record)

const allegation = (
  laId: string,
  overrides: Partial<Omit<AllegationResource, 'kind' | 'laId'>> = {},
): AllegationResource => ({
  kind: 'allegation',
  allegationId: `allegation-${laId}`,
  laId,
  referrer: 'user:someone-else',
  invitedAgencyIds: ['another-agency'],
  children: [],
  ...overrides,
})

/** Allegations as each persona stands to them: the LA whose LADO holds it, who referred it, who is invited. */
const ALLEGATION_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  own: () => allegation('north'), // the persona's LA, not theirs
  other: () => allegation('south'),
  mine: (actor) => allegation('south', { referrer: referrerOf(actor) }), // the persona referred it
  inv: (actor) => allegation('south', { invitedAgencyIds: [actor.agencyId] }), // their agency invited
  laA: () => ({ kind: 'la', laId: 'north' }),
  all: () => ({ kind: 'partnership' }),
}

const ALLEGATION_MATRIX: Record<(typeof ALLEGATION_ACTIONS)[number], string> = {
  'allegation.view': `
                    own   other mine  inv   laA   all
referrer-school     ALG   ALG   +ref  ALG   ntk   ntk
referrer-gp         ALG   ALG   +ref  ALG   ntk   ntk
screener            ALG   ALG   +ref  +inv  ntk   ntk
mat-la              ALG   ALG   +ref  +inv  ntk   ntk
mat-police          ALG   ALG   +ref  +inv  ntk   ntk
mat-health          ALG   ALG   +ref  +inv  ntk   ntk
mat-school          ALG   ALG   +ref  +inv  ntk   ntk
business-support    ALG   ALG   +ref  +inv  ntk   ntk
bs-all              ALG   ALG   +ref  +inv  ntk   ntk
strategy-chair      ALG   ALG   +ref  +inv  ntk   ntk
conference-chair    ALG   ALG   +ref  +inv  ntk   ntk
ppp                 ALG   ALG   +ref  +inv  ntk   ntk
ppp-all             ALG   ALG   +ref  +inv  ntk   ntk
mace                ALG   ALG   +ref  +inv  ntk   ntk
mace-police         ALG   ALG   +ref  +inv  ntk   ntk
analyst             ALG   ALG   ALG   ALG   no    no
scrutineer          +any  +any  +any  +any  +any  +any
lado                +la   ALG   +ref  ALG   +la   out
sg-la               ALG   ALG   +ref  +inv  ntk   ntk
sg-school           ALG   ALG   +ref  +inv  ntk   ntk
sg-health           ALG   ALG   +ref  +inv  ntk   ntk
sg-police           ALG   ALG   +ref  +inv  ntk   ntk
sg-other            ALG   ALG   +ref  +inv  ntk   ntk
agency-admin        ALG   ALG   +ref  ALG   ntk   ntk
partnership-admin   ALG   ALG   ALG   ALG   no    no
review-lead         ALG   ALG   ALG   ALG   no    no
police-system       ALG   ALG   ALG   ALG   no    no
school-system       ALG   ALG   ALG   ALG   no    no
la-triage-system    ALG   ALG   ALG   ALG   no    no
police-triage       ALG   ALG   ALG   ALG   no    no
`,
  'allegation.identify': `
                    own   other mine  inv   laA   all
referrer-school     ALG   ALG   +ref  ALG   ntk   ntk
referrer-gp         ALG   ALG   +ref  ALG   ntk   ntk
screener            ALG   ALG   +ref  +inv  ntk   ntk
mat-la              ALG   ALG   +ref  +inv  ntk   ntk
mat-police          ALG   ALG   +ref  +inv  ntk   ntk
mat-health          ALG   ALG   +ref  +inv  ntk   ntk
mat-school          ALG   ALG   +ref  +inv  ntk   ntk
business-support    ALG   ALG   +ref  +inv  ntk   ntk
bs-all              ALG   ALG   +ref  +inv  ntk   ntk
strategy-chair      ALG   ALG   +ref  +inv  ntk   ntk
conference-chair    ALG   ALG   +ref  +inv  ntk   ntk
ppp                 ALG   ALG   +ref  +inv  ntk   ntk
ppp-all             ALG   ALG   +ref  +inv  ntk   ntk
mace                ALG   ALG   +ref  +inv  ntk   ntk
mace-police         ALG   ALG   +ref  +inv  ntk   ntk
analyst             ALG   ALG   ALG   ALG   no    no
scrutineer          ALG   ALG   ALG   ALG   no    no
lado                +la   ALG   +ref  ALG   +la   out
sg-la               ALG   ALG   +ref  +inv  ntk   ntk
sg-school           ALG   ALG   +ref  +inv  ntk   ntk
sg-health           ALG   ALG   +ref  +inv  ntk   ntk
sg-police           ALG   ALG   +ref  +inv  ntk   ntk
sg-other            ALG   ALG   +ref  +inv  ntk   ntk
agency-admin        ALG   ALG   +ref  ALG   ntk   ntk
partnership-admin   ALG   ALG   ALG   ALG   no    no
review-lead         ALG   ALG   ALG   ALG   no    no
police-system       ALG   ALG   ALG   ALG   no    no
school-system       ALG   ALG   ALG   ALG   no    no
la-triage-system    ALG   ALG   ALG   ALG   no    no
police-triage       ALG   ALG   ALG   ALG   no    no
`,
  'allegation.manage': `
                    own   other mine  inv   laA   all
referrer-school     ALG   ALG   ALG   ALG   no    no
referrer-gp         ALG   ALG   ALG   ALG   no    no
screener            ALG   ALG   ALG   ALG   no    no
mat-la              ALG   ALG   ALG   ALG   no    no
mat-police          ALG   ALG   ALG   ALG   no    no
mat-health          ALG   ALG   ALG   ALG   no    no
mat-school          ALG   ALG   ALG   ALG   no    no
business-support    ALG   ALG   ALG   ALG   no    no
bs-all              ALG   ALG   ALG   ALG   no    no
strategy-chair      ALG   ALG   ALG   ALG   no    no
conference-chair    ALG   ALG   ALG   ALG   no    no
ppp                 ALG   ALG   ALG   ALG   no    no
ppp-all             ALG   ALG   ALG   ALG   no    no
mace                ALG   ALG   ALG   ALG   no    no
mace-police         ALG   ALG   ALG   ALG   no    no
analyst             ALG   ALG   ALG   ALG   no    no
scrutineer          ALG   ALG   ALG   ALG   no    no
lado                +la   ALG   ALG   ALG   +la   out
sg-la               ALG   ALG   ALG   ALG   no    no
sg-school           ALG   ALG   ALG   ALG   no    no
sg-health           ALG   ALG   ALG   ALG   no    no
sg-police           ALG   ALG   ALG   ALG   no    no
sg-other            ALG   ALG   ALG   ALG   no    no
agency-admin        ALG   ALG   ALG   ALG   no    no
partnership-admin   ALG   ALG   ALG   ALG   no    no
review-lead         ALG   ALG   ALG   ALG   no    no
police-system       ALG   ALG   ALG   ALG   no    no
school-system       ALG   ALG   ALG   ALG   no    no
la-triage-system    ALG   ALG   ALG   ALG   no    no
police-triage       ALG   ALG   ALG   ALG   no    no
`,
}

// Professional disagreements

const disagreement = (
  sensitivity: Sensitivity,
  parties: { agencyIds?: string[]; userIds?: string[] } = {},
): DisagreementResource => ({
  kind: 'disagreement',
  disagreementId: 'disagreement-north',
  child: child('north', sensitivity),
  laId: 'north',
  partyAgencyIds: parties.agencyIds ?? ['another-agency', 'north-council-elsewhere'],
  userIds: parties.userIds ?? ['someone-else'],
})

/**
 * A disagreement about a child in the persona's LA that nobody of theirs is involved with: their
 * agency a party to it, they the person who raised it, or neither; a party, on a marked child.
 */
const DISAGREEMENT_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  party: (actor) => disagreement('standard', { agencyIds: [actor.agencyId, 'another-agency'] }),
  raiser: (actor) => disagreement('standard', { userIds: [actor.id] }),
  other: () => disagreement('standard'),
  pol: (actor) => disagreement('police-restricted', { agencyIds: [actor.agencyId], userIds: [actor.id] }),
  seal: (actor) => disagreement('sealed', { agencyIds: [actor.agencyId], userIds: [actor.id] }),
}

// Its parties' practitioners and managers (their agency raised it or is the other party), the
// referrer who raised it, and the partnership's leads (its business unit, the independent
// scrutineer) read a disagreement and record its stages; nobody else, whatever they read of the
// child. A refusal hides the disagreement from whoever may not know of the child.
const DISAGREEMENT_MATRIX: Record<(typeof DISAGREEMENT_ACTIONS)[number], string> = {
  'escalation.view': `
                    party  raiser other  pol    seal
referrer-school     NP     +pty   NP     POL    SLD
referrer-gp         NP     +pty   NP     POL    SLD
screener            +pty   np     np     POL    SLD
mat-la              +pty   np     np     POL    SLD
mat-police          +pty   np     np     +pty   SLD
mat-health          +pty   np     np     POL    SLD
mat-school          +pty   np     np     POL    SLD
business-support    no     no     no     POL    SLD
bs-all              no     no     no     POL    SLD
strategy-chair      +pty   np     np     POL    SLD
conference-chair    +pty   np     np     POL    SLD
ppp                 +pty   np     np     +pty   SLD
ppp-all             +pty   np     np     +pty   SLD
mace                +pty   np     np     POL    SLD
mace-police         +pty   np     np     +pty   SLD
analyst             NO     NO     NO     POL    SLD
scrutineer          +any   +any   +any   POL    SLD
lado                +pty   np     np     POL    SLD
sg-la               +pty   np     np     POL    SLD
sg-school           +pty   NP     NP     POL    SLD
sg-health           +pty   NP     NP     POL    SLD
sg-police           +pty   NP     NP     +pty   SLD
sg-other            +pty   NP     NP     POL    SLD
agency-admin        NO     NO     NO     POL    SLD
partnership-admin   +any   +any   +any   POL    SLD
review-lead         NO     NO     NO     POL    SLD
police-system       +pty   NP     NP     +pty   SLD
school-system       NO     NO     NO     POL    SLD
la-triage-system    NO     NO     NO     POL    SLD
police-triage       NO     NO     NO     NO     SLD
`,
  'escalation.identify': `
                    party  raiser other  pol    seal
referrer-school     NP     +pty   NP     POL    SLD
referrer-gp         NP     +pty   NP     POL    SLD
screener            +pty   np     np     POL    SLD
mat-la              +pty   np     np     POL    SLD
mat-police          +pty   np     np     +pty   SLD
mat-health          +pty   np     np     POL    SLD
mat-school          +pty   np     np     POL    SLD
business-support    no     no     no     POL    SLD
bs-all              no     no     no     POL    SLD
strategy-chair      +pty   np     np     POL    SLD
conference-chair    +pty   np     np     POL    SLD
ppp                 +pty   np     np     +pty   SLD
ppp-all             +pty   np     np     +pty   SLD
mace                +pty   np     np     POL    SLD
mace-police         +pty   np     np     +pty   SLD
analyst             NO     NO     NO     POL    SLD
scrutineer          NO     NO     NO     POL    SLD
lado                +pty   np     np     POL    SLD
sg-la               +pty   np     np     POL    SLD
sg-school           +pty   NP     NP     POL    SLD
sg-health           +pty   NP     NP     POL    SLD
sg-police           +pty   NP     NP     +pty   SLD
sg-other            +pty   NP     NP     POL    SLD
agency-admin        NO     NO     NO     POL    SLD
partnership-admin   +any   +any   +any   POL    SLD
review-lead         NO     NO     NO     POL    SLD
police-system       +pty   NP     NP     +pty   SLD
school-system       NO     NO     NO     POL    SLD
la-triage-system    NO     NO     NO     POL    SLD
police-triage       NO     NO     NO     NO     SLD
`,
  'escalation.record': `
                    party  raiser other  pol    seal
referrer-school     NP     +pty   NP     POL    SLD
referrer-gp         NP     +pty   NP     POL    SLD
screener            +pty   np     np     POL    SLD
mat-la              +pty   np     np     POL    SLD
mat-police          +pty   np     np     +pty   SLD
mat-health          +pty   np     np     POL    SLD
mat-school          +pty   np     np     POL    SLD
business-support    no     no     no     POL    SLD
bs-all              no     no     no     POL    SLD
strategy-chair      +pty   np     np     POL    SLD
conference-chair    +pty   np     np     POL    SLD
ppp                 +pty   np     np     +pty   SLD
ppp-all             +pty   np     np     +pty   SLD
mace                +pty   np     np     POL    SLD
mace-police         +pty   np     np     +pty   SLD
analyst             NO     NO     NO     POL    SLD
scrutineer          +any   +any   +any   POL    SLD
lado                +pty   np     np     POL    SLD
sg-la               +pty   np     np     POL    SLD
sg-school           +pty   NP     NP     POL    SLD
sg-health           +pty   NP     NP     POL    SLD
sg-police           +pty   NP     NP     +pty   SLD
sg-other            +pty   NP     NP     POL    SLD
agency-admin        NO     NO     NO     POL    SLD
partnership-admin   +any   +any   +any   POL    SLD
review-lead         NO     NO     NO     POL    SLD
police-system       NO     NO     NO     NO     SLD
school-system       NO     NO     NO     POL    SLD
la-triage-system    NO     NO     NO     POL    SLD
police-triage       NO     NO     NO     NO     SLD
`,
}

// ---------------------------------------------------------------------------
// Serious incidents and reviews (src/reviews)

const review = (laId: string, invitedAgencyIds: string[] = ['another-agency']): ReviewResource => ({
  kind: 'review',
  reviewId: `review-${laId}`,
  child: child(laId, 'standard'),
  laId,
  invitedAgencyIds,
})

/** A review as each persona stands to it: the child's LA, their agency invited; the child itself; the areas. */
const REVIEW_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  own: () => review('north'), // about a child of the persona's LA, nobody of theirs invited
  other: () => review('south'),
  inv: (actor) => review('south', [actor.agencyId]), // their agency invited to the rapid review
  kid: () => child('north', 'standard'), // the child, in the persona's LA, nobody of theirs involved
  seal: () => child('north', 'sealed'),
  laA: () => ({ kind: 'la', laId: 'north' }),
  all: () => ({ kind: 'partnership' }),
  rsl: () => ({ ...review('north'), child: child('north', 'sealed') }), // about a sealed child: nobody
}

const REVIEW_MATRIX: Record<(typeof REVIEW_ACTIONS)[number], string> = {
  'review.notify': `
                    own   other inv   kid   seal  laA   all   rsl
referrer-school     REV   REV   REV   NO    SLD   no    no    SLD
referrer-gp         REV   REV   REV   NO    SLD   no    no    SLD
screener            REV   REV   REV   no    SLD   no    no    SLD
mat-la              REV   REV   REV   no    SLD   no    no    SLD
mat-police          REV   REV   REV   no    SLD   no    no    SLD
mat-health          REV   REV   REV   no    SLD   no    no    SLD
mat-school          REV   REV   REV   no    SLD   no    no    SLD
business-support    REV   REV   REV   no    SLD   no    no    SLD
bs-all              REV   REV   REV   no    SLD   no    no    SLD
strategy-chair      REV   REV   REV   no    SLD   no    no    SLD
conference-chair    REV   REV   REV   no    SLD   no    no    SLD
ppp                 REV   REV   REV   no    SLD   no    no    SLD
ppp-all             REV   REV   REV   no    SLD   no    no    SLD
mace                REV   REV   REV   no    SLD   no    no    SLD
mace-police         REV   REV   REV   no    SLD   no    no    SLD
analyst             REV   REV   REV   NO    SLD   no    no    SLD
scrutineer          REV   REV   REV   NO    SLD   no    no    SLD
lado                REV   REV   REV   no    SLD   no    no    SLD
sg-la               +la   REV   REV   +la   SLD   +la   out   SLD
sg-school           REV   REV   REV   NI    SLD   +la   out   SLD
sg-health           REV   REV   REV   NI    SLD   +la   +la   SLD
sg-police           REV   REV   REV   NI    SLD   +la   +la   SLD
sg-other            REV   REV   REV   NI    SLD   +la   +la   SLD
agency-admin        REV   REV   REV   NO    SLD   no    no    SLD
partnership-admin   REV   REV   REV   NO    SLD   no    no    SLD
review-lead         +any  +any  +any  +any  SLD   +any  +any  SLD
police-system       REV   REV   REV   NO    SLD   no    no    SLD
school-system       REV   REV   REV   NO    SLD   no    no    SLD
la-triage-system    REV   REV   REV   NO    SLD   no    no    SLD
police-triage       REV   REV   REV   NO    SLD   no    no    SLD
`,
  'review.view': `
                    own   other inv   kid   seal  laA   all   rsl
referrer-school     REV   REV   REV   NO    SLD   no    no    SLD
referrer-gp         REV   REV   REV   NO    SLD   no    no    SLD
screener            REV   REV   REV   no    SLD   no    no    SLD
mat-la              REV   REV   REV   no    SLD   no    no    SLD
mat-police          REV   REV   REV   no    SLD   no    no    SLD
mat-health          REV   REV   REV   no    SLD   no    no    SLD
mat-school          REV   REV   REV   no    SLD   no    no    SLD
business-support    REV   REV   REV   no    SLD   no    no    SLD
bs-all              REV   REV   REV   no    SLD   no    no    SLD
strategy-chair      REV   REV   REV   no    SLD   no    no    SLD
conference-chair    REV   REV   REV   no    SLD   no    no    SLD
ppp                 REV   REV   REV   no    SLD   no    no    SLD
ppp-all             REV   REV   REV   no    SLD   no    no    SLD
mace                REV   REV   REV   no    SLD   no    no    SLD
mace-police         REV   REV   REV   no    SLD   no    no    SLD
analyst             REV   REV   REV   NO    SLD   no    no    SLD
scrutineer          +any  +any  +any  +any  SLD   +any  +any  SLD
lado                REV   REV   REV   no    SLD   no    no    SLD
sg-la               +la   REV   +inv  +la   SLD   +la   out   SLD
sg-school           REV   REV   +inv  NI    SLD   +la   out   SLD
sg-health           REV   REV   +inv  NI    SLD   +la   +la   SLD
sg-police           REV   REV   +inv  NI    SLD   +la   +la   SLD
sg-other            REV   REV   +inv  NI    SLD   +la   +la   SLD
agency-admin        REV   REV   REV   NO    SLD   no    no    SLD
partnership-admin   REV   REV   REV   NO    SLD   no    no    SLD
review-lead         +any  +any  +any  +any  SLD   +any  +any  SLD
police-system       REV   REV   REV   NO    SLD   no    no    SLD
school-system       REV   REV   REV   NO    SLD   no    no    SLD
la-triage-system    REV   REV   REV   NO    SLD   no    no    SLD
police-triage       REV   REV   REV   NO    SLD   no    no    SLD
`,
  'review.manage': `
                    own   other inv   kid   seal  laA   all   rsl
referrer-school     REV   REV   REV   NO    SLD   no    no    SLD
referrer-gp         REV   REV   REV   NO    SLD   no    no    SLD
screener            REV   REV   REV   no    SLD   no    no    SLD
mat-la              REV   REV   REV   no    SLD   no    no    SLD
mat-police          REV   REV   REV   no    SLD   no    no    SLD
mat-health          REV   REV   REV   no    SLD   no    no    SLD
mat-school          REV   REV   REV   no    SLD   no    no    SLD
business-support    REV   REV   REV   no    SLD   no    no    SLD
bs-all              REV   REV   REV   no    SLD   no    no    SLD
strategy-chair      REV   REV   REV   no    SLD   no    no    SLD
conference-chair    REV   REV   REV   no    SLD   no    no    SLD
ppp                 REV   REV   REV   no    SLD   no    no    SLD
ppp-all             REV   REV   REV   no    SLD   no    no    SLD
mace                REV   REV   REV   no    SLD   no    no    SLD
mace-police         REV   REV   REV   no    SLD   no    no    SLD
analyst             REV   REV   REV   NO    SLD   no    no    SLD
scrutineer          REV   REV   REV   NO    SLD   no    no    SLD
lado                REV   REV   REV   no    SLD   no    no    SLD
sg-la               +la   REV   REV   +la   SLD   +la   out   SLD
sg-school           REV   REV   REV   NI    SLD   +la   out   SLD
sg-health           REV   REV   REV   NI    SLD   +la   +la   SLD
sg-police           REV   REV   REV   NI    SLD   +la   +la   SLD
sg-other            REV   REV   REV   NI    SLD   +la   +la   SLD
agency-admin        REV   REV   REV   NO    SLD   no    no    SLD
partnership-admin   REV   REV   REV   NO    SLD   no    no    SLD
review-lead         +any  +any  +any  +any  SLD   +any  +any  SLD
police-system       REV   REV   REV   NO    SLD   no    no    SLD
school-system       REV   REV   REV   NO    SLD   no    no    SLD
la-triage-system    REV   REV   REV   NO    SLD   no    no    SLD
police-triage       REV   REV   REV   NO    SLD   no    no    SLD
`,
  'review.contribute': `
                    own   other inv   kid   seal  laA   all   rsl
referrer-school     REV   REV   REV   NO    SLD   no    no    SLD
referrer-gp         REV   REV   REV   NO    SLD   no    no    SLD
screener            REV   REV   REV   no    SLD   no    no    SLD
mat-la              REV   REV   REV   no    SLD   no    no    SLD
mat-police          REV   REV   REV   no    SLD   no    no    SLD
mat-health          REV   REV   REV   no    SLD   no    no    SLD
mat-school          REV   REV   REV   no    SLD   no    no    SLD
business-support    REV   REV   REV   no    SLD   no    no    SLD
bs-all              REV   REV   REV   no    SLD   no    no    SLD
strategy-chair      REV   REV   REV   no    SLD   no    no    SLD
conference-chair    REV   REV   REV   no    SLD   no    no    SLD
ppp                 REV   REV   REV   no    SLD   no    no    SLD
ppp-all             REV   REV   REV   no    SLD   no    no    SLD
mace                REV   REV   REV   no    SLD   no    no    SLD
mace-police         REV   REV   REV   no    SLD   no    no    SLD
analyst             REV   REV   REV   NO    SLD   no    no    SLD
scrutineer          REV   REV   REV   NO    SLD   no    no    SLD
lado                REV   REV   REV   no    SLD   no    no    SLD
sg-la               REV   REV   +inv  ntk   SLD   ntk   ntk   SLD
sg-school           REV   REV   +inv  NTK   SLD   ntk   ntk   SLD
sg-health           REV   REV   +inv  NTK   SLD   ntk   ntk   SLD
sg-police           REV   REV   +inv  NTK   SLD   ntk   ntk   SLD
sg-other            REV   REV   +inv  NTK   SLD   ntk   ntk   SLD
agency-admin        REV   REV   REV   NO    SLD   no    no    SLD
partnership-admin   REV   REV   REV   NO    SLD   no    no    SLD
review-lead         REV   REV   REV   NO    SLD   no    no    SLD
police-system       REV   REV   REV   NO    SLD   no    no    SLD
school-system       REV   REV   REV   NO    SLD   no    no    SLD
la-triage-system    REV   REV   REV   NO    SLD   no    no    SLD
police-triage       REV   REV   REV   NO    SLD   no    no    SLD
`,
  'review.identify': `
                    own   other inv   kid   seal  laA   all   rsl
referrer-school     REV   REV   REV   NO    SLD   no    no    SLD
referrer-gp         REV   REV   REV   NO    SLD   no    no    SLD
screener            REV   REV   REV   no    SLD   no    no    SLD
mat-la              REV   REV   REV   no    SLD   no    no    SLD
mat-police          REV   REV   REV   no    SLD   no    no    SLD
mat-health          REV   REV   REV   no    SLD   no    no    SLD
mat-school          REV   REV   REV   no    SLD   no    no    SLD
business-support    REV   REV   REV   no    SLD   no    no    SLD
bs-all              REV   REV   REV   no    SLD   no    no    SLD
strategy-chair      REV   REV   REV   no    SLD   no    no    SLD
conference-chair    REV   REV   REV   no    SLD   no    no    SLD
ppp                 REV   REV   REV   no    SLD   no    no    SLD
ppp-all             REV   REV   REV   no    SLD   no    no    SLD
mace                REV   REV   REV   no    SLD   no    no    SLD
mace-police         REV   REV   REV   no    SLD   no    no    SLD
analyst             REV   REV   REV   NO    SLD   no    no    SLD
scrutineer          REV   REV   REV   NO    SLD   no    no    SLD
lado                REV   REV   REV   no    SLD   no    no    SLD
sg-la               +la   REV   +inv  +la   SLD   +la   out   SLD
sg-school           REV   REV   +inv  NI    SLD   +la   out   SLD
sg-health           REV   REV   +inv  NI    SLD   +la   +la   SLD
sg-police           REV   REV   +inv  NI    SLD   +la   +la   SLD
sg-other            REV   REV   +inv  NI    SLD   +la   +la   SLD
agency-admin        REV   REV   REV   NO    SLD   no    no    SLD
partnership-admin   REV   REV   REV   NO    SLD   no    no    SLD
review-lead         +any  +any  +any  +any  SLD   +any  +any  SLD
police-system       REV   REV   REV   NO    SLD   no    no    SLD
school-system       REV   REV   REV   NO    SLD   no    no    SLD
la-triage-system    REV   REV   REV   NO    SLD   no    no    SLD
police-triage       REV   REV   REV   NO    SLD   no    no    SLD
`,
  'review.sign': `
                    own   other inv   kid   seal  laA   all   rsl
referrer-school     REV   REV   REV   NO    SLD   no    no    SLD
referrer-gp         REV   REV   REV   NO    SLD   no    no    SLD
screener            REV   REV   REV   no    SLD   no    no    SLD
mat-la              REV   REV   REV   no    SLD   no    no    SLD
mat-police          REV   REV   REV   no    SLD   no    no    SLD
mat-health          REV   REV   REV   no    SLD   no    no    SLD
mat-school          REV   REV   REV   no    SLD   no    no    SLD
business-support    REV   REV   REV   no    SLD   no    no    SLD
bs-all              REV   REV   REV   no    SLD   no    no    SLD
strategy-chair      REV   REV   REV   no    SLD   no    no    SLD
conference-chair    REV   REV   REV   no    SLD   no    no    SLD
ppp                 REV   REV   REV   no    SLD   no    no    SLD
ppp-all             REV   REV   REV   no    SLD   no    no    SLD
mace                REV   REV   REV   no    SLD   no    no    SLD
mace-police         REV   REV   REV   no    SLD   no    no    SLD
analyst             REV   REV   REV   NO    SLD   no    no    SLD
scrutineer          REV   REV   REV   NO    SLD   no    no    SLD
lado                REV   REV   REV   no    SLD   no    no    SLD
sg-la               +any  +any  +any  +any  SLD   +any  +any  SLD
sg-school           REV   REV   REV   NRS   SLD   nrs   nrs   SLD
sg-health           +any  +any  +any  +any  SLD   +any  +any  SLD
sg-police           +any  +any  +any  +any  SLD   +any  +any  SLD
sg-other            REV   REV   REV   NRS   SLD   nrs   nrs   SLD
agency-admin        REV   REV   REV   NO    SLD   no    no    SLD
partnership-admin   REV   REV   REV   NO    SLD   no    no    SLD
review-lead         REV   REV   REV   NO    SLD   no    no    SLD
police-system       REV   REV   REV   NO    SLD   no    no    SLD
school-system       REV   REV   REV   NO    SLD   no    no    SLD
la-triage-system    REV   REV   REV   NO    SLD   no    no    SLD
police-triage       REV   REV   REV   NO    SLD   no    no    SLD
`,
}

// ---------------------------------------------------------------------------
// Children who move across borders (src/moves)

const move = (laId: string, hostLaId: string, sensitivity: Sensitivity = 'standard'): MoveResource => ({
  kind: 'move',
  moveId: `move-${laId}-${hostLaId}`,
  child: child(laId, sensitivity),
  laId,
  hostLaId,
})

/** A move as each persona stands to it: placing LA, host LA (in the partnership or outside it), marking. */
const MOVE_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  out: () => move('north', 'south'), // a child of the persona's LA moved to another LA of the partnership
  in: () => move('south', 'north'), // a child of another LA moved into the persona's LA
  away: () => move('south', 'east'), // between two other LAs
  dfe: () => move('north', 'dfe:891'), // to an LA outside the partnership
  pol: () => move('south', 'north', 'police-restricted'), // moved in, the child police-restricted
  seal: () => move('north', 'south', 'sealed'),
  laA: () => ({ kind: 'la', laId: 'north' }),
  laB: () => ({ kind: 'la', laId: 'south' }),
  all: () => ({ kind: 'partnership' }),
}

// The move and its risk assessment: the placing LA's own workers (out, dfe) and the host LA's (in)
// read it; only the host's acknowledge; nobody else learns of it (404), as for a hidden child.
const MOVE_MATRIX: Record<(typeof MOVE_ACTIONS)[number], string> = {
  'move.view': `
                    out   in    away  dfe   pol   seal  laA   laB   all
referrer-school     MOV   MOV   MOV   MOV   POL   SLD   no    no    no
referrer-gp         MOV   MOV   MOV   MOV   POL   SLD   no    no    no
screener            +la   +la   MOV   +la   POL   SLD   +la   out   out
mat-la              +la   +la   MOV   +la   POL   SLD   +la   out   out
mat-police          MOV   MOV   MOV   MOV   MOV   SLD   nla   nla   nla
mat-health          MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
mat-school          MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
business-support    MOV   MOV   MOV   MOV   POL   SLD   no    no    no
bs-all              MOV   MOV   MOV   MOV   POL   SLD   no    no    no
strategy-chair      MOV   MOV   MOV   MOV   POL   SLD   no    no    no
conference-chair    MOV   MOV   MOV   MOV   POL   SLD   no    no    no
ppp                 MOV   MOV   MOV   MOV   MOV   SLD   no    no    no
ppp-all             MOV   MOV   MOV   MOV   MOV   SLD   no    no    no
mace                +la   +la   MOV   +la   POL   SLD   +la   out   out
mace-police         MOV   MOV   MOV   MOV   MOV   SLD   nla   nla   nla
analyst             MOV   MOV   MOV   MOV   POL   SLD   no    no    no
scrutineer          MOV   MOV   MOV   MOV   POL   SLD   no    no    no
lado                MOV   MOV   MOV   MOV   POL   SLD   no    no    no
sg-la               +la   +la   MOV   +la   POL   SLD   +la   out   out
sg-school           MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
sg-health           MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
sg-police           MOV   MOV   MOV   MOV   MOV   SLD   nla   nla   nla
sg-other            MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
agency-admin        MOV   MOV   MOV   MOV   POL   SLD   no    no    no
partnership-admin   MOV   MOV   MOV   MOV   POL   SLD   no    no    no
review-lead         MOV   MOV   MOV   MOV   POL   SLD   no    no    no
police-system       MOV   MOV   MOV   MOV   MOV   SLD   no    no    no
school-system       MOV   MOV   MOV   MOV   POL   SLD   no    no    no
la-triage-system    MOV   MOV   MOV   MOV   POL   SLD   no    no    no
police-triage       MOV   MOV   MOV   MOV   MOV   SLD   no    no    no
`,
  'move.acknowledge': `
                    out   in    away  dfe   pol   seal  laA   laB   all
referrer-school     MOV   MOV   MOV   MOV   POL   SLD   no    no    no
referrer-gp         MOV   MOV   MOV   MOV   POL   SLD   no    no    no
screener            MOV   +la   MOV   MOV   POL   SLD   +la   out   out
mat-la              MOV   +la   MOV   MOV   POL   SLD   +la   out   out
mat-police          MOV   MOV   MOV   MOV   MOV   SLD   nla   nla   nla
mat-health          MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
mat-school          MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
business-support    MOV   MOV   MOV   MOV   POL   SLD   no    no    no
bs-all              MOV   MOV   MOV   MOV   POL   SLD   no    no    no
strategy-chair      MOV   MOV   MOV   MOV   POL   SLD   no    no    no
conference-chair    MOV   MOV   MOV   MOV   POL   SLD   no    no    no
ppp                 MOV   MOV   MOV   MOV   MOV   SLD   no    no    no
ppp-all             MOV   MOV   MOV   MOV   MOV   SLD   no    no    no
mace                MOV   +la   MOV   MOV   POL   SLD   +la   out   out
mace-police         MOV   MOV   MOV   MOV   MOV   SLD   nla   nla   nla
analyst             MOV   MOV   MOV   MOV   POL   SLD   no    no    no
scrutineer          MOV   MOV   MOV   MOV   POL   SLD   no    no    no
lado                MOV   MOV   MOV   MOV   POL   SLD   no    no    no
sg-la               MOV   +la   MOV   MOV   POL   SLD   +la   out   out
sg-school           MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
sg-health           MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
sg-police           MOV   MOV   MOV   MOV   MOV   SLD   nla   nla   nla
sg-other            MOV   MOV   MOV   MOV   POL   SLD   nla   nla   nla
agency-admin        MOV   MOV   MOV   MOV   POL   SLD   no    no    no
partnership-admin   MOV   MOV   MOV   MOV   POL   SLD   no    no    no
review-lead         MOV   MOV   MOV   MOV   POL   SLD   no    no    no
police-system       MOV   MOV   MOV   MOV   MOV   SLD   no    no    no
school-system       MOV   MOV   MOV   MOV   POL   SLD   no    no    no
la-triage-system    MOV   MOV   MOV   MOV   POL   SLD   no    no    no
police-triage       MOV   MOV   MOV   MOV   MOV   SLD   no    no    no
`,
}

// ---------------------------------------------------------------------------
// Multi-agency case audits (src/case-audits)

const caseAudit = (
  sensitivity: Sensitivity,
  auditingAgencyIds: string[],
  grantedAgencyIds: string[] = auditingAgencyIds,
): CaseAuditResource => ({
  kind: 'case-audit',
  caseId: `case-audit-${sensitivity}`,
  child: child('south', sensitivity),
  laId: 'south',
  auditingAgencyIds,
  grantedAgencyIds,
})

/** A case audit as each persona stands to it: their agency asked (with or without a current grant) or not; a marked child; the areas. */
const CASE_AUDIT_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  asked: (actor) => caseAudit('standard', [actor.agencyId]), // their agency asked, its grant current
  ended: (actor) => caseAudit('standard', [actor.agencyId], []), // asked, the grant expired
  other: () => caseAudit('standard', ['another-agency']), // another agency asked
  pol: (actor) => caseAudit('police-restricted', [actor.agencyId]),
  seal: (actor) => caseAudit('sealed', [actor.agencyId]),
  laA: () => ({ kind: 'la', laId: 'north' }),
  all: () => ({ kind: 'partnership' }),
}

const CASE_AUDIT_MATRIX: Record<(typeof CASE_AUDIT_ACTIONS)[number], string> = {
  'case-audit.manage': `
                    asked ended other pol   seal  laA   all
referrer-school     CAU   CAU   CAU   POL   SLD   no    no
referrer-gp         CAU   CAU   CAU   POL   SLD   no    no
screener            CAU   CAU   CAU   POL   SLD   no    no
mat-la              CAU   CAU   CAU   POL   SLD   no    no
mat-police          CAU   CAU   CAU   CAU   SLD   no    no
mat-health          CAU   CAU   CAU   POL   SLD   no    no
mat-school          CAU   CAU   CAU   POL   SLD   no    no
business-support    CAU   CAU   CAU   POL   SLD   no    no
bs-all              CAU   CAU   CAU   POL   SLD   no    no
strategy-chair      CAU   CAU   CAU   POL   SLD   no    no
conference-chair    CAU   CAU   CAU   POL   SLD   no    no
ppp                 CAU   CAU   CAU   CAU   SLD   no    no
ppp-all             CAU   CAU   CAU   CAU   SLD   no    no
mace                CAU   CAU   CAU   POL   SLD   no    no
mace-police         CAU   CAU   CAU   CAU   SLD   no    no
analyst             CAU   CAU   CAU   POL   SLD   no    no
scrutineer          CAU   CAU   CAU   POL   SLD   no    no
lado                CAU   CAU   CAU   POL   SLD   no    no
sg-la               no    no    CAU   POL   SLD   no    no
sg-school           no    no    CAU   POL   SLD   no    no
sg-health           no    no    CAU   POL   SLD   no    no
sg-police           no    no    CAU   no    SLD   no    no
sg-other            no    no    CAU   POL   SLD   no    no
agency-admin        CAU   CAU   CAU   POL   SLD   no    no
partnership-admin   +any  +any  +any  POL   SLD   +any  +any
review-lead         +any  +any  +any  POL   SLD   +any  +any
police-system       CAU   CAU   CAU   CAU   SLD   no    no
school-system       CAU   CAU   CAU   POL   SLD   no    no
la-triage-system    CAU   CAU   CAU   POL   SLD   no    no
police-triage       CAU   CAU   CAU   CAU   SLD   no    no
`,
  'case-audit.view': `
                    asked ended other pol   seal  laA   all
referrer-school     CAU   CAU   CAU   POL   SLD   no    no
referrer-gp         CAU   CAU   CAU   POL   SLD   no    no
screener            CAU   CAU   CAU   POL   SLD   no    no
mat-la              CAU   CAU   CAU   POL   SLD   no    no
mat-police          CAU   CAU   CAU   CAU   SLD   no    no
mat-health          CAU   CAU   CAU   POL   SLD   no    no
mat-school          CAU   CAU   CAU   POL   SLD   no    no
business-support    CAU   CAU   CAU   POL   SLD   no    no
bs-all              CAU   CAU   CAU   POL   SLD   no    no
strategy-chair      CAU   CAU   CAU   POL   SLD   no    no
conference-chair    CAU   CAU   CAU   POL   SLD   no    no
ppp                 CAU   CAU   CAU   CAU   SLD   no    no
ppp-all             CAU   CAU   CAU   CAU   SLD   no    no
mace                CAU   CAU   CAU   POL   SLD   no    no
mace-police         CAU   CAU   CAU   CAU   SLD   no    no
analyst             CAU   CAU   CAU   POL   SLD   no    no
scrutineer          CAU   CAU   CAU   POL   SLD   no    no
lado                CAU   CAU   CAU   POL   SLD   no    no
sg-la               +ask  +ask  CAU   POL   SLD   ntk   ntk
sg-school           +ask  +ask  CAU   POL   SLD   ntk   ntk
sg-health           +ask  +ask  CAU   POL   SLD   ntk   ntk
sg-police           +ask  +ask  CAU   +ask  SLD   ntk   ntk
sg-other            +ask  +ask  CAU   POL   SLD   ntk   ntk
agency-admin        CAU   CAU   CAU   POL   SLD   no    no
partnership-admin   +any  +any  +any  POL   SLD   +any  +any
review-lead         +any  +any  +any  POL   SLD   +any  +any
police-system       CAU   CAU   CAU   CAU   SLD   no    no
school-system       CAU   CAU   CAU   POL   SLD   no    no
la-triage-system    CAU   CAU   CAU   POL   SLD   no    no
police-triage       CAU   CAU   CAU   CAU   SLD   no    no
`,
  'case-audit.contribute': `
                    asked ended other pol   seal  laA   all
referrer-school     CAU   CAU   CAU   POL   SLD   no    no
referrer-gp         CAU   CAU   CAU   POL   SLD   no    no
screener            CAU   CAU   CAU   POL   SLD   no    no
mat-la              CAU   CAU   CAU   POL   SLD   no    no
mat-police          CAU   CAU   CAU   CAU   SLD   no    no
mat-health          CAU   CAU   CAU   POL   SLD   no    no
mat-school          CAU   CAU   CAU   POL   SLD   no    no
business-support    CAU   CAU   CAU   POL   SLD   no    no
bs-all              CAU   CAU   CAU   POL   SLD   no    no
strategy-chair      CAU   CAU   CAU   POL   SLD   no    no
conference-chair    CAU   CAU   CAU   POL   SLD   no    no
ppp                 CAU   CAU   CAU   CAU   SLD   no    no
ppp-all             CAU   CAU   CAU   CAU   SLD   no    no
mace                CAU   CAU   CAU   POL   SLD   no    no
mace-police         CAU   CAU   CAU   CAU   SLD   no    no
analyst             CAU   CAU   CAU   POL   SLD   no    no
scrutineer          CAU   CAU   CAU   POL   SLD   no    no
lado                CAU   CAU   CAU   POL   SLD   no    no
sg-la               +agr  nog   CAU   POL   SLD   ntk   ntk
sg-school           +agr  nog   CAU   POL   SLD   ntk   ntk
sg-health           +agr  nog   CAU   POL   SLD   ntk   ntk
sg-police           +agr  nog   CAU   +agr  SLD   ntk   ntk
sg-other            +agr  nog   CAU   POL   SLD   ntk   ntk
agency-admin        CAU   CAU   CAU   POL   SLD   no    no
partnership-admin   no    no    no    POL   SLD   no    no
review-lead         no    no    no    POL   SLD   no    no
police-system       CAU   CAU   CAU   CAU   SLD   no    no
school-system       CAU   CAU   CAU   POL   SLD   no    no
la-triage-system    CAU   CAU   CAU   POL   SLD   no    no
police-triage       CAU   CAU   CAU   CAU   SLD   no    no
`,
  'case-audit.record': `
                    asked ended other pol   seal  laA   all
referrer-school     CAU   CAU   CAU   POL   SLD   no    no
referrer-gp         CAU   CAU   CAU   POL   SLD   no    no
screener            CAU   CAU   CAU   POL   SLD   no    no
mat-la              CAU   CAU   CAU   POL   SLD   no    no
mat-police          CAU   CAU   CAU   CAU   SLD   no    no
mat-health          CAU   CAU   CAU   POL   SLD   no    no
mat-school          CAU   CAU   CAU   POL   SLD   no    no
business-support    CAU   CAU   CAU   POL   SLD   no    no
bs-all              CAU   CAU   CAU   POL   SLD   no    no
strategy-chair      CAU   CAU   CAU   POL   SLD   no    no
conference-chair    CAU   CAU   CAU   POL   SLD   no    no
ppp                 CAU   CAU   CAU   CAU   SLD   no    no
ppp-all             CAU   CAU   CAU   CAU   SLD   no    no
mace                CAU   CAU   CAU   POL   SLD   no    no
mace-police         CAU   CAU   CAU   CAU   SLD   no    no
analyst             CAU   CAU   CAU   POL   SLD   no    no
scrutineer          CAU   CAU   CAU   POL   SLD   no    no
lado                CAU   CAU   CAU   POL   SLD   no    no
sg-la               +agr  nog   CAU   POL   SLD   ntk   ntk
sg-school           +agr  nog   CAU   POL   SLD   ntk   ntk
sg-health           +agr  nog   CAU   POL   SLD   ntk   ntk
sg-police           +agr  nog   CAU   +agr  SLD   ntk   ntk
sg-other            +agr  nog   CAU   POL   SLD   ntk   ntk
agency-admin        CAU   CAU   CAU   POL   SLD   no    no
partnership-admin   no    no    no    POL   SLD   no    no
review-lead         no    no    no    POL   SLD   no    no
police-system       CAU   CAU   CAU   CAU   SLD   no    no
school-system       CAU   CAU   CAU   POL   SLD   no    no
la-triage-system    CAU   CAU   CAU   POL   SLD   no    no
police-triage       CAU   CAU   CAU   CAU   SLD   no    no
`,
}

// ---------------------------------------------------------------------------
// Independent scrutiny (src/scrutiny)

const scrutiny = (about: ChildResource, grantedUserIds: string[]): ScrutinyResource => ({
  kind: 'scrutiny',
  child: about,
  laId: about.laId,
  grantedUserIds,
})

/** A child's record for scrutiny as each persona stands to it: granted to them or not, a lead's own reach, markings. */
const SCRUTINY_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  mine: (actor) => scrutiny(child('south', 'standard'), [actor.id]), // a current grant to the persona
  ended: () => scrutiny(child('south', 'standard'), []), // no current grant (ended, revoked or never given)
  other: () => scrutiny(child('south', 'standard'), ['someone-else']), // granted to someone else
  own: () => scrutiny(child('north', 'standard'), []), // in the persona's LA
  agcy: (actor) => scrutiny(child('south', 'standard', ours(actor)), []), // their agency is involved
  pol: (actor) => scrutiny(child('north', 'police-restricted', mine(actor)), [actor.id]),
  seal: (actor) => scrutiny(child('north', 'sealed', mine(actor)), [actor.id]),
  all: () => ({ kind: 'partnership' }),
}

const SCRUTINY_MATRIX: Record<(typeof SCRUTINY_ACTIONS)[number], string> = {
  'scrutiny.view': `
                    mine  ended other own   agcy  pol   seal  all
referrer-school     SCR   SCR   SCR   SCR   SCR   POL   SLD   no
referrer-gp         SCR   SCR   SCR   SCR   SCR   POL   SLD   no
screener            SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mat-la              SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mat-police          SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
mat-health          SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mat-school          SCR   SCR   SCR   SCR   SCR   POL   SLD   no
business-support    SCR   SCR   SCR   SCR   SCR   POL   SLD   no
bs-all              SCR   SCR   SCR   SCR   SCR   POL   SLD   no
strategy-chair      SCR   SCR   SCR   SCR   SCR   POL   SLD   no
conference-chair    SCR   SCR   SCR   SCR   SCR   POL   SLD   no
ppp                 SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
ppp-all             SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
mace                SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mace-police         SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
analyst             SCR   SCR   SCR   SCR   SCR   POL   SLD   no
scrutineer          SCR   SCR   SCR   SCR   SCR   POL   SLD   +any
lado                SCR   SCR   SCR   SCR   SCR   POL   SLD   no
sg-la               SCR   SCR   SCR   SCR   SCR   POL   SLD   no
sg-school           SCR   SCR   SCR   SCR   SCR   POL   SLD   no
sg-health           SCR   SCR   SCR   SCR   SCR   POL   SLD   no
sg-police           SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
sg-other            SCR   SCR   SCR   SCR   SCR   POL   SLD   no
agency-admin        SCR   SCR   SCR   SCR   SCR   POL   SLD   no
partnership-admin   SCR   SCR   SCR   SCR   SCR   POL   SLD   no
review-lead         SCR   SCR   SCR   SCR   SCR   POL   SLD   no
police-system       SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
school-system       SCR   SCR   SCR   SCR   SCR   POL   SLD   no
la-triage-system    SCR   SCR   SCR   SCR   SCR   POL   SLD   no
police-triage       SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
`,
  'scrutiny.grant': `
                    mine  ended other own   agcy  pol   seal  all
referrer-school     SCR   SCR   SCR   SCR   SCR   POL   SLD   no
referrer-gp         SCR   SCR   SCR   SCR   SCR   POL   SLD   no
screener            SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mat-la              SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mat-police          SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
mat-health          SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mat-school          SCR   SCR   SCR   SCR   SCR   POL   SLD   no
business-support    SCR   SCR   SCR   SCR   SCR   POL   SLD   no
bs-all              SCR   SCR   SCR   SCR   SCR   POL   SLD   no
strategy-chair      SCR   SCR   SCR   SCR   SCR   POL   SLD   no
conference-chair    SCR   SCR   SCR   SCR   SCR   POL   SLD   no
ppp                 SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
ppp-all             SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
mace                SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mace-police         SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
analyst             SCR   SCR   SCR   SCR   SCR   POL   SLD   no
scrutineer          SCR   SCR   SCR   SCR   SCR   POL   SLD   no
lado                SCR   SCR   SCR   SCR   SCR   POL   SLD   no
sg-la               SCR   SCR   SCR   +la   +ag   POL   SLD   +any
sg-school           SCR   SCR   SCR   SCR   SCR   POL   SLD   nsl
sg-health           SCR   SCR   SCR   SCR   +ag   POL   SLD   +any
sg-police           SCR   SCR   SCR   SCR   +ag   +me   SLD   +any
sg-other            SCR   SCR   SCR   SCR   SCR   POL   SLD   nsl
agency-admin        SCR   SCR   SCR   SCR   SCR   POL   SLD   no
partnership-admin   SCR   SCR   SCR   SCR   SCR   POL   SLD   no
review-lead         SCR   SCR   SCR   SCR   SCR   POL   SLD   no
police-system       SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
school-system       SCR   SCR   SCR   SCR   SCR   POL   SLD   no
la-triage-system    SCR   SCR   SCR   SCR   SCR   POL   SLD   no
police-triage       SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
`,
  'scrutiny.record': `
                    mine  ended other own   agcy  pol   seal  all
referrer-school     SCR   SCR   SCR   SCR   SCR   POL   SLD   no
referrer-gp         SCR   SCR   SCR   SCR   SCR   POL   SLD   no
screener            SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mat-la              SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mat-police          SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
mat-health          SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mat-school          SCR   SCR   SCR   SCR   SCR   POL   SLD   no
business-support    SCR   SCR   SCR   SCR   SCR   POL   SLD   no
bs-all              SCR   SCR   SCR   SCR   SCR   POL   SLD   no
strategy-chair      SCR   SCR   SCR   SCR   SCR   POL   SLD   no
conference-chair    SCR   SCR   SCR   SCR   SCR   POL   SLD   no
ppp                 SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
ppp-all             SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
mace                SCR   SCR   SCR   SCR   SCR   POL   SLD   no
mace-police         SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
analyst             SCR   SCR   SCR   SCR   SCR   POL   SLD   no
scrutineer          +sg   SCR   SCR   SCR   SCR   POL   SLD   +any
lado                SCR   SCR   SCR   SCR   SCR   POL   SLD   no
sg-la               SCR   SCR   SCR   SCR   SCR   POL   SLD   no
sg-school           SCR   SCR   SCR   SCR   SCR   POL   SLD   no
sg-health           SCR   SCR   SCR   SCR   SCR   POL   SLD   no
sg-police           SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
sg-other            SCR   SCR   SCR   SCR   SCR   POL   SLD   no
agency-admin        SCR   SCR   SCR   SCR   SCR   POL   SLD   no
partnership-admin   SCR   SCR   SCR   SCR   SCR   POL   SLD   no
review-lead         SCR   SCR   SCR   SCR   SCR   POL   SLD   no
police-system       SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
school-system       SCR   SCR   SCR   SCR   SCR   POL   SLD   no
la-triage-system    SCR   SCR   SCR   SCR   SCR   POL   SLD   no
police-triage       SCR   SCR   SCR   SCR   SCR   SCR   SLD   no
`,
}

describe('the access policy, role by role and action by action', () => {
  test('the matrices cover every action and every role', () => {
    const covered = [
      ...Object.keys(RECORD_MATRIX),
      ...Object.keys(REFERRAL_MATRIX),
      ...Object.keys(AREA_MATRIX),
      ...Object.keys(AGENCY_MATRIX),
      ...Object.keys(MEETING_MATRIX),
      ...Object.keys(ALLEGATION_MATRIX),
      ...Object.keys(DISAGREEMENT_MATRIX),
      ...Object.keys(REVIEW_MATRIX),
      ...Object.keys(MOVE_MATRIX),
      ...Object.keys(CASE_AUDIT_MATRIX),
      ...Object.keys(SCRUTINY_MATRIX),
    ]
    assert.deepEqual(covered.sort(), [...ACTIONS].sort())
    const roles = new Set(Object.values(PERSONAS).flatMap((actor) => actor.grants.map((grant) => grant.role)))
    assert.deepEqual([...roles].sort(), [...ROLES].sort())
  })

  for (const [action, matrix] of Object.entries(RECORD_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, RECORD_COLUMNS))
  for (const [action, matrix] of Object.entries(REFERRAL_MATRIX))
    test(action, () =>
      checkMatrix(action as Action, matrix, action === 'referral.match' ? MATCH_COLUMNS : REFERRAL_COLUMNS),
    )
  for (const [action, matrix] of Object.entries(AREA_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, AREA_COLUMNS))
  for (const [action, matrix] of Object.entries(AGENCY_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, AGENCY_COLUMNS))
  test('meeting.view', () => checkMatrix('meeting.view', MEETING_MATRIX['meeting.view'], MEETING_COLUMNS))
  for (const [action, matrix] of Object.entries(DISAGREEMENT_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, DISAGREEMENT_COLUMNS))
  test('part.view', () => checkMatrix('part.view', MEETING_MATRIX['part.view'], PART_COLUMNS))
  test('part.write', () => checkMatrix('part.write', MEETING_MATRIX['part.write'], OWN_PART_COLUMNS))
  for (const [action, matrix] of Object.entries(ALLEGATION_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, ALLEGATION_COLUMNS))
  for (const [action, matrix] of Object.entries(REVIEW_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, REVIEW_COLUMNS))
  for (const [action, matrix] of Object.entries(MOVE_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, MOVE_COLUMNS))
  for (const [action, matrix] of Object.entries(CASE_AUDIT_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, CASE_AUDIT_COLUMNS))
  for (const [action, matrix] of Object.entries(SCRUTINY_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, SCRUTINY_COLUMNS))

  test('review.view by a system: an LA’s system with reviews:read, its own LA’s incidents only, never the child named', () => {
    const la = system('la-reviews', 'north-council', 'local-authority', ['reviews:read'], ['north'])
    const police = system('police-reviews', 'police', 'police', ['reviews:read'])
    assert.deepEqual(decide(la, 'review.view', review('north')), LEGEND['+la'])
    assert.deepEqual(decide(la, 'review.view', review('south')), LEGEND.REV)
    assert.deepEqual(decide(la, 'review.identify', review('north')), LEGEND.REV)
    assert.deepEqual(decide(police, 'review.view', review('north')), LEGEND.REV, 'not the police’s to read')
  })

  test('roll.declare by a system: a school or health system with roll:write, for its own agency only', () => {
    const own = (actor: Actor) => ({ kind: 'agency', agencyId: actor.agencyId }) as const
    const school = system('school-mis', 'north-schools', 'education', ['roll:write'], ['north'])
    const health = system('health-epr', 'health-trust', 'health', ['roll:write'])
    const police = system('police-rms', 'police', 'police', ['roll:write'])
    assert.deepEqual(decide(school, 'roll.declare', own(school)), LEGEND['+own'])
    assert.deepEqual(decide(health, 'roll.declare', own(health)), LEGEND['+own'])
    assert.deepEqual(decide(school, 'roll.declare', { kind: 'agency', agencyId: 'health-trust' }), LEGEND.oth)
    assert.deepEqual(decide(police, 'roll.declare', own(police)), LEGEND.nor, 'police keep no roll')
    const withoutScope = system('school-contacts', 'north-schools', 'education', ['contacts:write'])
    assert.deepEqual(decide(withoutScope, 'roll.declare', own(withoutScope)), LEGEND.no)
  })
})

describe('break-glass', () => {
  const REASON = 'Child at immediate risk: out-of-hours call from A&E'
  // With a reason: child.view on records nobody of the persona's is involved with, in another LA
  // ('other') or in the persona's ('own'); 'short' gives too short a reason; 'write' posts an event.
  const COLUMNS: Record<string, { action: Action; resource: Resource; reason?: string }> = {
    other: { action: 'child.view', resource: child('south', 'standard') },
    own: { action: 'child.view', resource: child('north', 'standard') },
    pol: { action: 'child.view', resource: child('south', 'police-restricted') },
    hlt: { action: 'child.view', resource: child('south', 'health-restricted') },
    seal: { action: 'child.view', resource: child('south', 'sealed') },
    short: { action: 'child.view', resource: child('south', 'standard'), reason: ' urgent   ' },
    write: { action: 'event.post', resource: child('south', 'standard') },
  }
  const MATRIX = `
                    other own   pol   hlt   seal  short write
referrer-school     NTK   NTK   POL   HLT   SLD   NTK   NTK
referrer-gp         NTK   NTK   POL   NTK   SLD   NTK   NTK
screener            +bg   +la   POL   HLT   SLD   why   out
mat-la              +bg   +la   POL   HLT   SLD   why   out
mat-police          +bg   +bg   +bg   HLT   SLD   why   out
mat-health          +bg   +bg   POL   +bg   SLD   why   out
mat-school          +bg   +bg   POL   HLT   SLD   why   out
business-support    OUT   +la   POL   HLT   SLD   OUT   NO
bs-all              NI    +la   POL   HLT   SLD   NI    NO
strategy-chair      +bg   +la   POL   HLT   SLD   why   out
conference-chair    +bg   +la   POL   HLT   SLD   why   out
ppp                 +bg   +bg   +bg   HLT   SLD   why   out
ppp-all             +bg   +bg   +bg   HLT   SLD   why   ni
mace                +bg   +la   POL   HLT   SLD   why   out
mace-police         +bg   +bg   +bg   HLT   SLD   why   ni
analyst             NO    NO    POL   HLT   SLD   NO    NO
scrutineer          NO    NO    POL   HLT   SLD   NO    NO
lado                +bg   +la   POL   HLT   SLD   why   out
sg-la               OUT   +la   POL   HLT   SLD   OUT   OUT
sg-school           OUT   NI    POL   HLT   SLD   OUT   OUT
sg-health           NI    NI    POL   NI    SLD   NI    NI
sg-police           NI    NI    NI    HLT   SLD   NI    NI
sg-other            NI    NI    POL   HLT   SLD   NI    NI
agency-admin        NO    NO    POL   NO    SLD   NO    NO
partnership-admin   NO    NO    POL   HLT   SLD   NO    NO
review-lead         NO    NO    POL   HLT   SLD   NO    NO
police-system       NTK   NTK   NTK   HLT   SLD   NTK   NTK
school-system       NO    NO    POL   HLT   SLD   NO    NO
la-triage-system    NO    NO    POL   HLT   SLD   NO    NO
police-triage       NO    NO    NO    HLT   SLD   NO    NO
`

  test('opens reads outside access to case workers who give a reason, and nothing else', () => {
    for (const { persona, column, code } of cellsOf(MATRIX, Object.keys(COLUMNS))) {
      const { action, resource, reason = REASON } = COLUMNS[column] as (typeof COLUMNS)[string]
      const actual = decide(PERSONAS[persona] as Actor, action, resource as never, {
        breakGlassReason: reason,
      })
      assert.deepEqual(actual, LEGEND[code], `${persona} breaks glass: ${column}`)
    }
  })
})

describe('break-glass on meetings, and remembered for the session', () => {
  const REASON = 'Child at immediate risk: out-of-hours call from A&E'
  const screener = PERSONAS.screener as Actor
  const school = PERSONAS['sg-school'] as Actor
  const notInvited = meeting('south', 'standard')
  const policeOnly = part('police-only', { action: 'meeting.view', resource: notInvited })

  test('a case worker opens a meeting they were not invited to with a reason, not its police-only parts', () => {
    const options = { breakGlassReason: REASON }
    assert.deepEqual(decide(screener, 'meeting.view', notInvited, options), LEGEND['+bg'])
    assert.deepEqual(decide(screener, 'part.view', policeOnly, options), LEGEND.pox)
    const partner = decide(
      school,
      'meeting.view',
      meeting('south', 'standard', { involvement: agencyOnly(school) }),
      options,
    )
    assert.deepEqual(partner, LEGEND.inv, 'a school’s safeguarding manager does not break glass')
  })

  test('a reason given earlier for the child opens its record, chronology and meetings, but no write or marking', () => {
    const opened = child('south', 'standard')
    const remembering = { ...screener, breakGlass: new Map([[opened.childId, REASON]]) }
    assert.deepEqual(decide(remembering, 'child.view', opened), LEGEND['+bg'])
    assert.deepEqual(decide(remembering, 'chronology.view', opened), LEGEND['+bg'])
    assert.deepEqual(decide(remembering, 'meeting.view', notInvited), LEGEND['+bg'])
    assert.deepEqual(decide(remembering, 'part.view', policeOnly), LEGEND.pox)
    assert.deepEqual(decide(remembering, 'event.post', opened), LEGEND.out)
    assert.deepEqual(
      decide(remembering, 'child.view', child('east', 'standard')),
      LEGEND.glass,
      'another child',
    )
    assert.deepEqual(
      decide(remembering, 'child.view', { ...opened, sensitivity: 'police-restricted' }),
      LEGEND.POL,
    )
    const system = {
      ...(PERSONAS['police-system'] as Actor),
      breakGlass: new Map([[opened.childId, REASON]]),
    }
    assert.deepEqual(decide(system, 'child.view', opened), LEGEND.NTK, 'systems never break glass')
  })
})

describe('a scrutiny grant on the child’s record itself, and on who a review is about', () => {
  const scrutineer = PERSONAS.scrutineer as Actor
  const granted = child('south', 'standard')
  const opening = { grantId: 'grant-1', purpose: 'Scrutiny of the rapid review’s timeliness' }
  const holding = { ...scrutineer, scrutinyGrants: new Map([[granted.childId, opening]]) }

  test('opens the granted child’s record, chronology and entries read-only, and nothing else', () => {
    for (const action of ['child.view', 'chronology.view', 'event.view'] as const) {
      assert.deepEqual(decide(holding, action, granted), LEGEND['+sg'], action)
      assert.deepEqual(decide(scrutineer, action, granted), LEGEND.NO, `${action} without the grant`)
      assert.deepEqual(
        decide(holding, action, child('east', 'standard')),
        LEGEND.NO,
        `${action}: another child`,
      )
      assert.equal(
        mayEver(holding, action),
        false,
        `${action}: a grant opens no list or page before the record`,
      )
    }
    for (const action of ['child.update', 'involvement.view', 'event.post', 'exploitation.view'] as const)
      assert.equal(decide(holding, action, granted).allowed, false, action)
    assert.deepEqual(decide(holding, 'child.view', { ...granted, sensitivity: 'sealed' }), LEGEND.SLD)
    assert.deepEqual(
      decide(holding, 'child.view', { ...granted, sensitivity: 'police-restricted' }),
      LEGEND.POL,
    )
    const about = (childResource: ChildResource): ReviewResource => ({
      ...review('south'),
      child: childResource,
    })
    assert.deepEqual(
      decide(holding, 'review.identify', about(granted)),
      LEGEND['+sg'],
      'who a review is about',
    )
    assert.deepEqual(decide(scrutineer, 'review.identify', about(granted)), LEGEND.REV, 'without the grant')
    assert.deepEqual(decide(holding, 'review.identify', about(child('east', 'standard'))), LEGEND.REV)
    assert.deepEqual(
      decide(holding, 'review.identify', about({ ...granted, sensitivity: 'sealed' })),
      LEGEND.SLD,
    )
    const lead = { ...(PERSONAS['sg-la'] as Actor), scrutinyGrants: holding.scrutinyGrants }
    assert.equal(
      decide(lead, 'child.view', granted).allowed,
      false,
      'only the scrutineer’s role reads through a grant',
    )
  })

  test('opens who a disagreement is about, and its words, only for the granted child', () => {
    const about = (childResource: ChildResource): DisagreementResource => ({
      ...disagreement('standard'),
      child: childResource,
    })
    assert.deepEqual(decide(holding, 'escalation.identify', about(granted)), LEGEND['+sg'])
    assert.deepEqual(
      decide(scrutineer, 'escalation.identify', about(granted)),
      LEGEND.NO,
      'without the grant',
    )
    assert.deepEqual(decide(holding, 'escalation.identify', about(child('east', 'standard'))), LEGEND.NO)
    assert.deepEqual(decide(holding, 'escalation.view', about(child('east', 'standard'))), LEGEND['+any'])
  })

  test('opens who an allegation concerns, and its words, only when every linked child is granted', () => {
    const linked = (...children: ChildResource[]) => allegation('south', { children })
    assert.deepEqual(decide(holding, 'allegation.identify', linked(granted)), LEGEND['+sg'])
    assert.deepEqual(
      decide(scrutineer, 'allegation.identify', linked(granted)),
      LEGEND.ALG,
      'without the grant',
    )
    assert.deepEqual(decide(holding, 'allegation.identify', linked()), LEGEND.ALG, 'no child linked')
    assert.deepEqual(
      decide(holding, 'allegation.identify', linked(granted, child('east', 'standard'))),
      LEGEND.ALG,
      'a child linked whom no grant covers',
    )
    assert.deepEqual(
      decide(holding, 'allegation.identify', linked({ ...granted, sensitivity: 'sealed' })),
      LEGEND.ALG,
      'a sealed child opens to nobody',
    )
  })
})

describe('one exploitation screening', () => {
  const OTHER_SCREENING =
    'Only the agency that made this screening, the child’s local authority and MACE read it'
  const screening = (childResource: ChildResource, agencyId: string) =>
    ({ kind: 'screening', child: childResource, agencyId }) as const
  const as = (persona: string) => PERSONAS[persona] as Actor

  test('the child’s LA practitioners and MACE read every screening of the child', () => {
    const northChild = child('north', 'standard')
    for (const persona of ['screener', 'mat-la', 'strategy-chair', 'conference-chair', 'mace'])
      assert.deepEqual(
        decide(as(persona), 'exploitation.view', screening(northChild, 'north-schools')),
        LEGEND['+la'],
        persona,
      )
  })

  test('anyone else who may screen the child reads only their own agency’s screenings', () => {
    const school = as('sg-school')
    const involved = child('north', 'standard', ours(school))
    assert.deepEqual(
      decide(school, 'exploitation.view', screening(involved, school.agencyId)),
      LEGEND['+own'],
    )
    assert.deepEqual(
      decide(school, 'exploitation.view', screening(involved, 'police')),
      denied(false, OTHER_SCREENING),
    )
    const referrer = as('referrer-school')
    const theirs = child('north', 'standard', mine(referrer))
    assert.deepEqual(
      decide(referrer, 'exploitation.view', screening(theirs, referrer.agencyId)),
      LEGEND['+own'],
    )
  })

  test('whoever may not screen the child reads none, not even their agency’s: the screen refusal', () => {
    const school = as('sg-school')
    const elsewhere = child('south', 'standard')
    assert.deepEqual(decide(school, 'exploitation.view', screening(elsewhere, school.agencyId)), LEGEND.OUT)
    const support = as('business-support')
    const northChild = child('north', 'standard', ours(support))
    assert.deepEqual(decide(support, 'exploitation.view', screening(northChild, support.agencyId)), LEGEND.no)
    const police = child('north', 'police-restricted', ours(school))
    assert.deepEqual(decide(school, 'exploitation.view', screening(police, school.agencyId)), LEGEND.POL)
  })
})

describe('resources an action cannot apply to', () => {
  test('are a programming error, not a refusal', () => {
    const admin = PERSONAS['partnership-admin'] as Actor
    assert.throws(() => decide(admin, 'user.administer', child('north', 'standard') as never), TypeError)
    assert.throws(
      () => decide(admin, 'child.view', { kind: 'agency', agencyId: 'police' } as never),
      TypeError,
    )
    // A referral's actions are about the referral: asked about a child's record, a programming error.
    assert.throws(() => decide(admin, 'referral.view', child('north', 'standard') as never), TypeError)
  })
})

// ---------------------------------------------------------------------------
// ---------------------------------------------------------------------------
// Properties over any actor, record and reason

const LAS = ['north', 'south', 'east'] as const
const AGENCY_KINDS: readonly AgencyKind[] = ['local-authority', 'police', 'health', 'education', 'other']
const AGENCIES = ['north-council', 'police', 'health-trust', 'north-schools', 'business-unit']
const USERS = ['u1', 'u2', 'u3']

const actorArb = (laIds: fc.Arbitrary<string | null> = fc.constantFrom(...LAS, null)) =>
  fc
    .record({
      kind: fc.constantFrom('user' as const, 'system' as const),
      id: fc.constantFrom(...USERS),
      displayName: fc.constant('someone'),
      agencyId: fc.constantFrom(...AGENCIES),
      agencyKind: fc.constantFrom(...AGENCY_KINDS),
      agencyLaId: fc.constantFrom(...LAS),
      grants: fc.array(fc.record({ role: fc.constantFrom(...ROLES), laId: laIds }), { maxLength: 4 }),
      scopes: fc.subarray([...API_SCOPES]),
      serves: laIds.map((laId) => (laId === null ? ('all' as const) : [laId])),
    })
    // Only a local authority's own agency is an LA.
    .map(
      ({ agencyLaId, ...actor }): Actor =>
        actor.agencyKind === 'local-authority' ? { ...actor, agencyLaId } : actor,
    )

/** An actor of a partner agency: anything but a local authority's own. */
const partnerArb = actorArb().filter((actor) => actor.agencyLaId === undefined)

const childArb = (overrides: Partial<Record<'laId' | 'sensitivity', fc.Arbitrary<string>>> = {}) =>
  fc.record({
    kind: fc.constant('child' as const),
    childId: fc.uuid(),
    laId: overrides.laId ?? fc.constantFrom(...LAS),
    sensitivity: (overrides.sensitivity ??
      fc.constantFrom(
        'standard',
        'police-restricted',
        'health-restricted',
        'sealed',
      )) as fc.Arbitrary<Sensitivity>,
    involvement: fc.record({ agencyIds: fc.subarray(AGENCIES), userIds: fc.subarray(USERS) }),
  })

const referralArb = fc.record({
  kind: fc.constant('referral' as const),
  referralId: fc.uuid(),
  laId: fc.constantFrom(...LAS),
  referrer: fc.constantFrom(...USERS.map((id) => `user:${id}`), 'system:u1'),
  triageOpen: fc.boolean(),
  child: fc.option(childArb(), { nil: null }),
})

const childActions = RECORD_ACTIONS.filter(
  (action) => !(REFERRAL_ACTIONS as readonly string[]).includes(action),
)
const recordAction = fc.constantFrom(...childActions)
const readAction = fc.constantFrom(...childActions.filter((action) => READ_ACTIONS.has(action)))
const writeAction = fc.constantFrom(...childActions.filter((action) => !READ_ACTIONS.has(action)))
const uninvolved = (record: ChildResource, actor: Actor): ChildResource => ({
  ...record,
  involvement: {
    agencyIds: record.involvement.agencyIds.filter((id) => id !== actor.agencyId),
    userIds: record.involvement.userIds.filter((id) => id !== actor.id),
  },
})
const reasonArb = fc.option(fc.string({ maxLength: 40 }), { nil: undefined })

describe('properties', () => {
  test('nobody outside the police ever opens police-restricted intelligence, whatever their reason', () => {
    fc.assert(
      fc.property(
        actorArb(),
        recordAction,
        childArb({ sensitivity: fc.constant('police-restricted') }),
        reasonArb,
        (actor, action, record, reason) => {
          fc.pre(actor.agencyKind !== 'police')
          assert.equal(decide(actor, action, record, { breakGlassReason: reason }).allowed, false)
        },
      ),
      { numRuns: 2000 },
    )
  })

  test('nobody outside health ever opens a health-restricted record, and nobody a sealed one', () => {
    fc.assert(
      fc.property(actorArb(), recordAction, childArb(), reasonArb, (actor, action, record, reason) => {
        const closed =
          record.sensitivity === 'sealed' ||
          (record.sensitivity === 'health-restricted' && actor.agencyKind !== 'health')
        if (closed) assert.equal(decide(actor, action, record, { breakGlassReason: reason }).allowed, false)
      }),
      { numRuns: 2000 },
    )
  })

  test('break-glass never allows a write', () => {
    fc.assert(
      fc.property(
        actorArb(),
        writeAction,
        childArb(),
        fc.string({ minLength: 10, maxLength: 60 }),
        (actor, action, record, reason) => {
          assert.deepEqual(
            decide(actor, action, record, { breakGlassReason: reason }),
            decide(actor, action, record),
          )
        },
      ),
      { numRuns: 2000 },
    )
  })

  test('break-glass is only ever the basis for a person who works cases and gave a real reason', () => {
    fc.assert(
      fc.property(actorArb(), recordAction, childArb(), reasonArb, (actor, action, record, reason) => {
        const decision = decide(actor, action, record, { breakGlassReason: reason })
        if (!decision.allowed || decision.basis !== 'break-glass') return
        assert.equal(actor.kind, 'user')
        assert.ok(READ_ACTIONS.has(action))
        assert.ok((reason ?? '').trim().length >= 10)
        assert.equal(decide(actor, action, record).allowed, false)
      }),
      { numRuns: 2000 },
    )
  })

  test('a grant for one LA never opens a record in another without involvement or break-glass', () => {
    const northOnly = actorArb(fc.constant('north'))
    fc.assert(
      fc.property(
        northOnly,
        recordAction,
        childArb({ laId: fc.constantFrom('south', 'east') }),
        (actor, action, record) => {
          assert.equal(decide(actor, action, uninvolved(record, actor)).allowed, false)
        },
      ),
      { numRuns: 2000 },
    )
  })

  test('no partner-agency role ever reads an uninvolved child without break-glass', () => {
    fc.assert(
      fc.property(partnerArb, readAction, childArb(), (actor, action, record) => {
        assert.equal(decide(actor, action, uninvolved(record, actor)).allowed, false)
      }),
      { numRuns: 3000 },
    )
  })

  test('a local authority reads, by area, only children of its own LA', () => {
    fc.assert(
      fc.property(actorArb(), recordAction, childArb(), (actor, action, record) => {
        const decision = decide(actor, action, record)
        if (decision.allowed && decision.basis === 'area') assert.equal(actor.agencyLaId, record.laId)
      }),
      { numRuns: 3000 },
    )
  })

  test('a referral opens to its referrer and its triage, never the child’s record through it', () => {
    fc.assert(
      fc.property(actorArb(), referralArb, (actor, referral) => {
        const decision = decide(actor, 'referral.view', referral)
        if (!decision.allowed || (decision.basis !== 'referrer' && decision.basis !== 'triage')) return
        if (decision.basis === 'referrer') assert.equal(referral.referrer, `${actor.kind}:${actor.id}`)
        else assert.equal(referral.triageOpen, true)
        if (referral.child && actor.agencyLaId === undefined) {
          const record = uninvolved(referral.child, actor)
          assert.equal(decide(actor, 'child.view', record).allowed, false)
        }
      }),
      { numRuns: 3000 },
    )
  })

  test('a part marked police-only or health-only never opens outside that kind of agency', () => {
    const parts = fc.record({
      marking: fc.constantFrom<PartMarking>('police-only', 'health-only'),
      child: childArb(),
      invited: fc.subarray(AGENCIES),
    })
    fc.assert(
      fc.property(actorArb(), parts, reasonArb, (actor, { marking, child: record, invited }, reason) => {
        fc.pre(actor.agencyKind !== (marking === 'police-only' ? 'police' : 'health'))
        const meeting: MeetingResource = {
          kind: 'meeting',
          meetingId: 'm',
          child: record,
          laId: record.laId,
          invitedAgencyIds: invited,
          attendedAgencyIds: invited,
          userIds: USERS,
        }
        const remembering = { ...actor, breakGlass: new Map([[record.childId, 'a reason long enough']]) }
        const resource = {
          kind: 'part' as const,
          of: { action: 'meeting.view' as const, resource: meeting },
          agencyId: 'police',
          marking,
        }
        assert.equal(decide(remembering, 'part.view', resource, { breakGlassReason: reason }).allowed, false)
      }),
      { numRuns: 2000 },
    )
  })

  test('only records hide their existence', () => {
    const area = fc.constantFrom<Resource>({ kind: 'partnership' }, { kind: 'la', laId: 'north' })
    fc.assert(
      fc.property(actorArb(), recordAction, area, (actor, action, resource) => {
        const decision = decide(actor, action, resource as never)
        if (!decision.allowed) assert.equal(decision.hideExistence, false)
      }),
    )
  })
})

// The gates of pages and lists before any one record: + opens; otherwise the words read. q: the
// referral queue's, b: the meetings to book's, e: partner events', a: administration's, t: triage's, w: actions';
// l: not a local authority, for moves across borders;
// n: no role for the return home interviews due, the MACE list, VOLT's places and persons, the LADO's queue, the performance dashboard or the statutory returns.
const GATE_MATRIX = `
                    queue book  post  read  ack   users clients acts  rint  mace  lado  perf  p87   m87   reviews ret   moves audits volt  scru  sgr
referrer-school     q     b     +     +     +     a     a       w     n     n     n     n     n     +     n       n     n     n      n     n     n
referrer-gp         q     b     +     +     +     a     a       w     n     n     n     n     n     +     n       n     n     n      n     n     n
screener            +     b     +     +     +     a     a       +     +     n     n     n     n     +     n       n     +     n      +     n     n
mat-la              +     b     +     +     +     a     a       +     +     n     n     n     n     +     n       n     +     n      +     n     n
mat-police          +     b     +     +     +     a     a       +     +     n     n     n     n     +     n       n     l     n      +     n     n
mat-health          +     b     +     +     +     a     a       +     +     n     n     n     n     +     n       n     l     n      +     n     n
mat-school          +     b     +     +     +     a     a       +     +     n     n     n     n     +     n       n     l     n      +     n     n
business-support    q     +     e     +     e     a     a       w     n     n     n     n     n     n     n       n     n     n      n     n     n
bs-all              q     +     e     +     e     a     a       w     n     n     n     n     n     n     n       n     n     n      n     n     n
strategy-chair      q     +     +     +     +     a     a       +     n     n     n     n     n     +     n       n     n     n      +     n     n
conference-chair    q     +     +     +     +     a     a       +     n     n     n     n     n     +     n       n     n     n      +     n     n
ppp                 +     b     +     +     +     a     a       +     n     n     n     n     +     +     n       n     n     n      +     n     n
ppp-all             +     b     +     +     +     a     a       +     n     n     n     n     +     +     n       n     n     n      +     n     n
mace                q     b     +     +     +     a     a       +     +     +     n     n     n     +     n       n     +     n      +     n     n
mace-police         q     b     +     +     +     a     a       +     +     +     n     n     n     +     n       n     l     n      +     n     n
analyst             q     b     e     e     e     a     a       w     n     n     n     +     n     n     n       +     n     n      n     n     n
scrutineer          q     b     e     e     e     a     a       w     n     n     n     +     n     n     +       n     n     n      n     +     +
lado                q     b     +     +     +     a     a       +     n     n     +     n     n     +     n       n     n     n      n     n     n
sg-la               q     b     +     +     +     a     a       +     n     n     n     n     n     +     +       n     +     +      n     n     +
sg-school           q     b     +     +     +     a     a       +     n     n     n     n     n     +     +       n     l     +      n     n     s
sg-health           q     b     +     +     +     a     a       +     n     n     n     n     n     +     +       n     l     +      n     n     +
sg-police           q     b     +     +     +     a     a       +     n     n     n     n     n     +     +       n     l     +      n     n     +
sg-other            q     b     +     +     +     a     a       +     n     n     n     n     n     +     +       n     l     +      n     n     s
agency-admin        q     b     e     e     e     +     +       w     n     n     n     n     n     n     n       n     n     n      n     n     n
partnership-admin   q     b     e     e     e     +     +       w     n     n     n     +     n     n     n       n     n     +      n     n     n
review-lead         q     b     e     e     e     a     a       w     n     n     n     n     n     n     +       n     n     +      n     n     n
police-system       q     b     +     +     +     a     a       +     n     n     n     n     n     +     n       n     n     n      n     n     n
school-system       q     b     e     e     e     a     a       w     n     n     n     n     n     n     n       n     n     n      n     n     n
la-triage-system    +     b     e     e     e     a     a       w     n     n     n     n     n     n     n       n     n     n      n     n     n
police-triage       +     b     e     e     e     a     a       w     n     n     n     n     n     n     n       n     n     n      n     n     n
`
const GATE_COLUMNS: Record<string, Gate> = {
  queue: 'referral-queue',
  book: 'meetings-to-book',
  post: 'events-post',
  read: 'events-read',
  ack: 'events-acknowledge',
  users: 'users',
  clients: 'api-clients',
  acts: 'actions',
  rint: 'return-interviews',
  mace: 'mace-list',
  lado: 'lado-queue',
  perf: 'intelligence',
  p87: 'police-requests',
  m87: 'police-requests-made',
  reviews: 'reviews',
  ret: 'returns',
  moves: 'moves',
  audits: 'case-audits',
  volt: 'volt',
  scru: 'scrutiny',
  sgr: 'scrutiny-grants',
}
const GATE_WORDS: Record<string, string | undefined> = {
  '+': undefined,
  q: 'Only front-door screeners and MAT practitioners have a queue',
  b: 'Only business support and chairs book meetings',
  e: 'Your role does not allow you to share or read partner events',
  a: 'Only agency and partnership administrators can manage users and API credentials.',
  t: 'Your agency does not take part in triage',
  w: 'Only those who work on the actions agreed at meetings have a list of actions',
  n: 'You have no role or permission that allows this',
  l: 'Only local authorities record and receive children’s moves across borders',
  s: 'Only the safeguarding managers of the local authority, the police and health, for the partnership’s leads, grant the independent scrutineer access to a child’s record',
}

describe('role-only gates of pages and lists', () => {
  test('every gate, persona by persona', () => {
    assert.deepEqual(Object.values(GATE_COLUMNS).sort(), Object.keys(GATES).sort())
    for (const { persona, column, code } of cellsOf(GATE_MATRIX, Object.keys(GATE_COLUMNS))) {
      assert.ok(code in GATE_WORDS, `unknown code ${code}`)
      const gate = GATE_COLUMNS[column] as Gate
      assert.equal(gateRefusal(PERSONAS[persona] as Actor, gate), GATE_WORDS[code], `${persona} ${gate}`)
    }
  })

  test('a MAT practitioner or triage system of an agency outside triage is told so, at the gate and on the referral', () => {
    const probation = user('mat-probation', 'mat-practitioner', 'probation', 'other')
    const probationSystem = system('probation-triage', 'probation', 'other', ['triage:write'])
    const openReferral = referral('north', { triageOpen: true })
    for (const actor of [probation, probationSystem]) {
      assert.equal(gateRefusal(actor, 'referral-queue'), GATE_WORDS.t)
      assert.equal(mayEver(actor, 'mat.contribute'), false)
      assert.deepEqual(decide(actor, 'mat.contribute', openReferral), denied(false, GATE_WORDS.t as string))
      assert.deepEqual(
        decide(actor, 'mat.contribute', { kind: 'la', laId: 'north' }),
        denied(false, GATE_WORDS.t as string),
      )
    }
    assert.equal(decide(probation, 'referral.view', openReferral).allowed, true, 'it still reads triage')
  })
})

describe('role-only questions: may this actor ever take this action', () => {
  const everyAction = ACTIONS.filter((action) => action !== 'part.view')
  type EverAction = (typeof everyAction)[number]

  test('answers from roles and scopes alone', () => {
    const cases: [string, EverAction, boolean][] = [
      ['referrer-school', 'referral.create', true],
      ['referrer-school', 'referral.view', true],
      ['referrer-school', 'child.search', false],
      ['screener', 'child.search', true],
      ['screener', 'referral.screen', true],
      ['mat-police', 'referral.screen', false],
      ['ppp', 'mat.contribute', true],
      ['scrutineer', 'audit.search', true],
      ['scrutineer', 'child.view', false],
      ['agency-admin', 'user.administer', true],
      ['agency-admin', 'event.view', false],
      ['partnership-admin', 'maintenance.view', true],
      ['sg-school', 'maintenance.view', false],
      ['police-system', 'event.view', true],
      ['school-system', 'child.view', false],
    ]
    for (const [persona, action, expected] of cases)
      assert.equal(mayEver(PERSONAS[persona] as Actor, action), expected, `${persona} ${action}`)
  })

  test('a marking the actor’s agency may never read closes the action under it', () => {
    const police = PERSONAS.ppp as Actor
    const school = PERSONAS['mat-school'] as Actor
    assert.equal(mayEver(police, 'event.view', { sensitivity: 'police-restricted' }), true)
    assert.equal(mayEver(school, 'event.view', { sensitivity: 'police-restricted' }), false)
    assert.equal(mayEver(school, 'event.view', { sensitivity: 'standard' }), true)
    assert.equal(mayEver(police, 'event.view', { sensitivity: 'sealed' }), false)
  })

  const someResource = fc.oneof(
    childArb(),
    referralArb,
    fc.constantFrom<Resource>({ kind: 'partnership' }, ...LAS.map((laId) => ({ kind: 'la' as const, laId }))),
    fc.constantFrom(...AGENCIES).map((agencyId): Resource => ({ kind: 'agency', agencyId })),
    // A disagreement whose parties are those involved with its child.
    childArb().map(
      (about): Resource => ({
        kind: 'disagreement',
        disagreementId: 'disagreement',
        child: about,
        laId: about.laId,
        partyAgencyIds: about.involvement.agencyIds,
        userIds: about.involvement.userIds,
      }),
    ),
  )

  test('never refuses an action that some record or area would open to the actor', () => {
    fc.assert(
      fc.property(actorArb(), fc.constantFrom(...everyAction), someResource, (actor, action, resource) => {
        let decision: Decision
        try {
          decision = decide(actor, action, resource as never)
        } catch {
          return // the action does not apply to this kind of resource
        }
        if (decision.allowed) assert.equal(mayEver(actor, action), true)
      }),
      { numRuns: 5000 },
    )
  })

  /** Records and areas that open to the actor if anything of their kind does. */
  const witnesses = (actor: Actor): Resource[] => {
    const ownChild = (laId: string): ChildResource => child(laId, 'standard', mine(actor))
    return [
      { kind: 'partnership' },
      { kind: 'agency', agencyId: actor.agencyId },
      ...LAS.flatMap((laId): Resource[] => [
        { kind: 'la', laId },
        ownChild(laId),
        referral(laId, { referrer: `${actor.kind}:${actor.id}`, triageOpen: true, child: ownChild(laId) }),
        {
          kind: 'meeting',
          meetingId: `meeting-${laId}`,
          child: ownChild(laId),
          laId,
          invitedAgencyIds: [actor.agencyId],
          attendedAgencyIds: [],
          userIds: [actor.id],
        },
        allegation(laId, { referrer: `${actor.kind}:${actor.id}`, invitedAgencyIds: [actor.agencyId] }),
        { ...review(laId, [actor.agencyId]), child: ownChild(laId) },
        { ...caseAudit('standard', [actor.agencyId]), child: ownChild(laId), laId },
        {
          kind: 'disagreement',
          disagreementId: `disagreement-${laId}`,
          child: ownChild(laId),
          laId,
          partyAgencyIds: [actor.agencyId],
          userIds: [actor.id],
        },
      ]),
    ]
  }

  test('allows only an action that some record or area opens to the actor', () => {
    fc.assert(
      fc.property(actorArb(), fc.constantFrom(...everyAction), (actor, action) => {
        fc.pre(mayEver(actor, action))
        const opens = witnesses(actor).some((resource) => {
          try {
            return decide(actor, action, resource as never).allowed
          } catch {
            return false
          }
        })
        assert.ok(opens, `${action} opens nowhere`)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('the partnership view of returns', () => {
  test('opens to an analyst of the whole partnership, not to an LA’s analyst, the scrutineer or the administrator', () => {
    const partnership = { kind: 'partnership' } as const
    const wide = user('analyst-all', 'analyst', 'business-unit', 'other', null)
    assert.equal(decide(wide, 'returns.compare', partnership).allowed, true)
    assert.deepEqual(
      decide(PERSONAS.analyst as Actor, 'returns.compare', partnership),
      denied(false, OUTSIDE),
    )
    for (const persona of ['scrutineer', 'partnership-admin', 'sg-la'])
      assert.equal(decide(PERSONAS[persona] as Actor, 'returns.compare', partnership).allowed, false, persona)
  })
})

// VOLT's scopes (src/volt/api.ts): a police force's system reads and records the networks of
// children the force is involved with; the same scopes give another kind of agency's system nothing.
describe('VOLT’s API scopes', () => {
  const analysts = system('police-analysts', 'police', 'police', ['volt:read', 'volt:write'])
  const reader = system('police-reader', 'police', 'police', ['volt:read'])
  const school = system('school-volt', 'north-schools', 'education', ['volt:read', 'volt:write'], ['north'])
  const involved = child('north', 'standard', { agencyIds: ['police', 'north-schools'], userIds: [] })
  const other = child('north', 'standard')
  test('a police system: children its force is involved with, to read and to record', () => {
    assert.equal(decide(analysts, 'volt.view', involved).allowed, true)
    assert.equal(decide(analysts, 'volt.record', involved).allowed, true)
    assert.equal(decide(reader, 'volt.view', involved).allowed, true)
    assert.equal(decide(reader, 'volt.record', involved).allowed, false, 'reading is not recording')
    assert.equal(decide(analysts, 'volt.view', other).allowed, false)
    assert.equal(decide(analysts, 'volt.person', { kind: 'partnership' }).allowed, false, 'no persons')
  })
  test('a police system reads the areas its force serves (MACE flags), which opens no child', () => {
    const south = system('police-south', 'police', 'police', ['volt:read'], ['south'])
    assert.equal(decide(reader, 'volt.view', { kind: 'la', laId: 'north' }).allowed, true)
    assert.equal(decide(south, 'volt.view', { kind: 'la', laId: 'south' }).allowed, true)
    assert.equal(decide(south, 'volt.view', { kind: 'la', laId: 'north' }).allowed, false)
    assert.equal(decide(south, 'volt.view', child('south', 'standard')).allowed, false, 'not involved')
    assert.equal(decide(reader, 'volt.record', { kind: 'la', laId: 'north' }).allowed, false)
  })
  test('another kind of agency’s system holds nothing with the same scopes', () => {
    assert.equal(decide(school, 'volt.view', involved).allowed, false)
    assert.equal(decide(school, 'volt.record', involved).allowed, false)
    assert.equal(mayEver(school, 'volt.view'), false)
  })
})
