// The signed-off record as a PDF (pdfkit), laid out from the same document as the print page, the
// API and the webhook, so every copy says the same thing.

import PDFDocument from 'pdfkit'
import { govukDate, govukDateTime } from '../../platform/http/dates.ts'
import type { RecordDocument } from '../rules/record-document.ts'

type Pdf = InstanceType<typeof PDFDocument>

const heading = (pdf: Pdf, text: string) =>
  pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.2)
const field = (pdf: Pdf, label: string, value: string | null | undefined) =>
  pdf
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(`${label}: `, { continued: true })
    .font('Helvetica')
    .text(value || '—')
const paragraph = (pdf: Pdf, value: string) => pdf.font('Helvetica').fontSize(10).text(value)

export function recordPdf(document: RecordDocument, partnershipName: string): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Strategy discussion ${document.reference}` },
  })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))))
  pdf.font('Helvetica').fontSize(9).text(`OFFICIAL-SENSITIVE · ${partnershipName}`)
  pdf.moveDown().font('Helvetica-Bold').fontSize(18).text(`Strategy discussion record ${document.reference}`)
  field(
    pdf,
    'Child',
    `${document.child.name}${document.child.dateOfBirth ? `, born ${govukDate(document.child.dateOfBirth)}` : ''}`,
  )
  const { meeting } = document
  field(
    pdf,
    'Meeting',
    meeting.date
      ? `${govukDate(meeting.date)} at ${meeting.time} (${meeting.format}), ${meeting.location}`
      : 'Not booked',
  )
  heading(pdf, 'Attendance')
  for (const a of document.attendance)
    paragraph(
      pdf,
      `${a.agency}: ${a.attended ? `attended${a.attendee ? ` (${a.attendee})` : ''}` : 'did not attend'}`,
    )
  const record = document.record
  if (record) {
    heading(pdf, 'Information shared')
    paragraph(pdf, record.informationShared)
    heading(pdf, 'Analysis of risk')
    paragraph(pdf, record.riskAnalysis)
    heading(pdf, 'Decision')
    field(pdf, 'Decision', record.decisionLabel)
    field(pdf, 'Reasons', record.decisionReasons)
    field(pdf, 'Police investigation', record.policeDecisionLabel)
    field(
      pdf,
      'Shared with the family',
      `${record.familySharing}${record.familySharingOn ? ` (on ${govukDate(record.familySharingOn)})` : ''}`,
    )
    if (record.icpcDueBy)
      field(pdf, 'Initial child protection conference due by', govukDate(record.icpcDueBy))
  }
  heading(pdf, 'Actions')
  if (document.actions.length === 0) paragraph(pdf, 'None')
  for (const a of document.actions)
    paragraph(pdf, `${a.position}. ${a.description} — ${a.owner}, ${a.ownerAgency}; by ${govukDate(a.dueBy)}`)
  if (document.signedOff) {
    heading(pdf, 'Sign-off')
    field(pdf, 'Signed off by', document.signedOff.by)
    field(pdf, 'Signed off at', govukDateTime(document.signedOff.at))
  }
  pdf.end()
  return done
}
