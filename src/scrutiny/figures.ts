// The scrutineer's workspace: the least data the task needs, in one place, for one reporting year.
// Each panel is read from its owning capability's aggregate (through its index.ts): counts,
// percentages and grades only, never a child, a reference or a person's name. The use case
// (workflow.ts) has asked the policy and holds the audited transaction.

import type { Kysely } from 'kysely'
import { actionFigures } from '../actions/index.ts'
import { auditFigures } from '../case-audits/index.ts'
import type { DB } from '../database.ts'
import { disagreementFigures } from '../escalation/index.ts'
import { performanceFigures } from '../intelligence/index.ts'
import { ladoYearlyFigures } from '../lado/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import { reviewFigures } from '../reviews/index.ts'
import { selfAssessmentFigures } from '../self-assessment/index.ts'
import { type VoiceFigures, voiceFigures } from '../voice/index.ts'
import { LEAD_PARTNERS, reportingYear, yearlyReportStatus } from '../yearly-report/index.ts'

type Cell = string | number
export interface Panel {
  key: string
  title: string
  /** The owning capability's own page, where the scrutineer reads more (as the policy lets them). */
  link?: { href: string; text: string }
  facts: { label: string; value: Cell }[]
  tables: { caption: string; head: string[]; rows: Cell[][] }[]
}

export interface Workspace {
  yearName: string
  startYear: number
  /** The day the figures run to: the year's end, or today while the year runs. */
  upTo: IsoDate
  panels: Panel[]
}

const percent = (value: number | null) => (value === null ? 'Nothing measured' : `${value}%`)
const RAG = { green: 'Meets the standard', amber: 'Close to the standard', red: 'Below the standard' }

