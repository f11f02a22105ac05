import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { type Actor, type AgencyKind, API_SCOPES, ROLES, type Role } from './actor.ts'
import {
  ACTIONS,
  type Action,
  type AGENCY_ACTIONS,
  type AREA_ACTIONS,
  type ChildResource,
  type Decision,
  decide,
  type MEETING_ACTIONS,
  type MeetingResource,
  type PartMarking,
  READ_ACTIONS,
  RECORD_ACTIONS,
  type Resource,
  type Sensitivity,
} from './policy.ts'

// The expected answer for every role against every action, written out by hand: this file is
// the readable statement of the policy, so it is not recomputed from policy.ts's own table.
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
const NOT_INVITED =
  'Only the agencies invited to this meeting and the child’s local authority may read its record'
const LEGEND: Record<string, Decision> = {
  '+any': { allowed: true, basis: 'role', reason: 'Your role allows this anywhere in the partnership' },
  '+la': { allowed: true, basis: 'area', reason: 'Within the area your role covers' },
  '+me': { allowed: true, basis: 'involvement', reason: 'You are involved with this child' },
  '+ag': { allowed: true, basis: 'agency-involvement', reason: 'Your agency is involved with this child' },
  '+own': { allowed: true, basis: 'own-agency', reason: 'Your own agency' },
  '+bg': {
    allowed: true,
    basis: 'break-glass',
    reason: 'Break-glass: opened outside your usual access, with a reason',
  },
  no: denied(false, NO_ROLE),
  NO: denied(true, NO_ROLE),
  out: denied(false, OUTSIDE),
  OUT: denied(true, OUTSIDE),
  glass: denied(false, 'Outside the area your roles cover: give a reason to open it (break-glass)'),
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
}

// Everyone holds one grant for the 'north' LA unless the name says otherwise.
const user = (
  id: string,
  role: Role,
  agencyId: string,
  agencyKind: AgencyKind,
  laId: string | null = 'north',
) => ({ kind: 'user', id, displayName: id, agencyId, agencyKind, grants: [{ role, laId }] }) satisfies Actor
const system = (
  id: string,
  agencyId: string,
  agencyKind: AgencyKind,
  scopes: string[],
  serves: Actor['serves'] = 'all',
) =>
  ({ kind: 'system', id, displayName: id, agencyId, agencyKind, grants: [], scopes, serves }) satisfies Actor

const PERSONAS: Record<string, Actor> = {
  'referrer-school': user('referrer-school', 'referrer', 'north-schools', 'education'),
  'referrer-gp': user('referrer-gp', 'referrer', 'gp-practices', 'health'),
  screener: user('screener', 'front-door-screener', 'north-council', 'local-authority'),
  'mat-la': user('mat-la', 'mat-practitioner', 'north-council', 'local-authority'),
  'mat-police': user('mat-police', 'mat-practitioner', 'police', 'police'),
  'mat-health': user('mat-health', 'mat-practitioner', 'health-trust', 'health'),
  'business-support': user('business-support', 'business-support', 'north-council', 'local-authority'),
  'strategy-chair': user('strategy-chair', 'strategy-discussion-chair', 'north-council', 'local-authority'),
  'conference-chair': user('conference-chair', 'conference-chair', 'north-council', 'local-authority'),
  ppp: user('ppp', 'police-public-protection', 'police', 'police'),
  'ppp-all': user('ppp-all', 'police-public-protection', 'police', 'police', null),
  mace: user('mace', 'mace-coordinator', 'north-council', 'local-authority'),
  analyst: user('analyst', 'analyst', 'business-unit', 'other'),
  scrutineer: user('scrutineer', 'independent-scrutineer', 'business-unit', 'other', null),
  lado: user('lado', 'lado', 'north-council', 'local-authority'),
  'sg-manager': user('sg-manager', 'safeguarding-manager', 'north-schools', 'education'),
  'agency-admin': user('agency-admin', 'agency-admin', 'health-trust', 'health', null),
  'partnership-admin': user(
    'partnership-admin',
    'partnership-admin',
    'north-council',
    'local-authority',
    null,
  ),
  'police-system': system('police-system', 'police', 'police', ['events:write', 'events:read', 'cases:read']),
  'school-system': system('school-system', 'north-schools', 'education', ['contacts:write'], ['north']),
  'la-triage-system': system(
    'la-triage-system',
    'north-council',
    'local-authority',
    ['triage:write', 'decisions:write'],
    ['north'],
  ),
}

