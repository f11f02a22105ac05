// Pure decisions about a conference's record: what the chair's minutes, a report read for the parents
// and a core group meeting need; when copies are acknowledged by; and the record as one document for
// the print page, the PDF and each agency's system. No I/O.

import { agencyName } from '../../meetings/index.ts'
import type { PartnershipConfig } from '../../partnership/config.ts'
import { addWorkingDays, type IsoDate } from '../../platform/calendar/working-days.ts'
import type { FieldProblem } from '../../platform/http/schemas.ts'
import type {
  ConferenceMinutes,
  CoreGroupMeeting,
  CpCategory,
  ParticipantRole,
  ReportReview,
} from '../schemas.ts'
import { type ConferenceFile, conferenceReference } from '../store/conference.ts'
import type { ParticipantRow } from '../store/conference-record.ts'
import type { CoreGroupRecord } from '../store/core-group.ts'
import { CONFERENCE_KIND_LABELS, CP_CATEGORY_LABELS } from './conference.ts'

export const PARTICIPANT_ROLE_LABELS: Record<ParticipantRole, string> = {
  parent: 'Parent or carer',
  child: 'The child',
  advocate: 'Advocate',
}

/** The plan is circulated within 24 hours of the conference (DOMAIN.md): its record signed off by then. */
export const conferenceRecordDueBy = (conferenceDate: IsoDate): IsoDate => addWorkingDays(conferenceDate, 1)

/** Each copy of the signed-off record is acknowledged within 1 working day. */
export const minutesAcknowledgeBy = (signedOffOn: IsoDate): IsoDate => addWorkingDays(signedOffOn, 1)

export function reportReviewProblems(review: Partial<ReportReview>): FieldProblem[] {
  if (review.forParents === 'withhold' && !review.withheldReason?.trim())
    return [
      {
        field: 'withheldReason',
        text: 'Enter why the report is withheld from the parents, for example it holds third-party information',
      },
    ]
  return []
}

/**
 * The chair's minutes: the child's own words are asked for wherever the child was invited (their
 * wishes and feelings, given in person, in writing or through their advocate).
 */
export function minutesProblems(
  minutes: ConferenceMinutes,
  participants: readonly Pick<ParticipantRow, 'id' | 'role' | 'name'>[],
): FieldProblem[] {
  return participants.flatMap((p, index) => {
    const views = minutes.participants.find((v) => v.participantId === p.id)?.views?.trim()
    if (p.role !== 'child' || views) return []
    return [
      {
        field: `views-${index + 1}`,
        text: `Enter ${p.name}’s wishes and feelings, in their own words, or how they were sought`,
      },
    ]
  })
}

export function coreGroupMeetingProblems(
  meeting: CoreGroupMeeting,
  plan: { start_date: string; end_date: string | null },
  outcomeIds: readonly string[],
  today: IsoDate,
): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (meeting.heldOn > today)
    problems.push({ field: 'heldOn', text: 'The date of the meeting must be today or in the past' })
  else if (meeting.heldOn < plan.start_date)
    problems.push({ field: 'heldOn', text: 'The date of the meeting must be on or after the plan started' })
  if (meeting.attendingAgencyIds.length === 0)
    problems.push({ field: 'attending', text: 'Select the agencies at the meeting' })
  outcomeIds.forEach((id, index) => {
    const progress = meeting.progress.find((p) => p.outcomeId === id)?.progress?.trim()
    if (!progress)
      problems.push({ field: `progress-${index + 1}`, text: `Enter the progress on outcome ${index + 1}` })
  })
  if (outcomeIds.length === 0 && meeting.newOutcomes.length === 0)
    problems.push({
      field: 'newOutcomes',
      text: 'Enter the outcomes the plan works towards, one on each line',
    })
  return problems
}

/** The first core group meeting is held within 10 working days of the conference that made the plan. */
export function firstCoreGroupInWords(dueBy: IsoDate, firstHeldOn: IsoDate | undefined): string {
  if (!firstHeldOn) return 'Not held yet'
  return firstHeldOn <= dueBy ? 'Held on time' : 'Held late'
}

/** Each outcome of the plan with its progress at each meeting, oldest first. */
export function planProgress(record: CoreGroupRecord) {
  return record.outcomes.map((o) => ({
    position: o.position,
    outcome: o.outcome,
    progress: record.meetings.flatMap((m) => {
      const p = record.progress.find((row) => row.meeting_id === m.id && row.outcome_id === o.id)
      return p ? [{ heldOn: m.held_on, progress: p.progress }] : []
    }),
  }))
}

// ---------------------------------------------------------------------------
// The record as one document

function decisionInWords(c: ConferenceFile['conference']): string {
  if (c.status === 'inquorate') return `Inquorate: ${c.reasons ?? ''}. Interim plan: ${c.interim_plan ?? ''}`
  if (c.kind === 'review') return c.review_outcome === 'end' ? 'The plan ends' : 'The plan continues'
  if (c.cp_plan) return `Child protection plan: ${CP_CATEGORY_LABELS[c.category as CpCategory]}`
  return 'No child protection plan'
}

export function conferenceRecordDocument(
  file: ConferenceFile & { trail: { child: { id: string; name: string } } },
  partnership: PartnershipConfig,
) {
  const { conference: c, minutes } = file
  const name = (id: string) => agencyName(partnership, id)
  return {
    id: c.id,
    reference: conferenceReference(c.number),
    kind: CONFERENCE_KIND_LABELS[c.kind],
    child: { id: file.trail.child.id, name: file.trail.child.name },
    meeting: { date: c.meeting_date, time: c.meeting_time, location: c.location, chair: c.chair_name },
    attendance: file.invitations.map((i) => ({
      agencyId: i.agency_id,
      agency: name(i.agency_id),
      attended: i.attended === true,
      reportSent: i.report !== null,
    })),
    participants: file.participants.map((p) => ({
      role: PARTICIPANT_ROLE_LABELS[p.role],
      name: p.name,
      relationship: p.relationship,
      attended: p.attended,
      views: p.views,
    })),
    minutes: minutes ? { discussion: minutes.discussion, riskAnalysis: minutes.risk_analysis } : null,
    decision: {
      inWords: decisionInWords(c),
      reasons: c.status === 'decided' ? c.reasons : null,
      quorate: c.quorate,
      dissent: file.dissent.map((d) => ({ agency: name(d.agency_id), view: d.view })),
      planSummary: file.plan?.plan_summary ?? null,
      coreGroup: file.coreGroup.map(name),
      coreGroupFirstMeetingOn: file.plan?.core_group_first_meeting_on ?? null,
    },
    signedOff: minutes?.signed_off_at
      ? {
          at: minutes.signed_off_at.toISOString(),
          by: minutes.signed_off_by_name,
          acknowledgeBy: minutes.circulation_due_by,
        }
      : null,
    circulation: file.circulations.map((r) => ({
      agency: name(r.agency_id),
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      acknowledgedBy: r.acknowledged_by_name,
    })),
  }
}

export type ConferenceRecordDocument = ReturnType<typeof conferenceRecordDocument>