/** The workspace's figures for the reporting year starting in April of `startYear`. */
export async function workspaceFigures(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  startYear: number,
  now: Date,
): Promise<Workspace> {
  const year = reportingYear(startYear)
  const today = toIsoDate(now)
  const from = year.from as IsoDate
  const to = (year.to < today ? year.to : today) as IsoDate
  const lastMonth = to.slice(0, 7)

  const standards = await performanceFigures(db, partnership, year.firstMonth, lastMonth, now)
  const audits = await auditFigures(db, from, to)
  const auditActions = await actionFigures(db, 'case-audit', audits.caseIds, today)
  const reviews = await reviewFigures(db, from, to)
  const reviewActions = await actionFigures(db, 'rapid-review', reviews.incidentIds, today)
  const selfAssessment = await selfAssessmentFigures(db, startYear)
  const escalations = await disagreementFigures(db, partnership, from, to)
  const voice = await voiceFigures(db, from, to)
  const lado = await ladoYearlyFigures(db, startYear, null)
  const report = await yearlyReportStatus(db, startYear)

  const panels: Panel[] = [
    {
      key: 'performance',
      title: 'Performance against the partnership’s standards',
      link: { href: '/intelligence', text: 'The performance dashboard' },
      facts: [{ label: 'Standards measured', value: standards.length }],
      tables: [
        {
          caption: 'Each standard over the year so far, across the partnership',
          head: ['Standard', 'Target', 'Result', 'Counted', 'Measured', 'Against the standard'],
          rows: standards.map((s) => [
            s.title,
            s.target,
            percent(s.value.percent),
            s.value.counted,
            s.value.total,
            s.value.rag ? RAG[s.value.rag] : 'Nothing measured',
          ]),
        },
      ],
    },
    {
      key: 'audits',
      title: 'Multi-agency case audits: what they found',
      facts: [
        { label: 'Audit programmes begun', value: audits.programmes },
        { label: 'Cases audited', value: audits.cases },
        { label: 'Agencies’ parts submitted', value: audits.partsSubmitted },
        { label: 'Cases moderated', value: audits.moderated },
        { label: 'Actions agreed at moderation', value: auditActions.agreed },
        { label: 'Of those, done', value: auditActions.done },
        { label: 'Of those, overdue', value: auditActions.overdue },
      ],
      tables: [
        {
          caption: 'Grades agreed at moderation',
          head: ['Grade', 'Cases'],
          rows: audits.grades.map((g) => [g.label, g.count]),
        },
      ],
    },
    {
      key: 'reviews',
      title: 'Serious incidents and reviews',
      link: { href: '/reviews', text: 'Serious incidents, without the children’s identities' },
      facts: [
        { label: 'Serious incidents', value: reviews.incidents },
        { label: 'Notified to the national Panel', value: reviews.notified },
        { label: 'Rapid reviews held', value: reviews.rapidReviews },
        { label: 'Local practice reviews recommended', value: reviews.lcsprRecommended },
        { label: 'Practice reviews published', value: reviews.practiceReviewsPublished },
        { label: 'Actions agreed at rapid reviews', value: reviewActions.agreed },
        { label: 'Of those, done', value: reviewActions.done },
        { label: 'Of those, overdue', value: reviewActions.overdue },
      ],
      tables: [],
    },
    {
      key: 'self-assessment',
      title: 'Section 11 and Section 175/157 self-assessment',
      link: { href: '/self-assessment', text: 'The returns and their ratings' },
      facts: selfAssessment.opened
        ? [
            { label: 'Challenges made by the partnership', value: selfAssessment.challenges },
            { label: 'Of those, answered', value: selfAssessment.answered },
          ]
        : [{ label: 'Self-assessment round', value: 'None opened for this year' }],
      tables: selfAssessment.opened
        ? [
            {
              caption: 'Returns',
              head: ['Framework', 'Started', 'Submitted'],
              rows: selfAssessment.returns.map((r) => [r.framework, r.started, r.submitted]),
            },
            {
              caption: 'Ratings in the submitted returns',
              head: ['Rating', 'Standards'],
              rows: selfAssessment.ratings.map((r) => [r.label, r.count]),
            },
          ]
        : [],
    },
    {
      key: 'escalations',
      title: 'Professional disagreements, by the stage each reached',
      link: { href: '/disagreements/report', text: 'The disagreements report' },
      facts: [
        { label: 'Disagreements raised', value: escalations.raised },
        { label: 'Resolved', value: escalations.resolved },
        { label: 'Still open', value: escalations.open },
        {
          label: 'Working days to resolve (median)',
          value: escalations.workingDaysToResolve.median ?? 'None resolved',
        },
      ],
      tables: [
        {
          caption: 'By the stage each reached',
          head: ['Stage', 'Raised', 'Resolved'],
          rows: escalations.byStage.map((s) => [`${s.label}: ${s.title}`, s.raised, s.resolved]),
        },
      ],
    },
    voicePanel(voice),
    {
      key: 'lado',
      title: 'Allegations against people who work with children (LADO)',
      link: { href: '/lado/report', text: 'The LADO’s figures' },
      facts: [
        { label: 'Allegations referred', value: lado.referred },
        { label: 'Concluded', value: lado.resolved },
      ],
      tables: [
        {
          caption: 'By outcome',
          head: ['Outcome', 'Allegations'],
          rows: lado.byOutcome.map((t) => [t.label, t.count]),
        },
      ],
    },
    {
      key: 'yearly-report',
      title: 'The yearly report',
      link: { href: '/yearly-report', text: 'The yearly report' },
      facts: !report.started
        ? [{ label: 'The report for this year', value: 'Not started' }]
        : [
            {
              label: 'The report for this year',
              value: report.publishedAt ? 'Published' : 'A draft, not yet published',
            },
            {
              label: 'Lead partners who signed the current draft',
              value:
                report.signedBy.length === 0
                  ? 'None yet'
                  : report.signedBy.map((partner) => LEAD_PARTNERS[partner]).join(', '),
            },
          ],
      tables: [],
    },
  ]
  return {
    yearName: year.name,
    startYear,
    upTo: to,
    panels: panels.map((panel) => ({
      ...panel,
      tables: panel.tables.filter((table) => table.rows.length > 0),
    })),
  }
}

/** What families and practitioners told us: counts of 1 to 4 read "fewer than 5" (src/voice). */
function voicePanel(voice: VoiceFigures): Panel {
  const answers = (audience: 'family' | 'practitioner', caption: string) => ({
    caption,
    head: ['Question', 'Yes', 'Partly', 'No'],
    rows:
      voice.answered[audience] === '0'
        ? []
        : voice.themes[audience].flatMap((theme) =>
            theme.questions.map((question) => [
              question.text,
              ...question.counts.map((count) => count.shown),
            ]),
          ),
  })
  return {
    key: 'voice',
    title: 'What children, families and practitioners told us',
    link: { href: '/voice', text: 'What you told us, and what we changed' },
    facts: [
      { label: 'Families who answered the survey after a conference', value: voice.answered.family },
      { label: 'Practitioners who answered the survey after a meeting', value: voice.answered.practitioner },
      { label: 'Changes made because of what we were told', value: voice.changes.length },
    ],
    tables: [
      answers('family', 'What families told us'),
      answers('practitioner', 'What practitioners told us'),
    ],
  }
}