const nobody = { agencyIds: ['another-agency'], userIds: ['someone-else'] }
const mine = (actor: Actor) => ({ agencyIds: [actor.agencyId], userIds: [actor.id] })
const child = (laId: string, sensitivity: Sensitivity, involvement = nobody): ChildResource => ({
  kind: 'child',
  childId: `child-${laId}-${sensitivity}`,
  laId,
  sensitivity,
  involvement,
})

/** Columns: how each representative resource looks from where the persona stands. */
const RECORD_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  own: () => child('north', 'standard'), // in the persona's LA, nobody of theirs involved
  other: () => child('south', 'standard'), // another LA, not involved
  user: (actor) => child('south', 'standard', mine(actor)), // another LA, the persona is involved
  agcy: (actor) => child('south', 'standard', { agencyIds: [actor.agencyId], userIds: [] }), // agency only
  pol: (actor) => child('north', 'police-restricted', mine(actor)),
  hlt: (actor) => child('north', 'health-restricted', mine(actor)),
  seal: (actor) => child('north', 'sealed', mine(actor)),
  laA: () => ({ kind: 'la', laId: 'north' }),
  laB: () => ({ kind: 'la', laId: 'south' }),
  all: () => ({ kind: 'partnership' }),
}
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

const READ = `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   glass +me   glass POL   HLT   SLD   +la   out   out
mat-la              +la   glass +me   glass POL   HLT   SLD   +la   out   out
mat-police          +la   glass +me   glass +la   HLT   SLD   +la   out   out
mat-health          +la   glass +me   glass POL   +la   SLD   +la   out   out
business-support    +la   OUT   +me   OUT   POL   HLT   SLD   +la   out   out
strategy-chair      +la   glass +me   glass POL   HLT   SLD   +la   out   out
conference-chair    +la   glass +me   glass POL   HLT   SLD   +la   out   out
ppp                 +la   glass +me   +ag   +la   HLT   SLD   +la   out   out
ppp-all             +la   +la   +la   +la   +la   HLT   SLD   +la   +la   +la
mace                +la   glass +me   glass POL   HLT   SLD   +la   out   out
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   glass +me   glass POL   HLT   SLD   +la   out   out
sg-manager          +la   OUT   +me   +ag   POL   HLT   SLD   +la   out   out
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`

/** The matrix with one persona's row replaced. */
function withRow(matrix: string, row: string): string {
  const persona = row.split(/\s+/)[0]
  return matrix
    .split('\n')
    .map((line) => (line.split(/\s+/)[0] === persona ? row : line))
    .join('\n')
}

