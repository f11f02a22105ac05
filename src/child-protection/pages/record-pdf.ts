// The signed-off strategy discussion record as a PDF, laid out from the same document as the print
// page, the API and the webhook, so every copy says the same thing.

import { meetingRecordPdf } from '../../meetings/index.ts'
import { govukDate, govukDateTime } from '../../platform/http/dates.ts'
import type { RecordDocument } from '../rules/record-document.ts'

export function recordPdf(document: RecordDocument, partnershipName: string): Promise<Buffer> {
  const layout = {
    title: `Strategy discussion ${document.reference}`,
    heading: `Strategy discussion record ${document.reference}`,
    partnershipName,
  }
  return meetingRecordPdf(layout, ({ heading, field, paragraph }) => {
    field(
      'Child',
      `${document.child.name}${document.child.dateOfBirth ? `, born ${govukDate(document.child.dateOfBirth)}` : ''}`,
    )
    const { meeting } = document
    field(
      'Meeting',
      meeting.date
        ? `${govukDate(meeting.date)} at ${meeting.time} (${meeting.format}), ${meeting.location}`
        : 'Not booked',
    )
    if (meeting.chair) field('Chair', meeting.chair)
    heading('Attendance')
    for (const a of document.attendance)
      paragraph(
        `${a.agency}: ${a.attended ? `attended${a.attendee ? ` (${a.attendee})` : ''}` : 'did not attend'}`,
      )
    const { record } = document
    if (record) {
      heading('Information shared')
      paragraph(record.informationShared)
      heading('Analysis of risk')
      paragraph(record.riskAnalysis)
      heading('Decision')
      field('Decision', record.decisionLabel)
      field('Reasons', record.decisionReasons)
      field('Police investigation', record.policeDecisionLabel)
      field(
        'Shared with the family',
        `${record.familySharing}${record.familySharingOn ? ` (on ${govukDate(record.familySharingOn)})` : ''}`,
      )
      if (record.icpcDueBy) field('Initial child protection conference due by', govukDate(record.icpcDueBy))
    }
    heading('Actions')
    if (document.actions.length === 0) paragraph('None')
    for (const a of document.actions)
      paragraph(`${a.position}. ${a.description} — ${a.owner}, ${a.ownerAgency}; by ${govukDate(a.dueBy)}`)
    if (document.signedOff) {
      heading('Sign-off')
      field('Signed off by', document.signedOff.by)
      field('Signed off at', govukDateTime(document.signedOff.at))
    }
  })
}
