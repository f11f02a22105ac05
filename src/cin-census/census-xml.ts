// Writes children as CIN census XML (the DfE's element names and order), one child at a time.

import type {
  Assessment,
  CensusChild,
  CensusHeader,
  CinPlan,
  Episode,
  ProtectionPlan,
  Section47,
} from './census.ts'

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

function element(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`
}

export function censusOpening(header: CensusHeader): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n<Message><Header><CollectionDetails>',
    element('Collection', header.collection),
    element('Year', header.year),
    element('ReferenceDate', header.referenceDate),
    '</CollectionDetails><Source><SourceLevel>L</SourceLevel>',
    element('LEA', header.lea),
    '<SoftwareCode>masa</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo>',
    '</Source></Header>\n<Children>\n',
  ].join('')
}

export const CENSUS_CLOSING = '</Children>\n</Message>\n'

export function childXml(child: CensusChild): string {
  const disabilities = child.disabilities.map((d) => element('Disability', d)).join('')
  return [
    '<Child><ChildIdentifiers>',
    element('LAchildID', child.laChildId),
    element('UPN', child.upn),
    element('FormerUPN', child.formerUpn),
    element('UPNunknown', child.upnUnknown),
    element('PersonBirthDate', child.birthDate),
    element('ExpectedPersonBirthDate', child.expectedBirthDate),
    element('Sex', child.sex),
    element('PersonDeathDate', child.deathDate),
    '</ChildIdentifiers><ChildCharacteristics>',
    element('Ethnicity', child.ethnicity),
    disabilities === '' ? '' : `<Disabilities>${disabilities}</Disabilities>`,
    '</ChildCharacteristics>',
    ...child.episodes.map(episodeXml),
    '</Child>\n',
  ].join('')
}

function episodeXml(e: Episode): string {
  return [
    '<CINdetails>',
    element('CINreferralDate', e.referralDate),
    element('ReferralSource', e.referralSource),
    element('PrimaryNeedCode', e.primaryNeedCode),
    element('CINclosureDate', e.closureDate),
    element('ReasonForClosure', e.reasonForClosure),
    element('DateOfInitialCPC', e.dateOfInitialCPC),
    ...e.assessments.map(assessmentXml),
    ...e.cinPlans.map(cinPlanXml),
    ...e.section47s.map(section47Xml),
    element('ReferralNFA', e.referralNFA),
    ...e.protectionPlans.map(planXml),
    '</CINdetails>',
  ].join('')
}

function assessmentXml(a: Assessment): string {
  const factors = a.factors.map((f) => element('AssessmentFactors', f)).join('')
  return [
    '<Assessments>',
    element('AssessmentActualStartDate', a.startDate),
    element('AssessmentInternalReviewDate', a.internalReviewDate),
    element('AssessmentAuthorisationDate', a.authorisationDate),
    factors === '' ? '' : `<FactorsIdentifiedAtAssessment>${factors}</FactorsIdentifiedAtAssessment>`,
    '</Assessments>',
  ].join('')
}

function cinPlanXml(p: CinPlan): string {
  return `<CINPlanDates>${element('CINPlanStartDate', p.startDate)}${element('CINPlanEndDate', p.endDate)}</CINPlanDates>`
}

function section47Xml(s: Section47): string {
  return [
    '<Section47>',
    element('S47ActualStartDate', s.startDate),
    element('InitialCPCtarget', s.initialCPCtarget),
    element('DateOfInitialCPC', s.dateOfInitialCPC),
    element('ICPCnotRequired', s.icpcNotRequired),
    '</Section47>',
  ].join('')
}

function planXml(p: ProtectionPlan): string {
  const reviews = p.reviewDates
    .map((r) => `<Reviews><CPPreviewDate>${r ?? ''}</CPPreviewDate></Reviews>`)
    .join('')
  return [
    '<ChildProtectionPlans>',
    element('CPPstartDate', p.startDate),
    element('CPPendDate', p.endDate),
    element('InitialCategoryOfAbuse', p.initialCategoryOfAbuse),
    element('LatestCategoryOfAbuse', p.latestCategoryOfAbuse),
    element('NumberOfPreviousCPP', p.numberOfPreviousCPP),
    reviews,
    '</ChildProtectionPlans>',
  ].join('')
}
