// The Kysely types of the voice of children and families (migrations 0042 and 0055).
import type { ColumnType, Generated } from 'kysely'
import type { Audience, SurveyFor } from './rules.ts'

export type MeetingKind = 'conference' | 'strategy-discussion'

export interface VoiceTables {
  voice_link: {
    id: Generated<string>
    conference_id: string
    meeting_date: ColumnType<string, string, string>
    token_hash: string
    issued_by: string
    issued_at: Date
    expires_at: Date
    used_at: Date | null
    audience: ColumnType<SurveyFor, SurveyFor | undefined, never>
  }
  voice_response: {
    id: Generated<string>
    audience: Audience
    link_id: string | null
    answered_on: ColumnType<string, string, string>
    answers: ColumnType<Record<string, string>, string, string>
    suggestion: string | null
  }
  voice_practitioner_answered: {
    meeting_kind: MeetingKind
    meeting_id: string
    user_id: string
  }
  voice_change: {
    id: Generated<string>
    theme: string
    what_we_changed: string
    changed_on: ColumnType<string, string, string>
    recorded_by: string
    recorded_at: Generated<Date>
  }
}
