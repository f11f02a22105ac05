// The self-assessment's SQL: rounds, returns, ratings, challenges and the reminders sent.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import type { Framework, Rated } from './rules.ts'
import type { SelfAssessmentTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type RoundRow = Selectable<SelfAssessmentTables['self_assessment_round']>
export type ReturnRow = Selectable<SelfAssessmentTables['self_assessment_return']>
export type RatingRow = Selectable<SelfAssessmentTables['self_assessment_rating']>
export type ChallengeRow = Selectable<SelfAssessmentTables['self_assessment_challenge']>

// ---------------------------------------------------------------------------
// Rounds

export const insertRound = (
  trx: Transaction<DB>,
  round: { year: number; dueOn: IsoDate; at: Date; byName: string },
) =>
  trx
    .insertInto('self_assessment_round')
    .values({ year: round.year, due_on: round.dueOn, opened_at: round.at, opened_by_name: round.byName })
    .onConflict((oc) => oc.columns(['year', 'partnership_id']).doNothing())
    .returningAll()
    .executeTakeFirst()

export const rounds = (db: Db): Promise<RoundRow[]> =>
  db.selectFrom('self_assessment_round').selectAll().orderBy('year', 'desc').execute()

export const findRound = (db: Db, id: string): Promise<RoundRow | undefined> =>
  db.selectFrom('self_assessment_round').selectAll().where('id', '=', id).executeTakeFirst()

/** Rounds still open to returns: due today or later. */
export const openRounds = (db: Db, today: IsoDate): Promise<RoundRow[]> =>
  db.selectFrom('self_assessment_round').selectAll().where('due_on', '>=', today).execute()

// ---------------------------------------------------------------------------
// Returns

export const insertReturn = (
  trx: Transaction<DB>,
  row: { roundId: string; agencyId: string; framework: Framework; at: Date; byName: string },
) =>
  trx
    .insertInto('self_assessment_return')
    .values({
      round_id: row.roundId,
      agency_id: row.agencyId,
      framework: row.framework,
      status: 'draft',
      started_at: row.at,
      started_by_name: row.byName,
    })
    .onConflict((oc) => oc.columns(['round_id', 'agency_id', 'partnership_id']).doNothing())
    .returningAll()
    .executeTakeFirst()

export const findReturn = (db: Db, id: string): Promise<ReturnRow | undefined> =>
  db.selectFrom('self_assessment_return').selectAll().where('id', '=', id).executeTakeFirst()

/** The return, locked: each change to it takes this lock first. */
export const lockReturn = (trx: Transaction<DB>, id: string): Promise<ReturnRow | undefined> =>
  trx.selectFrom('self_assessment_return').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const returnOf = (db: Db, roundId: string, agencyId: string): Promise<ReturnRow | undefined> =>
  db
    .selectFrom('self_assessment_return')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst()

export const returnsOfRound = (db: Db, roundId: string): Promise<ReturnRow[]> =>
  db.selectFrom('self_assessment_return').selectAll().where('round_id', '=', roundId).execute()

export const returnsOfAgency = (db: Db, agencyId: string): Promise<ReturnRow[]> =>
  db.selectFrom('self_assessment_return').selectAll().where('agency_id', '=', agencyId).execute()

export const markSubmitted = (trx: Transaction<DB>, id: string, at: Date, byName: string) =>
  trx
    .updateTable('self_assessment_return')
    .set({ status: 'submitted', submitted_at: at, submitted_by_name: byName })
    .where('id', '=', id)
    .execute()

// ---------------------------------------------------------------------------
// Ratings

export const ratingsOf = (db: Db, returnId: string): Promise<RatingRow[]> =>
  db.selectFrom('self_assessment_rating').selectAll().where('return_id', '=', returnId).execute()

export const writeRating = (
  trx: Transaction<DB>,
  row: Omit<RatingRow, 'rated_at' | 'rated_by_name'> & { at: Date; byName: string },
) => {
  const values = {
    return_id: row.return_id,
    standard_id: row.standard_id,
    standard_title: row.standard_title,
    rating: row.rating,
    evidence: row.evidence,
    actions: row.actions,
    actions_due_on: row.actions_due_on,
    rated_at: row.at,
    rated_by_name: row.byName,
  }
  const { return_id: _r, standard_id: _s, ...changed } = values
  return trx
    .insertInto('self_assessment_rating')
    .values(values)
    .onConflict((oc) => oc.columns(['return_id', 'standard_id', 'partnership_id']).doUpdateSet(changed))
    .execute()
}

/** Every submitted rating, with its round's year and agency: what the comparisons read. */
export async function submittedRatings(db: Db, agencyId?: string): Promise<Rated[]> {
  let query = db
    .selectFrom('self_assessment_rating as r')
    .innerJoin('self_assessment_return as t', 't.id', 'r.return_id')
    .innerJoin('self_assessment_round as d', 'd.id', 't.round_id')
    .select(['d.year', 't.agency_id', 'r.standard_id', 'r.rating'])
    .where('t.status', '=', 'submitted')
  if (agencyId) query = query.where('t.agency_id', '=', agencyId)
  const rows = await query.execute()
  return rows.map((row) => ({
    year: row.year,
    agencyId: row.agency_id,
    standardId: row.standard_id,
    rating: row.rating,
  }))
}

// ---------------------------------------------------------------------------
// Challenges

export const insertChallenge = (
  trx: Transaction<DB>,
  row: { returnId: string; standardId: string; challenge: string; at: Date; byName: string },
) =>
  trx
    .insertInto('self_assessment_challenge')
    .values({
      return_id: row.returnId,
      standard_id: row.standardId,
      challenge: row.challenge,
      challenged_at: row.at,
      challenged_by_name: row.byName,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

export const challengesOf = (db: Db, returnId: string): Promise<ChallengeRow[]> =>
  db
    .selectFrom('self_assessment_challenge')
    .selectAll()
    .where('return_id', '=', returnId)
    .orderBy('challenged_at')
    .execute()

export const findChallenge = (db: Db, id: string): Promise<ChallengeRow | undefined> =>
  db.selectFrom('self_assessment_challenge').selectAll().where('id', '=', id).executeTakeFirst()

export const writeResponse = (trx: Transaction<DB>, id: string, response: string, at: Date, byName: string) =>
  trx
    .updateTable('self_assessment_challenge')
    .set({ response, responded_at: at, responded_by_name: byName })
    .where('id', '=', id)
    .where('response', 'is', null)
    .executeTakeFirst()

// ---------------------------------------------------------------------------
// Reminders

export const remindersSent = (db: Db, roundId: string) =>
  db
    .selectFrom('self_assessment_reminder')
    .select(['agency_id', 'working_days_before'])
    .where('round_id', '=', roundId)
    .execute()

/** Records a reminder; false when another server recorded it first. */
export async function recordReminder(
  trx: Transaction<DB>,
  row: { roundId: string; agencyId: string; workingDaysBefore: number; at: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('self_assessment_reminder')
    .values({
      round_id: row.roundId,
      agency_id: row.agencyId,
      working_days_before: row.workingDaysBefore,
      sent_at: row.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('round_id')
    .executeTakeFirst()
  return inserted !== undefined
}
