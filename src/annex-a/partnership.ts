// The partnership view of returns: every LA's Annex A lists combined for the partnership's
// comparisons, with the identifiers degraded as regional data tools degrade them: the date of birth
// to the first of its month, the postcode to its sector, the LA child ID prefixed by the LA's DfE
// code (so two LAs' children never collide). Never a name, a full date of birth, a full postcode, an
// NHS number or a UPN. Pure.

import type { ExportColumn } from '../platform/exports/list-export.ts'
import { type AnnexRows, ageOn } from './lists.ts'
import type { ChildColumns, ContactRow, EnquiryRow, PlanRow, ReferralRow } from './store.ts'

/** '2015-03-17' -> '2015-03-01'. */
export const monthOfBirth = (dateOfBirth: string | null): string | null =>
  dateOfBirth ? `${dateOfBirth.slice(0, 7)}-01` : null

const POSTCODE = /^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9])[A-Z]{2}$/

/** 'le2 1aa' -> 'LE2 1' (outward code and the inward code's digit); null for anything not a full postcode. */
export function postcodeSector(postcode: string | null): string | null {
  const parts = POSTCODE.exec((postcode ?? '').toUpperCase().replace(/\s+/g, ''))
  return parts ? `${parts[1]} ${parts[2]}` : null
}

/** The child's id across the partnership: the LA's DfE code, then the LA child ID ('856-LEI001'). */
export const partnershipChildId = (laCode: string, childRef: string): string => `${laCode}-${childRef}`

export interface LaOfRow {
  laCode: string
  laName: string
}

/** A row of a list as it leaves for the partnership: only its degraded child and the list's own facts. */
export type Degraded<Row extends ChildColumns> = Omit<Row, keyof ChildColumns> &
  LaOfRow & {
    childId: string
    sex: string | null
    ethnicity: string | null
    monthOfBirth: string | null
    postcodeSector: string | null
    age: number | null
  }

/** Degrades each row of an LA's list; the full identifiers are dropped here, before anything is shown. */
export function degrade<Row extends ChildColumns>(
  la: LaOfRow,
  rows: readonly Row[],
  eventDate: (row: Row) => string,
): Degraded<Row>[] {
  return rows.map((row) => {
    const { child_ref, sex, ethnicity, date_of_birth, postcode, ...facts } = row
    return {
      ...facts,
      ...la,
      childId: partnershipChildId(la.laCode, child_ref),
      sex,
      ethnicity,
      monthOfBirth: monthOfBirth(date_of_birth),
      postcodeSector: postcodeSector(postcode),
      age: ageOn(date_of_birth, eventDate(row)),
    }
  })
}

/** Every LA's lists, degraded and combined, in the LAs' order. */
export interface PartnershipLists {
  contacts: Degraded<ContactRow>[]
  referrals: Degraded<ReferralRow>[]
  enquiries: Degraded<EnquiryRow>[]
  plans: Degraded<PlanRow>[]
}

export function combine(each: readonly { la: LaOfRow; rows: AnnexRows }[]): PartnershipLists {
  return {
    contacts: each.flatMap(({ la, rows }) => degrade(la, rows.contacts, (r) => r.contact_date)),
    referrals: each.flatMap(({ la, rows }) => degrade(la, rows.referrals, (r) => r.referral_date)),
    enquiries: each.flatMap(({ la, rows }) => degrade(la, rows.enquiries, (r) => r.started_on)),
    plans: each.flatMap(({ la, rows }) => degrade(la, rows.plans, (r) => r.start_date)),
  }
}

/** One LA's figures beside the others': counts of the period and the shares LAs compare. */
export interface LaComparison extends LaOfRow {
  contacts: number
  referrals: number
  /** Referrals of children referred before in the 12 months up to it, as a share of referrals. */
  reReferrals: string
  enquiries: number
  /** Section 47 enquiries started, as a share of referrals. */
  enquiriesPerReferral: string
  icpcs: number
  plansOpen: number
  plansStarted: number
  /** Plans started in the period that are a child's second or later, as a share of those started. */
  secondPlans: string
}

const share = (part: number, whole: number) =>
  whole === 0 ? 'None' : `${((100 * part) / whole).toFixed(1)}%`

