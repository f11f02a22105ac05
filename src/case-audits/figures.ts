// The multi-agency case audits of a year, in aggregate, for the partnership's yearly report: how many
// programmes, cases and agencies' parts, and the grades agreed at moderation. Counts only, no child named.

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'
import { GRADES, type Grade } from './rules.ts'

export interface AuditFigures {
  programmes: number
  cases: number
  partsSubmitted: number
  moderated: number
  /** The grades agreed at moderation (each case's latest round), best first; grades never given left out. */
  grades: { label: string; count: number }[]
  /** The cases' ids, for counting the actions agreed at moderation (never shown). */
  caseIds: string[]
}

/** The audit programmes that began from `from` to `to` (both included), their cases, parts and moderations. */
export async function auditFigures(db: Kysely<DB>, from: IsoDate, to: IsoDate): Promise<AuditFigures> {
  const programmes = await db
    .selectFrom('case_audit_programme')
    .select('id')
    .where('starts_on', '>=', from)
    .where('starts_on', '<=', to)
    .execute()
  const programmeIds = programmes.map((row) => row.id)
  const cases =
    programmeIds.length === 0
      ? []
      : await db
          .selectFrom('case_audit_case')
          .select(['id', 'round'])
          .where('programme_id', 'in', programmeIds)
          .execute()
  const caseIds = cases.map((row) => row.id)
  const parts =
    caseIds.length === 0
      ? []
      : await db
          .selectFrom('case_audit_part')
          .select('case_id')
          .where('case_id', 'in', caseIds)
          .where('submitted_at', 'is not', null)
          .execute()
  const moderations =
    caseIds.length === 0
      ? []
      : await db
          .selectFrom('case_audit_moderation')
          .select(['case_id', 'round', 'agreed_grade'])
          .where('case_id', 'in', caseIds)
          .orderBy('round')
          .execute()
  const latest = new Map<string, Grade>()
  for (const row of moderations) latest.set(row.case_id, row.agreed_grade)
  const agreed = [...latest.values()]
  return {
    programmes: programmeIds.length,
    cases: caseIds.length,
    partsSubmitted: parts.length,
    moderated: latest.size,
    grades: (Object.keys(GRADES) as Grade[])
      .map((grade) => ({ label: GRADES[grade], count: agreed.filter((g) => g === grade).length }))
      .filter((row) => row.count > 0),
    caseIds,
  }
}
