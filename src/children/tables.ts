/** Kysely table types for this capability; the SQL lives in migrations/0002_children.sql. */
import type { Generated } from 'kysely'
import type { Sensitivity } from '../platform/events/event.ts'

/** CIN census Sex (2024-25 onwards): male, female, unknown or not recorded. */
export const SEXES = ['M', 'F', 'U'] as const
export type Sex = (typeof SEXES)[number]

/** The 20 CIN census ethnicity codes (the CHECK in 0002 allows exactly these). */
export const ETHNICITIES = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
} as const
export type Ethnicity = keyof typeof ETHNICITIES

/** CIN census UPNunknown: why a child has no UPN (UN1: under 6 and not yet at school; UN7: referral NFA). */
export const UPN_UNKNOWN_REASONS = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7'] as const
export type UpnUnknownReason = (typeof UPN_UNKNOWN_REASONS)[number]

export const SCHOOL_PHASES = ['nursery', 'primary', 'secondary', 'all-through', 'special', 'post-16'] as const
export type SchoolPhase = (typeof SCHOOL_PHASES)[number]

export interface SchoolTable {
  id: Generated<string>
  la_id: string
  name: string
  urn: string | null
  establishment_number: string | null
  phase: SchoolPhase
  created_at: Generated<Date>
}

export interface HouseholdTable {
  id: Generated<string>
  la_id: string
  address_line1: string
  address_line2: string | null
  town: string
  postcode: string
  created_at: Generated<Date>
}

export interface ChildTable {
  id: Generated<string>
  la_id: string
  la_child_id: string
  given_name: string
  family_name: string
  /** Calendar dates come back as 'YYYY-MM-DD' strings (see platform/db/database.ts). */
  date_of_birth: string | null
  expected_date_of_birth: string | null
  sex: Sex
  ethnicity: Ethnicity | null
  nhs_number: string | null
  upn: string | null
  upn_unknown: UpnUnknownReason | null
  household_id: string | null
  school_id: string | null
  sensitivity: Generated<Sensitivity>
  merged_into_id: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface ChildAliasTable {
  id: Generated<string>
  child_id: string
  given_name: string
  family_name: string
  /** e.g. 'previous name', 'known as' */
  kind: string
  created_at: Generated<Date>
}

export interface PersonTable {
  id: Generated<string>
  given_name: string
  family_name: string
  date_of_birth: string | null
  sex: Sex | null
  nhs_number: string | null
  household_id: string | null
  created_at: Generated<Date>
}

/** Exactly one of person_id and related_child_id is set; kind reads "the other is the child's <kind>". */
export interface RelationshipTable {
  id: Generated<string>
  child_id: string
  person_id: string | null
  related_child_id: string | null
  /** e.g. 'mother', 'father', 'step-parent', 'grandparent', 'carer', 'sibling' */
  kind: string
  created_at: Generated<Date>
}

export interface ProfessionalTable {
  id: Generated<string>
  agency_id: string
  la_id: string | null
  school_id: string | null
  given_name: string
  family_name: string
  job_title: string
  email: string | null
  phone: string | null
  created_at: Generated<Date>
}

/** An agency's (or a user's) involvement with a child: the access policy's need-to-know. */
export interface ChildInvolvementTable {
  id: Generated<string>
  child_id: string
  agency_id: string
  user_id: string | null
  /** In people's words, e.g. 'school', 'health visitor', 'invited to meeting', 'strategy action owner' */
  reason: string
  kind: InvolvementKind
  /** For a roll or caseload the agency declared. */
  lawful_basis: string | null
  since: Generated<Date>
  /** Anything the agency did about the child; after the partnership's period without any, it ends. */
  last_active_at: Generated<Date>
  added_by: string | null
  ended_at: Date | null
  end_reason: string | null
  ended_by: string | null
}

/** Why an agency is involved (migrations/0014, 0021, 0030); 'referral' is history only. */
export const INVOLVEMENT_KINDS = [
  'referral',
  'meeting',
  'action',
  'shared-event',
  'roll',
  'caseload',
  'added-by-la',
  'created-record',
  'exploitation-screening',
  'missing-episode',
  'move',
] as const
export type InvolvementKind = (typeof INVOLVEMENT_KINDS)[number]

/** A child declared by an agency on its roll or caseload (migrations/0016), matched or not. */
export interface AgencyDeclarationTable {
  id: Generated<string>
  agency_id: string
  kind: 'roll' | 'caseload'
  given_name: string
  family_name: string
  date_of_birth: string
  nhs_number: string | null
  upn: string | null
  lawful_basis: string
  /** 'user:<id>' or 'system:<id>' */
  declared_by: string
  declared_at: Generated<Date>
  last_declared_at: Generated<Date>
  child_id: string | null
  ended_at: Date | null
  end_reason: string | null
  ended_by: string | null
}

export interface ChildrenTables {
  school: SchoolTable
  household: HouseholdTable
  child: ChildTable
  child_alias: ChildAliasTable
  person: PersonTable
  relationship: RelationshipTable
  professional: ProfessionalTable
  child_involvement: ChildInvolvementTable
  agency_declaration: AgencyDeclarationTable
}
