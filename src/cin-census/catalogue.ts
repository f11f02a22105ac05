// The 2024-25 CIN census rules as the DfE publishes them: code, table, error or query, message.
// (The 2022-23 set, with the rules of 2023-24 and 2024-25 added or replacing one of the same code.)

import type { RuleKind } from './rule.ts'

export interface RuleDefinition {
  table: string
  kind: RuleKind
  message: string
}

export const RULE_CATALOGUE: Readonly<Record<string, RuleDefinition>> = {
  '100': { table: 'Header', kind: 'error', message: 'Reference Date is incorrect' },
  '1103': {
    table: 'Assessments',
    kind: 'error',
    message: 'The assessment start date cannot be before the referral date',
  },
  '1104': {
    table: 'Section47',
    kind: 'error',
    message: 'The date of the initial child protection conference cannot be before the referral date',
  },
  '1105': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'The child protection plan start date cannot be before the referral date',
  },
  '1510': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message: 'UPN invalid (wrong check letter at character 1)',
  },
  '1520': { table: 'ChildIdentifiers', kind: 'error', message: 'More than one record with the same UPN.' },
  '1530': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message: 'UPN invalid (characters 2-4 not a recognised LA code)',
  },
  '1540': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message: 'UPN invalid (characters 5-12 not all numeric)',
  },
  '1550': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message: 'UPN invalid (character 13 not a recognised value)',
  },
  '1560Q': {
    table: 'ChildIdentifiers',
    kind: 'query',
    message: 'Please check and either amend or provide a reason: Former UPN wrongly formatted',
  },
  '2883': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'There are more child protection plans starting than initial conferences taking place',
  },
  '2884': {
    table: 'Section47',
    kind: 'error',
    message:
      'An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one',
  },
  '2885': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message:
      'Child protection plan shown as starting a different day to the initial child protection conference.',
  },
  '2886Q': {
    table: 'ChildIdentifiers',
    kind: 'query',
    message:
      'Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)',
  },
  '2887Q': {
    table: 'Disabilities',
    kind: 'query',
    message:
      'Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return',
  },
  '2888Q': {
    table: 'Disabilities',
    kind: 'query',
    message:
      'Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.',
  },
  '2889': {
    table: 'Section47',
    kind: 'error',
    message: 'The S47 start date cannot be before the referral date.',
  },
  '2990': {
    table: 'CINdetails',
    kind: 'error',
    message:
      "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.",
  },
  '2991Q': {
    table: 'CINdetails',
    kind: 'query',
    message:
      'Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode',
  },
  '4000': {
    table: 'CINplanDates',
    kind: 'error',
    message: 'CIN Plan details provided for a referral with no further action',
  },
  '4001': {
    table: 'CINplanDates',
    kind: 'error',
    message: 'A CIN Plan cannot run concurrently with a Child Protection Plan',
  },
  '4003': {
    table: 'Reviews',
    kind: 'error',
    message: 'A CPP review date is shown as being held at the same time as an open CIN Plan.',
  },
  '4004': {
    table: 'CINplanDates',
    kind: 'error',
    message: 'This child is showing more than one open CIN Plan, i.e. with no End Date',
  },
  '4008': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message: 'CIN Plan shown as starting after the child’s Date of Death.',
  },
  '4009Q': {
    table: 'ChildIdentifiers',
    kind: 'query',
    message: 'CIN Plan cannot end after the child’s Date of Death',
  },
  '4010': {
    table: 'CINplanDates',
    kind: 'error',
    message: 'CIN Plan start date is missing or out of data collection period',
  },
  '4011': { table: 'CINplanDates', kind: 'error', message: 'CIN Plan End Date earlier than Start Date' },
  '4012Q': {
    table: 'CINplanDates',
    kind: 'query',
    message:
      'Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day',
  },
  '4013': {
    table: 'CINplanDates',
    kind: 'error',
    message: 'CIN Plan end date must fall within the census year',
  },
  '4014': { table: 'CINplanDates', kind: 'error', message: 'CIN Plan data contains overlapping dates' },
  '4015': {
    table: 'CINplanDates',
    kind: 'error',
    message: 'The CIN Plan start date cannot be before the referral date',
  },
  '4016': {
    table: 'CINplanDates',
    kind: 'error',
    message: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  },
  '4017': {
    table: 'CINplanDates',
    kind: 'error',
    message: 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.',
  },
  '4180': { table: 'ChildIdentifiers', kind: 'error', message: 'Sex must be provided and equal M, F, or U' },
  '4220': {
    table: 'ChildCharacteristics',
    kind: 'error',
    message: 'Ethnicity is missing or invalid (see Ethnicity table)',
  },
  '8500': { table: 'ChildIdentifiers', kind: 'error', message: 'LA Child ID missing' },
  '8510': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message: 'More than one child record with the same LA Child ID',
  },
  '8520': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message:
      'Date of Birth is after data collection period (must be on or before the end of the census period)',
  },
  '8525Q': {
    table: 'ChildIdentifiers',
    kind: 'query',
    message: 'Either Date of Birth or Expected Date of Birth must be provided (but not both)',
  },
  '8530Q': {
    table: 'ChildIdentifiers',
    kind: 'query',
    message:
      'Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)',
  },
  '8535Q': {
    table: 'ChildIdentifiers',
    kind: 'query',
    message:
      'Please check and either amend data or provide a reason: Child’s date of death should not be prior to the date of birth',
  },
  '8540': {
    table: 'ChildCharacteristics',
    kind: 'error',
    message: 'Child’s disability is missing or invalid (see Disability table)',
  },
  '8545Q': {
    table: 'ChildIdentifiers',
    kind: 'query',
    message:
      "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
  },
  '8555Q': {
    table: 'CINdetails',
    kind: 'query',
    message: 'Child cannot be referred after its recorded date of death',
  },
  '8565': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Activity shown after a case has been closed',
  },
  '8568': { table: 'CINdetails', kind: 'error', message: 'RNFA flag is missing or invalid' },
  '8569Q': {
    table: 'CINdetails',
    kind: 'query',
    message:
      'A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case',
  },
  '8585Q': {
    table: 'CINdetails',
    kind: 'query',
    message:
      'Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death',
  },
  '8590': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message: 'Child does not have a recorded CIN episode.',
  },
  '8600': {
    table: 'CINdetails',
    kind: 'error',
    message: 'Child referral date missing or after data collection period',
  },
  '8606': {
    table: 'CINdetails',
    kind: 'error',
    message: 'Child referral date is more than 40 weeks before DOB or expected DOB',
  },
  '8608': {
    table: 'Assessments',
    kind: 'error',
    message: 'Assessment Start Date cannot be later than its End Date',
  },
  '8610': {
    table: 'CINdetails',
    kind: 'error',
    message: 'Primary Need code is missing for a referral which led to further action.',
  },
  '8614': {
    table: 'Assessments',
    kind: 'error',
    message: 'Parental or child factors at assessment should only be present for a completed assessment.',
  },
  '8615': {
    table: 'Section47',
    kind: 'error',
    message:
      'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference',
  },
  '8620': {
    table: 'CINdetails',
    kind: 'error',
    message: 'CIN Closure Date present and does not fall within the Census year',
  },
  '8630': {
    table: 'CINdetails',
    kind: 'error',
    message: 'CIN Closure Date is before CIN Referral Date for the same CIN episode',
  },
  '8640': {
    table: 'CINdetails',
    kind: 'error',
    message: 'CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)',
  },
  '8650': {
    table: 'CINdetails',
    kind: 'error',
    message: 'Primary Need Code invalid (see Primary Need table in CIN census code set)',
  },
  '8670Q': {
    table: 'Assessments',
    kind: 'query',
    message:
      'Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.',
  },
  '8675Q': {
    table: 'Section47',
    kind: 'query',
    message:
      'Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.',
  },
  '8696': {
    table: 'Assessments',
    kind: 'error',
    message: 'Assessment end date must fall within the census year',
  },
  '8715': {
    table: 'Section47',
    kind: 'error',
    message: 'Date of Initial Child Protection Conference must fall within the census year',
  },
  '8720': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Child Protection Plan Start Date missing or out of data collection period',
  },
  '8730': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Total Number of previous Child Protection Plans missing',
  },
  '8736': {
    table: 'Assessments',
    kind: 'error',
    message: 'For an Assessment that has not been completed, the start date must fall within the census year',
  },
  '8740': {
    table: 'Section47',
    kind: 'error',
    message:
      'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year',
  },
  '8750': { table: 'ChildIdentifiers', kind: 'error', message: 'Sex must equal U for an unborn child' },
  '8770Q': {
    table: 'ChildIdentifiers',
    kind: 'query',
    message:
      'Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.',
  },
  '8772': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message:
      'UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action',
  },
  '8775Q': {
    table: 'ChildIdentifiers',
    kind: 'query',
    message: 'Please check and either amend data or provide a reason: Child is over 25 years old',
  },
  '8790': {
    table: 'Disabilities',
    kind: 'error',
    message: 'Disability information includes both None and other values',
  },
  '8794': {
    table: 'Disabilities',
    kind: 'error',
    message: 'Child has two or more disabilities with the same code',
  },
  '8805': {
    table: 'CINdetails',
    kind: 'error',
    message: 'A CIN case cannot have a CIN closure date without a Reason for Closure',
  },
  '8810': {
    table: 'CINdetails',
    kind: 'error',
    message: 'A CIN case cannot have a Reason for Closure without a CIN Closure Date',
  },
  '8815': {
    table: 'CINdetails',
    kind: 'error',
    message:
      'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.',
  },
  '8816': {
    table: 'CINdetails',
    kind: 'error',
    message:
      'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.',
  },
  '8820': {
    table: 'CINdetails',
    kind: 'error',
    message: 'The dates on the CIN episodes for this child overlap',
  },
  '8825Q': {
    table: 'CINdetails',
    kind: 'query',
    message:
      'Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.',
  },
  '8831': {
    table: 'CINdetails',
    kind: 'error',
    message: 'Activity is recorded against a case marked as a referral with no further action',
  },
  '8832': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Child Protection details provided for a referral with no further action.',
  },
  '8839': {
    table: 'Section47',
    kind: 'error',
    message: 'Within one CINDetails group there are 2 or more open S47 Assessments',
  },
  '8840': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Child Protection Plan cannot start and end on the same day',
  },
  '8841': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'The review date cannot be on the same day or before the Child protection Plan start date.',
  },
  '8842Q': {
    table: 'Reviews',
    kind: 'query',
    message: 'Please check and either amend or provide a reason: Review Record has a missing date',
  },
  '8863Q': {
    table: 'Assessments',
    kind: 'query',
    message: 'An Assessment is shown as starting when there is another Assessment ongoing.',
  },
  '8866': { table: 'CINdetails', kind: 'error', message: 'Source of Referral is missing or an invalid code' },
  '8867': {
    table: 'CINdetails',
    kind: 'error',
    message: 'CIN episode is shown as closed, however Assessment is not shown as completed',
  },
  '8868': {
    table: 'CINdetails',
    kind: 'error',
    message:
      'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag',
  },
  '8869': {
    table: 'Assessments',
    kind: 'error',
    message:
      'The assessment factors code “21” cannot be used in conjunction with any other assessment factors.',
  },
  '8870Q': {
    table: 'Section47',
    kind: 'query',
    message:
      'Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend',
  },
  '8873Q': {
    table: 'Assessments',
    kind: 'query',
    message:
      "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
  },
  '8875': {
    table: 'Section47',
    kind: 'error',
    message: 'The Date of Initial Child Protection Conference cannot be a weekend',
  },
  '8890': {
    table: 'CINdetails',
    kind: 'error',
    message: 'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing',
  },
  '8896': {
    table: 'Assessments',
    kind: 'error',
    message: 'Within one CINDetails group there are 2 or more open Assessments groups',
  },
  '8897Q': {
    table: 'Assessments',
    kind: 'query',
    message: 'Parental or child factors at assessment information is missing from a completed assessment',
  },
  '8898': {
    table: 'Assessments',
    kind: 'error',
    message: 'The assessment has more than one parental or child factors with the same code',
  },
  '8905': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message:
      'Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  },
  '8910': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message:
      'Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  },
  '8915': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Child Protection Plan shown as starting after the child’s Date of Death',
  },
  '8920': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Child Protection Plan cannot end after the child’s Date of Death',
  },
  '8925': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Child Protection Plan End Date earlier than Start Date',
  },
  '8930': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Child Protection Plan End Date must fall within the census year',
  },
  '8935': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'This child is showing more than one open Child Protection plan, i.e. with no End Date',
  },
  '8940': {
    table: 'ChildProtectionPlans',
    kind: 'error',
    message: 'Child Protection Plan data contains overlapping dates',
  },
  '1570': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message: 'LA Child ID must not be longer than 20 characters',
  },
  '1580': {
    table: 'ChildIdentifiers',
    kind: 'error',
    message: 'LA Child ID must not contain any non-alphanumeric characters',
  },
  '8945Q': {
    table: 'Assessments',
    kind: 'query',
    message:
      "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)",
  },
  '8950Q': {
    table: 'Assessments',
    kind: 'query',
    message:
      "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)",
  },
}
