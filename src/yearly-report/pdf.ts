// The published yearly report as a PDF (pdfkit, through the meetings block's record layout): each
// section's figures, its tables as lines, and its narrative, then who signed it off.

import { meetingRecordPdf } from '../meetings/index.ts'
import { govukDateTime } from '../platform/http/dates.ts'
import type { Published } from './rules.ts'

export const yearlyReportPdf = (published: Published, partnershipName: string): Promise<Buffer> =>
  meetingRecordPdf(
    {
      title: `${partnershipName}: yearly report, ${published.yearName}`,
      heading: `Yearly report: ${published.yearName}`,
      partnershipName,
    },
    (page) => {
      for (const section of published.sections) {
        page.heading(section.title)
        for (const fact of section.facts) page.field(fact.label, String(fact.value))
        for (const table of section.tables) {
          page.paragraph(`${table.caption}:`)
          for (const row of table.rows)
            page.paragraph(
              `  ${row[0]}: ${row
                .slice(1)
                .map((cell, i) => `${table.head[i + 1]} ${cell}`)
                .join(', ')}`,
            )
        }
        page.paragraph(section.narrative ?? 'No narrative was written for this section.')
      }
      page.heading('Signed off by the lead safeguarding partners')
      for (const signoff of published.signoffs)
        page.field(signoff.partner, `${signoff.name}, ${govukDateTime(signoff.signedOn)}`)
    },
  )
