// The report's sections assembled from live data for a reporting year, each from its capability's
// exported aggregate (counts and percentages only, never a child, a reference or a person's name).
// The caller (workflow.ts) has asked the policy and holds the audited transaction.

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
import { trainingFigures } from '../training/index.ts'
import { type VoiceFigures, voiceFigures } from '../voice/index.ts'
import { type ReportingYear, SECTIONS, type Section, type SectionKey } from './rules.ts'

/** A section's figures: its facts and tables, before its title and narrative. */
type SectionFigures = Omit<Section, 'key' | 'title' | 'narrative'>

const percent = (value: number | null) => (value === null ? 'Nothing measured' : `${value}%`)
const RAG = { green: 'Meets the standard', amber: 'Close to the standard', red: 'Below the standard' }

export async function assembleSections(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  year: ReportingYear,
  now: Date,
  narratives: ReadonlyMap<SectionKey, string>,
): Promise<Section[]> {
  const figures = await yearFigures(db, partnership, year, now, year.to as IsoDate)
  return (Object.keys(SECTIONS) as SectionKey[]).map((key) => ({
    key,
    title: SECTIONS[key],
    ...figures[key],
    narrative: narratives.get(key) ?? null,
  }))
}

/**
 * Each section's figures for a reporting year up to a day (its end, or today while it runs), from
 * each capability's aggregate; tables with no rows are left out. The independent scrutineer's
 * workspace (src/scrutiny) reads the same figures.
 */
export async function yearFigures(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  year: ReportingYear,
  now: Date,
  upTo: IsoDate,
): Promise<Record<SectionKey, SectionFigures>> {
  const from = year.from as IsoDate
  const to = upTo
  const today = toIsoDate(now)

  const standards = await performanceFigures(db, partnership, year.firstMonth, to.slice(0, 7), now)
  const reviews = await reviewFigures(db, from, to)
  const reviewActions = await actionFigures(db, 'rapid-review', reviews.incidentIds, today)
  const audits = await auditFigures(db, from, to)
  const auditActions = await actionFigures(db, 'case-audit', audits.caseIds, today)
  const selfAssessment = await selfAssessmentFigures(db, year.startYear)
  const training = await trainingFigures(db, from, to)
  const escalations = await disagreementFigures(db, partnership, from, to)
  const voice = await voiceFigures(db, from, to)
  const lado = await ladoYearlyFigures(db, year.startYear, null)

  const figures: Record<SectionKey, SectionFigures> = {
    performance: {
      facts: [{ label: 'Standards measured', value: standards.length }],
      tables: [
        {
          caption: 'Each standard over the year, across the partnership',
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
    reviews: {
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
    audits: {
      facts: [
        { label: 'Audit programmes begun', value: audits.programmes },
        { label: 'Cases audited', value: audits.cases },
        { label: 'Agencies’ parts submitted', value: audits.partsSubmitted },
        { label: 'Cases moderated', value: audits.moderated },
        { label: 'Actions agreed at moderation', value: auditActions.agreed },
        { label: 'Of those, done', value: auditActions.done },
      ],
      tables: [
        {
          caption: 'Grades agreed at moderation',
          head: ['Grade', 'Cases'],
          rows: audits.grades.map((g) => [g.label, g.count]),
        },
      ],
    },
    'self-assessment': {
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
    training: {
      facts: [
        { label: 'Sessions held', value: training.sessions },
        { label: 'Places booked', value: training.overall?.booked ?? 0 },
        { label: 'Attended', value: training.overall?.attended ?? 0 },
        { label: 'Did not attend', value: training.overall?.didNotAttend ?? 0 },
        {
          label: 'Average rise in confidence (out of 5)',
          value: training.overall?.confidenceChange ?? 'Not yet evaluated',
        },
      ],
      tables: [
        {
          caption: 'Take-up by course',
          head: ['Course', 'Booked', 'Attended', 'Did not attend'],
          rows: training.byCourse.map((c) => [c.key, c.booked, c.attended, c.didNotAttend]),
        },
      ],
    },
    escalations: {
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
    voice: voiceSection(voice),
    lado: {
      facts: [
        { label: 'Allegations referred', value: lado.referred },
        { label: 'Concluded', value: lado.resolved },
        ...lado.timeliness.map((t) => ({
          label: `Concluded within ${t.months} month${t.months === 1 ? '' : 's'}`,
          value: `${t.percent}%`,
        })),
      ],
      tables: [
        {
          caption: 'By sector',
          head: ['Sector', 'Allegations'],
          rows: lado.bySector.map((t) => [t.label, t.count]),
        },
        {
          caption: 'By outcome',
          head: ['Outcome', 'Allegations'],
          rows: lado.byOutcome.map((t) => [t.label, t.count]),
        },
      ],
    },
  }
  return Object.fromEntries(
    (Object.keys(figures) as SectionKey[]).map((key) => [
      key,
      { ...figures[key], tables: figures[key].tables.filter((table) => table.rows.length > 0) },
    ]),
  ) as Record<SectionKey, SectionFigures>
}

/** Counts of 1 to 4 read "fewer than 5" (src/voice): no answer can be traced to a family. */
function voiceSection(voice: VoiceFigures): SectionFigures {
  const answersTable = (audience: 'family' | 'practitioner', caption: string) => ({
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
    facts: [
      { label: 'Families who answered the survey after a conference', value: voice.answered.family },
      { label: 'Practitioners who answered the survey after a meeting', value: voice.answered.practitioner },
      { label: 'Changes made because of what we were told', value: voice.changes.length },
    ],
    tables: [
      answersTable('family', 'What families told us'),
      answersTable('practitioner', 'What practitioners told us'),
      {
        caption: 'What we changed',
        head: ['Theme', 'What we changed'],
        rows: voice.changes.map((change) => [change.theme, change.whatWeChanged]),
      },
    ],
  }
}
