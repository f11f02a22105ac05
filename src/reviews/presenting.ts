// Serious incidents as pages and the PDF show them: the criteria, decision and recommendation in
// words, agencies by name, the child named only for whoever may know who they are.

import { statusInWords } from '../actions/index.ts'
import { agencyName, agencyOf } from '../meetings/index.ts'
import type { PartnershipConfig } from '../partnership/config-schema.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import {
  ABUSE_OR_NEGLECT,
  DECISIONS,
  dueStatus,
  HARM,
  LCSPR,
  nextStep,
  partStatus,
  rapidReviewQuorum,
} from './rules.ts'
import type { IncidentRow } from './store.ts'
import type { IncidentFile } from './workflow.ts'

export const laName = (partnership: PartnershipConfig, laId: string) =>
  partnership.local_authorities.find((la) => la.id === laId)?.name ?? laId

/** Who the incident is about: the child's name, or only their LA for whoever reads it without. */
export const childWords = (partnership: PartnershipConfig, row: IncidentRow, name?: string) =>
  name ?? `A child of ${laName(partnership, row.la_id)} (not named to you)`

export function incidentSummary(partnership: PartnershipConfig, row: IncidentRow, now: Date, name?: string) {
  const next = nextStep(row)
  return {
    id: row.id,
    reference: row.reference,
    child: childWords(partnership, row, name),
    laName: laName(partnership, row.la_id),
    learnedOn: row.learned_on,
    abuseOrNeglect: ABUSE_OR_NEGLECT[row.abuse_or_neglect],
    harm: HARM[row.harm],
    next: next.words,
    dueBy: next.dueBy,
    status: dueStatus(next.dueBy, now),
  }
}

/** A recommendation past its due date and not done. */
export const recommendationOverdue = (
  action: { completed_at: Date | null; due_by: IsoDate },
  today: IsoDate,
) => action.completed_at === null && action.due_by < today

export function incidentView(partnership: PartnershipConfig, file: IncidentFile, now: Date, today: IsoDate) {
  const row = file.incident
  const name = (id: string) => agencyName(partnership, id)
  return {
    ...incidentSummary(partnership, row, now, file.childName),
    whatHappened: row.what_happened,
    recordedBy: row.recorded_by_name,
    recordedAt: row.recorded_at,
    notifyBy: row.notify_by,
    decision: row.decision
      ? {
          words: DECISIONS[row.decision],
          reason: row.decision_reason,
          by: row.decided_by_name,
          at: row.decided_at,
        }
      : undefined,
    notifiedOn: row.notified_on,
    rapidReviewDueBy: row.rapid_review_due_by,
    meetingOn: row.rapid_review_meeting_on,
    meetingTime: row.rapid_review_meeting_time,
    attended: row.rapid_review_attended?.map(name),
    quorum: row.rapid_review_attended
      ? rapidReviewQuorum(
          row.rapid_review_attended.map((id) => ({ kind: agencyOf(partnership, id)?.kind ?? 'other' })),
        )
      : undefined,
    record: row.record_written_at
      ? {
          facts: row.facts,
          immediateActions: row.immediate_actions,
          learning: row.learning,
          lcspr: row.lcspr ? LCSPR[row.lcspr] : '',
          recommended: row.lcspr === 'recommended',
          lcsprReason: row.lcspr_reason,
        }
      : undefined,
    sentOn: row.record_sent_on,
    reply: row.panel_reply ? { words: row.panel_reply, on: row.panel_replied_on } : undefined,
    parts: file.parts.map((part) => ({
      agencyId: part.agency_id,
      agency: name(part.agency_id),
      dueOn: part.due_on,
      status: partStatus(part, now),
      submitted: part.submitted_at !== null,
      chronology: part.chronology,
      learning: part.immediate_learning,
      by: part.submitted_by_name,
      at: part.submitted_at,
    })),
    actions: file.actions.map((action) => ({
      id: action.id,
      done: action.completed_at !== null,
      impact: file.impacts.get(action.id),
      description: action.description,
      owner: name(action.owner_agency_id),
      dueBy: action.due_by,
      status: statusInWords(action, today),
      overdue: recommendationOverdue(action, today),
      evidence: action.evidence,
    })),
    /** Who is late with their part, for whoever reads the incident whole. */
    lateAgencies:
      file.whole && !row.record_sent_on
        ? file.parts.filter((part) => partStatus(part, now).late).map((part) => name(part.agency_id))
        : [],
    practiceReview: file.practiceReview,
    themes: file.themes,
  }
}
export type IncidentView = ReturnType<typeof incidentView>
