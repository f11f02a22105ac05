// The voice of children and families' SQL: the family's links, the answered surveys, what was changed.

import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { Audience, SurveyFor } from './rules.ts'
import type { MeetingKind } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>

/** The conference a survey is sent for: its child (for the policy), its day and whether it was held. */
export const findConference = (db: Db, conferenceId: string) =>
  db
    .selectFrom('conference')
    .select(['id', 'child_id', 'la_id', 'meeting_date', 'status'])
    .where('id', '=', conferenceId)
    .executeTakeFirst()

export const insertLink = (
  trx: Transaction<DB>,
  link: {
    conferenceId: string
    audience: SurveyFor
    meetingDate: string
    tokenHash: string
    by: string
    at: Date
    expiresAt: Date
  },
) =>
  trx
    .insertInto('voice_link')
    .values({
      conference_id: link.conferenceId,
      audience: link.audience,
      meeting_date: link.meetingDate,
      token_hash: link.tokenHash,
      issued_by: link.by,
      issued_at: link.at,
      expires_at: link.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

/** The surveys sent for a conference: when each was sent, until when, and whether it was answered. */
export const linksFor = (db: Db, conferenceId: string) =>
  db
    .selectFrom('voice_link')
    .select(['issued_at', 'expires_at', 'used_at'])
    .where('conference_id', '=', conferenceId)
    .orderBy('issued_at')
    .execute()

export const findLink = (db: Db, tokenHash: string) =>
  db
    .selectFrom('voice_link')
    .select(['id', 'audience', 'meeting_date', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()

/** The link, locked: two answers through it at once are taken one after the other, the second refused. */
export const lockLink = (trx: Transaction<DB>, tokenHash: string) =>
  trx
    .selectFrom('voice_link')
    .select(['id', 'audience', 'meeting_date', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst()

export const spendLink = (trx: Transaction<DB>, linkId: string, at: Date) =>
  trx.updateTable('voice_link').set({ used_at: at }).where('id', '=', linkId).execute()

export const insertResponse = (
  trx: Transaction<DB>,
  response: {
    audience: Audience
    linkId: string | null
    answeredOn: string
    answers: Record<string, string>
    suggestion: string | null
  },
) =>
  trx
    .insertInto('voice_response')
    .values({
      audience: response.audience,
      link_id: response.linkId,
      answered_on: response.answeredOn,
      answers: JSON.stringify(response.answers),
      suggestion: response.suggestion,
    })
    .execute()

/** Every answered survey of an audience: the answers only, nothing of who or which child. */
export const responsesOf = (db: Db, audience: Audience) =>
  db
    .selectFrom('voice_response')
    .select(['answers', 'suggestion'])
    .where('audience', '=', audience)
    .orderBy('answered_on', 'desc')
    .execute()

export const insertChange = (
  trx: Transaction<DB>,
  change: { theme: string; whatWeChanged: string; changedOn: string; by: string },
) =>
  trx
    .insertInto('voice_change')
    .values({
      theme: change.theme,
      what_we_changed: change.whatWeChanged,
      changed_on: change.changedOn,
      recorded_by: change.by,
    })
    .execute()

export const changes = (db: Db) =>
  db
    .selectFrom('voice_change')
    .select(['theme', 'what_we_changed', 'changed_on'])
    .orderBy('changed_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute()

/**
 * A meeting a practitioner is asked about: its day, whether it has been held, and whether the person
 * was at it (invited by their email address, or its chair). Nothing else about it or the child.
 */
export async function findMeeting(
  db: Db,
  kind: MeetingKind,
  meetingId: string,
  userId: string,
  email: string,
) {
  const address = email.trim().toLowerCase()
  if (kind === 'conference') {
    const row = await db
      .selectFrom('conference')
      .select(['meeting_date', 'status', 'chair_user_id'])
      .where('id', '=', meetingId)
      .executeTakeFirst()
    if (!row) return undefined
    const invited = await db
      .selectFrom('conference_invitation')
      .select('agency_id')
      .where('conference_id', '=', meetingId)
      .where((eb) => eb(eb.fn('lower', ['invitee_email']), '=', address))
      .where((eb) => eb.or([eb('attended', 'is', null), eb('attended', '=', true)]))
      .executeTakeFirst()
    return {
      meetingDate: row.meeting_date,
      held: row.status === 'decided' || row.status === 'inquorate',
      attended: invited !== undefined || row.chair_user_id === userId,
    }
  }
  const row = await db
    .selectFrom('strategy_discussion')
    .select(['meeting_date', 'status', 'chair_user_id'])
    .where('id', '=', meetingId)
    .executeTakeFirst()
  if (!row || row.meeting_date === null) return undefined
  const invited = await db
    .selectFrom('strategy_invitation')
    .select('agency_id')
    .where('discussion_id', '=', meetingId)
    .where((eb) => eb(eb.fn('lower', ['invitee_email']), '=', address))
    .where((eb) => eb.or([eb('attended', 'is', null), eb('attended', '=', true)]))
    .executeTakeFirst()
  return {
    meetingDate: row.meeting_date,
    held: row.status === 'recorded' || row.status === 'signed-off',
    attended: invited !== undefined || row.chair_user_id === userId,
  }
}

export const hasAnswered = async (db: Db, kind: MeetingKind, meetingId: string, userId: string) =>
  (await db
    .selectFrom('voice_practitioner_answered')
    .select('user_id')
    .where('meeting_kind', '=', kind)
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) !== undefined

/** Marks the person as having answered; false when they already had (the key refuses a second). */
export async function markAnswered(
  trx: Transaction<DB>,
  kind: MeetingKind,
  meetingId: string,
  userId: string,
) {
  const row = await trx
    .insertInto('voice_practitioner_answered')
    .values({ meeting_kind: kind, meeting_id: meetingId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst()
  return row !== undefined
}
