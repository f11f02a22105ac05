// What the case audits' moderations found, in the auditors' own words, for a period: each moderated
// round's programme, date, agreed grade, findings and learning, with its child (for whoever reading it
// asks the policy whether they may know who the child is: the independent scrutineer's workspace).

import type { Kysely } from 'kysely'
import type { DB } from '../database.ts'
import type { IsoDate } from '../platform/calendar/working-days.ts'

/** The moderations held from `from` to `to` (both included), the latest first, each with its child. */
export const moderatedFindings = (db: Kysely<DB>, from: IsoDate, to: IsoDate) =>
  db
    .selectFrom('case_audit_moderation as m')
    .innerJoin('case_audit_case as c', 'c.id', 'm.case_id')
    .innerJoin('case_audit_programme as p', 'p.id', 'c.programme_id')
    .innerJoin('child', 'child.id', 'c.child_id')
    .select([
      'm.case_id',
      'm.round',
      'm.met_on',
      'm.agreed_grade',
      'm.findings',
      'm.learning',
      'p.reference',
      'p.title',
      'c.child_id',
      'c.la_id',
      'child.given_name',
      'child.family_name',
    ])
    .where('m.met_on', '>=', from)
    .where('m.met_on', '<=', to)
    .orderBy('m.met_on', 'desc')
    .orderBy('p.reference')
    .limit(200)
    .execute()
