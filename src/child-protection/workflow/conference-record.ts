// A conference's record, beside its decision: business support invites the parents, the child and
// advocates and reads each agency's report before the parents get it; the chair writes the minutes
// with everyone's views and signs them off; each invited agency gets a copy to acknowledge. Each step
// is one audited transaction.

import { agencyName, queueMeetingEmails } from '../../meetings/index.ts'
import { audited, type Caller } from '../../platform/access/guard.ts'
import { RequestError } from '../../platform/http/errors.ts'
import { enqueueWebhook } from '../../platform/webhooks/store.ts'
import {
  conferenceRecordDocument,
  minutesAcknowledgeBy,
  minutesProblems,
  reportReviewProblems,
} from '../rules/conference-record.ts'
import {
  type ConferenceMinutes,
  conferenceMinutesCheck,
  type ParticipantInvitation,
  participantInvitationCheck,
  type ReportReview,
  reportReviewCheck,
} from '../schemas.ts'
import * as store from '../store/conference.ts'
import * as records from '../store/conference-record.ts'
import { findCaseTrail } from '../store/trail.ts'
import { authorizeForChild } from './access.ts'
import { openStep } from './conference.ts'
import {
  by,
  type ChildProtectionContext,
  checkInput,
  conferencePayload,
  listItemField,
  recordChildEvent,
  subjectOf,
  today,
} from './context.ts'

/** The conference as its organisers read it (business support, the chair): with every agency's report. */
export async function readForOrganiser(ctx: ChildProtectionContext, caller: Caller, id: string) {
  return audited(ctx.db, async (trx) => {
    const file = await store.findConferenceFile(trx, id)
    if (!file) throw new RequestError(404, 'No such conference')
    const { child_id, section47_id, plan_id } = file.conference
    const resource = await authorizeForChild(trx, caller, 'conference.schedule', child_id, {
      conferenceId: id,
    })
    const trail = await findCaseTrail(trx, child_id, { section47Id: section47_id, planId: plan_id })
    return { ...file, resource, trail }
  })
}

export const RECORD_CIRCULATED = 'conference.record-circulated'

/** Business support invites a parent, the child (by age and understanding) or an advocate. */
export async function inviteParticipant(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  invitation: ParticipantInvitation,
) {
  checkInput(participantInvitationCheck, invitation)
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'conference.schedule')
    await records.insertParticipant(trx, id, invitation, caller.actor.id)
    await recordChildEvent(
      trx,
      caller.actor,
      subjectOf(conference),
      'conference.participant-invited',
      `${invitation.name.trim()} (${invitation.relationship.trim()}) invited`,
      { ...conferencePayload(conference), role: invitation.role },
    )
  })
}

/**
 * Business support or the chair read an agency's report and say whether the parents get it; a report
 * withheld (third-party information, say) says why. Only reports to share go to the parents.
 */
export async function reviewReport(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  agencyId: string,
  review: ReportReview,
) {
  checkInput(reportReviewCheck, review, reportReviewProblems(review))
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'conference.schedule')
    const withheldReason = review.forParents === 'withhold' ? (review.withheldReason?.trim() ?? null) : null
    const forParents = review.forParents
    if (
      !(await records.writeReportReview(trx, id, agencyId, { forParents, withheldReason }, by(caller.actor)))
    )
      throw new RequestError(404, 'No report from this agency')
    const agency = agencyName(ctx.partnership, agencyId)
    await recordChildEvent(
      trx,
      caller.actor,
      subjectOf(conference),
      'conference.report-read',
      `${agency}’s report read: ${forParents === 'share' ? 'to be shared with the parents' : 'withheld from the parents'}`,
      { ...conferencePayload(conference), agencyId, forParents },
    )
  })
}

/** Once the decision is recorded, the chair writes the minutes with everyone's views (again until signed off). */
export async function saveMinutes(
  ctx: ChildProtectionContext,
  caller: Caller,
  id: string,
  minutes: ConferenceMinutes,
) {
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'conference.chair', false)
    if (conference.status === 'booked' || conference.status === 'cancelled')
      throw new RequestError(409, 'Record the conference’s decision before its minutes')
    const parts = await records.findRecordParts(trx, id)
    if (parts.minutes?.signed_off_at) throw new RequestError(409, 'The record is signed off')
    checkInput(
      conferenceMinutesCheck,
      minutes,
      minutesProblems(minutes, parts.participants),
      listItemField('participants', 'views', 'views'),
    )
    await records.writeMinutes(trx, id, minutes, by(caller.actor))
    await records.writeParticipantViews(trx, id, minutes.participants)
    await recordChildEvent(
      trx,
      caller.actor,
      subjectOf(conference),
      'conference.minuted',
      'Minutes written',
      {
        ...conferencePayload(conference),
        participantsAttending: minutes.participants.filter((p) => p.attended).length,
      },
    )
  })
}

/** The chair signs the record off: each invited agency gets a copy (email and webhook) to acknowledge. */
export async function signOffMinutes(ctx: ChildProtectionContext, caller: Caller, id: string) {
  const { actor } = caller
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'conference.chair', false)
    const parts = await records.findRecordParts(trx, id)
    if (!parts.minutes) throw new RequestError(409, 'Write the minutes before signing them off')
    if (parts.minutes.signed_off_at) throw new RequestError(409, 'The record is already signed off')
    const invited = await store.invitationsOf(trx, id)
    const dueBy = minutesAcknowledgeBy(today(ctx))
    const agencyIds = invited.map((i) => i.agency_id)
    await records.writeMinutesSignOff(trx, id, by(actor), dueBy, agencyIds)
    const subject = subjectOf(conference)
    const payload = conferencePayload(conference)
    await recordChildEvent(
      trx,
      actor,
      subject,
      'conference.record-signed-off',
      `Record signed off by ${actor.displayName}`,
      payload,
    )
    const circulated = await recordChildEvent(
      trx,
      actor,
      subject,
      RECORD_CIRCULATED,
      `Record sent to ${agencyIds.length} invited agencies`,
      { ...payload, agencyIds, acknowledgeBy: dueBy },
    )
    await queueMeetingEmails(
      trx,
      invited.map((i) => i.invitee_email),
      {
        templateId: 'conference-record',
        reference: payload.reference,
        fields: { record_link: `/conferences/${id}/minutes`, acknowledge_by: dueBy },
      },
    )
    const file = await store.findConferenceFile(trx, id)
    const trail = await findCaseTrail(trx, conference.child_id, {})
    if (!file) return
    const document = conferenceRecordDocument({ ...file, trail }, ctx.partnership)
    await enqueueWebhook(trx, {
      eventId: circulated.id,
      type: RECORD_CIRCULATED,
      occurredAt: circulated.occurredAt,
      agencyIds,
      data: document,
    })
  })
}

/** An invited agency acknowledges its copy of the record. */
export async function acknowledgeMinutes(ctx: ChildProtectionContext, caller: Caller, id: string) {
  const { actor } = caller
  return audited(ctx.db, async (trx) => {
    const { conference } = await openStep(trx, caller, id, 'event.acknowledge', false)
    if (!(await records.writeMinutesAcknowledgement(trx, id, actor.agencyId, by(actor))))
      throw new RequestError(409, 'Your agency has no unacknowledged copy of this record')
    await recordChildEvent(
      trx,
      actor,
      subjectOf(conference),
      'conference.record-acknowledged',
      `${agencyName(ctx.partnership, actor.agencyId)} acknowledged the record`,
      { ...conferencePayload(conference), agencyId: actor.agencyId },
    )
  })
}
