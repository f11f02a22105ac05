// The policy's rules: for each action, which roles (and API scopes) may take it and how far their
// grant reaches (role-groups.ts names the groups). policy.ts decides with them.

import { ROLES } from './actor.ts'
import { REFUSED_BECAUSE } from './reasons.ts'
import {
  actionWorkers,
  agencyAdministrators,
  allegationIdentifiers,
  allegationReaders,
  allegationReferrers,
  caseAuditLeads,
  caseReaders,
  childLaStaff,
  disagreementParties,
  eventSharers,
  meetingReaders,
  missingRecorders,
  moveWorkers,
  type Rule,
  reviewManagers,
  reviewReaders,
  searchers,
  triageReaders,
  triageWorkers,
  voltRecorders,
} from './role-groups.ts'
import { type Action, MAT_AGENCY_KINDS } from './vocabulary.ts'

/** A child's move across a border is between local authorities: their own staff only. */
/** Who reads a child's case, and the independent scrutineer the one child a current grant opens. */
const scrutinyReaders = { ...caseReaders, 'independent-scrutineer': 'scrutiny-grant' } as const

/**
 * Who signs the partnership's documents for the three lead safeguarding partners: the safeguarding
 * managers of the local authority, police and health agencies (their delegated safeguarding partners).
 */
const leadPartnerSigners = {
  roles: { 'safeguarding-manager': 'anywhere' },
  agencyKinds: { only: ['local-authority', 'police', 'health'], refused: REFUSED_BECAUSE.notLeadPartner },
} as const

const movers = { only: ['local-authority'], refused: REFUSED_BECAUSE.notLocalAuthority } as const

