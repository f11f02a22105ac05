// Ofsted's Annex A lists masa can fill, each in Ofsted's column order: List 1 contacts, List 3
// referrals, List 5 section 47 enquiries, List 7 child protection. Columns masa does not hold
// (disability, the allocated team and worker, statutory visits, emergency protection) stay empty.

import type { ChildColumns, ContactRow, EnquiryRow, PlanRow, ReferralRow } from './store.ts'

export type Cell = string | number | null

export interface Column<Row> {
  header: string
  /** ISO dates, written as dates in the workbook. */
  date?: boolean
  value(row: Row): Cell
}

export interface AnnexList<Row> {
  sheet: string
  title: string
  columns: readonly Column<Row>[]
}

const SEX_WORDS: Record<string, string> = { M: 'Male', F: 'Female', U: 'Unknown' }
const yesNo = (value: boolean | null) => (value === null ? null : value ? 'Yes' : 'No')
const empty = <Row>(header: string): Column<Row> => ({ header, value: () => null })

/** Whole years from a date of birth to a date (null without a date of birth). */
export function ageOn(dateOfBirth: string | null, on: string): number | null {
  if (!dateOfBirth) return null
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
  return age < 0 ? null : age
}

/** The child's columns every list opens with; lists 4 to 10 add disability after ethnicity. */
function childColumns<Row extends ChildColumns>(
  eventDate: (row: Row) => string,
  withDisability: boolean,
): Column<Row>[] {
  return [
    { header: 'Child Unique ID', value: (row) => row.child_ref },
    { header: 'Gender', value: (row) => (row.sex ? (SEX_WORDS[row.sex] ?? null) : null) },
    { header: 'Ethnicity', value: (row) => row.ethnicity },
    ...(withDisability ? [empty<Row>('Disability')] : []),
    { header: 'Date of Birth', date: true, value: (row) => row.date_of_birth },
    { header: 'Age of Child (Years)', value: (row) => ageOn(row.date_of_birth, eventDate(row)) },
  ]
}

export const LIST_1: AnnexList<ContactRow> = {
  sheet: 'List 1 - Contacts',
  title: 'Contacts',
  columns: [
    ...childColumns<ContactRow>((row) => row.contact_date, false),
    { header: 'Date of Contact', date: true, value: (row) => row.contact_date },
    { header: 'Contact Source', value: (row) => row.source },
  ],
}

export const LIST_3: AnnexList<ReferralRow> = {
  sheet: 'List 3 - Referrals',
  title: 'Referrals',
  columns: [
    ...childColumns<ReferralRow>((row) => row.referral_date, false),
    { header: 'Date of Referral', date: true, value: (row) => row.referral_date },
    { header: 'Referral Source', value: (row) => row.source },
    { header: 'Referral NFA?', value: () => 'No' },
    { header: 'Number of Referrals in Last 12 Months', value: (row) => row.referrals_in_year },
    empty('Allocated Team'),
    empty('Allocated Worker'),
  ],
}

export const LIST_5: AnnexList<EnquiryRow> = {
  sheet: 'List 5 - Section 47',
  title: 'Section 47 enquiries',
  columns: [
    ...childColumns<EnquiryRow>((row) => row.started_on, true),
    {
      header: 'Strategy discussion initiating Section 47 Enquiry Start Date',
      date: true,
      value: (row) => row.strategy_date ?? row.started_on,
    },
    {
      header: 'Was an Initial Child Protection Conference deemed unnecessary?',
      value: (row) => yesNo(row.icpc_not_required),
    },
    { header: 'Date of Initial Child Protection Conference', date: true, value: (row) => row.icpc_date },
    {
      header: 'Did the Initial Child Protection Conference Result in a Child Protection Plan',
      value: (row) => yesNo(row.icpc_made_plan),
    },
    { header: 'Number of Section 47 Enquiries in the last 12 months', value: (row) => row.enquiries_in_year },
    { header: 'Number of ICPCs in the last 12 months', value: (row) => row.icpcs_in_year },
    empty('Allocated Team'),
    empty('Allocated Worker'),
  ],
}

export const LIST_7: AnnexList<PlanRow> = {
  sheet: 'List 7 - Child Protection',
  title: 'Child protection plans',
  columns: [
    ...childColumns<PlanRow>((row) => row.start_date, true),
    { header: 'Child Protection Plan Start Date', date: true, value: (row) => row.start_date },
    { header: 'Initial Category of Abuse', value: (row) => row.initial_category },
    { header: 'Latest Category of Abuse', value: (row) => row.latest_category ?? row.initial_category },
    empty('Date of the Last Statutory Visit'),
    empty('Was the Child Seen Alone?'),
    { header: 'Date of latest review conference', date: true, value: (row) => row.latest_review },
    { header: 'Child Protection Plan End Date', date: true, value: (row) => row.end_date },
    empty('Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)'),
    { header: 'Number of Previous Child Protection Plans', value: (row) => row.previous_plans },
    empty('Allocated Team'),
    empty('Allocated Worker'),
  ],
}

/** The lists' rows for a period, as the store reads them. */
export interface AnnexRows {
  contacts: ContactRow[]
  referrals: ReferralRow[]
  enquiries: EnquiryRow[]
  plans: PlanRow[]
}
