// Signed-off records as PDFs (the strategy discussion's and the conference's), each laid out from the
// same document as its print page, the API and the webhook, so every copy says the same thing. Both
// open with the child and the meeting and close with the sign-off, written the same way here.

import { meetingRecordPdf, type RecordPage } from '../../meetings/index.ts'
import { govukDate, govukDateTime } from '../../platform/http/dates.ts'
import type { ConferenceRecordDocument } from '../rules/conference-record.ts'
import type { RecordDocument } from '../rules/record-document.ts'

function childField({ field }: RecordPage, child: { name: string; dateOfBirth?: string | null }) {
  field('Child', `${child.name}${child.dateOfBirth ? `, born ${govukDate(child.dateOfBirth)}` : ''}`)
}

function signOffSection({ heading, field }: RecordPage, signedOff: { by: string | null; at: string } | null) {
  if (!signedOff) return
  heading('Sign-off')
  field('Signed off by', signedOff.by)
  field('Signed off at', govukDateTime(signedOff.at))
}

export function recordPdf(document: RecordDocument, partnershipName: string): Promise<Buffer> {
  const layout = {
    title: `Strategy discussion ${document.reference}`,
    heading: `Strategy discussion record ${document.reference}`,
    partnershipName,
  }
  return meetingRecordPdf(layout, (page) => {
    const { heading, field, paragraph } = page
    childField(page, document.child)
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
      if (record.childWords) {
        heading('The child’s own words')
        paragraph(record.childWords)
      }
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
    signOffSection(page, document.signedOff)
  })
}

export function conferenceRecordPdf(
  document: ConferenceRecordDocument,
  partnershipName: string,
): Promise<Buffer> {
  const layout = {
    title: `Conference ${document.reference}`,
    heading: `${document.kind} record ${document.reference}`,
    partnershipName,
  }
  return meetingRecordPdf(layout, (page) => {
    const { heading, field, paragraph } = page
    childField(page, document.child)
    const { meeting, decision } = document
    field('Meeting', `${govukDate(meeting.date)} at ${meeting.time}, ${meeting.location}`)
    if (meeting.chair) field('Chair', meeting.chair)
    heading('Agencies')
    for (const a of document.attendance)
      paragraph(
        `${a.agency}: ${a.attended ? 'attended' : 'did not attend'}; ${a.reportSent ? 'report sent' : 'no report'}`,
      )
    heading('Parents, the child and advocates')
    if (document.participants.length === 0) paragraph('None invited')
    for (const p of document.participants) {
      field(`${p.name} (${p.relationship})`, p.attended ? 'attended' : 'did not attend')
      if (p.views) paragraph(`Their views, in their own words: ${p.views}`)
    }
    if (document.minutes) {
      heading('What the conference discussed')
      paragraph(document.minutes.discussion)
      heading('Analysis of risk')
      paragraph(document.minutes.riskAnalysis)
    }
    heading('Decision')
    field('Decision', decision.inWords)
    if (decision.reasons) field('Reasons', decision.reasons)
    for (const d of decision.dissent) field(`Dissent: ${d.agency}`, d.view)
    if (decision.planSummary) field('Outline plan', decision.planSummary)
    if (decision.coreGroup.length) field('Core group', decision.coreGroup.join(', '))
    if (decision.coreGroupFirstMeetingOn)
      field('First core group meeting', govukDate(decision.coreGroupFirstMeetingOn))
    signOffSection(page, document.signedOff)
  })
}
