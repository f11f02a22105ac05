// The 17 sections of a MASA plan and their guiding questions, from the North and South of Tyne
// Strategic Safeguarding Forum's "Guidance Notes for MASA plans" (the one shared format, so that
// partnerships' plans can be compared section by section). Titles follow the guidance; questions
// keep its words, shortened where they were long. Keys and question ids (q1, q2, …) are part of the
// plan file's format: never renumber a question, only add at the end.

export interface PlanSection {
  key: string
  title: string
  /** What the guidance says the section is for, in one sentence. */
  summary: string
  questions: readonly string[]
}

export const SECTIONS = [
  {
    key: 'purpose',
    title: 'Purpose and approach of the plan',
    summary: 'Why the plan is written, over what time and on what framework.',
    questions: [
      'Does the plan make clear the balance between scrutiny (finding out what is happening) and learning (making sense of why, leading to assurance, challenge or change)?',
      'Does the plan set a time span (for example three years, reviewed yearly or more often) rather than seeking every change in the first 12 months?',
      'Is the framework underpinning the new arrangements and their overall approach clear?',
      'Does the plan use the term Multi Agency Safeguarding Arrangement (MASA) rather than “Board”, whatever its local title?',
    ],
  },
  {
    key: 'vision',
    title: 'Shared vision',
    summary: 'The vision, principles, priorities and behaviours shared by all partners.',
    questions: [
      'Does the plan show how positive outcomes for children and young people are a key element in the wider local formula, and how the focus on safeguarding joint working is informed by and informs this?',
      'How does the expression of vision and priorities reflect current learning to result in a more effective, efficient and outcome-focused arrangement?',
    ],
  },
  {
    key: 'strategic-links',
    title: 'Strategic links',
    summary: 'Links to other strategic partnership work for children and families.',
    questions: [
      'What are the links to other boards and partnerships (health and wellbeing boards, adult safeguarding boards, Channel panels, community safety partnerships, the local family justice board, MAPPA)?',
      'How will the local arrangement fit with other partnerships?',
      'How will these arrangements build on current learning to result in a more effective, efficient and outcome-focused arrangement?',
    ],
  },
  {
    key: 'partners',
    title: 'Safeguarding partners and relevant agencies',
    summary: 'Who the partners and relevant agencies are, and how they work together.',
    questions: [
      'Why have these organisations and agencies been chosen, and how will they collaborate to improve outcomes for children and families?',
      'How do partner organisations and agencies collaborate, share and co-own the vision for improving outcomes for vulnerable children?',
      'How do organisations and agencies challenge appropriately and hold one another to account?',
      'How are new safeguarding issues and emerging threats identified and analysed early?',
      'How is information shared to make decisions for children and families more accurate and timely?',
      'How will all early years settings, schools (including independent schools, academies and free schools) and other educational establishments be included?',
    ],
  },
  {
    key: 'leadership',
    title: 'Leadership and governance',
    summary: 'How the arrangements are determined, structured, governed, held to account and reviewed.',
    questions: [
      'What leadership arrangements have the safeguarding partners put in place?',
      'Is there a clear process for resolving disputes if the three safeguarding partners cannot agree?',
      'How do the partners share responsibility for managing staff, budget and resources?',
      'Where do the arrangements stand on data protection, public interest exemptions, information management and GDPR?',
      'What steps ensure there is no conflict of interest in the outcomes of independent scrutiny and assurance?',
      'What powers remain or are needed to fulfil the guidance and legislation?',
      'What is the position on independent scrutineers, chairs or lay members?',
      'How will services or resources for the arrangements be procured?',
    ],
  },
  {
    key: 'practice-reviews',
    title: 'Child safeguarding practice reviews',
    summary: 'How serious cases are identified, notified, reviewed and learned from.',
    questions: [
      'Are the right people round the table, and what is the preferred methodology for local reviews?',
      'How will rapid reviews be conducted, and with what capacity?',
      'How will notification to the National Panel be managed, and disagreements with the other partners or the Panel resolved?',
      'What capacity and arrangements are there for commissioning reviews, their delivery and quality assurance?',
      'How will learning be implemented and its impact known?',
      'How will these arrangements themselves be reviewed, and how do they fit within leadership and governance?',
    ],
  },
  {
    key: 'scrutiny',
    title: 'Scrutiny, assurance and learning',
    summary: 'Performance data and intelligence, quality assurance and independent scrutiny.',
    questions: [
      'What are the arrangements for identifying, collecting, collating and analysing data, including the common set of indicators?',
      'How will the arrangements show measurable outcomes of joint working practice rather than measures of process, and with what resources?',
      'How does quality assurance give direct line of sight to frontline practice and live conversations with practitioners?',
      'How does it hear directly from children, young people and families, and test how performance, practice and their voice connect?',
      'How will independent scrutiny be arranged (an independent scrutineer, peer review, a chair or the partners) and act as a constructive critical friend?',
      'How will the results of inspections, including joint targeted area inspections, be taken into account?',
    ],
  },
  {
    key: 'workforce',
    title: 'Practice learning, improvement and multi-agency training',
    summary: 'How those working with children have the knowledge and skills they need.',
    questions: [
      'What is the approach to, and who leads, multi-agency workforce development?',
      'What are the minimum standards and expectations, and how is assurance achieved against them?',
      'How are workforce development needs identified, and by whom?',
      'How is training linked to strategic priorities and to the outputs of scrutiny and learning?',
      'How is it overseen and resourced, and how does it fit with other local and regional arrangements?',
    ],
  },
  {
    key: 'child-death-review',
    title: 'Child death review',
    summary: 'The arrangements’ role in the child death review (CDOP) arrangements.',
    questions: [
      'What role, if any, do the arrangements have in the revised child death review arrangements?',
      'What are the implications for resources?',
    ],
  },
  {
    key: 'funding',
    title: 'Funding and resources',
    summary: 'Contributions agreed with partners and relevant agencies, in money and in kind.',
    questions: [
      'How, on what basis and by whom will the arrangements be funded?',
      'What notional values are placed on indirect contributions such as partners’ time?',
      'How far are costs fixed or flexible, and how will the arrangements show transparency, accountability and value?',
      'Where support is shared with other functions (such as the safeguarding adults board), how is this managed?',
      'How will shared funding or costs be approached across local arrangements and regionally?',
    ],
  },
  {
    key: 'voice',
    title: 'Voice and engagement',
    summary: 'How the views of children and families shape the arrangements.',
    questions: [
      'How will the arrangements emphasise listening to children in joint working practice and in scrutiny, assurance and learning?',
      'How are children’s and young people’s views included in governance, setting priorities and reporting?',
      'What forms will this take, and what resources does it need?',
      'How will partners show that the voice of the child is captured in all frontline practice and shared to improve the arrangements?',
      'How does this fit with other local and regional approaches?',
    ],
  },
  {
    key: 'yearly-report',
    title: 'Yearly report and review',
    summary: 'How the required report is agreed, reviewed and published, at least every 12 months.',
    questions: [
      'What are the arrangements to agree, review and publish the report showing how the arrangements work, how effective they are, what was learned and how they will change?',
      'How often will it be produced (at least every 12 months), and how does it show the approach to independent scrutiny?',
    ],
  },
  {
    key: 'escalation',
    title: 'Escalation and dispute resolution',
    summary: 'How disputes are escalated and resolved.',
    questions: ['What are the arrangements to escalate disputes and resolve them?'],
  },
  {
    key: 'information-sharing',
    title: 'Information sharing',
    summary: 'How information and referrals are managed across early help and statutory work.',
    questions: [
      'How will information and referrals be managed across early help, statutory interventions and thresholds?',
      'As a consequence, how will risk and vulnerability be managed?',
    ],
  },
  {
    key: 'thresholds',
    title: 'Thresholds',
    summary: 'The approach to thresholds and their place in scrutiny and assurance.',
    questions: [
      'What is the position and approach of the arrangements to thresholds, and how are their purpose understood?',
      'What expectations arise from published thresholds, and how will they be set and reviewed?',
      'How far does the approach embrace single and multi-agency pathways, and developments such as MASH and early help?',
      'How far will thresholds form part of the scrutiny and assurance arrangements?',
    ],
  },
  {
    key: 'section-11-175',
    title: 'Section 11 and Section 157/175',
    summary:
      'How partners’ duties under Section 11 (Children Act 2004) and 157/175 (Education Act 2002) are assured.',
    questions: [
      'How will assurance be sought, and how will partners be made aware of and supported in their duties?',
      'What approach will be taken, who will be included and how often?',
    ],
  },
  {
    key: 'vulnerability',
    title: 'Focus on vulnerability and risk',
    summary: 'How priority is given to specific risks and vulnerable groups.',
    questions: [
      'Whether, on what basis and how will the arrangements focus on specific areas of risk or vulnerable groups?',
      'Whether, on what basis and how will they focus on thematic issues or areas of practice?',
    ],
  },
] as const satisfies readonly PlanSection[]

export type SectionKey = (typeof SECTIONS)[number]['key']
export const SECTION_KEYS = SECTIONS.map((section) => section.key) as SectionKey[]

export const sectionOf = (key: string): PlanSection | undefined => SECTIONS.find((s) => s.key === key)

/** A guiding question's id within its section: q1, q2, … */
export const questionId = (index: number) => `q${index + 1}`
export const questionIdsOf = (section: PlanSection) => section.questions.map((_q, i) => questionId(i))

export const PARTNER_KINDS = {
  'safeguarding-partner': 'Lead safeguarding partner',
  'relevant-agency': 'Relevant agency',
  school: 'School, college or early years setting',
  other: 'Other partner',
} as const
export type PartnerKind = keyof typeof PARTNER_KINDS
