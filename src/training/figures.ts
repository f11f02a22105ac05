// Training take-up in a year, in aggregate, for the partnership's yearly report: the sessions held and
// the places booked, attended and missed, overall and by course, with the average rise in confidence.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import { type TakeUp, takeUpBy } from './rules.ts'
import { countedPlaces } from './store.ts'

export interface TrainingFigures {
  sessions: number
  overall: TakeUp | null
  byCourse: TakeUp[]
}

/** The sessions held from `from` to `to` (both included) and their places. */
export async function trainingFigures(db: Kysely<DB>, from: IsoDate, to: IsoDate): Promise<TrainingFigures> {
  const sessions = await db
    .selectFrom('training_session')
    .select('id')
    .where('held_on', '>=', from)
    .where('held_on', '<=', to)
    .execute()
  const counted = (await countedPlaces(db, { from, to })).map((row) => ({
    agencyId: row.agency_id,
    role: row.role,
    courseTitle: row.title,
    status: row.status,
    attendance: row.attendance,
    confidenceBefore: row.confidence_before,
    confidenceAfter: row.confidence_after,
  }))
  return {
    sessions: sessions.length,
    overall: takeUpBy(counted, () => 'All courses')[0] ?? null,
    byCourse: takeUpBy(counted, (place) => place.courseTitle),
  }
}
