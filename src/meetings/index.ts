// What other capabilities may use of meetings: the building block every multi-agency meeting about a
// child is made of (strategy discussions and conferences now; MACE meetings, rapid reviews and
// learning reviews next). Each kind keeps its own tables, quorum and timescales, and passes them in.

export { inviteesFromForm } from './forms.ts'
export {
  type CalendarInvitation,
  calendarAttachment,
  londonInstant,
  sendCalendarInvitation,
  serviceLink,
} from './ics.ts'
export { meetingRecordPdf, type RecordPage } from './pdf.ts'
export {
  agenciesServing,
  agencyName,
  agencyOf,
  attendingOf,
  awaitingAcknowledgement,
  checkInvitees,
  type Invitee,
  invitationsQuorumProblem,
  inviteeFormField,
  isBookedLate,
  lateBookingProblem,
  meetingResource,
  notStartedProblem,
  partsFor,
  type QuoracyRule,
} from './rules.ts'
export {
  INVITATION_REPLIES,
  type InvitationReply,
  InvitationReplyBody,
  Invitee as InviteeSchema,
  invitationReplyCheck,
} from './schemas.ts'
export { invitationColumns } from './store.ts'
export { authorizeMeeting, queueMeetingEmails } from './workflow.ts'
