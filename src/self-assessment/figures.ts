// The Section 11 and Section 175/157 self-assessment of a year, in aggregate, for the partnership's
// yearly report: returns started and submitted by framework, ratings by the scale, challenges.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import { RATINGS } from './rules.ts'

export interface SelfAssessmentFigures {
  /** Whether the partnership opened a round for the year. */
  opened: boolean
  returns: { framework: string; started: number; submitted: number }[]
  /** The ratings of the submitted returns, by the scale. */
  ratings: { label: string; count: number }[]
  challenges: number
  answered: number
}

const FRAMEWORK_WORDS = { 'section-11': 'Section 11', 'section-175': 'Section 175/157' } as const

/** The round for the year `year` (the year its returns cover, as the round is opened). */
export async function selfAssessmentFigures(db: Kysely<DB>, year: number): Promise<SelfAssessmentFigures> {
  const round = await db
    .selectFrom('self_assessment_round')
    .select('id')
    .where('year', '=', year)
    .executeTakeFirst()
  if (!round) return { opened: false, returns: [], ratings: [], challenges: 0, answered: 0 }
  const returns = await db
    .selectFrom('self_assessment_return')
    .select(['id', 'framework', 'status'])
    .where('round_id', '=', round.id)
    .execute()
  const returnIds = returns.map((row) => row.id)
  const submittedIds = returns.filter((row) => row.status === 'submitted').map((row) => row.id)
  const ratings =
    submittedIds.length === 0
      ? []
      : await db
          .selectFrom('self_assessment_rating')
          .select('rating')
          .where('return_id', 'in', submittedIds)
          .execute()
  const challenges =
    returnIds.length === 0
      ? []
      : await db
          .selectFrom('self_assessment_challenge')
          .select('response')
          .where('return_id', 'in', returnIds)
          .execute()
  return {
    opened: true,
    returns: (Object.keys(FRAMEWORK_WORDS) as (keyof typeof FRAMEWORK_WORDS)[])
      .map((framework) => {
        const of = returns.filter((row) => row.framework === framework)
        return {
          framework: FRAMEWORK_WORDS[framework],
          started: of.length,
          submitted: of.filter((row) => row.status === 'submitted').length,
        }
      })
      .filter((row) => row.started > 0),
    ratings: Object.entries(RATINGS).map(([value, label]) => ({
      label,
      count: ratings.filter((row) => String(row.rating) === value).length,
    })),
    challenges: challenges.length,
    answered: challenges.filter((row) => row.response !== null).length,
  }
}
