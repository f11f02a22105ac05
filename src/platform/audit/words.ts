// The audit's entries in people's words: what was done, and to what, for the audit pages.

import type { Action } from '../access/vocabulary.ts'
import type { AuditRecord } from './log.ts'

export const ACTION_WORDS: { readonly [A in Action]: string } = {
  'child.view': 'Opened a child’s record',
  'child.merge': 'Merged two records of the same child',
  'child.update': 'Added to a child’s record',
  'child.search': 'Searched for a child',
  'child.create': 'Created a child’s record',
  'chronology.view': 'Read a child’s chronology',
  'involvement.view': 'Read which agencies work with a child',
  'involvement.manage': 'Changed which agencies work with a child',
  'referral.create': 'Made a referral',
  'referral.view': 'Read a referral',
  'referral.screen': 'Screened a referral',
  'referral.decide': 'Recorded a threshold decision',
  'referral.match': 'Matched a referral to a child’s record',
  'mat.contribute': 'Added to multi-agency triage',
  'strategy.schedule': 'Booked a strategy discussion',
  'strategy.contribute': 'Added to a strategy discussion',
  'strategy.chair': 'Chaired a strategy discussion',
  'conference.schedule': 'Booked a child protection conference',
  'conference.chair': 'Chaired a child protection conference',
  'meeting.view': 'Read a meeting’s record',
  'part.view': 'Read an agency’s part of a meeting’s record',
  'part.write': 'Wrote an agency’s part of a meeting’s record',
  'event.post': 'Shared a key event',
  'event.view': 'Read a shared event',
  'event.acknowledge': 'Acknowledged a shared event',
  'statistics.view': 'Read the partnership’s statistics',
  'maintenance.view': 'Checked the database’s upkeep',
  'audit.search': 'Searched the audit',
  'user.administer': 'Managed users',
  'api-client.administer': 'Managed API keys',
  'break-glass.report': 'Read the break-glass report',
  'roll.declare': 'Declared a school roll or caseload',
  'action.view': 'Read the actions agreed about a child',
  'action.complete': 'Closed an action with its evidence',
  'exploitation.screen': 'Screened a child for exploitation',
  'exploitation.view': 'Read a child’s exploitation screenings',
  'allegation.refer': 'Referred an allegation to the LADO',
  'allegation.report': 'Read the LADO’s yearly figures',
  'allegation.view': 'Read an allegation held by the LADO',
  'allegation.manage': 'Recorded a step of an allegation held by the LADO',
  'escalation.raise': 'Raised a professional disagreement',
  'escalation.view': 'Read a professional disagreement',
  'escalation.record': 'Recorded a stage of a professional disagreement',
  'escalation.report': 'Read the report of professional disagreements',
  'training.book': 'Booked, cancelled or evaluated a training place',
  'training.manage': 'Managed the training catalogue, a session or its register',
  'training.report': 'Read the report of training take-up',
  'review.notify': 'Recorded a serious incident',
  'review.view': 'Read a serious incident or its review',
  'review.manage': 'Recorded a step of a serious incident or its review',
  'review.contribute': 'Wrote an agency’s part of a rapid review',
  'review.identify': 'Read who a serious incident is about',
  'returns.prepare': 'Checked or read a statutory return (CIN census, Annex A)',
  'missing.record': 'Recorded a child’s missing episode or return',
  'missing.interview': 'Recorded a return home interview',
  'missing.view': 'Read a child’s missing episodes',
  'mace.refer': 'Referred a child to MACE',
  'mace.view': 'Read the MACE list or record',
  'disruption-nrm.record': 'Recorded a disruption tactic or an NRM referral about a child',
  'disruption-nrm.view': 'Read a child’s disruption tactics or NRM referrals',
  'police-request.make': 'Asked the police for information about a child, or read the request',
  'police-request.answer': 'Read or answered a request to the police for information',
}

const RESOURCE_WORDS: Record<AuditRecord['resourceKind'], string> = {
  child: 'A child’s record',
  la: 'A local authority’s area',
  partnership: 'The whole partnership',
  agency: 'An agency',
}

/** 'Opened a child’s record'; an action this version does not know is shown as it was recorded. */
export const actionInWords = (action: string): string => ACTION_WORDS[action as Action] ?? action

/** What the entry was about, in words: a child's record (linked by the page), an area, an agency. */
export const resourceInWords = (kind: AuditRecord['resourceKind']): string => RESOURCE_WORDS[kind] ?? kind
