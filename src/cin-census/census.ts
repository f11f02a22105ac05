// One LA's CIN census return as the reader hands it over: the header, then one child at a time.
// Dates are calendar dates 'YYYY-MM-DD' (undefined when absent or not a date, as the DfE's
// validator reads them); codes are the text as sent (undefined when absent or empty).

export type IsoDate = string

export interface CensusHeader {
  collection?: string
  year?: string
  referenceDate?: IsoDate
  lea?: string
}

export interface CensusChild {
  laChildId?: string
  upn?: string
  formerUpn?: string
  upnUnknown?: string
  birthDate?: IsoDate
  expectedBirthDate?: IsoDate
  sex?: string
  deathDate?: IsoDate
  ethnicity?: string
  disabilities: string[]
  episodes: Episode[]
}

/** One <CINdetails> group: a referral and what followed it. */
export interface Episode {
  referralDate?: IsoDate
  referralSource?: string
  primaryNeedCode?: string
  closureDate?: IsoDate
  reasonForClosure?: string
  dateOfInitialCPC?: IsoDate
  referralNFA?: string
  assessments: Assessment[]
  cinPlans: CinPlan[]
  section47s: Section47[]
  protectionPlans: ProtectionPlan[]
}

export interface Assessment {
  startDate?: IsoDate
  internalReviewDate?: IsoDate
  authorisationDate?: IsoDate
  factors: string[]
}

export interface CinPlan {
  startDate?: IsoDate
  endDate?: IsoDate
}

export interface Section47 {
  startDate?: IsoDate
  initialCPCtarget?: IsoDate
  dateOfInitialCPC?: IsoDate
  icpcNotRequired?: string
}

export interface ProtectionPlan {
  startDate?: IsoDate
  endDate?: IsoDate
  initialCategoryOfAbuse?: string
  latestCategoryOfAbuse?: string
  numberOfPreviousCPP?: string
  /** One entry per <CPPreviewDate>, undefined where the date is missing. */
  reviewDates: (IsoDate | undefined)[]
}

/** 'true' or '1', written exactly so (as most of the DfE's rules compare the flags). */
export function isTrue(flag: string | undefined): boolean {
  return flag === 'true' || flag === '1'
}

/** 'false' or '0', written exactly so. */
export function isFalse(flag: string | undefined): boolean {
  return flag === 'false' || flag === '0'
}
