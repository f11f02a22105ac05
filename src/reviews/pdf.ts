// The rapid review record as a PDF for the Panel (pdfkit, through the meetings block).

import { meetingRecordPdf } from '../meetings/index.ts'
import { govukDate } from '../platform/http/dates.ts'
import type { IncidentView } from './presenting.ts'

export const rapidReviewPdf = (view: IncidentView, partnershipName: string): Promise<Buffer> =>
  meetingRecordPdf(
    {
      title: `Rapid review ${view.reference}`,
      heading: `Rapid review ${view.reference}`,
      partnershipName,
    },
    (page) => {
      page.field('Child', view.child)
      page.field('Local authority', view.laName)
      page.field('Learned of the incident', govukDate(view.learnedOn))
      page.field('Notified to the Panel', view.notifiedOn ? govukDate(view.notifiedOn) : 'Not yet')
      page.field('Rapid review meeting', view.meetingOn ? govukDate(view.meetingOn) : 'Not yet held')
      page.heading('Facts')
      page.paragraph(view.record?.facts ?? '')
      page.heading('Immediate safeguarding actions')
      page.paragraph(view.record?.immediateActions ?? '')
      page.heading('Learning identified')
      page.paragraph(view.record?.learning ?? '')
      page.heading('Local child safeguarding practice review')
      page.field('Recommendation', view.record?.lcspr)
      page.paragraph(view.record?.lcsprReason ?? '')
      page.heading('Agencies’ contributions')
      for (const part of view.parts)
        page.field(part.agency, part.submitted ? 'Chronology and learning given' : 'Not given')
    },
  )
