// Learning briefings in people's words: the sections with their headings, the reach by agency and by
// role (names, not ids), the themes-by-year grid, and the briefing as a PDF (through the meetings block).

import { ROLE_LABELS } from '../identity/index.ts'
import { agencyName, meetingRecordPdf } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config.ts'
import type { Role } from '../platform/access/actor.ts'
import { toIsoDate } from '../platform/calendar/working-days.ts'
import type { ExportColumn } from '../platform/exports/list-export.ts'
import { govukDate } from '../platform/http/dates.ts'
import { percent, reachBy, SECTIONS, type ThemeCount, themesOf } from './rules.ts'
import type { BriefingRow, RecipientRow } from './store.ts'

export const roleWords = (role: string) => ROLE_LABELS[role as Role] ?? role

/** Every role a briefing may be sent to, as choices. */
export const roleChoices = () =>
  (Object.entries(ROLE_LABELS) as [Role, string][]).map(([value, text]) => ({ value, text }))

export const themeWords = (partnership: PartnershipConfig, ids: readonly string[]) =>
  ids.map((id) => themesOf(partnership).find((theme) => theme.id === id)?.label ?? id)

/** The briefing's sections with their headings, the empty optional one left out. */
export const sectionsOf = (briefing: BriefingRow) =>
  SECTIONS.map((section) => ({ heading: section.heading, text: briefing[section.column] ?? '' })).filter(
    (section) => section.text.trim() !== '',
  )

/** Sent and acknowledged by agency and by role, in words, with the people still to acknowledge. */
export function reachView(partnership: PartnershipConfig, recipients: readonly RecipientRow[]) {
  const rows = (keyOf: (recipient: RecipientRow) => string, words: (key: string) => string) =>
    reachBy(recipients, keyOf).map((reach) => ({
      label: words(reach.key),
      sent: reach.sent,
      acknowledged: reach.acknowledged,
      reminded: reach.reminded,
      percent: percent(reach),
    }))
  const [total] = reachBy(recipients, () => 'all')
  return {
    total: total ? { ...total, percent: percent(total) } : undefined,
    byAgency: rows(
      (r) => r.agency_id,
      (id) => agencyName(partnership, id),
    ),
    byRole: rows((r) => r.role, roleWords),
    waiting: recipients
      .filter((r) => !r.acknowledged_at)
      .map((r) => ({
        name: r.user_name,
        agency: agencyName(partnership, r.agency_id),
        role: roleWords(r.role),
      })),
  }
}

const day = (at: Date | null) => (at ? toIsoDate(at) : null)

/** The columns of the download of who a briefing reached: people's names, never a child's. */
export const reachColumns = (partnership: PartnershipConfig): ExportColumn<RecipientRow>[] => [
  { header: 'Name', value: (r) => r.user_name },
  { header: 'Agency', value: (r) => agencyName(partnership, r.agency_id) },
  { header: 'Role', value: (r) => roleWords(r.role) },
  { header: 'Sent', value: (r) => day(r.sent_at) },
  { header: 'Last sent', value: (r) => day(r.last_sent_at) },
  { header: 'Times sent', value: (r) => r.times_sent },
  { header: 'Reminded', value: (r) => day(r.reminded_at) },
  { header: 'Read', value: (r) => (r.acknowledged_at ? 'Yes' : 'Not yet') },
  { header: 'Read on', value: (r) => day(r.acknowledged_at) },
]

/** Themes down, years across: each cell the serious incidents, reviews and briefings of that theme and year. */
export function themesGrid(partnership: PartnershipConfig, counts: readonly ThemeCount[]) {
  const years = [...new Set(counts.map((count) => count.year))].sort()
  const rows = themesOf(partnership)
    .map((theme) => ({
      label: theme.label,
      cells: years.map((year) => {
        const count = counts.find((each) => each.theme === theme.id && each.year === year)
        return {
          incidents: count?.incidents ?? 0,
          reviews: count?.reviews ?? 0,
          briefings: count?.briefings ?? 0,
        }
      }),
    }))
    .filter((row) => row.cells.some((cell) => cell.incidents > 0 || cell.reviews > 0 || cell.briefings > 0))
  return { years, rows }
}

export const briefingPdf = (
  briefing: BriefingRow,
  partnership: PartnershipConfig,
  incidentReference?: string,
): Promise<Buffer> =>
  meetingRecordPdf(
    {
      title: briefing.title,
      heading: `7-minute briefing: ${briefing.title}`,
      partnershipName: partnership.partnership.name,
    },
    (page) => {
      if (briefing.published_at) page.field('Sent', govukDate(toIsoDate(briefing.published_at)))
      page.field('Themes', themeWords(partnership, briefing.themes).join(', '))
      if (incidentReference) page.field('From the review of', incidentReference)
      for (const section of sectionsOf(briefing)) {
        page.heading(section.heading)
        page.paragraph(section.text)
      }
    },
  )
