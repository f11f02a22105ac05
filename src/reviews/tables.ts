/** Kysely table types for serious incidents and reviews; the SQL lives in migrations/0031_practice_reviews.sql, 0047, 0054, 0056 and 0063. */
import type { Generated } from 'kysely'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { AbuseOrNeglect, Decision, DraftFileType, Harm, Lcspr, LeadPartner } from './rules.ts'

export interface ReviewTables {
  serious_incident: {
    id: Generated<string>
    reference: Generated<string>
    child_id: string
    la_id: string
    learned_on: IsoDate
    abuse_or_neglect: AbuseOrNeglect
    harm: Harm
    what_happened: string
    notify_by: IsoDate
    recorded_at: Date
    recorded_by: string
    recorded_by_name: string
    decision: Decision | null
    decision_reason: string | null
    decided_by_name: string | null
    decided_at: Date | null
    notified_on: IsoDate | null
    rapid_review_due_by: IsoDate | null
    rapid_review_meeting_on: IsoDate | null
    /** Migration 0047: the meeting's start time (HH:MM, London) and the agencies that attended. */
    rapid_review_meeting_time: string | null
    rapid_review_attended: string[] | null
    /** Migration 0054: how many times the meeting was scheduled (its calendar file's SEQUENCE). */
    rapid_review_meeting_scheduled: Generated<number>
    facts: string | null
    immediate_actions: string | null
    learning: string | null
    lcspr: Lcspr | null
    lcspr_reason: string | null
    record_written_at: Date | null
    record_sent_on: IsoDate | null
    panel_reply: string | null
    panel_replied_on: IsoDate | null
    warned_for: IsoDate | null
  }
  rapid_review_part: {
    id: Generated<string>
    incident_id: string
    agency_id: string
    invited_at: Date
    chronology: string | null
    immediate_learning: string | null
    submitted_at: Date | null
    submitted_by_name: string | null
    /** Migration 0063: when the agency's part is due, and when it was reminded (the day before, after). */
    due_on: IsoDate
    due_soon_reminded_at: Date | null
    overdue_reminded_at: Date | null
  }
  practice_review: {
    incident_id: string
    decided_on: IsoDate
    publish_by: IsoDate
    reviewer: string
    terms_of_reference: string
    methodology: string
    family_involvement: string
    milestones: string | null
    signed_off_on: IsoDate | null
    published_on: IsoDate | null
    recorded_at: Date
    draft_version: Generated<number>
    panel_copy_sent_on: IsoDate | null
    warned_for: IsoDate | null
  }
  /** Migration 0047: a practice review's milestones, drafts, sign-offs; impact; an incident's themes. */
  practice_review_milestone: {
    id: Generated<string>
    incident_id: string
    title: string
    due_on: IsoDate
    met_on: IsoDate | null
    recorded_at: Date
    recorded_by_name: string
  }
  practice_review_draft: {
    incident_id: string
    version: number
    body: string
    note: string | null
    written_at: Date
    written_by_name: string
    /** Migration 0054: a draft uploaded as a file (its body empty). */
    file_name: string | null
    file_type: DraftFileType | null
    file_size: number | null
    file_content: Uint8Array | null
    /** Migration 0056: when the virus scanner found the file clean; null while none is configured. */
    file_scanned_at: Date | null
  }
  practice_review_signoff: {
    incident_id: string
    partner: LeadPartner
    version: number
    agency_id: string
    signed_at: Date
    signed_by: string
    signed_by_name: string
  }
  recommendation_impact: {
    action_id: string
    incident_id: string
    evidence: string
    evidenced_on: IsoDate
    recorded_at: Date
    recorded_by_name: string
  }
  serious_incident_theme: {
    incident_id: string
    theme: string
  }
  /** Migration 0063: a recommendation past its due date, told to the reviews leads once per due date. */
  recommendation_overdue_alert: {
    action_id: string
    due_by: IsoDate
    incident_id: string
    alerted_at: Date
  }
}
