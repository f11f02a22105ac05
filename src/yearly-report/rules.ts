// The yearly report's rules, pure: the reporting year (1 April to 31 March, as the LADO's figures and
// the Working Together yearly report count it), its sections, the three lead safeguarding partners
// who sign it off, and when it may be published.

import type { AgencyKind } from '../platform/access/actor.ts'

/** A reporting year: 1 April to 31 March, named by the year it starts. */
export const reportingYear = (startYear: number) => ({
  startYear,
  from: `${startYear}-04-01`,
  to: `${startYear + 1}-03-31`,
  firstMonth: `${startYear}-04`,
  lastMonth: `${startYear + 1}-03`,
  name: `April ${startYear} to March ${startYear + 1}`,
})
export type ReportingYear = ReturnType<typeof reportingYear>

/** The reporting year a date ('YYYY-MM-DD') falls in. */
export const reportingYearOf = (date: string): number => {
  const year = Number(date.slice(0, 4))
  return date.slice(5) >= '04-01' ? year : year - 1
}

/** The report's sections, in order, each assembled from one capability's live figures. */
export const SECTIONS = {
  performance: 'Performance against the partnership’s standards',
  reviews: 'Serious incidents, reviews and their actions',
  audits: 'Multi-agency case audits',
  'self-assessment': 'Section 11 and Section 175/157 self-assessment',
  training: 'Multi-agency training',
  voice: 'What children, families and practitioners told us, and what changed',
  escalations: 'Professional disagreements and escalation',
  lado: 'Allegations against people who work with children (LADO)',
} as const
export type SectionKey = keyof typeof SECTIONS
export const isSection = (key: string): key is SectionKey => Object.hasOwn(SECTIONS, key)

/** The three lead safeguarding partners, each represented by its kind of agency. */
export const LEAD_PARTNERS = {
  'local-authority': 'The local authority',
  police: 'The police',
  health: 'Health (the integrated care board)',
} as const
export type LeadPartner = keyof typeof LEAD_PARTNERS
export const LEAD_PARTNER_KEYS = Object.keys(LEAD_PARTNERS) as LeadPartner[]

/** The lead partner a person signs for, by their agency's kind; none for other agencies. */
export const partnerOf = (kind: AgencyKind): LeadPartner | null =>
  kind === 'local-authority' || kind === 'police' || kind === 'health' ? kind : null

/** Each lead partner, in order, with its sign-off when it has signed (the yearly report's, the MASA plan's). */
export const partnersSigning = <Signoff extends { partner: LeadPartner }>(signoffs: readonly Signoff[]) =>
  LEAD_PARTNER_KEYS.map((key) => ({
    key,
    name: LEAD_PARTNERS[key],
    signoff: signoffs.find((row) => row.partner === key),
  }))

/** The partners who have not yet signed the current revision. */
export const unsignedPartners = (signed: readonly LeadPartner[]): LeadPartner[] =>
  LEAD_PARTNER_KEYS.filter((partner) => !signed.includes(partner))

/** Why the report may not be published yet, in words; null when it may. */
export function publishProblem(signed: readonly LeadPartner[], revision: number): string | null {
  if (revision === 0) return 'Write the narrative before the report is signed off and published'
  const missing = unsignedPartners(signed)
  if (missing.length === 0) return null
  const names = missing.map((partner) =>
    LEAD_PARTNERS[partner].replace(/^The /, 'the ').replace(/^Health/, 'health'),
  )
  return `The report cannot be published until all three lead safeguarding partners have signed off this draft: still to sign, ${names.join(', ')}`
}

/** One section as shown and published: its title, its figures as rows of label and value, its narrative. */
export interface Section {
  key: SectionKey
  title: string
  /** Tables of aggregate figures, each with a caption. */
  tables: { caption: string; head: string[]; rows: (string | number)[][] }[]
  /** Short statements of the main figures. */
  facts: { label: string; value: string | number }[]
  narrative: string | null
}

/** The report as published: frozen figures and narrative, and who signed it off. */
export interface Published {
  yearName: string
  sections: Section[]
  signoffs: { partner: string; name: string; signedOn: string }[]
}