const RECORD_MATRIX: Record<(typeof RECORD_ACTIONS)[number], string> = {
  'child.view': READ,
  // Triage and decision systems read the referrals of their agency's area.
  'referral.view': withRow(
    READ,
    'la-triage-system    +la   OUT   +me   OUT   POL   HLT   SLD   +la   out   out',
  ),
  'event.view': READ,
  'chronology.view': READ,
  'child.merge': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    POL   no    SLD   no    no    no
screener            +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-la              no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    POL   no    SLD   no    no    no
business-support    no    NO    no    NO    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    POL   HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    POL   HLT   SLD   no    no    no
sg-manager          no    NO    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`,
  'referral.screen': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    POL   no    SLD   no    no    no
screener            +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-la              no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    POL   no    SLD   no    no    no
business-support    no    NO    no    NO    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    POL   HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    POL   HLT   SLD   no    no    no
sg-manager          no    NO    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`,
  'referral.decide': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    POL   no    SLD   no    no    no
screener            +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-police          +la   out   +me   out   +la   HLT   SLD   +la   out   out
mat-health          +la   out   +me   out   POL   +la   SLD   +la   out   out
business-support    no    NO    no    NO    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    POL   HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    POL   HLT   SLD   no    no    no
sg-manager          no    NO    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    +la   OUT   +me   OUT   POL   HLT   SLD   +la   out   out
`,
  'mat.contribute': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-police          +la   out   +me   out   +la   HLT   SLD   +la   out   out
mat-health          +la   out   +me   out   POL   +la   SLD   +la   out   out
business-support    no    NO    no    NO    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 +la   out   +me   +ag   +la   HLT   SLD   +la   out   out
ppp-all             +la   +la   +la   +la   +la   HLT   SLD   +la   +la   +la
mace                no    no    no    no    POL   HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    POL   HLT   SLD   no    no    no
sg-manager          no    NO    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    +la   OUT   +me   OUT   POL   HLT   SLD   +la   out   out
`,
  'strategy.schedule': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    POL   no    SLD   no    no    no
business-support    +la   OUT   +me   OUT   POL   HLT   SLD   +la   out   out
strategy-chair      +la   out   +me   out   POL   HLT   SLD   +la   out   out
conference-chair    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    POL   HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    POL   HLT   SLD   no    no    no
sg-manager          no    NO    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`,
  'strategy.contribute': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-police          +la   out   +me   out   +la   HLT   SLD   +la   out   out
mat-health          +la   out   +me   out   POL   +la   SLD   +la   out   out
business-support    +la   OUT   +me   OUT   POL   HLT   SLD   +la   out   out
strategy-chair      +la   out   +me   out   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   out   POL   HLT   SLD   +la   out   out
ppp                 +la   out   +me   +ag   +la   HLT   SLD   +la   out   out
ppp-all             +la   +la   +la   +la   +la   HLT   SLD   +la   +la   +la
mace                +la   out   +me   out   POL   HLT   SLD   +la   out   out
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   out   POL   HLT   SLD   +la   out   out
sg-manager          +la   OUT   +me   +ag   POL   HLT   SLD   +la   out   out
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`,
  'strategy.chair': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    POL   no    SLD   no    no    no
business-support    no    NO    no    NO    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   out   POL   HLT   SLD   +la   out   out
conference-chair    no    no    no    no    POL   HLT   SLD   no    no    no
ppp                 no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    POL   HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    POL   HLT   SLD   no    no    no
sg-manager          no    NO    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`,
  'conference.schedule': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    POL   no    SLD   no    no    no
business-support    +la   OUT   +me   OUT   POL   HLT   SLD   +la   out   out
strategy-chair      no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    +la   out   +me   out   POL   HLT   SLD   +la   out   out
ppp                 no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    POL   HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    POL   HLT   SLD   no    no    no
sg-manager          no    NO    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`,
  'conference.chair': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NO    NO    no    NO    POL   HLT   SLD   no    no    no
referrer-gp         NO    NO    no    NO    POL   no    SLD   no    no    no
screener            no    no    no    no    POL   HLT   SLD   no    no    no
mat-la              no    no    no    no    POL   HLT   SLD   no    no    no
mat-police          no    no    no    no    no    HLT   SLD   no    no    no
mat-health          no    no    no    no    POL   no    SLD   no    no    no
business-support    no    NO    no    NO    POL   HLT   SLD   no    no    no
strategy-chair      no    no    no    no    POL   HLT   SLD   no    no    no
conference-chair    +la   out   +me   out   POL   HLT   SLD   +la   out   out
ppp                 no    no    no    no    no    HLT   SLD   no    no    no
ppp-all             no    no    no    no    no    HLT   SLD   no    no    no
mace                no    no    no    no    POL   HLT   SLD   no    no    no
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                no    no    no    no    POL   HLT   SLD   no    no    no
sg-manager          no    NO    no    no    POL   HLT   SLD   no    no    no
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NO    NO    no    no    no    HLT   SLD   no    no    no
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`,
  'event.post': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-police          +la   out   +me   out   +la   HLT   SLD   +la   out   out
mat-health          +la   out   +me   out   POL   +la   SLD   +la   out   out
business-support    no    NO    no    NO    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   out   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   out   POL   HLT   SLD   +la   out   out
ppp                 +la   out   +me   +ag   +la   HLT   SLD   +la   out   out
ppp-all             +la   +la   +la   +la   +la   HLT   SLD   +la   +la   +la
mace                +la   out   +me   out   POL   HLT   SLD   +la   out   out
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   out   POL   HLT   SLD   +la   out   out
sg-manager          +la   OUT   +me   +ag   POL   HLT   SLD   +la   out   out
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`,
  'event.acknowledge': `
                    own   other user  agcy  pol   hlt   seal  laA   laB   all
referrer-school     NTK   NTK   +me   NTK   POL   HLT   SLD   ntk   ntk   ntk
referrer-gp         NTK   NTK   +me   NTK   POL   +me   SLD   ntk   ntk   ntk
screener            +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-la              +la   out   +me   out   POL   HLT   SLD   +la   out   out
mat-police          +la   out   +me   out   +la   HLT   SLD   +la   out   out
mat-health          +la   out   +me   out   POL   +la   SLD   +la   out   out
business-support    no    NO    no    NO    POL   HLT   SLD   no    no    no
strategy-chair      +la   out   +me   out   POL   HLT   SLD   +la   out   out
conference-chair    +la   out   +me   out   POL   HLT   SLD   +la   out   out
ppp                 +la   out   +me   +ag   +la   HLT   SLD   +la   out   out
ppp-all             +la   +la   +la   +la   +la   HLT   SLD   +la   +la   +la
mace                +la   out   +me   out   POL   HLT   SLD   +la   out   out
analyst             NO    NO    NO    NO    POL   HLT   SLD   no    no    no
scrutineer          NO    NO    NO    NO    POL   HLT   SLD   no    no    no
lado                +la   out   +me   out   POL   HLT   SLD   +la   out   out
sg-manager          +la   OUT   +me   +ag   POL   HLT   SLD   +la   out   out
agency-admin        NO    NO    NO    NO    POL   NO    SLD   no    no    no
partnership-admin   NO    NO    NO    NO    POL   HLT   SLD   no    no    no
police-system       NTK   NTK   +ag   +ag   +ag   HLT   SLD   ntk   ntk   ntk
school-system       NO    NO    NO    NO    POL   HLT   SLD   no    no    no
la-triage-system    NO    NO    NO    NO    POL   HLT   SLD   no    no    no
`,
}

