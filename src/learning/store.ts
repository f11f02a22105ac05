// Learning briefings' SQL: briefings (written, then sent), the people each was sent to with their
// acknowledgement and reminder, and the rows the reach and the themes across the years count.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { BriefingInput } from './schemas.ts'
import type { LearningTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type BriefingRow = Selectable<LearningTables['learning_briefing']>
export type RecipientRow = Selectable<LearningTables['learning_recipient']>

export const insertBriefing = (
  trx: Transaction<DB>,
  input: BriefingInput,
  by: { id: string; name: string },
  at: Date,
): Promise<BriefingRow> =>
  trx
    .insertInto('learning_briefing')
    .values({
      title: input.title.trim(),
      background: input.background.trim(),
      key_findings: input.keyFindings.trim(),
      learning: input.learning.trim(),
      do_differently: input.doDifferently.trim(),
      reflection_questions: input.reflectionQuestions.trim(),
      further_reading: input.furtherReading?.trim() || null,
      themes: [...new Set(input.themes)],
      incident_id: input.incidentId || null,
      written_at: at,
      written_by: by.id,
      written_by_name: by.name,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

/** A draft rewritten: its sections, themes and review (a briefing once sent is not changed). */
export const updateBriefing = (trx: Transaction<DB>, id: string, input: BriefingInput) =>
  trx
    .updateTable('learning_briefing')
    .set({
      title: input.title.trim(),
      background: input.background.trim(),
      key_findings: input.keyFindings.trim(),
      learning: input.learning.trim(),
      do_differently: input.doDifferently.trim(),
      reflection_questions: input.reflectionQuestions.trim(),
      further_reading: input.furtherReading?.trim() || null,
      themes: [...new Set(input.themes)],
      incident_id: input.incidentId || null,
    })
    .where('id', '=', id)
    .where('published_at', 'is', null)
    .execute()

export const findBriefing = (db: Db, id: string): Promise<BriefingRow | undefined> =>
  db.selectFrom('learning_briefing').selectAll().where('id', '=', id).executeTakeFirst()

/** The briefing's row, locked for the one change that sends it (so it is sent once). */
export const lockBriefing = (trx: Transaction<DB>, id: string): Promise<BriefingRow | undefined> =>
  trx.selectFrom('learning_briefing').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const allBriefings = (db: Db): Promise<BriefingRow[]> =>
  db
    .selectFrom('learning_briefing')
    .selectAll()
    .orderBy('published_at', (order) => order.desc().nullsFirst())
    .orderBy('written_at', 'desc')
    .execute()

export const markPublished = (
  trx: Transaction<DB>,
  id: string,
  sent: { agencyIds: string[]; roles: string[]; remindAfter: number; byName: string; at: Date },
) =>
  trx
    .updateTable('learning_briefing')
    .set({
      published_at: sent.at,
      published_by_name: sent.byName,
      sent_to_agencies: sent.agencyIds,
      sent_to_roles: sent.roles,
      remind_after_working_days: sent.remindAfter,
    })
    .where('id', '=', id)
    .execute()

export const insertRecipients = (
  trx: Transaction<DB>,
  briefingId: string,
  people: readonly { userId: string; name: string; email: string; agencyId: string; role: string }[],
  at: Date,
) =>
  people.length === 0
    ? Promise.resolve([])
    : trx
        .insertInto('learning_recipient')
        .values(
          people.map((person) => ({
            briefing_id: briefingId,
            user_id: person.userId,
            user_name: person.name,
            email: person.email,
            agency_id: person.agencyId,
            role: person.role,
            sent_at: at,
            last_sent_at: at,
          })),
        )
        .onConflict((conflict) => conflict.columns(['briefing_id', 'user_id', 'partnership_id']).doNothing())
        .execute()

export const recipientsOf = (db: Db, briefingId: string): Promise<RecipientRow[]> =>
  db
    .selectFrom('learning_recipient')
    .selectAll()
    .where('briefing_id', '=', briefingId)
    .orderBy('agency_id')
    .orderBy('user_name')
    .execute()

export const recipientOf = (db: Db, briefingId: string, userId: string): Promise<RecipientRow | undefined> =>
  db
    .selectFrom('learning_recipient')
    .selectAll()
    .where('briefing_id', '=', briefingId)
    .where('user_id', '=', userId)
    .executeTakeFirst()

/** Records the acknowledgement if there is none yet: true when this was the first. */
export async function acknowledge(trx: Transaction<DB>, recipientId: string, at: Date): Promise<boolean> {
  const updated = await trx
    .updateTable('learning_recipient')
    .set({ acknowledged_at: at })
    .where('id', '=', recipientId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/** The briefings sent to a person, newest first, with whether they have acknowledged each. */
export const briefingsSentTo = (db: Db, userId: string) =>
  db
    .selectFrom('learning_recipient as r')
    .innerJoin('learning_briefing as b', 'b.id', 'r.briefing_id')
    .select(['b.id', 'b.title', 'b.themes', 'b.published_at', 'r.acknowledged_at'])
    .where('r.user_id', '=', userId)
    .orderBy('b.published_at', 'desc')
    .execute()

/** Every recipient not yet acknowledged nor reminded, with their briefing's title and reminder days. */
export const awaitingReminder = (db: Db) =>
  db
    .selectFrom('learning_recipient as r')
    .innerJoin('learning_briefing as b', 'b.id', 'r.briefing_id')
    .selectAll('r')
    .select(['b.title', 'b.remind_after_working_days'])
    .where('r.acknowledged_at', 'is', null)
    .where('r.reminded_at', 'is', null)
    .execute()

/** Marks the reminder sent unless another run already has: true when this run is the one. */
export async function markReminded(trx: Transaction<DB>, recipientId: string, at: Date): Promise<boolean> {
  const updated = await trx
    .updateTable('learning_recipient')
    .set({ reminded_at: at })
    .where('id', '=', recipientId)
    .where('reminded_at', 'is', null)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/** The published briefings' themes and dates, with the incident each draws on. */
export const publishedThemes = (db: Db) =>
  db
    .selectFrom('learning_briefing')
    .select(['themes', 'published_at', 'incident_id'])
    .where('published_at', 'is not', null)
    .execute()

// ---------------------------------------------------------------------------
// Sending again (migration 0064)

/** The recipients sent the briefing again: when, and one more time; not once they have read it. */
export const markSentAgain = (trx: Transaction<DB>, recipientIds: readonly string[], at: Date) =>
  recipientIds.length === 0
    ? Promise.resolve([])
    : trx
        .updateTable('learning_recipient')
        .set((eb) => ({ last_sent_at: at, times_sent: eb('times_sent', '+', 1) }))
        .where('id', 'in', recipientIds)
        .where('acknowledged_at', 'is', null)
        .execute()

export const markResent = (trx: Transaction<DB>, id: string, at: Date, byName: string) =>
  trx
    .updateTable('learning_briefing')
    .set({ resent_at: at, resent_by_name: byName })
    .where('id', '=', id)
    .execute()
