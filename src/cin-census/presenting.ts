// How a checked return reads on its page: the census's field names in people's words, and the
// findings gathered per child.

import { RULE_CATALOGUE } from './catalogue.ts'
import type { KeptFinding } from './store.ts'
import { RULE_FIELDS } from './validate.ts'

const FIELD_WORDS: Record<string, string> = {
  AssessmentActualStartDate: 'assessment start date',
  AssessmentAuthorisationDate: 'assessment authorisation date',
  AssessmentFactors: 'factors identified at assessment',
  CINPlanEndDate: 'CIN plan end date',
  CINPlanStartDate: 'CIN plan start date',
  CINclosureDate: 'case closure date',
  CINdetailsID: 'episode',
  CINreferralDate: 'referral date',
  CPPendDate: 'CP plan end date',
  CPPreviewDate: 'CP review date',
  CPPstartDate: 'CP plan start date',
  DateOfInitialCPC: 'initial conference date',
  Disability: 'disability',
  Ethnicity: 'ethnicity',
  ExpectedPersonBirthDate: 'expected date of birth',
  FormerUPN: 'former UPN',
  ICPCnotRequired: 'initial conference not required',
  InitialCPCtarget: 'initial conference target date',
  InitialCategoryOfAbuse: 'initial category of abuse',
  LAchildID: 'LA child ID',
  LatestCategoryOfAbuse: 'latest category of abuse',
  NumberOfPreviousCPP: 'number of previous CP plans',
  PersonBirthDate: 'date of birth',
  PersonDeathDate: 'date of death',
  PrimaryNeedCode: 'primary need',
  ReasonForClosure: 'reason for closure',
  ReferenceDate: 'reference date',
  ReferralNFA: 'referral with no further action',
  ReferralSource: 'referral source',
  S47ActualStartDate: 's47 enquiry start date',
  Sex: 'sex',
  UPN: 'UPN',
  UPNunknown: 'reason UPN unknown',
}

/** A census field as people read it ('CP plan start date' for CPPstartDate). */
export const fieldWords = (field: string): string => FIELD_WORDS[field] ?? field

export interface RuleLine {
  code: string
  kind: 'error' | 'query'
  message: string
  fields: string
}

export interface ChildFindings {
  /** The LA's own child ID as in the return ('' for the return as a whole). */
  child: string
  rules: (RuleLine & { records: number })[]
}

/** A rule as the page shows it: its kind, message and fields in words. */
export function ruleLine(code: string, fields: readonly string[]): RuleLine {
  const definition = RULE_CATALOGUE[code]
  return {
    code,
    kind: definition?.kind ?? 'error',
    message: definition?.message ?? '',
    fields: fields.map(fieldWords).join(', '),
  }
}

/** The findings gathered per child, in the order the children came in the return. */
export function perChild(findings: readonly KeptFinding[]): ChildFindings[] {
  const children = new Map<string, ChildFindings>()
  for (const f of findings) {
    const entry = children.get(f.child) ?? { child: f.child, rules: [] }
    entry.rules.push({ ...ruleLine(f.code, RULE_FIELDS[f.code] ?? []), records: f.records })
    children.set(f.child, entry)
  }
  return [...children.values()]
}