const AREA_MATRIX: Record<(typeof AREA_ACTIONS)[number], string> = {
  'child.search': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
business-support    +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
analyst             no    no    no
scrutineer          no    no    no
lado                +any  +any  +any
sg-manager          no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
`,
  'child.create': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            +la   out   out
mat-la              +la   out   out
mat-police          +la   out   out
mat-health          +la   out   out
business-support    no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 +la   out   out
ppp-all             +la   +la   +la
mace                +la   out   out
analyst             no    no    no
scrutineer          no    no    no
lado                +la   out   out
sg-manager          no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
`,
  'referral.create': `
                    laA   laB   all
referrer-school     +any  +any  +any
referrer-gp         +any  +any  +any
screener            +any  +any  +any
mat-la              +any  +any  +any
mat-police          +any  +any  +any
mat-health          +any  +any  +any
business-support    +any  +any  +any
strategy-chair      +any  +any  +any
conference-chair    +any  +any  +any
ppp                 +any  +any  +any
ppp-all             +any  +any  +any
mace                +any  +any  +any
analyst             no    no    no
scrutineer          no    no    no
lado                +any  +any  +any
sg-manager          no    no    no
agency-admin        no    no    no
partnership-admin   no    no    no
police-system       no    no    no
school-system       +any  +any  +any
la-triage-system    no    no    no
`,
  'statistics.view': `
                    laA   laB   all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
business-support    no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
analyst             +la   out   out
scrutineer          +any  +any  +any
lado                no    no    no
sg-manager          no    no    no
agency-admin        no    no    no
partnership-admin   +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
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
business-support    no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
analyst             no    no    no
scrutineer          +any  +any  +any
lado                no    no    no
sg-manager          no    no    no
agency-admin        +own  oth   oth
partnership-admin   +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
`,
  'user.administer': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
business-support    no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-manager          no    no    no
agency-admin        +own  oth   oth
partnership-admin   +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
`,
  'api-client.administer': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
business-support    no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
analyst             no    no    no
scrutineer          no    no    no
lado                no    no    no
sg-manager          no    no    no
agency-admin        +own  oth   oth
partnership-admin   +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
`,
  'break-glass.report': `
                    own   other all
referrer-school     no    no    no
referrer-gp         no    no    no
screener            no    no    no
mat-la              no    no    no
mat-police          no    no    no
mat-health          no    no    no
business-support    no    no    no
strategy-chair      no    no    no
conference-chair    no    no    no
ppp                 no    no    no
ppp-all             no    no    no
mace                no    no    no
analyst             no    no    no
scrutineer          +any  +any  +any
lado                no    no    no
sg-manager          no    no    no
agency-admin        +own  oth   oth
partnership-admin   +any  +any  +any
police-system       no    no    no
school-system       no    no    no
la-triage-system    no    no    no
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
/** Parts of an invited meeting's record by marking, and a police-only MAT contribution in the persona's LA. */
const PART_COLUMNS: Record<string, (actor: Actor) => Resource> = {
  std: (actor) =>
    part('standard', { action: 'meeting.view', resource: invitedTo('south', 'standard', actor) }),
  polp: (actor) =>
    part('police-only', { action: 'meeting.view', resource: invitedTo('south', 'standard', actor) }),
  hltp: (actor) =>
    part('health-only', { action: 'meeting.view', resource: invitedTo('south', 'standard', actor) }),
  matp: () => part('police-only', { action: 'referral.view', resource: child('north', 'standard') }),
}

const MEETING_MATRIX: Record<(typeof MEETING_ACTIONS)[number], string> = {
  // The child's LA (screeners, business support, chairs) reads its meetings; partner agencies,
  // MAT practitioners among them, read only the meetings their agency was invited to.
  'meeting.view': `
                    own   other invlv inv   named pol   seal
referrer-school     INV   INV   INV   INV   +me   POL   SLD
referrer-gp         INV   INV   INV   INV   +me   POL   SLD
screener            +la   bgm   bgm   bgm   +me   POL   SLD
mat-la              bgm   bgm   bgm   +inv  +me   POL   SLD
mat-police          bgm   bgm   bgm   +inv  +me   +inv  SLD
mat-health          bgm   bgm   bgm   +inv  +me   POL   SLD
business-support    +la   INV   INV   INV   +me   POL   SLD
strategy-chair      +la   bgm   bgm   bgm   +me   POL   SLD
conference-chair    +la   bgm   bgm   bgm   +me   POL   SLD
ppp                 bgm   bgm   bgm   +inv  +me   +inv  SLD
ppp-all             bgm   bgm   bgm   +inv  +me   +inv  SLD
mace                bgm   bgm   bgm   +inv  +me   POL   SLD
analyst             NO    NO    NO    NO    NO    POL   SLD
scrutineer          NO    NO    NO    NO    NO    POL   SLD
lado                bgm   bgm   bgm   +inv  +me   POL   SLD
sg-manager          inv   INV   inv   +inv  +me   POL   SLD
agency-admin        NO    NO    NO    NO    NO    POL   SLD
partnership-admin   NO    NO    NO    NO    NO    POL   SLD
police-system       INV   INV   inv   +inv  +me   +inv  SLD
school-system       NO    NO    NO    NO    NO    POL   SLD
la-triage-system    NO    NO    NO    NO    NO    POL   SLD
`,
  // A part opens with its record, then only to the agencies its marking names.
  'part.view': `
                    std   polp  hltp  matp
referrer-school     INV   INV   INV   NTK
referrer-gp         INV   INV   INV   NTK
screener            bgm   bgm   bgm   pox
mat-la              +inv  pox   hox   pox
mat-police          +inv  +inv  hox   +la
mat-health          +inv  pox   +inv  pox
business-support    INV   INV   INV   pox
strategy-chair      bgm   bgm   bgm   pox
conference-chair    bgm   bgm   bgm   pox
ppp                 +inv  +inv  hox   +la
ppp-all             +inv  +inv  hox   +la
mace                +inv  pox   hox   pox
analyst             NO    NO    NO    NO
scrutineer          NO    NO    NO    NO
lado                +inv  pox   hox   pox
sg-manager          +inv  pox   hox   pox
agency-admin        NO    NO    NO    NO
partnership-admin   NO    NO    NO    NO
police-system       +inv  +inv  hox   NTK
school-system       NO    NO    NO    NO
la-triage-system    NO    NO    NO    pox
`,
}

describe('the access policy, role by role and action by action', () => {
  test('the matrices cover every action and every role', () => {
    const covered = [
      ...Object.keys(RECORD_MATRIX),
      ...Object.keys(AREA_MATRIX),
      ...Object.keys(AGENCY_MATRIX),
      ...Object.keys(MEETING_MATRIX),
    ]
    assert.deepEqual(covered.sort(), [...ACTIONS].sort())
    const roles = new Set(Object.values(PERSONAS).flatMap((actor) => actor.grants.map((grant) => grant.role)))
    assert.deepEqual([...roles].sort(), [...ROLES].sort())
  })

  for (const [action, matrix] of Object.entries(RECORD_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, RECORD_COLUMNS))
  for (const [action, matrix] of Object.entries(AREA_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, AREA_COLUMNS))
  for (const [action, matrix] of Object.entries(AGENCY_MATRIX))
    test(action, () => checkMatrix(action as Action, matrix, AGENCY_COLUMNS))
  test('meeting.view', () => checkMatrix('meeting.view', MEETING_MATRIX['meeting.view'], MEETING_COLUMNS))
  test('part.view', () => checkMatrix('part.view', MEETING_MATRIX['part.view'], PART_COLUMNS))
})

describe('break-glass', () => {
  const REASON = 'Child at immediate risk: out-of-hours call from A&E'
  // With a reason: child.view on records in another LA that nobody of the persona's is involved
  // with; 'short' gives too short a reason; 'write' posts an event; 'inscope' opens an own-LA record.
  const COLUMNS: Record<string, { action: Action; resource: Resource; reason?: string }> = {
    other: { action: 'child.view', resource: child('south', 'standard') },
    pol: { action: 'child.view', resource: child('south', 'police-restricted') },
    hlt: { action: 'child.view', resource: child('south', 'health-restricted') },
    seal: { action: 'child.view', resource: child('south', 'sealed') },
    short: { action: 'child.view', resource: child('south', 'standard'), reason: ' urgent   ' },
    write: { action: 'event.post', resource: child('south', 'standard') },
    inscope: { action: 'child.view', resource: child('north', 'standard') },
  }
  const MATRIX = `
                    other pol   hlt   seal  short write inscope
referrer-school     NTK   POL   HLT   SLD   NTK   NTK   NTK
referrer-gp         NTK   POL   NTK   SLD   NTK   NTK   NTK
screener            +bg   POL   HLT   SLD   why   out   +la
mat-la              +bg   POL   HLT   SLD   why   out   +la
mat-police          +bg   +bg   HLT   SLD   why   out   +la
mat-health          +bg   POL   +bg   SLD   why   out   +la
business-support    OUT   POL   HLT   SLD   OUT   NO    +la
strategy-chair      +bg   POL   HLT   SLD   why   out   +la
conference-chair    +bg   POL   HLT   SLD   why   out   +la
ppp                 +bg   +bg   HLT   SLD   why   out   +la
ppp-all             +la   +la   HLT   SLD   +la   +la   +la
mace                +bg   POL   HLT   SLD   why   out   +la
analyst             NO    POL   HLT   SLD   NO    NO    NO
scrutineer          NO    POL   HLT   SLD   NO    NO    NO
lado                +bg   POL   HLT   SLD   why   out   +la
sg-manager          OUT   POL   HLT   SLD   OUT   OUT   +la
agency-admin        NO    POL   NO    SLD   NO    NO    NO
partnership-admin   NO    POL   HLT   SLD   NO    NO    NO
police-system       NTK   NTK   HLT   SLD   NTK   NTK   NTK
school-system       NO    POL   HLT   SLD   NO    NO    NO
la-triage-system    NO    POL   HLT   SLD   NO    NO    NO
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
  const school = PERSONAS['sg-manager'] as Actor
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

describe('resources an action cannot apply to', () => {
  test('are a programming error, not a refusal', () => {
    const admin = PERSONAS['partnership-admin'] as Actor
    assert.throws(() => decide(admin, 'user.administer', child('north', 'standard') as never), TypeError)
    assert.throws(
      () => decide(admin, 'child.view', { kind: 'agency', agencyId: 'police' } as never),
      TypeError,
    )
  })
})

// ---------------------------------------------------------------------------
// Properties over any actor, record and reason

const LAS = ['north', 'south', 'east'] as const
const AGENCY_KINDS: readonly AgencyKind[] = ['local-authority', 'police', 'health', 'education', 'other']
const AGENCIES = ['north-council', 'police', 'health-trust', 'north-schools', 'business-unit']
const USERS = ['u1', 'u2', 'u3']

const actorArb = (laIds: fc.Arbitrary<string | null> = fc.constantFrom(...LAS, null)) =>
  fc.record({
    kind: fc.constantFrom('user' as const, 'system' as const),
    id: fc.constantFrom(...USERS),
    displayName: fc.constant('someone'),
    agencyId: fc.constantFrom(...AGENCIES),
    agencyKind: fc.constantFrom(...AGENCY_KINDS),
    grants: fc.array(fc.record({ role: fc.constantFrom(...ROLES), laId: laIds }), { maxLength: 4 }),
    scopes: fc.subarray([...API_SCOPES]),
    serves: laIds.map((laId) => (laId === null ? ('all' as const) : [laId])),
  })

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

const recordAction = fc.constantFrom(...RECORD_ACTIONS)
const writeAction = fc.constantFrom(...RECORD_ACTIONS.filter((action) => !READ_ACTIONS.has(action)))
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
          const uninvolved = {
            ...record,
            involvement: {
              agencyIds: record.involvement.agencyIds.filter((id) => id !== actor.agencyId),
              userIds: record.involvement.userIds.filter((id) => id !== actor.id),
            },
          }
          assert.equal(decide(actor, action, uninvolved).allowed, false)
        },
      ),
      { numRuns: 2000 },
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
