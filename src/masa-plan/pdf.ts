// A published version of the MASA plan as a PDF (pdfkit, through the meetings block's record layout,
// as the yearly report prints): each section's text, the registers, the review points, then which of
// the three lead safeguarding partners signed it off and which have not yet.

import { meetingRecordPdf } from '../meetings/index.ts'
import { govukDate, govukDateTime } from '../platform/http/dates.ts'
import type { PARTNER_KINDS } from './sections.ts'
import type { SignoffRow } from './store.ts'

/** A published version as its page reads it (pages.ts `forReading`). */
export interface PrintedPlan {
  version: number
  publishedAt: Date
  partnershipName: string
  sections: { title: string; paragraphs: string[] }[]
  partners: { name: string; kind: keyof typeof PARTNER_KINDS; role?: string }[]
  contributions: { partner: string; yearName: string; amount: string | null; inKind?: string }[]
  reviewPoints: { due: string; what: string }[]
  signing: { name: string; signoff?: Pick<SignoffRow, 'signed_by_name' | 'signed_at'> | undefined }[]
}

export const masaPlanPdf = (plan: PrintedPlan, kinds: typeof PARTNER_KINDS): Promise<Buffer> =>
  meetingRecordPdf(
    {
      title: `${plan.partnershipName}: MASA plan, version ${plan.version}`,
      heading: `MASA plan, version ${plan.version}`,
      partnershipName: plan.partnershipName,
    },
    (page) => {
      page.paragraph(`Published ${govukDateTime(plan.publishedAt)}.`)
      for (const section of plan.sections) {
        page.heading(section.title)
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
      page.heading('Sign-off by the lead safeguarding partners')
      for (const p of plan.signing)
        page.field(
          p.name,
          p.signoff
            ? `Signed off by ${p.signoff.signed_by_name}, ${govukDateTime(p.signoff.signed_at)}`
            : 'Not yet signed off',
        )
    },
  )
