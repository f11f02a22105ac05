// The scrutineer's workspace: the least data the task needs, in one place, for one reporting year.
// Each panel is a section of the yearly report's figures (src/yearly-report yearFigures, each from its
// owning capability's aggregate): counts, percentages and grades only, never a child, a reference or
// a person's name. The use case
// (workflow.ts) has asked the policy and holds the audited transaction.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import { type IsoDate, toIsoDate } from '../platform/calendar/working-days.ts'
import {
  LEAD_PARTNERS,
  reportingYear,
  type SectionKey,
  yearFigures,
  yearlyReportStatus,
} from '../yearly-report/index.ts'

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

/** The workspace's panels, in order: the yearly report's sections the scrutineer reads, each with the owning capability's own page. */
const PANELS: readonly { key: SectionKey; title: string; link?: Panel['link'] }[] = [
  {
    key: 'performance',
    title: 'Performance against the partnership’s standards',
    link: { href: '/intelligence', text: 'The performance dashboard' },
  },
  { key: 'audits', title: 'Multi-agency case audits: what they found' },
  {
    key: 'reviews',
    title: 'Serious incidents and reviews',
    link: { href: '/reviews', text: 'Serious incidents, without the children’s identities' },
  },
  {
    key: 'self-assessment',
    title: 'Section 11 and Section 175/157 self-assessment',
    link: { href: '/self-assessment', text: 'The returns and their ratings' },
  },
  {
    key: 'escalations',
    title: 'Professional disagreements, by the stage each reached',
    link: { href: '/disagreements/report', text: 'The disagreements report' },
  },
  {
    key: 'voice',
    title: 'What children, families and practitioners told us',
    link: { href: '/voice', text: 'What you told us, and what we changed' },
  },
  {
    key: 'lado',
    title: 'Allegations against people who work with children (LADO)',
    link: { href: '/lado/report', text: 'The LADO’s figures' },
  },
]

/** One reporting year's panels, up to today while the year runs: the yearly report's figures and where the report stands. */
export async function workspaceFigures(
  db: Kysely<DB>,
  partnership: PartnershipConfig,
  startYear: number,
  now: Date,
): Promise<Workspace> {
  const year = reportingYear(startYear)
  const today = toIsoDate(now)
  const to = (year.to < today ? year.to : today) as IsoDate
  const figures = await yearFigures(db, partnership, year, now, to)
  const report = await yearlyReportStatus(db, startYear)
  return {
    yearName: year.name,
    startYear,
    upTo: to,
    panels: [...PANELS.map((panel) => ({ ...panel, ...figures[panel.key] })), reportPanel(report)],
  }
}

function reportPanel(report: Awaited<ReturnType<typeof yearlyReportStatus>>): Panel {
  return {
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
  }
}
