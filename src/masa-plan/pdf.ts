// The MASA plan as a PDF (pdfkit, through the meetings block's record layout, as the yearly report
// prints): each section's text, the registers, the review points, then, for a published version,
// which of the three lead safeguarding partners signed it off and which have not yet. The working
// draft prints the same way, every page marked "Draft, not published", with the sections not yet written.

import { meetingRecordPdf } from '../meetings/index.ts'
import { govukDate, govukDateTime } from '../platform/http/dates.ts'
import type { PARTNER_KINDS } from './sections.ts'
import type { SignoffRow } from './store.ts'

/** The plan as its page reads it (pages.ts `forReading`). */
export interface PrintedPlan {
  partnershipName: string
  sections: { title: string; paragraphs: string[] }[]
  partners: { name: string; kind: keyof typeof PARTNER_KINDS; role?: string }[]
  contributions: { partner: string; yearName: string; amount: string | null; inKind?: string }[]
  reviewPoints: { due: string; what: string }[]
  /** When the version was published; for the working draft, when it was printed. */
  at: Date
  /** A published version and its sign-off; absent for the working draft. */
  published?: {
    version: number
    signing: { name: string; signoff?: Pick<SignoffRow, 'signed_by_name' | 'signed_at'> | undefined }[]
  }
}

export const DRAFT_MARK = 'Draft, not published'

export const masaPlanPdf = (plan: PrintedPlan, kinds: typeof PARTNER_KINDS): Promise<Buffer> => {
  const { published } = plan
  const heading = published ? `MASA plan, version ${published.version}` : 'MASA plan: working draft'
  return meetingRecordPdf(
    {
      title: `${plan.partnershipName}: ${heading}${published ? '' : ` (${DRAFT_MARK.toLowerCase()})`}`,
      heading,
      partnershipName: plan.partnershipName,
      ...(published ? {} : { mark: DRAFT_MARK }),
    },
    (page) => {
      page.paragraph(
        published
          ? `Published ${govukDateTime(plan.at)}.`
          : `The plan as it stood on ${govukDateTime(plan.at)}: a working draft, not published and not signed off.`,
      )
      for (const section of plan.sections) {
        page.heading(section.title)
        if (section.paragraphs.length === 0) page.paragraph('Not written yet')
        for (const paragraph of section.paragraphs) page.paragraph(paragraph)
      }
      page.heading('Partners and relevant agencies')
      for (const p of plan.partners) page.field(p.name, `${kinds[p.kind]}${p.role ? `: ${p.role}` : ''}`)
      page.heading('Funding and in-kind contributions')
      if (plan.contributions.length === 0) page.paragraph('None')
      for (const c of plan.contributions)
        page.field(
          `${c.partner}, ${c.yearName}`,
          [c.amount, c.inKind ? `in kind, ${c.inKind}` : null].filter(Boolean).join(' and '),
        )
      page.heading('Review points')
      if (plan.reviewPoints.length === 0) page.paragraph('None')
      for (const r of plan.reviewPoints) page.field(govukDate(r.due), r.what)
      if (!published) return
      page.heading('Sign-off by the lead safeguarding partners')
      for (const p of published.signing)
        page.field(
          p.name,
          p.signoff
            ? `Signed off by ${p.signoff.signed_by_name}, ${govukDateTime(p.signoff.signed_at)}`
            : 'Not yet signed off',
        )
    },
  )
}