export const POLICY: { readonly [A in Action]: Rule } = {
  // A lead's grant opens one child's record, its chronology and its entries to the independent
  // scrutineer, read-only, while the grant lasts (src/scrutiny); nothing else of the child.
  'child.view': { roles: scrutinyReaders, scopes: { 'cases:read': 'agency' } },
  'child.merge': { roles: { 'front-door-screener': 'child-la' }, refused: REFUSED_BECAUSE.notMerger },
  'child.update': { roles: childLaStaff },
  'referral.view': {
    roles: { ...caseReaders, ...triageReaders, referrer: ['need-to-know', 'referrer'] },
    scopes: {
      'cases:read': 'agency',
      'contacts:write': 'referrer',
      'triage:write': ['area', 'triage'],
      'decisions:write': ['area', 'triage'],
    },
  },
  'referral.screen': { roles: { 'front-door-screener': 'child-la' } },
  // Any agency's MAT practitioner may decide (a decision without the others' information needs a
  // reason). A system records a decision only on behalf of a person who may decide it (front-door/api.ts).
  'referral.decide': {
    roles: { 'front-door-screener': 'child-la', 'mat-practitioner': triageWorkers['mat-practitioner'] },
    scopes: { 'decisions:write': ['child-la', 'triage'] },
  },
  'mat.contribute': {
    roles: triageWorkers,
    scopes: { 'triage:write': ['child-la', 'triage'] },
    agencyKinds: { only: MAT_AGENCY_KINDS, refused: REFUSED_BECAUSE.notInTriage },
  },
  // Matching a referral to the child's record is the LA's own: its front door (screeners, and its own
  // MAT practitioners) while the referral waits for a decision, and whoever books the strategy
  // discussion it was decided for, whose work waits on the match. A partner's MAT practitioner tells
  // the front door what their agency knows through triage instead.
  'referral.match': {
    roles: {
      'front-door-screener': 'child-la',
      'mat-practitioner': 'child-la',
      'business-support': 'booking',
      'strategy-discussion-chair': 'booking',
    },
    scopes: { 'triage:write': 'child-la' },
    agencyKinds: { only: ['local-authority'], refused: REFUSED_BECAUSE.notMatcher },
    refused: REFUSED_BECAUSE.notMatcher,
  },
  'strategy.schedule': {
    roles: { 'business-support': 'child-la', 'strategy-discussion-chair': 'child-la' },
  },
  'strategy.contribute': { roles: caseReaders },
  'strategy.chair': { roles: { 'strategy-discussion-chair': 'child-la' } },
  'conference.schedule': { roles: { 'business-support': 'child-la', 'conference-chair': 'child-la' } },
  'conference.chair': { roles: { 'conference-chair': 'child-la' } },
  'voice.issue': { roles: { 'business-support': 'child-la', 'conference-chair': 'child-la' } },
  'event.post': { roles: eventSharers, scopes: { 'events:write': 'agency' } },
  'event.view': { roles: scrutinyReaders, scopes: { 'events:read': 'agency', 'cases:read': 'agency' } },
  'event.acknowledge': { roles: eventSharers, scopes: { 'events:read': 'agency' } },
  'chronology.view': { roles: scrutinyReaders, scopes: { 'cases:read': 'agency' } },
  'involvement.view': { roles: childLaStaff },
  'involvement.manage': { roles: childLaStaff },
  // An exploitation screening: anyone who may share what they know about the child may screen them
  // (their agency becomes involved), and reads the screenings their own agency made; every screening
  // of the child is read by its LA's own practitioners and by MACE.
  'exploitation.screen': { roles: eventSharers, scopes: { 'events:write': 'agency' } },
  'exploitation.view': {
    roles: {
      'front-door-screener': 'child-la',
      'mat-practitioner': 'child-la',
      'strategy-discussion-chair': 'child-la',
      'conference-chair': 'child-la',
      'mace-coordinator': 'area',
    },
  },
  // A missing episode: the child's LA's own staff, and police public protection where the police are
  // involved with the child, record one and the child's return; the LA records the return home
  // interview it offers; read by the LA's own practitioners, by police public protection and MACE
  // where their agency is involved, and by involved agencies' systems.
  'missing.record': {
    roles: { ...missingRecorders, 'police-public-protection': 'area' },
    scopes: { 'events:write': 'agency' },
  },
  'missing.interview': { roles: missingRecorders },
  'missing.view': {
    roles: {
      ...missingRecorders,
      'strategy-discussion-chair': 'child-la',
      'conference-chair': 'child-la',
      'police-public-protection': 'area',
      'mace-coordinator': 'area',
    },
    scopes: { 'cases:read': 'agency' },
  },
  // MACE: whoever may screen a child may refer them to the multi-agency child exploitation meeting;
  // the MACE list and record are read by MACE's members, its coordinators (the child's LA's, and a
  // partner's for children their agency is involved with).
  'mace.refer': { roles: eventSharers, scopes: { 'events:write': 'agency' } },
  'mace.view': { roles: { 'mace-coordinator': 'area' } },
  // Disruption tactics used and NRM referrals for a child (src/disruption-nrm): recorded by MACE's
  // members (as mace.view), police public protection (in their area where their agency is involved)
  // and the child's LA's own practitioners who record missing episodes; read by whoever reads the
  // child's exploitation screenings, and by police public protection where their agency is involved.
  // An agency's system (a police force's) records with events:write, for children its agency is
  // involved with; not a school's or another agency's (they tell MACE through a referral).
  'disruption-nrm.record': {
    roles: { ...missingRecorders, 'mace-coordinator': 'area', 'police-public-protection': 'area' },
    scopes: { 'events:write': 'agency' },
    agencyKinds: { only: ['local-authority', 'police', 'health'], refused: REFUSED_BECAUSE.notDisruptor },
  },
  'disruption-nrm.view': {
    roles: {
      'front-door-screener': 'child-la',
      'mat-practitioner': 'child-la',
      'strategy-discussion-chair': 'child-la',
      'conference-chair': 'child-la',
      'mace-coordinator': 'area',
      'police-public-protection': 'area',
    },
  },
  // Form 87a: whoever may share what they know about a child may ask the police for information about
  // them (and reads their own requests and the replies); police public protection of the area
  // answer, for children their agency is involved with (asking involves the police force).
  'police-request.make': { roles: eventSharers, scopes: { 'events:write': 'agency' } },
  'police-request.answer': { roles: { 'police-public-protection': 'area' } },
  'action.view': { roles: actionWorkers, scopes: { 'cases:read': 'agency', 'actions:write': 'agency' } },
  'action.complete': { roles: actionWorkers, scopes: { 'actions:write': 'agency' } },
  // A professional disagreement: raised by whoever may share what they know about the child; read
  // and taken through its stages by its parties and the partnership's leads; counted in the report
  // for the partnership's leads (src/escalation).
  'escalation.raise': { roles: eventSharers, scopes: { 'events:write': 'agency' } },
  'escalation.view': { roles: disagreementParties, scopes: { 'cases:read': 'agency' } },
  'escalation.record': { roles: disagreementParties },
  // Who the child is, and the disagreement's and its stages' words (which may name the child): its
  // readers, and the scrutineer only through a lead's current grant of the child's record.
  'escalation.identify': {
    roles: { ...disagreementParties, 'independent-scrutineer': 'scrutiny-grant' },
    scopes: { 'cases:read': 'agency' },
  },
  'escalation.report': {
    roles: { analyst: 'area', 'independent-scrutineer': 'anywhere', 'partnership-admin': 'anywhere' },
  },
  // VOLT (src/volt): the exploitation network around a child. The police (children their force is
  // involved with), MACE coordinators (the child's LA's own; a partner's where involved) and the
  // child's LA's front door and MAT practitioners record links and places; those and the LA's chairs
  // read a child's network. Persons of concern are police intelligence: only police public
  // protection record them and mark them shareable (volt.person).
  // A police force's systems (its analysts' tools) read and record the networks of children the force
  // is involved with through the API, with the VOLT scopes; no other kind of agency's system. Reading
  // also reaches the areas the force serves (places and persons flagged for an LA's MACE), which
  // opens no child: a child is the force's only where it is involved.
  'volt.record': { roles: voltRecorders, scopes: { 'volt:write': 'agency' }, systemKinds: ['police'] },
  'volt.view': {
    roles: {
      ...voltRecorders,
      'strategy-discussion-chair': 'child-la',
      'conference-chair': 'child-la',
    },
    scopes: { 'volt:read': ['agency', 'area'], 'volt:write': ['agency', 'area'] },
    systemKinds: ['police'],
  },
  'volt.person': {
    roles: { 'police-public-protection': 'area' },
    agencyKinds: { only: ['police'], refused: REFUSED_BECAUSE.noRole },
  },
  // The statutory returns (CIN census checks, Ofsted's Annex A lists) list children one by one: they
  // are the LA's, prepared by its own analysts and sent by its own system. The partnership's leads
  // and its scrutineer see the figures (statistics.view), not the children.
  'returns.prepare': { roles: { analyst: 'area' }, scopes: { 'returns:write': 'area' } },
  // The exploitation dataset (src/exploitation-dataset): suppressed counts per LA per month and
  // pseudonymous child keys, no child named. Built and downloaded by the partnership's analysts (an
  // LA's analyst for that LA) and its administrator; the regional view, which compares partnerships'
  // files, by any analyst and the administrator.
  'dataset.build': { roles: { analyst: 'area', 'partnership-admin': 'anywhere' } },
  'dataset.compare': { roles: { analyst: 'anywhere', 'partnership-admin': 'anywhere' } },
  // The comparison of operating models (src/model-comparison): the partnership's own figures per LA
  // and month, as a file for other partnerships and beside theirs. Counts only, no child: the same
  // people as the regional exploitation dataset.
  'statistics.compare': { roles: { analyst: 'anywhere', 'partnership-admin': 'anywhere' } },
  // The MASA plan (src/masa-plan), no child's data: its business unit (the partnership's
  // administrator) writes the sections, keeps the registers and review points, publishes versions,
  // and acts for the regional forum (imports partnerships' plan files, compares them, records
  // feedback, drafts the wider-footprint plan); every person of the partnership reads the plan.
  'masa-plan.read': { roles: Object.fromEntries(ROLES.map((role) => [role, 'anywhere'])) },
  'masa-plan.write': { roles: { 'partnership-admin': 'anywhere' } },
  'masa-plan.forum': { roles: { 'partnership-admin': 'anywhere' } },
  // A published version of the plan is signed off as the yearly report is.
  'masa-plan.sign': leadPartnerSigners,
  // The partnership view of returns (src/annex-a/partnership.ts): every LA's lists combined, child by
  // child but with identifiers degraded (month of birth, postcode sector, LA-prefixed child id), for the
  // partnership's comparisons. Asked on the partnership, so only an analyst whose grant covers the whole
  // partnership; an LA's own analyst prepares that LA's returns whole instead. Not the scrutineer nor the
  // administrator: degraded rows are still one per child (they see the figures, statistics.view).
  'returns.compare': { roles: { analyst: 'area' } },

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
  // The database's upkeep (planner statistics, maintenance runs): the service's, not any agency's.
  'maintenance.view': { roles: { 'partnership-admin': 'anywhere' } },
  // The retention schedule's dry run (counts and dates, no one named); deleting and holding are the
  // operator's commands, recorded as the service's own steps, so no one takes them through a page.
  'retention.view': { roles: { 'partnership-admin': 'anywhere' } },
  'retention.manage': { roles: {} },
  'allegation.refer': { roles: allegationReferrers },
  // The LADO's yearly figures (no one's identity): the LADO of each LA, the partnership's scrutineer.
  'allegation.report': { roles: { lado: 'area', 'independent-scrutineer': 'anywhere' } },

  // Multi-agency training (src/training), no child's data: every person of every agency browses and
  // books the partnership's courses; its administrator keeps the catalogue, the sessions and their
  // registers; the take-up report is theirs and the analyst's.
  'training.book': { roles: Object.fromEntries(ROLES.map((role) => [role, 'anywhere'])) },
  // The reviews and learning lead keeps the catalogue too: a course answers the reviews and audits they run.
  'training.manage': { roles: { 'partnership-admin': 'anywhere', 'review-lead': 'anywhere' } },
  'training.report': { roles: { analyst: 'anywhere', 'partnership-admin': 'anywhere' } },
  // The voice of children and families (src/voice): whoever books a child's conference (its LA's
  // business support and chairs) sends the family its feedback survey; the answers, counted and
  // without names, are read by the partnership's administrator (its business unit, who records what
  // was changed), its analysts and its independent scrutineer.
  // Every practitioner may answer the survey after a meeting; the workflow lets only those who were
  // at it (invited by their address, or its chair) answer, once.
  'voice.answer': { roles: Object.fromEntries(ROLES.map((role) => [role, 'anywhere'])) },
  'voice.results': {
    roles: { analyst: 'anywhere', 'independent-scrutineer': 'anywhere', 'partnership-admin': 'anywhere' },
  },
  'voice.manage': { roles: { 'partnership-admin': 'anywhere' } },

  // The partnership's yearly report (src/yearly-report), aggregates only, no child's data: its
  // business unit (the partnership's administrator) writes the narrative and publishes it; the
  // safeguarding managers of the local authority, police and health agencies sign it off for the
  // three lead safeguarding partners; drafts are read by them, every agency's safeguarding manager and
  // the scrutineer; once published, every signed-in person reads it.
  'yearly-report.write': { roles: { 'partnership-admin': 'anywhere' } },
  'yearly-report.sign': leadPartnerSigners,
  'yearly-report.view': {
    roles: {
      'partnership-admin': 'anywhere',
      'safeguarding-manager': 'anywhere',
      'independent-scrutineer': 'anywhere',
    },
  },
  'yearly-report.read': { roles: Object.fromEntries(ROLES.map((role) => [role, 'anywhere'])) },
  // Learning briefings (src/learning), no child's data: the reviews and learning lead writes and sends
  // them; every person reads those sent to them (the workflow answers 404 for any other) and
  // acknowledges reading; the lead, the partnership's administrator and its scrutineer read every
  // briefing, its reach and the themes across the years.
  'learning.read': { roles: Object.fromEntries(ROLES.map((role) => [role, 'anywhere'])) },
  'learning.write': { roles: { 'review-lead': 'anywhere' } },
  'learning.oversee': {
    roles: {
      'review-lead': 'anywhere',
      'partnership-admin': 'anywhere',
      'independent-scrutineer': 'anywhere',
    },
  },

  'audit.search': { roles: { ...agencyAdministrators, 'independent-scrutineer': 'anywhere' } },
  'user.administer': { roles: agencyAdministrators },
  'api-client.administer': { roles: agencyAdministrators },
  // Each break-glass is listed for review to its agency's administrators and safeguarding managers.
  'break-glass.report': {
    roles: {
      ...agencyAdministrators,
      'independent-scrutineer': 'anywhere',
      'safeguarding-manager': 'own-agency',
    },
  },
  // The safeguarding manager (or system) of an education or health agency: see vocabulary.ts.
  'roll.declare': {
    roles: { 'safeguarding-manager': 'own-agency' },
    scopes: { 'roll:write': 'own-agency' },
    agencyKinds: { only: ['education', 'health'], refused: REFUSED_BECAUSE.keepsNoRoll },
  },

  // The yearly Section 11 and Section 175/157 self-assessment (src/self-assessment), no child's data:
  // each agency's safeguarding manager completes and reads its own agency's return only; the
  // partnership's administrator (its business unit) opens the rounds, reads and challenges every
  // return; its independent scrutineer reads every return.
  'self-assessment.complete': { roles: { 'safeguarding-manager': 'own-agency' } },
  'self-assessment.view': {
    roles: {
      'safeguarding-manager': 'own-agency',
      'partnership-admin': 'anywhere',
      'independent-scrutineer': 'anywhere',
    },
  },
  'self-assessment.manage': { roles: { 'partnership-admin': 'anywhere' } },

  'meeting.view': { roles: meetingReaders, scopes: { 'cases:read': 'agency' } },
  // A part is read with its record (its `of` action decides), then only within its marking.
  'part.view': { roles: {} },
  // An agency's own part is written with its step (its `of` action decides), then only where asked.
  'part.write': { roles: {} },

  'allegation.view': { roles: allegationReaders },
  // Who the children concerned are, and the allegation's words (what happened, the reasons, the
  // minutes and notes, which may name them): every reader but the scrutineer, who sees them only
  // through a lead's current grant of every child's record the LADO linked it to.
  'allegation.identify': {
    roles: { ...allegationIdentifiers, 'independent-scrutineer': 'scrutiny-grant' },
  },
  // The consideration, meetings, employer's actions, regulators' referrals and outcome: the LADO's.
  'allegation.manage': { roles: { lado: 'area' } },

  // Serious incidents and reviews (src/reviews): the child's LA's own safeguarding managers notify
  // one and take it through its rapid review, as does the partnership's reviews and learning lead;
  // the agencies invited read and write their own part; the scrutineer reads them, the child unnamed
  // but through a lead's grant of that child's record (src/scrutiny).
  'review.notify': { roles: reviewManagers },
  // An LA's system with `reviews:read` reads its own LA's incidents through the API (src/reviews/api.ts),
  // never who the child is (review.identify has no scope).
  'review.view': {
    roles: { ...reviewReaders, 'independent-scrutineer': 'anywhere' },
    scopes: { 'reviews:read': 'child-la' },
  },
  'review.manage': { roles: reviewManagers },
  'review.contribute': { roles: { 'safeguarding-manager': 'agency' } },
  // The scrutineer knows who the child is only through a lead's current grant of that child's record.
  'review.identify': { roles: { ...reviewReaders, 'independent-scrutineer': 'scrutiny-grant' } },
  // A practice review's draft is signed off by the three lead safeguarding partners, represented by
  // the safeguarding managers of a local authority (the child's own: reviews/rules.ts signerOf), the
  // police and health; they read its drafts to sign them, never the rest of the incident.
  'review.sign': {
    roles: { 'safeguarding-manager': 'anywhere' },
    agencyKinds: { only: ['local-authority', 'police', 'health'], refused: REFUSED_BECAUSE.notReviewSigner },
  },

  // Children who move across borders (src/moves): the child's LA's own staff record a move; they
  // and the host LA's own staff read it with its risk assessment; the host LA's staff acknowledge it
  // (an LA outside the partnership through its emailed link, as its point of contact).
  'move.record': { roles: moveWorkers('child-la'), agencyKinds: movers },
  'move.view': { roles: moveWorkers(['child-la', 'host-la']), agencyKinds: movers },
  'move.acknowledge': { roles: moveWorkers('host-la'), agencyKinds: movers },
  // Multi-agency case audits (src/case-audits): the partnership's quality assurance, run by its
  // reviews and learning lead and its administrator; an agency asked to audit a case reads its own part,
  // and writes it and opens the child's record for the audit only while its audit grant lasts.
  'case-audit.manage': { roles: caseAuditLeads },
  'case-audit.view': { roles: { ...caseAuditLeads, 'safeguarding-manager': 'agency' } },
  'case-audit.contribute': { roles: { 'safeguarding-manager': 'agency' } },
  'case-audit.record': { roles: { 'safeguarding-manager': 'agency' } },
  // Independent scrutiny (src/scrutiny): the scrutineer's workspace of aggregates (no child named);
  // the partnership's leads (the safeguarding managers of the local authority, police and health, as
  // for the yearly report) grant the scrutineer a time-limited look at a child's record they may read
  // themselves, and revoke it; the scrutineer reads the child only through a current grant.
  'scrutiny.view': { roles: { 'independent-scrutineer': 'anywhere' } },
  'scrutiny.grant': {
    roles: { 'safeguarding-manager': 'anywhere' },
    agencyKinds: { only: ['local-authority', 'police', 'health'], refused: REFUSED_BECAUSE.notScrutinyLead },
  },
  'scrutiny.record': { roles: { 'independent-scrutineer': 'anywhere' } },
}
