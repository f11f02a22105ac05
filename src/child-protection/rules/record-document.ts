// The signed-off record as one JSON document: what the API returns, the webhook carries, and the
// print page and PDF lay out, so every agency's copy says the same thing.

import { agencyName } from '../../meetings/index.ts'
import type { PartnershipConfig } from '../../partnership/config.ts'
import { STRATEGY_FORMATS, type StrategyDecision } from '../schemas.ts'
import {
  type ContributionRow,
  discussionReference,
  type StrategyDiscussionFile,
} from '../store/strategy-discussion.ts'
import { POLICE_DECISION_LABELS, STRATEGY_DECISION_LABELS, strategyQuoracy } from './strategy-discussion.ts'

/** A file as one reader may read it: contributions marked for others are withheld. */
type ReadableFile = StrategyDiscussionFile & { withheldContributions?: readonly ContributionRow[] }

export function recordDocument(file: ReadableFile, partnership: PartnershipConfig) {
  const { discussion: d, child, record } = file
  const name = (id: string) => agencyName(partnership, id)
  const attending = file.invitations.filter((i) => i.attended)
  return {
    id: d.id,
    reference: discussionReference(d.number),
    status: d.status,
    child: { id: child.id, name: child.name, dateOfBirth: child.dateOfBirth, laId: child.laId },
    meeting: {
      date: d.meeting_date,
      time: d.meeting_time,
      format: d.format ?? STRATEGY_FORMATS[0],
      location: d.location,
      meetingReasons: d.meeting_reasons,
      chair: d.chair_name,
    },
    attendance: file.invitations.map((i) => ({
      agencyId: i.agency_id,
      agency: name(i.agency_id),
      agencyKind: i.agency_kind,
      attended: i.attended === true,
      attendee: i.attendee_name,
    })),
    quorate: strategyQuoracy(attending.map((i) => i.agency_kind)).quorate,
    contributions: file.contributions.map((c) => ({
      agencyId: c.agency_id,
      agency: name(c.agency_id),
      recordsHeld: c.records_held,
      risks: c.risks,
      strengths: c.strengths,
      marking: c.marking,
      contributedBy: c.contributed_by_name,
      contributedAt: c.contributed_at.toISOString(),
    })),
    withheldContributions: (file.withheldContributions ?? []).map((c) => ({
      agencyId: c.agency_id,
      agency: name(c.agency_id),
      marking: c.marking,
    })),
    record: record
      ? {
          informationShared: record.information_shared,
          riskAnalysis: record.risk_analysis,
          decision: record.decision,
          decisionLabel: STRATEGY_DECISION_LABELS[record.decision as StrategyDecision],
          decisionReasons: record.decision_reasons,
          policeDecision: record.police_decision,
          policeDecisionLabel: POLICE_DECISION_LABELS[record.police_decision],
          familySharing: record.family_sharing,
          familySharingOn: record.family_sharing_on,
          childWords: record.child_words,
          icpcDueBy: record.icpc_due_by,
          recordedBy: record.recorded_by_name,
        }
      : null,
    actions: file.actions.map((a) => ({
      position: a.position,
      description: a.description,
      ownerAgencyId: a.owner_agency_id,
      ownerAgency: name(a.owner_agency_id),
      owner: a.owner_name,
      dueBy: a.due_by,
      completedAt: a.completed_at?.toISOString() ?? null,
      completedBy: a.completed_by_name,
      evidence: a.evidence,
    })),
    signedOff: d.signed_off_at
      ? {
          at: d.signed_off_at.toISOString(),
          by: d.signed_off_by_name,
          circulationDueBy: d.circulation_due_by,
        }
      : null,
    circulation: file.circulations.map((c) => ({
      agencyId: c.agency_id,
      agency: name(c.agency_id),
      sentAt: c.sent_at.toISOString(),
      dueBy: c.due_by,
      acknowledgedAt: c.acknowledged_at?.toISOString() ?? null,
      acknowledgedBy: c.acknowledged_by_name,
    })),
  }
}

export type RecordDocument = ReturnType<typeof recordDocument>
