// Streaming reader of a CIN census XML file: it never builds the document, it hands over the
// header and then each <Child> as soon as its closing tag is read, so memory holds one child.

import { SaxesParser } from 'saxes'
import type {
  Assessment,
  CensusChild,
  CensusHeader,
  CinPlan,
  Episode,
  ProtectionPlan,
  Section47,
} from './census.ts'
import { toIsoDate } from './dates.ts'

export type CensusItem = { kind: 'header'; header: CensusHeader } | { kind: 'child'; child: CensusChild }

/** The header, then the children, in file order; throws on XML that is not well formed. */
export async function* readCensus(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<CensusItem> {
  const reader = new CensusReader()
  for await (const chunk of chunks) {
    reader.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
    yield* reader.take()
  }
  reader.close()
  yield* reader.take()
}

type Open = { header?: CensusHeader; child?: CensusChild; episode?: Episode; assessment?: Assessment }
type OpenRecords = Open & { cinPlan?: CinPlan; section47?: Section47; plan?: ProtectionPlan }

class CensusReader {
  private readonly parser = new SaxesParser()
  private readonly ready: CensusItem[] = []
  private readonly path: string[] = []
  private open: OpenRecords = {}
  private text = ''

  constructor() {
    this.parser.on('opentag', (tag) => this.opened(tag.name))
    this.parser.on('text', (text) => {
      this.text += text
    })
    this.parser.on('cdata', (text) => {
      this.text += text
    })
    this.parser.on('closetag', (tag) => this.closed(tag.name))
  }

  write(chunk: string): void {
    this.parser.write(chunk)
  }

  close(): void {
    this.parser.close()
  }

  take(): CensusItem[] {
    return this.ready.splice(0, this.ready.length)
  }

  private opened(name: string): void {
    this.path.push(name)
    this.text = ''
    const open = this.open
    if (name === 'Header') open.header = {}
    else if (name === 'Child') this.open = { child: { disabilities: [], episodes: [] } }
    else if (name === 'CINdetails' && open.child) {
      open.episode = { assessments: [], cinPlans: [], section47s: [], protectionPlans: [] }
      open.child.episodes.push(open.episode)
    } else if (name === 'Assessments' && open.episode) {
      open.assessment = { factors: [] }
      open.episode.assessments.push(open.assessment)
    } else if (name === 'CINPlanDates' && open.episode) {
      open.cinPlan = {}
      open.episode.cinPlans.push(open.cinPlan)
    } else if (name === 'Section47' && open.episode) {
      open.section47 = {}
      open.episode.section47s.push(open.section47)
    } else if (name === 'ChildProtectionPlans' && open.episode) {
      open.plan = { reviewDates: [] }
      open.episode.protectionPlans.push(open.plan)
    }
  }

  private closed(name: string): void {
    this.path.pop()
    const parent = this.path[this.path.length - 1] ?? ''
    const value = this.text.trim() === '' ? undefined : this.text.trim()
    this.text = ''
    if (name === 'Header' && this.open.header) {
      this.ready.push({ kind: 'header', header: this.open.header })
      this.open = {}
    } else if (name === 'Child' && this.open.child) {
      this.ready.push({ kind: 'child', child: this.open.child })
      this.open = {}
    } else this.field(parent, name, value)
  }

  private field(parent: string, name: string, value: string | undefined): void {
    const { header, child, episode, assessment, cinPlan, section47, plan } = this.open
    if (header) headerField(header, name, value)
    else if (parent === 'ChildIdentifiers' && child) identifierField(child, name, value)
    else if (parent === 'ChildCharacteristics' && child && name === 'Ethnicity') child.ethnicity = value
    else if (parent === 'Disabilities' && child && name === 'Disability' && value)
      child.disabilities.push(value)
    else if (parent === 'CINdetails' && episode) episodeField(episode, name, value)
    else if (parent === 'Assessments' && assessment) assessmentField(assessment, name, value)
    else if (parent === 'FactorsIdentifiedAtAssessment' && assessment && value) assessment.factors.push(value)
    else if (parent === 'CINPlanDates' && cinPlan) cinPlanField(cinPlan, name, value)
    else if (parent === 'Section47' && section47) section47Field(section47, name, value)
    else if (parent === 'ChildProtectionPlans' && plan) planField(plan, name, value)
    else if (parent === 'Reviews' && plan && name === 'CPPreviewDate') plan.reviewDates.push(toIsoDate(value))
  }
}

function headerField(header: CensusHeader, name: string, value: string | undefined): void {
  if (name === 'Collection') header.collection = value
  else if (name === 'Year') header.year = value
  else if (name === 'ReferenceDate') header.referenceDate = toIsoDate(value)
  else if (name === 'LEA') header.lea = value
}

function identifierField(child: CensusChild, name: string, value: string | undefined): void {
  if (name === 'LAchildID') child.laChildId = value
  else if (name === 'UPN') child.upn = value
  else if (name === 'FormerUPN') child.formerUpn = value
  else if (name === 'UPNunknown') child.upnUnknown = value
  else if (name === 'PersonBirthDate') child.birthDate = toIsoDate(value)
  else if (name === 'ExpectedPersonBirthDate') child.expectedBirthDate = toIsoDate(value)
  else if (name === 'Sex' || name === 'GenderCurrent') child.sex = value
  else if (name === 'PersonDeathDate') child.deathDate = toIsoDate(value)
}

function episodeField(episode: Episode, name: string, value: string | undefined): void {
  if (name === 'CINreferralDate') episode.referralDate = toIsoDate(value)
  else if (name === 'ReferralSource') episode.referralSource = value
  else if (name === 'PrimaryNeedCode') episode.primaryNeedCode = value
  else if (name === 'CINclosureDate') episode.closureDate = toIsoDate(value)
  else if (name === 'ReasonForClosure') episode.reasonForClosure = value
  else if (name === 'DateOfInitialCPC') episode.dateOfInitialCPC = toIsoDate(value)
  else if (name === 'ReferralNFA') episode.referralNFA = value
}

function assessmentField(assessment: Assessment, name: string, value: string | undefined): void {
  if (name === 'AssessmentActualStartDate') assessment.startDate = toIsoDate(value)
  else if (name === 'AssessmentInternalReviewDate') assessment.internalReviewDate = toIsoDate(value)
  else if (name === 'AssessmentAuthorisationDate') assessment.authorisationDate = toIsoDate(value)
}

function cinPlanField(cinPlan: CinPlan, name: string, value: string | undefined): void {
  if (name === 'CINPlanStartDate') cinPlan.startDate = toIsoDate(value)
  else if (name === 'CINPlanEndDate') cinPlan.endDate = toIsoDate(value)
}

function section47Field(section47: Section47, name: string, value: string | undefined): void {
  if (name === 'S47ActualStartDate') section47.startDate = toIsoDate(value)
  else if (name === 'InitialCPCtarget') section47.initialCPCtarget = toIsoDate(value)
  else if (name === 'DateOfInitialCPC') section47.dateOfInitialCPC = toIsoDate(value)
  else if (name === 'ICPCnotRequired') section47.icpcNotRequired = value
}

function planField(plan: ProtectionPlan, name: string, value: string | undefined): void {
  if (name === 'CPPstartDate') plan.startDate = toIsoDate(value)
  else if (name === 'CPPendDate') plan.endDate = toIsoDate(value)
  else if (name === 'InitialCategoryOfAbuse') plan.initialCategoryOfAbuse = value
  else if (name === 'LatestCategoryOfAbuse') plan.latestCategoryOfAbuse = value
  else if (name === 'NumberOfPreviousCPP') plan.numberOfPreviousCPP = value
}
