// Serious incidents and their reviews in a year, in aggregate, for the partnership's yearly report:
// counts only, no child named.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'

export interface ReviewFigures {
  incidents: number
  notified: number
  rapidReviews: number
  lcsprRecommended: number
  practiceReviewsPublished: number
  /** The incidents' ids, for counting the actions agreed at their rapid reviews (never shown). */
  incidentIds: string[]
}

/** The serious incidents learned of from `from` to `to` (both included) and what followed. */
export async function reviewFigures(db: Kysely<DB>, from: IsoDate, to: IsoDate): Promise<ReviewFigures> {
  const rows = await db
    .selectFrom('serious_incident as i')
    .leftJoin('practice_review as p', 'p.incident_id', 'i.id')
    .select(['i.id', 'i.decision', 'i.rapid_review_meeting_on', 'i.lcspr', 'p.published_on'])
    .where('i.learned_on', '>=', from)
    .where('i.learned_on', '<=', to)
    .execute()
  return {
    incidents: rows.length,
    notified: rows.filter((row) => row.decision === 'notify').length,
    rapidReviews: rows.filter((row) => row.rapid_review_meeting_on !== null).length,
    lcsprRecommended: rows.filter((row) => row.lcspr === 'recommended').length,
    practiceReviewsPublished: rows.filter((row) => row.published_on !== null).length,
    incidentIds: rows.map((row) => row.id),
  }
}
