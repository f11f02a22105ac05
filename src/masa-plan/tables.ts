/** Kysely table types for the MASA plan; the SQL lives in migrations/0049_masa_plan.sql, 0055_masa_plan_signoff_child_survey.sql and 0057. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely'
import type { AgencyKind } from '../platform/access/actor.ts'
import type { PlanFile } from './schemas.ts'
import type { PartnerKind } from './sections.ts'

type Answers = JSONColumnType<string[], string, string>

export interface MasaPlanTables {
  masa_plan: { id: number; started_at: Date }
  masa_plan_section_version: {
    section: string
    version: number
    body: string
    answers: Answers
    written_at: Date
    written_by: string
    written_by_name: string
  }
  masa_plan_partner: {
    id: Generated<string>
    name: string
    kind: PartnerKind
    role: string | null
    agency_id: string | null
    added_at: Date
  }
  masa_plan_contribution: {
    id: Generated<string>
    partner: string
    year: number
    amount_pence: ColumnType<number | null, number | null, number | null>
    in_kind: string | null
    added_at: Date
    added_by_name: string
  }
  masa_plan_review_point: {
    id: Generated<string>
    due_on: ColumnType<string, string, string>
    what: string
    added_at: Date
    added_by_name: string
  }
  masa_plan_published: {
    version: number
    file: JSONColumnType<PlanFile, string, string>
    published_at: Date
    published_by_name: string
  }
  masa_plan_signoff: {
    version: number
    /** The lead safeguarding partner signed for, by its kind of agency (yearly-report's LeadPartner). */
    partner: Extract<AgencyKind, 'local-authority' | 'police' | 'health'>
    agency_id: string
    signed_at: Date
    signed_by: string
    signed_by_name: string
  }
  masa_plan_forum_plan: {
    id: Generated<string>
    plan_partnership_id: string
    partnership_name: string
    file: JSONColumnType<PlanFile, string, string>
    imported_at: Date
    imported_by_name: string
  }
  masa_plan_forum_feedback: {
    id: Generated<string>
    plan_id: string | null
    body: string
    written_at: Date
    written_by_name: string
    /** The plan file the feedback was written about (null for this installation's own plan). */
    plan_exported_at: Date | null
    plan_version: number | null
  }
  /** Feedback a regional forum in another installation sent back as a feedback file. */
  masa_plan_received_feedback: {
    id: Generated<string>
    forum_id: string
    forum_name: string
    feedback_id: string
    plan_exported_at: Date | null
    plan_version: number | null
    body: string
    written_at: Date
    written_by_name: string
    imported_at: Date
    imported_by_name: string
  }
  masa_plan_forum_choice: {
    section: string
    from_name: string
    body: string
    answers: Answers
    chosen_at: Date
    chosen_by_name: string
  }
}