export function compare(
  each: readonly { la: LaOfRow; rows: AnnexRows }[],
  period: { from: string; to: string },
): LaComparison[] {
  return each.map(({ la, rows }) => {
    const started = rows.plans.filter((p) => p.start_date >= period.from)
    const reReferred = rows.referrals.filter((r) => r.referrals_in_year > 1).length
    return {
      ...la,
      contacts: rows.contacts.length,
      referrals: rows.referrals.length,
      reReferrals: share(reReferred, rows.referrals.length),
      enquiries: rows.enquiries.length,
      enquiriesPerReferral: share(rows.enquiries.length, rows.referrals.length),
      icpcs: rows.enquiries.filter((e) => e.icpc_date !== null).length,
      plansOpen: rows.plans.length,
      plansStarted: started.length,
      secondPlans: share(started.filter((p) => p.previous_plans > 0).length, started.length),
    }
  })
}

const yesNo = (value: boolean | null) => (value === null ? null : value ? 'Yes' : 'No')

/** The degraded child every list opens with. */
function childColumns<Row extends ChildColumns>(): ExportColumn<Degraded<Row>>[] {
  return [
    { header: 'Child ID (LA code and LA child ID)', value: (r) => r.childId },
    { header: 'Local authority', value: (r) => r.laName },
    { header: 'LA code', value: (r) => r.laCode },
    { header: 'Gender', value: (r) => r.sex },
    { header: 'Ethnicity', value: (r) => r.ethnicity },
    { header: 'Month of birth (first of the month)', value: (r) => r.monthOfBirth },
    { header: 'Age (years)', value: (r) => r.age },
    { header: 'Postcode sector', value: (r) => r.postcodeSector },
  ]
}

/** The lists a partnership analyst may download, each with its columns (dates as YYYY-MM-DD, as data tools read them). */
export const PARTNERSHIP_LISTS = {
  contacts: {
    title: 'Contacts',
    columns: [
      ...childColumns<ContactRow>(),
      { header: 'Date of contact', value: (r) => r.contact_date },
      { header: 'Contact source', value: (r) => r.source },
    ] satisfies ExportColumn<Degraded<ContactRow>>[],
  },
  referrals: {
    title: 'Referrals',
    columns: [
      ...childColumns<ReferralRow>(),
      { header: 'Date of referral', value: (r) => r.referral_date },
      { header: 'Referral source', value: (r) => r.source },
      { header: 'Referrals in the last 12 months', value: (r) => r.referrals_in_year },
    ] satisfies ExportColumn<Degraded<ReferralRow>>[],
  },
  enquiries: {
    title: 'Section 47 enquiries',
    columns: [
      ...childColumns<EnquiryRow>(),
      { header: 'Section 47 enquiry start date', value: (r) => r.started_on },
      { header: 'Strategy discussion date', value: (r) => r.strategy_date },
      { header: 'Initial conference not required', value: (r) => yesNo(r.icpc_not_required) },
      { header: 'Date of initial conference', value: (r) => r.icpc_date },
      { header: 'Initial conference made a plan', value: (r) => yesNo(r.icpc_made_plan) },
      { header: 'Section 47 enquiries in the last 12 months', value: (r) => r.enquiries_in_year },
      { header: 'Initial conferences in the last 12 months', value: (r) => r.icpcs_in_year },
    ] satisfies ExportColumn<Degraded<EnquiryRow>>[],
  },
  plans: {
    title: 'Child protection plans',
    columns: [
      ...childColumns<PlanRow>(),
      { header: 'Plan start date', value: (r) => r.start_date },
      { header: 'Initial category of abuse', value: (r) => r.initial_category },
      { header: 'Latest category of abuse', value: (r) => r.latest_category ?? r.initial_category },
      { header: 'Date of latest review conference', value: (r) => r.latest_review },
      { header: 'Plan end date', value: (r) => r.end_date },
      { header: 'Previous plans', value: (r) => r.previous_plans },
    ] satisfies ExportColumn<Degraded<PlanRow>>[],
  },
} as const

export type PartnershipList = keyof typeof PARTNERSHIP_LISTS

/** The comparison itself as a download. */
export const COMPARISON_COLUMNS: ExportColumn<LaComparison>[] = [
  { header: 'Local authority', value: (c) => c.laName },
  { header: 'LA code', value: (c) => c.laCode },
  { header: 'Contacts', value: (c) => c.contacts },
  { header: 'Referrals', value: (c) => c.referrals },
  { header: 'Re-referrals within 12 months', value: (c) => c.reReferrals },
  { header: 'Section 47 enquiries', value: (c) => c.enquiries },
  { header: 'Section 47 enquiries as a share of referrals', value: (c) => c.enquiriesPerReferral },
  { header: 'Initial conferences', value: (c) => c.icpcs },
  { header: 'Child protection plans open', value: (c) => c.plansOpen },
  { header: 'Child protection plans started', value: (c) => c.plansStarted },
  { header: 'Second or later plans', value: (c) => c.secondPlans },
]
