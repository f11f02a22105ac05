// Missing episodes' SQL: an episode as recorded, the child's return and the return home interview
// written onto it, a child's episodes, and the interviews still to record in some LAs.

import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB } from '../database.ts'
import type { InterviewOutcome, RiskGrading } from './schemas.ts'
import type { MissingTables } from './tables.ts'

type Db = Kysely<DB> | Transaction<DB>
export type EpisodeRow = Selectable<MissingTables['missing_episode']>

/** Who recorded a step: 'user:<id>' or 'system:<id>', their name and agency. */
export interface RecordedBy {
  by: string
  name: string
  agencyId: string
}

export interface NewEpisode {
  childId: string
  wentMissingAt: Date
  reportedAt: Date
  risk: RiskGrading
  returned?: NewReturn
}

export interface NewReturn {
  at: Date
  whereFound: string
}

export interface NewInterview {
  offeredAt: Date
  outcome: InterviewOutcome
  childSaid: string | null
}

export function insertEpisode(
  trx: Transaction<DB>,
  episode: NewEpisode,
  who: RecordedBy,
): Promise<EpisodeRow> {
  return trx
    .insertInto('missing_episode')
    .values({
      child_id: episode.childId,
      agency_id: who.agencyId,
      recorded_by: who.by,
      recorded_by_name: who.name,
      went_missing_at: episode.wentMissingAt,
      reported_at: episode.reportedAt,
      risk: episode.risk,
      returned_at: episode.returned?.at ?? null,
      where_found: episode.returned?.whereFound ?? null,
      return_recorded_by: episode.returned ? who.by : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** One episode, locked for the step that writes to it. */
export function lockEpisode(trx: Transaction<DB>, id: string): Promise<EpisodeRow | undefined> {
  return trx.selectFrom('missing_episode').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function writeReturn(trx: Transaction<DB>, id: string, returned: NewReturn, who: RecordedBy) {
  await trx
    .updateTable('missing_episode')
    .set({ returned_at: returned.at, where_found: returned.whereFound, return_recorded_by: who.by })
    .where('id', '=', id)
    .execute()
}

export async function writeInterview(
  trx: Transaction<DB>,
  id: string,
  interview: NewInterview,
  who: RecordedBy,
) {
  await trx
    .updateTable('missing_episode')
    .set({
      interview_offered_at: interview.offeredAt,
      interview_outcome: interview.outcome,
      interview_child_said: interview.childSaid,
      interview_agency_id: who.agencyId,
      interview_recorded_by: who.by,
      interview_recorded_by_name: who.name,
    })
    .where('id', '=', id)
    .execute()
}

/** The child's episodes, the latest first. */
export function episodesOf(db: Db, childId: string): Promise<EpisodeRow[]> {
  return db
    .selectFrom('missing_episode')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('went_missing_at', 'desc')
    .orderBy('id')
    .execute()
}

export interface InterviewToRecord {
  id: string
  childId: string
  childName: string
  returnedAt: Date
}

/** Children back from missing, the interview not yet recorded, in these LAs (all when null), soonest due first. */
export async function interviewsToRecord(
  db: Db,
  laIds: readonly string[] | null,
): Promise<InterviewToRecord[]> {
  let query = db
    .selectFrom('missing_episode as e')
    .innerJoin('child as c', 'c.id', 'e.child_id')
    .select(['e.id', 'e.child_id', 'e.returned_at', 'c.given_name', 'c.family_name'])
    .where('e.returned_at', 'is not', null)
    .where('e.interview_outcome', 'is', null)
    .where('c.merged_into_id', 'is', null)
  if (laIds)
    query = laIds.length > 0 ? query.where('c.la_id', 'in', laIds) : query.where(({ lit }) => lit(false))
  const rows = await query.orderBy('e.returned_at').orderBy('e.id').execute()
  return rows.map((row) => ({
    id: row.id,
    childId: row.child_id,
    childName: `${row.given_name} ${row.family_name}`,
    returnedAt: row.returned_at as Date,
  }))
}
